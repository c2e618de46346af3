// Issue 12, finding 8: npm run db:backup / db:restore on both databases, as real processes. A backup
// restored into a fresh database gives back every table with the same rows (count and a checksum of
// its ordered rows); restore refuses a target with data (unless --force) and never leaves half a database.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadInstalledPlugins } from '@gea/api';
import { seedDemoData } from '@gea/core';
import { openDatabase, repoRoot, type DatabaseTarget } from '@gea/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmptyPostgresDatabase } from '@gea/test-kit/postgres-admin.ts';
import { startServerProcess, type ServerProcess } from '@gea/test-kit/server-process.ts';

const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gea-e2e-backup-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

function run(script: 'backup' | 'restore' | 'migrate', args: string[], env: Record<string, string | undefined>) {
  // Asynchronous: the embedded server of the same test answers the backup meanwhile.
  return new Promise<{ status: number | null; output: string }>((resolve) => {
    const child = spawn(tsx, [`packages/db/src/cli/${script}.ts`, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: undefined, GEA_DATA_DIR: undefined, NODE_ENV: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output }));
  });
}

type Fingerprint = Record<string, { rows: number; checksum: string }>;

/** Every table of the public schema: its row count and the md5 of its rows in order. */
async function fingerprint(target: DatabaseTarget): Promise<Fingerprint> {
  const db = await openDatabase(target, { create: false });
  try {
    const tables = await db.prisma.$queryRaw<{ name: string }[]>`
      select tablename as name from pg_tables where schemaname = 'public' order by tablename`;
    const result: Fingerprint = {};
    for (const { name } of tables) {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      const [row] = await db.prisma.$queryRawUnsafe<{ rows: number; checksum: string }[]>(
        `select count(*)::int as rows, coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') as checksum from ${quoted} t`,
      );
      result[name] = row!;
    }
    return result;
  } finally {
    await db.close();
  }
}

function expectSubstantial(print: Fingerprint) {
  expect(Object.keys(print)).toEqual(expect.arrayContaining(['Entity', 'User', 'AuditEvent', '_prisma_migrations']));
  expect(print.Entity!.rows).toBeGreaterThan(10);
  expect(print._prisma_migrations!.rows).toBeGreaterThan(0);
}

describe('embedded database (PGlite): backup while the server runs, restore into a fresh folder', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('gives back every table, row for row; refuses a folder in use or holding data', { timeout: 600_000 }, async () => {
    const live = path.join(tmp, 'live');
    const fresh = path.join(tmp, 'fresh');
    const file = path.join(tmp, 'snapshots', 'gea.tar.gz');
    server = startServerProcess({ GEA_DATA_DIR: live, GEA_WEB_CLIENT: 'off', GEA_JOBS: 'off' });
    const graphql = await server.ready;

    const backup = await run('backup', [file], { GEA_DATA_DIR: live });
    expect(backup.output).toMatch(/running server/);
    expect(backup.status, backup.output).toBe(0);
    // The server kept serving, and still holds its folder.
    const after = await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ installedPlugins { key } }"}' });
    expect(after.status).toBe(200);

    const intoLive = await run('restore', [file, '--force'], { GEA_DATA_DIR: live });
    expect(intoLive.status).toBe(1);
    expect(intoLive.output).toMatch(/in use by process \d+; stop it before restoring/);

    const restore = await run('restore', [file], { GEA_DATA_DIR: fresh });
    expect(restore.status, restore.output).toBe(0);
    // The copy does not carry the lock of the server it came from.
    expect(existsSync(path.join(fresh, 'gea.lock'))).toBe(false);

    const again = await run('restore', [file], { GEA_DATA_DIR: fresh });
    expect(again.status).toBe(1);
    expect(again.output).toMatch(/already holds a database; .* --force/);

    await server.stop();
    server = undefined;
    const original = await fingerprint({ kind: 'pglite', dataDir: live });
    expectSubstantial(original);
    expect(await fingerprint({ kind: 'pglite', dataDir: fresh })).toEqual(original);

    // With no server, the CLI opens the folder itself.
    const offline = await run('backup', [path.join(tmp, 'offline.tar.gz')], { GEA_DATA_DIR: fresh });
    expect(offline.status, offline.output).toBe(0);
    expect(offline.output).toMatch(/data folder/);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL: pg_dump and a one-transaction restore', () => {
  const source = useEmptyPostgresDatabase('gea_e2e_backup_src');
  const target = useEmptyPostgresDatabase('gea_e2e_backup_dst');

  it('gives back every table, row for row; refuses a database with data unless --force; a broken backup changes nothing', { timeout: 600_000 }, async () => {
    const migrated = await run('migrate', [], { DATABASE_URL: source.url });
    expect(migrated.status, migrated.output).toBe(0);
    const db = await openDatabase({ kind: 'postgres', url: source.url });
    try {
      await seedDemoData(db.prisma, await loadInstalledPlugins({ ...process.env, GEA_PLUGINS: undefined }), { password: 'gea-demo', log: () => {} });
    } finally {
      await db.close();
    }
    const file = path.join(tmp, 'gea.pgdump');
    const backup = await run('backup', [file], { DATABASE_URL: source.url });
    expect(backup.status, backup.output).toBe(0);
    expect((await readFile(file)).subarray(0, 5).toString('latin1')).toBe('PGDMP');

    const restore = await run('restore', [file], { DATABASE_URL: target.url });
    expect(restore.status, restore.output).toBe(0);
    const original = await fingerprint({ kind: 'postgres', url: source.url });
    expectSubstantial(original);
    expect(await fingerprint({ kind: 'postgres', url: target.url })).toEqual(original);

    const again = await run('restore', [file], { DATABASE_URL: target.url });
    expect(again.status).toBe(1);
    expect(again.output).toMatch(/is not empty; .* --force/);

    // A truncated backup: pg_restore fails part-way, and the target keeps every row it had.
    const bytes = await readFile(file);
    const broken = path.join(tmp, 'broken.pgdump');
    await writeFile(broken, bytes.subarray(0, Math.floor(bytes.byteLength * 0.8)));
    const failed = await run('restore', [broken, '--force'], { DATABASE_URL: target.url });
    expect(failed.status).toBe(1);
    expect(await fingerprint({ kind: 'postgres', url: target.url })).toEqual(original);

    const forced = await run('restore', [file, '--force'], { DATABASE_URL: target.url });
    expect(forced.status, forced.output).toBe(0);
    expect(await fingerprint({ kind: 'postgres', url: target.url })).toEqual(original);

    // Cross-kind: an embedded snapshot is not restored into PostgreSQL.
    await writeFile(path.join(tmp, 'not-pg.tar.gz'), Buffer.from([0x1f, 0x8b, 0, 0, 0]));
    const wrongKind = await run('restore', [path.join(tmp, 'not-pg.tar.gz')], { DATABASE_URL: target.url });
    expect(wrongKind.status).toBe(1);
    expect(wrongKind.output).toMatch(/snapshot of an embedded database/);
  });
});
