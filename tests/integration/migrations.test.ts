import { DatabaseStartupError, type Database } from '@gea/db';
import { applyMigrations, migrationStatus, readLocalMigrations } from '@gea/db/migrations';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@gea/test-kit/database.ts';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.close());

const insertRow = (id: string, name: string, finished: boolean, checksum = 'x') =>
  db.prisma.$executeRawUnsafe(
    `insert into _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
     values ($1, $2, $3, now(), ${finished ? 'now()' : 'null'}, 1)`,
    id,
    checksum,
    name,
  );

describe('migrations', () => {
  afterEach(async () => {
    await db.prisma.$executeRawUnsafe(`delete from _prisma_migrations where id like 'test-%'`);
  });

  it('a migrated database has every local migration applied and applying again changes nothing', async () => {
    const local = await readLocalMigrations();
    const status = await migrationStatus(db);
    expect(status).toEqual({ applied: local.map((m) => m.name), pending: [], unknown: [], failed: [], edited: [] });
    expect(await applyMigrations(db)).toEqual([]);
  });

  it('refuses a database migrated by a newer version, naming the migration, and writes nothing', async () => {
    await insertRow('test-newer', '29991231000000_future_feature', true);
    const tables = await db.prisma.$queryRaw<unknown[]>`select tablename from pg_tables where schemaname = 'public'`;
    const error = await applyMigrations(db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseStartupError);
    expect((error as Error).message).toMatch(/newer GEA version .*29991231000000_future_feature/);
    expect(await db.prisma.$queryRaw<unknown[]>`select tablename from pg_tables where schemaname = 'public'`).toEqual(tables);
  });

  it('refuses a database with a migration that never finished', async () => {
    await insertRow('test-failed', '29991231000001_half_done', false);
    await expect(applyMigrations(db)).rejects.toThrow(/started and never finished \(29991231000001_half_done\)/);
  });

  it('refuses when an applied migration file was edited afterwards', async () => {
    const [first] = await readLocalMigrations();
    await db.prisma.$executeRawUnsafe(
      `update _prisma_migrations set checksum = 'edited' where migration_name = $1`,
      first!.name,
    );
    try {
      const status = await migrationStatus(db);
      expect(status.edited).toEqual([first!.name]);
      await expect(applyMigrations(db)).rejects.toThrow(/edited after they were applied/);
    } finally {
      await db.prisma.$executeRawUnsafe(
        `update _prisma_migrations set checksum = $1 where migration_name = $2`,
        first!.checksum,
        first!.name,
      );
    }
  });
});
