import { LoaderRegistry } from '@gea/core';
import inventory, { countPersonalComputersInService } from '@gea/plugin-inventory';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';

/**
 * The PC count reads a ledger that triggers keep (PcServiceDelta / PcServiceYear). Property: after
 * any sequence of history inserts (in any order, several a day), corrections, deletions, kind and
 * body changes and asset deletions, the count of every body at every date equals the count walked
 * from the history itself (the definition: each PC's latest change on or before the date).
 */
const t = useTestApi([inventory]);
const bodies: string[] = [];

const reference = async (date: string) => {
  const rows = await t.db.prisma.$queryRaw<{ entityId: string; n: number }[]>`
    select a."entityId"::text as "entityId", count(*)::int as n
    from "Asset" a
    join lateral (
      select s.status from "AssetStatusChange" s
      where s."assetId" = a.id and s."effectiveOn" <= ${date}::date
      order by s."effectiveOn" desc, s."recordedAt" desc, s.id desc
      limit 1
    ) latest on true
    where a.kind in ('DESKTOP_PC', 'LAPTOP') and latest.status = 'IN_SERVICE'
    group by a."entityId"`;
  return new Map(rows.map((row) => [row.entityId, row.n]));
};

const ledger = async (date: string) => {
  // A fresh context per call: the loader caches within one request only.
  const context = { prisma: t.db.prisma, loaders: new LoaderRegistry() } as never;
  return Promise.all(bodies.map((id) => countPersonalComputersInService(context, id, new Date(date))));
};

beforeAll(async () => {
  for (const name of ['Comune Registro A', 'Comune Registro B']) {
    bodies.push((await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } })).id);
  }
});

const day = fc.integer({ min: 0, max: 1200 }).map((n) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const status = fc.constantFrom('ORDERED', 'IN_SERVICE', 'UNDER_REPAIR', 'SPARE', 'RETIRED', 'DISPOSED' as const);
const kind = fc.constantFrom('DESKTOP_PC', 'LAPTOP', 'PRINTER' as const);
const operation = fc.oneof(
  fc.record({ op: fc.constant('change' as const), asset: fc.nat(5), status, day }),
  fc.record({ op: fc.constant('bulk' as const), asset: fc.nat(5), changes: fc.array(fc.tuple(status, day), { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('correct' as const), asset: fc.nat(5), status, day }),
  fc.record({ op: fc.constant('forget' as const), asset: fc.nat(5) }),
  fc.record({ op: fc.constant('kind' as const), asset: fc.nat(5), kind }),
  fc.record({ op: fc.constant('move' as const), asset: fc.nat(5), body: fc.nat(1) }),
  fc.record({ op: fc.constant('delete' as const), asset: fc.nat(5) }),
);

describe('the PC-in-service ledger kept by triggers', () => {
  it('always equals the count walked from the history, at every date', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), fc.array(day, { minLength: 1, maxLength: 4 }), async (operations, dates) => {
        run++;
        const assets = [];
        for (let i = 0; i < 6; i++) {
          assets.push(
            await t.db.prisma.asset.create({
              data: { entityId: bodies[i % 2]!, kind: i % 3 === 2 ? 'PRINTER' : 'DESKTOP_PC', inventoryTag: `R${run}-${i}` },
            }),
          );
        }
        const alive = new Set(assets.map((a) => a.id));
        for (const o of operations) {
          const asset = assets[o.asset]!;
          if (!alive.has(asset.id)) continue;
          if (o.op === 'change') {
            await t.db.prisma.assetStatusChange.create({ data: { assetId: asset.id, status: o.status, effectiveOn: new Date(o.day) } });
          } else if (o.op === 'bulk') {
            await t.db.prisma.assetStatusChange.createMany({
              data: o.changes.map(([s, d]) => ({ assetId: asset.id, status: s, effectiveOn: new Date(d) })),
            });
          } else if (o.op === 'correct') {
            await t.db.prisma.assetStatusChange.updateMany({ where: { assetId: asset.id }, data: { status: o.status, effectiveOn: new Date(o.day) } });
          } else if (o.op === 'forget') {
            await t.db.prisma.assetStatusChange.deleteMany({ where: { assetId: asset.id } });
          } else if (o.op === 'kind') {
            await t.db.prisma.asset.update({ where: { id: asset.id }, data: { kind: o.kind } });
          } else if (o.op === 'move') {
            await t.db.prisma.asset.update({ where: { id: asset.id }, data: { entityId: bodies[o.body]! } });
          } else {
            await t.db.prisma.asset.delete({ where: { id: asset.id } });
            alive.delete(asset.id);
          }
        }
        for (const date of dates) {
          const expected = await reference(date);
          expect(await ledger(date), `at ${date} after ${JSON.stringify(operations)}`).toEqual(bodies.map((id) => expected.get(id) ?? 0));
        }
        // Nothing that cancelled out is left behind.
        expect(await t.db.prisma.pcServiceDelta.count({ where: { delta: 0 } })).toBe(0);
      }),
      { numRuns: Number(process.env.GEA_PROPERTY_RUNS_LEDGER ?? 60) },
    );
    expect(run).toBeGreaterThanOrEqual(60);
  }, 300_000);
});
