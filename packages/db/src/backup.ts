// npm run db:backup / db:restore for both deployments.
// - PostgreSQL: pg_dump's custom format, restored by pg_restore through psql in ONE transaction
//   (a failure anywhere leaves the target as it was).
// - Embedded PGlite: a gzipped tarball of the data folder taken consistently (checkpoint, then read
//   while no query runs): from the running server over its local control channel, or by opening the
//   folder when no server holds it. Restore builds the new folder beside the target and swaps it in
//   with a rename, so the target is either the old database or the whole new one.
// Both check the backup's migrations against this code before touching the target.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { embeddedDatabaseExists, openDatabase } from './client.ts';
import { requestEmbeddedSnapshot, snapshotPGlite } from './embedded-control.ts';
import { acquireDataDirLock, dataDirLockOwner } from './lock.ts';
import { pgliteExtensions } from './pglite-options.ts';
import { readLocalMigrations, statusOfAppliedRows, type AppliedRow, type MigrationStatus } from './migrations.ts';
import { describeTarget, type DatabaseTarget } from './target.ts';

/** A refusal or failure the CLI prints as one line (exit code 1). */
export class BackupError extends Error {
  override name = 'BackupError';
}

type Log = (line: string) => void;

const PG_DUMP_MAGIC = 'PGDMP';
const GZIP_MAGIC = [0x1f, 0x8b];

async function fileKind(file: string): Promise<'postgres' | 'pglite' | 'unknown'> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(error.code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file}: ${error.message}`);
  });
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    if (bytesRead === 5 && buffer.toString('latin1') === PG_DUMP_MAGIC) return 'postgres';
    if (bytesRead >= 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1]) return 'pglite';
    return 'unknown';
  } finally {
    await handle.close();
  }
}

/** Writes beside the destination, then renames: a backup file is complete or absent. Readable by this user only. */
async function writeWhole(file: string, produce: (partial: string) => Promise<void>): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  try {
    await produce(partial);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL client tools

/** The environment and connection string for libpq tools: the password in PGPASSWORD, never on the command line. */
function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  parsed.password = '';
  // libpq refuses parameters it does not know (Prisma's `schema`, pg's `ssl`...): keep its own.
  const known = new Set(['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'application_name', 'connect_timeout', 'options', 'host', 'port']);
  for (const key of [...parsed.searchParams.keys()]) if (!known.has(key)) parsed.searchParams.delete(key);
  return { dbname: parsed.toString(), env };
}

function toolPath(name: string): string {
  const dir = process.env.GEA_PG_BIN_DIR?.trim();
  return dir ? path.join(dir, name) : name;
}

interface ToolRun {
  code: number | null;
  stderr: string;
}

function spawnTool(name: string, args: string[], env: NodeJS.ProcessEnv, stdio: 'pipe-in' | 'pipe-out' | 'none') {
  const child = spawn(toolPath(name), args, {
    env,
    stdio: [stdio === 'pipe-in' ? 'pipe' : 'ignore', stdio === 'pipe-out' ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const done = new Promise<ToolRun>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${name} not found: install the PostgreSQL client tools of the server's major version or newer (Debian: apt-get install postgresql-client-15), or set GEA_PG_BIN_DIR to their folder`
            : `${name} could not run: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) => resolve({ code, stderr }));
  });
  return { child, done };
}

function toolFailure(name: string, run: ToolRun): BackupError {
  const detail = run.stderr.trim().split('\n').filter(Boolean).slice(-3).join(' / ');
  return new BackupError(`${name} failed (exit ${run.code}): ${detail || 'no message'}`);
}

/** Rows of `_prisma_migrations` in a custom-format dump (its COPY data, read by pg_restore without restoring anything). */
async function migrationsInDump(file: string): Promise<AppliedRow[]> {
  const { child, done } = spawnTool('pg_restore', ['--data-only', '--table=_prisma_migrations', '--file=-', file], process.env, 'pipe-out');
  let script = '';
  child.stdout!.on('data', (chunk: Buffer) => (script += chunk.toString('utf8')));
  const run = await done;
  if (run.code !== 0) throw toolFailure('pg_restore', run);
  const copy = /^COPY [^(]+\(([^)]+)\) FROM stdin;\n([\s\S]*?)^\\\.$/m.exec(script);
  if (!copy) return [];
  const columns = copy[1]!.split(',').map((column) => column.trim().replace(/^"|"$/g, ''));
  const unescape = (value: string) => (value === '\\N' ? null : value.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c));
  return copy[2]!
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const values = line.split('\t').map(unescape);
      const row = Object.fromEntries(columns.map((column, i) => [column, values[i] ?? null]));
      return row as unknown as AppliedRow;
    });
}

async function postgresIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      `select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    return rows[0]!.count === '0';
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Migrations of a backup against this code

async function checkBackupMigrations(rows: AppliedRow[], log: Log): Promise<MigrationStatus> {
  if (rows.length === 0) throw new BackupError('the backup holds no GEA database (no _prisma_migrations rows)');
  const status = statusOfAppliedRows(rows, await readLocalMigrations());
  if (status.unknown.length > 0) {
    throw new BackupError(
      `the backup was made by a newer GEA (migrations this code does not know: ${status.unknown.join(', ')}); restore it with that version`,
    );
  }
  if (status.failed.length > 0) {
    throw new BackupError(`the backup holds a migration that never finished (${status.failed.join(', ')}); it was taken mid-migration`);
  }
  if (status.edited.length > 0) {
    throw new BackupError(`the backup's migrations differ from this code's files (${status.edited.join(', ')}): restore it with the GEA version that made it`);
  }
  if (status.pending.length > 0) {
    log(`the backup is from an older GEA: ${status.pending.length} migration(s) to apply after the restore (npm run db:migrate, or start the embedded server)`);
  }
  return status;
}

// ---------------------------------------------------------------------------------------------
// Backup

export interface BackupOutcome {
  file: string;
  bytes: number;
  /** How the snapshot was taken. */
  via: 'pg_dump' | 'running server' | 'data folder';
}

export async function backupDatabase(target: DatabaseTarget, file: string): Promise<BackupOutcome> {
  switch (target.kind) {
    case 'postgres': {
      const { dbname, env } = libpqConnection(target.url);
      await writeWhole(file, async (partial) => {
        const { done } = spawnTool('pg_dump', ['--format=custom', '--no-password', `--file=${partial}`, `--dbname=${dbname}`], env, 'none');
        const run = await done;
        if (run.code !== 0) throw toolFailure('pg_dump', run);
      });
      return { file, bytes: (await readFile(file)).byteLength, via: 'pg_dump' };
    }
    case 'pglite': {
      const { dataDir } = target;
      if (!embeddedDatabaseExists(dataDir)) throw new BackupError(`there is no embedded database at ${dataDir}`);
      const owner = dataDirLockOwner(dataDir);
      let bytes: Uint8Array;
      let via: BackupOutcome['via'];
      if (owner !== null) {
        bytes = await requestEmbeddedSnapshot(dataDir).catch((error: Error) => {
          throw new BackupError(`the embedded database is held by process ${owner}, which did not give a snapshot (${error.message}); stop it and run the backup again`);
        });
        via = 'running server';
      } else {
        const db = await openDatabase(target, { create: false });
        try {
          bytes = new Uint8Array(await (await snapshotPGlite(db.pglite!)).arrayBuffer());
        } finally {
          await db.close();
        }
        via = 'data folder';
      }
      await writeWhole(file, (partial) => writeFile(partial, bytes, { mode: 0o600 }));
      return { file, bytes: bytes.byteLength, via };
    }
    case 'pglite-memory':
      throw new BackupError('an in-memory database has nothing to back up');
  }
}

// ---------------------------------------------------------------------------------------------
// Restore

export interface RestoreOptions {
  /** Replace a target that already holds a database (otherwise refused). */
  force?: boolean;
  log?: Log;
}

export async function restoreDatabase(target: DatabaseTarget, file: string, options: RestoreOptions = {}): Promise<MigrationStatus> {
  const log = options.log ?? (() => {});
  const kind = await fileKind(file);
  if (kind === 'unknown') throw new BackupError(`${file} is not a GEA backup (neither a pg_dump custom-format file nor an embedded database snapshot)`);
  if (target.kind === 'postgres' && kind !== 'postgres') {
    throw new BackupError(`${file} is a snapshot of an embedded database: unset DATABASE_URL to restore it into GEA_DATA_DIR`);
  }
  if (target.kind !== 'postgres' && kind !== 'pglite') {
    throw new BackupError(`${file} is a PostgreSQL backup: set DATABASE_URL to the (empty) PostgreSQL database to restore it into`);
  }
  switch (target.kind) {
    case 'postgres':
      return restorePostgres(target.url, file, options.force ?? false, log);
    case 'pglite':
      return restoreEmbedded(target.dataDir, file, options.force ?? false, log);
    case 'pglite-memory':
      throw new BackupError('restore into an in-memory database is not supported');
  }
}

async function restorePostgres(url: string, file: string, force: boolean, log: Log): Promise<MigrationStatus> {
  const status = await checkBackupMigrations(await migrationsInDump(file), log);
  if (!(await postgresIsEmpty(url)) && !force) {
    throw new BackupError(`${describeTarget({ kind: 'postgres', url })} is not empty; restore into an empty database, or add --force to replace its contents`);
  }
  const { dbname, env } = libpqConnection(url);
  // pg_restore writes the SQL, psql runs it in one transaction that is committed only after
  // pg_restore finished without error; psql stops at the first failing statement (rolled back).
  const psql = spawnTool('psql', ['--no-psqlrc', '--quiet', '--no-password', '--set=ON_ERROR_STOP=1', `--dbname=${dbname}`], env, 'pipe-in');
  const restore = spawnTool('pg_restore', ['--no-owner', '--no-privileges', '--file=-', file], process.env, 'pipe-out');
  const input = psql.child.stdin!;
  input.on('error', () => {}); // psql stopped at an error: reported through its exit code
  input.write('BEGIN;\n');
  if (force) input.write('DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n');
  restore.child.stdout!.pipe(input, { end: false });
  // 'close' comes after pg_restore's output ended, so all of it is already queued to psql.
  const restored = await restore.done;
  if (restored.code === 0) input.write('COMMIT;\n');
  input.end(); // without COMMIT, psql's session ends and the transaction is rolled back
  const applied = await psql.done;
  if (restored.code !== 0) throw toolFailure('pg_restore', restored);
  if (applied.code !== 0) throw toolFailure('psql', applied);
  return status;
}

async function restoreEmbedded(dataDir: string, file: string, force: boolean, log: Log): Promise<MigrationStatus> {
  const owner = dataDirLockOwner(dataDir);
  if (owner !== null) throw new BackupError(`the embedded database at ${dataDir} is in use by process ${owner}; stop it before restoring`);
  if (embeddedDatabaseExists(dataDir) && !force) {
    throw new BackupError(`${dataDir} already holds a database; restore into an empty GEA_DATA_DIR, or add --force to replace it`);
  }
  // Built beside the target, checked, then swapped in by renames.
  const building = `${dataDir}.restoring-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  let status: MigrationStatus;
  try {
    const snapshot = new Blob([await readFile(file)], { type: 'application/x-gzip' });
    const pglite = await PGlite.create(building, { loadDataDir: snapshot, extensions: pgliteExtensions });
    try {
      const [table] = (await pglite.query<{ exists: boolean }>(`select to_regclass('_prisma_migrations') is not null as "exists"`)).rows;
      const rows = table?.exists
        ? (await pglite.query<AppliedRow>('select migration_name, checksum, finished_at, rolled_back_at from _prisma_migrations')).rows
        : [];
      status = await checkBackupMigrations(rows, log);
    } finally {
      await pglite.close();
    }
    // A snapshot carries the lock file of the server it came from: not this folder's owner.
    rmSync(path.join(building, 'gea.lock'), { force: true });
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} could not be read as an embedded database snapshot: ${(error as Error).message}`);
  }

  if (existsSync(dataDir)) {
    // No server may start on the old folder while it is swapped out.
    const lock = acquireDataDirLock(dataDir);
    const replaced = `${dataDir}.replaced-${process.pid}`;
    try {
      renameSync(dataDir, replaced);
      try {
        renameSync(building, dataDir);
      } catch (error) {
        renameSync(replaced, dataDir); // put the old database back
        throw error;
      }
    } finally {
      lock.release();
    }
    rmSync(replaced, { recursive: true, force: true });
  } else {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    renameSync(building, dataDir);
  }
  return status;
}
