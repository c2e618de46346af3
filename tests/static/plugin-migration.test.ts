import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultSchemaPaths, openDatabase } from '@gea/db';
import { applyMigrations, createMigration, readLocalMigrations } from '@gea/db/migrations';
import { afterAll, describe, expect, it } from 'vitest';

// Database-independent: the diff is computed on a scratch PGlite whatever the deployment target.
describe('npm run db:migration creates a new plugin\'s migration from the schema diff, offline', () => {
  let workDir: string;
  afterAll(() => (workDir ? rm(workDir, { recursive: true, force: true }) : undefined));

  it('writes <timestamp>_<name>/migration.sql with the plugin tables, which applies cleanly and leaves no drift', { timeout: 60_000 }, async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'gea-plugin-migration-'));
    const paths = { schemaDir: path.join(workDir, 'schema'), migrationsDir: path.join(workDir, 'migrations') };
    await cp(defaultSchemaPaths.schemaDir, paths.schemaDir, { recursive: true });
    await cp(defaultSchemaPaths.migrationsDir, paths.migrationsDir, { recursive: true });

    // A new plugin's model file, related to a core model (so the core side gains the back-relation).
    await writeFile(
      path.join(paths.schemaDir, 'helpdesk.prisma'),
      `model Ticket {
  id       String @id @default(uuid(7)) @db.Uuid
  entityId String @db.Uuid
  subject  String
  entity   Entity @relation(fields: [entityId], references: [id])
  @@index([entityId])
}
`,
    );
    const core = path.join(paths.schemaDir, 'core.prisma');
    await writeFile(core, (await readFile(core, 'utf8')).replace('assets Asset[]', 'assets Asset[]\n  tickets Ticket[]'));

    const before = await readLocalMigrations(paths.migrationsDir);
    const created = await createMigration('helpdesk', paths, new Date('2099-01-01T00:00:00Z'));
    expect(created?.name).toBe('20990101000000_helpdesk');
    expect(created!.sql).toMatch(/CREATE TABLE "Ticket"/);
    expect(created!.sql).toMatch(/FOREIGN KEY \("entityId"\) REFERENCES "Entity"\("id"\)/);
    expect(created!.sql).not.toMatch(/CREATE TABLE "Asset"/);
    expect(await readLocalMigrations(paths.migrationsDir)).toHaveLength(before.length + 1);

    const fresh = await openDatabase({ kind: 'pglite-memory' });
    try {
      expect(await applyMigrations(fresh, paths)).toHaveLength(before.length + 1);
      const [row] = await fresh.prisma.$queryRaw<{ table: string | null }[]>`select to_regclass('"Ticket"')::text as "table"`;
      expect(row?.table).toBe('"Ticket"');
    } finally {
      await fresh.close();
    }
    expect(await createMigration('again', paths)).toBeNull();
  });

  it('refuses a migration name that is not a plain identifier', async () => {
    await expect(createMigration('../evil')).rejects.toThrow(/invalid migration name/);
  });
});

