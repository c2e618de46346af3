// jsonRows (packages/core/src/kit/json-rows.ts): a hand-written statement's rows as one JSON text.
// Plugins read thousands of rows through it (an association's members, their PCs and populations),
// so it must give what $queryRaw gives: the same rows, in the order asked, the values of a
// transaction's own writes, and dates that do not move with the process's time zone.
import { jsonRows } from '@gea/core';
import { Prisma, type Database } from '@gea/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@gea/test-kit/database.ts';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

describe('jsonRows', () => {
  it('gives the rows $queryRaw gives, in the order asked, for any names and numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ name: fc.string({ maxLength: 12 }), n: fc.integer({ min: -1_000_000, max: 1_000_000 }) }), { maxLength: 30 }), async (rows) => {
        const names = rows.map((row) => row.name.replace(/\u0000/g, ''));
        const numbers = rows.map((row) => row.n);
        const statement = Prisma.sql`select t.name, t.n, t.i from unnest(${names}::text[], ${numbers}::int[]) with ordinality as t(name, n, i)`;
        const viaJson = await jsonRows<{ name: string; n: number; i: number }>(db.prisma, statement, Prisma.sql`r.n desc, r.i`);
        const viaPrisma = await db.prisma.$queryRaw<{ name: string; n: number; i: bigint }[]>`${statement} order by t.n desc, t.i`;
        expect(viaJson).toEqual(viaPrisma.map((row) => ({ name: row.name, n: row.n, i: Number(row.i) })));
      }),
      { numRuns: 25 },
    );
  });

  it('answers an empty array for no rows', async () => {
    expect(await jsonRows(db.prisma, Prisma.sql`select 1 as one where false`)).toEqual([]);
  });

  it('reads a date parameter as the same day whatever the time zone of the process', async () => {
    const zone = process.env.TZ;
    // West of Greenwich, where the driver's own rendering of midnight UTC falls on the day before.
    process.env.TZ = 'America/New_York';
    try {
      const day = new Date(Date.UTC(2025, 11, 31));
      expect(day.getDate()).toBe(30);
      const [row] = await jsonRows<{ day: string }>(db.prisma, Prisma.sql`select ${day}::date as day`);
      expect(row!.day).toBe('2025-12-31');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('sees what the transaction it runs in has written and not yet committed', async () => {
    const name = `Ente ${Math.random()}`;
    await db.prisma
      .$transaction(async (tx) => {
        await tx.entity.create({ data: { kind: 'MUNICIPALITY', name } });
        const rows = await jsonRows<{ name: string }>(tx, Prisma.sql`select "name" from "Entity" where "name" = ${name}`);
        expect(rows).toEqual([{ name }]);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await jsonRows(db.prisma, Prisma.sql`select "name" from "Entity" where "name" = ${name}`)).toEqual([]);
  });
});
