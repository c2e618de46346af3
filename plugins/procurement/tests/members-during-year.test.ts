// Who shares a year's costs (membersDuringYear, and membersDuringYearSql that cost sharing and
// inventory statements read from): every body that is a member on some day of the year, once, a
// union itself never. Checked against the rule written plainly in JavaScript, for any memberships:
// joined and left on any day, left and joined again, several in one year.
import { jsonRows } from '@gea/core';
import { Prisma } from '@gea/db';
import procurement, { membersDuringYear, membersDuringYearSql } from '@gea/plugin-procurement';
import inventory from '@gea/plugin-inventory';
import { useTestApi } from '@gea/test-kit/api.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const t = useTestApi([inventory, procurement]);
const day = fc.integer({ min: 0, max: 6 * 365 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000));
const period = fc.record({ joinedOn: day, days: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }) });
const body = fc.record({ union: fc.boolean(), periods: fc.array(period, { minLength: 1, maxLength: 3 }) });
let run = 0;

describe('members during a year', () => {
  it('are the bodies (never a union) with a membership that touches the year, each once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 8 }), fc.integer({ min: 2019, max: 2027 }), async (bodies, year) => {
        run++;
        const lead = await t.db.prisma.entity.create({ data: { kind: 'UNION', name: `Unione ${run}` } });
        const association = await t.db.prisma.association.create({ data: { kind: 'UNION', name: `Associazione ${run}`, leadEntityId: lead.id, startDate: new Date('2010-01-01') } });
        const expected = new Set<string>();
        for (const [i, member] of bodies.entries()) {
          const entity = await t.db.prisma.entity.create({ data: { kind: member.union ? 'UNION' : 'MUNICIPALITY', name: `Ente ${run}.${i}` } });
          // Distinct join days (they are part of the key); a period ends on or after its start.
          const periods = [...new Map(member.periods.map((p) => [p.joinedOn.getTime(), p])).values()];
          await t.db.prisma.associationMember.createMany({
            data: periods.map((p) => ({
              associationId: association.id,
              entityId: entity.id,
              joinedOn: p.joinedOn,
              leftOn: p.days === null ? null : new Date(p.joinedOn.getTime() + p.days * 86_400_000),
            })),
          });
          const touches = periods.some((p) => {
            const joined = p.joinedOn.toISOString().slice(0, 10);
            const left = p.days === null ? null : new Date(p.joinedOn.getTime() + p.days * 86_400_000).toISOString().slice(0, 10);
            return joined <= `${year}-12-31` && (left === null || left >= `${year}-01-01`);
          });
          if (touches && !member.union) expected.add(entity.id);
        }
        const listed = await membersDuringYear({ prisma: t.db.prisma }, association.id, year);
        expect(listed.length).toBe(new Set(listed).size);
        expect(new Set(listed)).toEqual(expected);
        const read = await jsonRows<{ entityId: string }>(t.db.prisma, Prisma.sql`select distinct "entityId" from (${membersDuringYearSql(association.id, year)}) m`);
        expect(new Set(read.map((row) => row.entityId))).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
