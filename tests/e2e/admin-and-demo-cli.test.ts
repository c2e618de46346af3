import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, repoRoot, type DatabaseTarget } from '@gea/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '@gea/test-kit/server-process.ts';
import { useEmptyPostgresDatabase } from '@gea/test-kit/postgres-admin.ts';

// `npm run admin:create` (first ICT office head of a production installation) and
// `npm run demo:seed -- <plugin>` as real processes, then the server that uses what they wrote.

const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const PASSWORD = 'a long enough password';
// Several real processes per test (each loads the whole stack through tsx): slow on a busy machine.
const SCENARIO_TIMEOUT = 900_000;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gea-e2e-admin-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

function run(script: string, args: string[], env: Record<string, string | undefined>, input?: string) {
  const result = spawnSync(tsx, [script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: undefined, GEA_DATA_DIR: undefined, GEA_PLUGINS: undefined, NODE_ENV: undefined, GEA_ADMIN_PASSWORD: undefined, ...env },
    input: input ?? '',
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}\n${result.stderr}` };
}
const migrate = (env: Record<string, string | undefined>) => run('packages/db/src/cli/migrate.ts', [], env);
const createAdmin = (args: string[], env: Record<string, string | undefined>, input?: string) =>
  run('packages/core/src/cli/create-admin.ts', args, env, input);
const demoSeed = (key: string, env: Record<string, string | undefined>) => run('apps/api/src/cli/seed-demo.ts', [key], env);
/** Non-empty stderr lines, minus Node's own warnings. */
const errorLines = (stderr: string) => stderr.split('\n').filter((line) => line.trim() && !/ExperimentalWarning|--trace-warnings/.test(line));

async function withDatabase<T>(target: DatabaseTarget, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(target);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Starts `npm start` in production on the database and signs in over HTTP; returns who that is. */
async function signInOnProductionServer(env: Record<string, string>, email: string, password: string) {
  const server = startServerProcess({ ...env, NODE_ENV: 'production', GEA_WEB_CLIENT: 'off' });
  try {
    const url = await server.ready;
    const post = async (query: string, token?: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as { data?: any; errors?: unknown[] };
    };
    const login = await post(`mutation { login(email: "${email}", password: "${password}") { token } }`);
    expect(login.errors).toBeUndefined();
    const me = await post('{ me { email roles { role } } }', login.data.login.token);
    expect(me.errors).toBeUndefined();
    return me.data.me as { email: string; roles: { role: string }[] };
  } finally {
    expect(await server.stop()).toBe(0);
  }
}

describe('npm run admin:create on the embedded database', () => {
  it('refuses a password on the command line, a short one, and missing arguments', () => {
    const env = { GEA_DATA_DIR: path.join(tmp, 'never-used') };
    const onCommandLine = createAdmin(['--email', 'capo@unione.it', '--name', 'Capo', '--password', PASSWORD], env);
    expect(onCommandLine.status).toBe(1);
    expect(errorLines(onCommandLine.stderr)).toEqual([
      'admin:create: the password is never given on the command line: set GEA_ADMIN_PASSWORD or type it when asked',
    ]);
    const short = createAdmin(['--email', 'capo@unione.it', '--name', 'Capo'], { ...env, GEA_ADMIN_PASSWORD: 'short' });
    expect(short.status).toBe(1);
    expect(errorLines(short.stderr)).toEqual(['admin:create: GEA_ADMIN_PASSWORD: must be at least 12 characters']);
    const missing = createAdmin(['--email', 'capo@unione.it'], env, `${PASSWORD}\n`);
    expect(missing.status).toBe(1);
    expect(errorLines(missing.stderr)[0]).toMatch(/^admin:create: usage: npm run admin:create -- --email/);
  }, SCENARIO_TIMEOUT);

  it('creates the first ICT office head (password on stdin), audited; refuses a second without --force; the head can sign in', async () => {
    const dataDir = path.join(tmp, 'production-data');
    const env = { GEA_DATA_DIR: dataDir };
    const notMigrated = createAdmin(['--email', 'capo@unione.it', '--name', 'Capo Ufficio'], env, `${PASSWORD}\n`);
    expect(notMigrated.status).toBe(1);
    expect(notMigrated.stderr).toMatch(/pending migration\(s\); run: npm run db:migrate/);
    expect(migrate(env).status).toBe(0);

    const created = createAdmin(['--email', 'Capo@Unione.it', '--name', 'Capo Ufficio'], env, `${PASSWORD}\n`);
    expect(created.status, created.output).toBe(0);
    expect(created.stdout).toMatch(/created ICT office head capo@unione\.it on embedded PGlite/);
    expect(created.output).not.toContain(PASSWORD);

    const second = createAdmin(['--email', 'altro@unione.it', '--name', 'Altro'], { ...env, GEA_ADMIN_PASSWORD: PASSWORD });
    expect(second.status).toBe(1);
    expect(errorLines(second.stderr)).toEqual([expect.stringMatching(/already has an ICT office head \(capo@unione\.it\); add --force/)]);

    // --force on the same address: a forgotten password is reset, the role kept once
    const reset = createAdmin(['--email', 'capo@unione.it', '--name', 'Capo Ufficio', '--force'], { ...env, GEA_ADMIN_PASSWORD: `${PASSWORD} 2` });
    expect(reset.status, reset.output).toBe(0);
    expect(reset.stdout).toMatch(/updated ICT office head capo@unione\.it/);

    await withDatabase({ kind: 'pglite', dataDir }, async (db) => {
      const users = await db.prisma.user.findMany({ include: { roles: true } });
      expect(users.map((u) => [u.email, u.roles.map((r) => [r.role, r.entityId])])).toEqual([['capo@unione.it', [['ICT_HEAD', null]]]]);
      const audit = await db.prisma.auditEvent.findMany({ where: { operation: 'createAdmin' }, orderBy: { id: 'asc' } });
      expect(audit.map((event) => [event.actorKind, event.outcome, event.targetId])).toEqual([
        ['system', 'SUCCESS', users[0]!.id],
        ['system', 'SUCCESS', users[0]!.id],
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/argon2|a long enough password/);
    });

    const me = await signInOnProductionServer(env, 'capo@unione.it', `${PASSWORD} 2`);
    expect(me).toEqual({ email: 'capo@unione.it', roles: [{ role: 'ICT_HEAD' }] });
  }, SCENARIO_TIMEOUT);
});

describe.runIf(process.env.TEST_DATABASE_URL)('npm run admin:create on PostgreSQL', () => {
  // created before the tests, dropped after them; nothing here may assume TEST_DATABASE_URL is set
  const { url } = useEmptyPostgresDatabase('gea_e2e_admin');

  it('creates the first ICT office head from GEA_ADMIN_PASSWORD, who can then sign in', async () => {
    const env = { DATABASE_URL: url };
    expect(migrate(env).status).toBe(0);
    const created = createAdmin(['--email', 'responsabile@comune.prato.it', '--name', 'Responsabile ICT'], { ...env, GEA_ADMIN_PASSWORD: PASSWORD });
    expect(created.status, created.output).toBe(0);
    expect(created.stdout).toMatch(/created ICT office head responsabile@comune\.prato\.it on PostgreSQL at/);
    const again = createAdmin(['--email', 'altro@comune.prato.it', '--name', 'Altro'], { ...env, GEA_ADMIN_PASSWORD: PASSWORD });
    expect(again.status).toBe(1);
    const me = await signInOnProductionServer(env, 'responsabile@comune.prato.it', PASSWORD);
    expect(me.roles).toEqual([{ role: 'ICT_HEAD' }]);
  }, SCENARIO_TIMEOUT);
});

describe('npm run demo:seed -- <plugin> and the plugin state at start', () => {
  it('adds a plugin installed after the first start, in dependency order, never twice, never in production', async () => {
    const dataDir = path.join(tmp, 'development');
    const first = startServerProcess({ GEA_DATA_DIR: dataDir, GEA_PLUGINS: 'inventory', GEA_WEB_CLIENT: 'off' });
    await first.ready;
    expect(first.stdout()).toMatch(/^inventory: enabled for 16 of 16 bodies$/m);
    expect(await first.stop()).toBe(0);

    const all = { GEA_DATA_DIR: dataDir, GEA_PLUGINS: 'inventory,procurement,cost-sharing' };
    const early = demoSeed('cost-sharing', all);
    expect(early.status).toBe(1);
    expect(errorLines(early.stderr)).toEqual([
      'demo:seed: plugin "cost-sharing" builds on the demo data of "procurement", which is missing: run npm run demo:seed -- procurement first',
    ]);
    const twice = demoSeed('inventory', all);
    expect(twice.status).toBe(1);
    expect(errorLines(twice.stderr)).toEqual([expect.stringMatching(/^demo:seed: plugin "inventory" already has data \(\d+ row\(s\) in its tables\): nothing was seeded$/)]);
    const production = demoSeed('procurement', { ...all, NODE_ENV: 'production' });
    expect(production.status).toBe(1);
    expect(errorLines(production.stderr)).toEqual(['demo:seed: NODE_ENV is production: demo data never goes into a production database']);
    const unknown = demoSeed('teleportation', all);
    expect(unknown.status).toBe(1);
    expect(errorLines(unknown.stderr)[0]).toMatch(/GEA_PLUGINS|not installed/);

    const procurement = demoSeed('procurement', all);
    expect(procurement.status, procurement.output).toBe(0);
    expect(procurement.stdout).toContain('demo:seed: module procurement enabled for 16 more of 16 bodies');
    await withDatabase({ kind: 'pglite', dataDir }, async (db) => {
      expect(await db.prisma.supplier.count()).toBeGreaterThan(0);
      expect(await db.prisma.contract.count()).toBeGreaterThan(0);
    });

    const second = startServerProcess({ ...all, GEA_WEB_CLIENT: 'off' });
    await second.ready;
    const out = second.stdout();
    expect(out).toContain('demo data not seeded: the database is not empty');
    expect(out).toMatch(/^inventory: enabled for 16 of 16 bodies$/m);
    expect(out).toMatch(/^procurement: enabled for 16 of 16 bodies$/m);
    expect(out).toMatch(/^cost-sharing: enabled for 0 of 16 bodies; no data yet \(demo data: npm run demo:seed -- cost-sharing\)$/m);
    expect(await second.stop()).toBe(0);
  }, SCENARIO_TIMEOUT);
});
