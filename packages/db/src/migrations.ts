import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationList, SchemaContainer } from '@prisma/schema-engine-wasm';
import { openDatabase, type Database } from './client.ts';
import { DatabaseStartupError } from './errors.ts';
import { defaultSchemaPaths, type SchemaPaths } from './paths.ts';
import { withSchemaEngine } from './schema-engine.ts';

const LOCKFILE = 'migration_lock.toml';
const EMPTY_MIGRATION = '-- This is an empty migration.';
const noFilters = { externalTables: [], externalEnums: [] };

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  /** Applied here and present locally, in order. */
  applied: string[];
  /** Present locally, not applied yet. */
  pending: string[];
  /** Applied in the database but unknown to this code: the database is from a newer version. */
  unknown: string[];
  /** Started but never finished (a crash or an error mid-migration). */
  failed: string[];
  /** Applied, but the local file has changed since. */
  edited: string[];
}

/** Every `.prisma` file under the schema folder: core.prisma and one file per plugin. */
export async function readSchemaFiles(schemaDir = defaultSchemaPaths.schemaDir): Promise<SchemaContainer[]> {
  const entries = await readdir(schemaDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.prisma'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(files.map(async (file) => ({ path: file, content: await readFile(file, 'utf8') })));
}

export async function readLocalMigrations(migrationsDir = defaultSchemaPaths.migrationsDir): Promise<LocalMigration[]> {
  if (!existsSync(migrationsDir)) return [];
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const migrations: LocalMigration[] = [];
  for (const name of names) {
    const file = path.join(migrationsDir, name, 'migration.sql');
    if (!existsSync(file)) continue;
    const sql = await readFile(file, 'utf8');
    migrations.push({ name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

async function migrationList(migrationsDir: string): Promise<MigrationList> {
  const lockPath = path.join(migrationsDir, LOCKFILE);
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: (await readLocalMigrations(migrationsDir)).map((migration) => ({
      path: migration.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
    })),
  };
}

export interface AppliedRow {
  migration_name: string;
  checksum: string;
  /** Only null or not matters here: a backup's rows carry them as text. */
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

/** Compares the `_prisma_migrations` table with the local migrations folder. */
export async function migrationStatus(
  db: Database,
  paths: SchemaPaths = defaultSchemaPaths,
  local?: readonly LocalMigration[],
): Promise<MigrationStatus> {
  local ??= await readLocalMigrations(paths.migrationsDir);
  const [table] = await db.prisma.$queryRaw<{ exists: boolean }[]>`
    select to_regclass('_prisma_migrations') is not null as "exists"`;
  const rows = table?.exists
    ? await db.prisma.$queryRaw<AppliedRow[]>`
        select migration_name, checksum, finished_at, rolled_back_at
        from _prisma_migrations order by started_at, migration_name`
    : [];
  return statusOfAppliedRows(rows, local);
}

/** Compares the rows of a `_prisma_migrations` table (a database's or a backup's) with this code's migrations. */
export function statusOfAppliedRows(rows: readonly AppliedRow[], local: readonly LocalMigration[]): MigrationStatus {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const done = new Map(live.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]));
  const localNames = new Set(local.map((migration) => migration.name));
  return {
    applied: local.filter((m) => done.has(m.name)).map((m) => m.name),
    pending: local.filter((m) => !done.has(m.name)).map((m) => m.name),
    unknown: [...done.keys()].filter((name) => !localNames.has(name)),
    failed: live.filter((row) => row.finished_at === null).map((row) => row.migration_name),
    edited: local.filter((m) => done.has(m.name) && done.get(m.name)!.checksum !== m.checksum).map((m) => m.name),
  };
}

/** Refuses a database that this version must not touch: newer, half-migrated or with edited history. */
export function assertMigratable(status: MigrationStatus, where: string): void {
  if (status.unknown.length > 0) {
    throw new DatabaseStartupError(
      `${where} was migrated by a newer GEA version (unknown migrations: ${status.unknown.join(', ')}); ` +
        'refusing to start so nothing is overwritten. Upgrade GEA, or point GEA_DATA_DIR/DATABASE_URL elsewhere.',
    );
  }
  if (status.failed.length > 0) {
    throw new DatabaseStartupError(
      `${where} has a migration that started and never finished (${status.failed.join(', ')}); restore a backup or fix it by hand before starting.`,
    );
  }
  if (status.edited.length > 0) {
    throw new DatabaseStartupError(
      `${where} has migrations that were edited after they were applied (${status.edited.join(', ')}); restore the original migration files.`,
    );
  }
}

/**
 * For command-line tools: the database is migratable and fully migrated (they never migrate on
 * their own; `npm run db:migrate` or a server start does).
 */
export async function assertFullyMigrated(db: Database): Promise<void> {
  const status = await migrationStatus(db);
  assertMigratable(status, db.describe());
  if (status.pending.length > 0) {
    throw new DatabaseStartupError(`${db.describe()} has ${status.pending.length} pending migration(s); run: npm run db:migrate`);
  }
}

/** Applies every pending migration; returns the names applied now. */
export async function applyMigrations(
  db: Database,
  paths: SchemaPaths = defaultSchemaPaths,
  status?: MigrationStatus,
): Promise<string[]> {
  assertMigratable(status ?? (await migrationStatus(db, paths)), db.describe());
  const schemaFiles = await readSchemaFiles(paths.schemaDir);
  const list = await migrationList(paths.migrationsDir);
  const output = await withSchemaEngine(schemaFiles, db.adapterFactory, (engine) =>
    engine.applyMigrations({ migrationsList: list, filters: noFilters }),
  );
  return output.appliedMigrationNames;
}

/**
 * SQL that takes a database migrated with the local migrations to the current schema files.
 * Computed on a throw-away in-memory PGlite: the engine's introspection works there, and no
 * shadow database or network is needed. Returns null when there is nothing to change.
 */
export async function diffSchemaAgainstMigrations(paths: SchemaPaths = defaultSchemaPaths): Promise<string | null> {
  const scratch = await openDatabase({ kind: 'pglite-memory' });
  try {
    const schemaFiles = await readSchemaFiles(paths.schemaDir);
    const list = await migrationList(paths.migrationsDir);
    return await withSchemaEngine(schemaFiles, scratch.adapterFactory, async (engine) => {
      await engine.applyMigrations({ migrationsList: list, filters: noFilters });
      const result = await engine.diff({
        from: { tag: 'schemaDatasource', files: schemaFiles, configDir: path.dirname(paths.schemaDir) },
        to: { tag: 'schemaDatamodel', files: schemaFiles },
        script: true,
        exitCode: null,
        filters: noFilters,
      });
      const sql = (result.stdout ?? '').trim();
      return sql === '' || sql === EMPTY_MIGRATION ? null : `${sql}\n`;
    });
  } finally {
    await scratch.close();
  }
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export interface CreatedMigration {
  name: string;
  file: string;
  sql: string;
}

/** Writes `<timestamp>_<name>/migration.sql` from the schema diff, or returns null when in sync. */
/**
 * The triggers that raise `version` on every UPDATE, for each table the migration gives a
 * `version Int @default(1)` column (optimistic concurrency, see lockForChange in the plugin kit).
 * Prisma knows nothing of triggers, so createMigration appends them: a model only needs the field.
 * `gea_bump_version()` itself comes from the record_versions migration.
 */
export function versionTriggersFor(sql: string): string {
  const tables = new Set<string>();
  for (const match of sql.matchAll(/CREATE TABLE "([^"]+)" \(([^;]*?)\n\);/g)) {
    if (/^\s*"version" INTEGER NOT NULL DEFAULT 1,?$/m.test(match[2]!)) tables.add(match[1]!);
  }
  for (const match of sql.matchAll(/ALTER TABLE "([^"]+)" ADD COLUMN\s+"version" INTEGER NOT NULL DEFAULT 1[,;]/g)) tables.add(match[1]!);
  if (tables.size === 0) return '';
  const lines = [...tables].map(
    (table) => `CREATE TRIGGER "${table}_bump_version" BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "gea_bump_version"();`,
  );
  return `\n-- Optimistic concurrency: every UPDATE raises the row's version by one (added by db:migration).\n${lines.join('\n')}\n`;
}

export async function createMigration(
  name: string,
  paths: SchemaPaths = defaultSchemaPaths,
  now = new Date(),
): Promise<CreatedMigration | null> {
  if (!/^[a-z0-9][a-z0-9_]*$/.test(name)) {
    throw new Error(`invalid migration name "${name}": use lowercase letters, digits and underscores`);
  }
  const diff = await diffSchemaAgainstMigrations(paths);
  if (diff === null) return null;
  const sql = diff + versionTriggersFor(diff);
  const existing = await readLocalMigrations(paths.migrationsDir);
  let stamp = timestamp(now);
  // Keep the history strictly ordered even when two migrations are made within one second.
  const last = existing.at(-1)?.name.slice(0, 14);
  if (last && stamp <= last) stamp = String(BigInt(last) + 1n);
  const dirName = `${stamp}_${name}`;
  const dir = path.join(paths.migrationsDir, dirName);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'migration.sql');
  await writeFile(file, sql);
  const lockPath = path.join(paths.migrationsDir, LOCKFILE);
  if (!existsSync(lockPath)) {
    await writeFile(lockPath, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  return { name: dirName, file, sql };
}
