// The server ends idle connections (a restart, an administrator, a failover): the API process must
// not fall over, and the next statements (Prisma's and the compiled reads' own) find new connections.
import { textQueryOf, type Database } from '@gea/db';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKind } from '@gea/test-kit/database.ts';

const onPostgres = testDatabaseKind() === 'postgres';
let db: Database | undefined;
afterAll(() => db?.close());

describe('connections the database server closes', () => {
  it.runIf(onPostgres)('PostgreSQL: idle connections ended by the server are replaced, and the process carries on', async () => {
    db = await createTestDatabase();
    const textQuery = textQueryOf(db.prisma)!;
    expect(textQuery).toBeDefined();
    // connections in the pool, idle, opened by the driver alone (Prisma has not connected yet, so
    // nothing of Prisma's listens to the pool)
    await Promise.all([textQuery('select $1::text', ['a']), textQuery('select $1::text', ['b'])]);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ ended: boolean }>(
        'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [await textQuery('select current_database()', [])],
      );
      expect(rows.some((row) => row.ended)).toBe(true);
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Statements on connections the server just ended may fail once; the pool then opens new ones.
    const retry = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch {
        return work();
      }
    };
    expect(await retry(() => textQuery('select $1::text', ['still here']))).toBe('still here');
    expect(await retry(() => db!.prisma.entity.count())).toBeGreaterThanOrEqual(0);
  });
});
