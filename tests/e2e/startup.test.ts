import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, repoRoot } from '@gea/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '@gea/test-kit/server-process.ts';
import { useEmptyPostgresDatabase } from '@gea/test-kit/postgres-admin.ts';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gea-e2e-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** Non-empty stderr lines, minus Node's own deprecation chatter. */
const errorLines = (stderr: string) => stderr.split('\n').filter((line) => line.trim() && !/ExperimentalWarning|--trace-warnings/.test(line));

describe('npm start on the embedded database', () => {
  it('migrates and seeds an empty data folder, serves GraphQL and /health, stops on SIGTERM; a restart keeps the data', async () => {
    const dataDir = path.join(tmp, 'data');
    const first = startServerProcess({ GEA_DATA_DIR: dataDir });
    const url = await first.ready;
    expect(first.stdout()).toMatch(/applied \d+ migration\(s\)/);
    expect(first.stdout()).toMatch(/demo data: seeded 16 public bodies/);
    expect(first.stdout()).toMatch(/admin@gea\.local +ICT_HEAD/);
    expect(first.stdout()).toMatch(/referente@pontassieve\.gea\.local +REFERENT \(Pontassieve\)/);

    const health = await fetch(url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });

    const graphql = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { fields { name } } } }' }),
    });
    const body = (await graphql.json()) as { data: { __schema: { queryType: { fields: { name: string }[] } } } };
    expect(body.data.__schema.queryType.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['entities', 'assets']));
    expect(await first.stop()).toBe(0);

    const second = startServerProcess({ GEA_DATA_DIR: dataDir });
    await second.ready;
    expect(second.stdout()).not.toMatch(/applied \d+ migration|demo data: seeded/);
    expect(await second.stop()).toBe(0);
  });

  it('in production: no demo data and no GraphiQL, even on an empty embedded database', async () => {
    const server = startServerProcess({ GEA_DATA_DIR: path.join(tmp, 'production'), NODE_ENV: 'production' });
    const url = await server.ready;
    expect(server.stdout()).not.toMatch(/demo data|demo accounts/);
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    const login = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(email: "admin@gea.local", password: "gea-demo") { token } }' }),
    });
    expect(((await login.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('INVALID_CREDENTIALS');
    expect(await server.stop()).toBe(0);
  });

  it('refuses a data folder migrated by a newer version and leaves it untouched', async () => {
    const dataDir = path.join(tmp, 'newer');
    const seeding = startServerProcess({ GEA_DATA_DIR: dataDir, GEA_DEMO_DATA: 'false' });
    await seeding.ready;
    await seeding.stop();

    const db = await openDatabase({ kind: 'pglite', dataDir });
    await db.prisma.$executeRawUnsafe(
      `insert into _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       values ('future', 'x', '29991231000000_future_feature', now(), now(), 1)`,
    );
    await db.close();

    const refused = startServerProcess({ GEA_DATA_DIR: dataDir });
    expect(await refused.exited).toBe(1);
    const lines = errorLines(refused.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/newer GEA version \(unknown migrations: 29991231000000_future_feature\)/);

    const after = await openDatabase({ kind: 'pglite', dataDir });
    const rows = await after.prisma.$queryRaw<{ n: number }[]>`select count(*)::int as n from _prisma_migrations`;
    await after.close();
    expect(rows[0]!.n).toBeGreaterThan(1);
  });

  it('refuses a data folder another process is using', async () => {
    const dataDir = path.join(tmp, 'busy');
    const owner = startServerProcess({ GEA_DATA_DIR: dataDir, GEA_DEMO_DATA: 'false' });
    await owner.ready;
    const intruder = startServerProcess({ GEA_DATA_DIR: dataDir });
    expect(await intruder.exited).toBe(1);
    expect(errorLines(intruder.stderr())).toEqual([expect.stringMatching(/is in use by process \d+/)]);
    expect(await owner.stop()).toBe(0);
  });
});

describe('npm start refuses bad configuration with one clear line and exit code 1', () => {
  it('DATABASE_URL unreachable: names the host and the cause', async () => {
    const server = startServerProcess({ DATABASE_URL: 'postgresql://gea:secret@127.0.0.1:1/gea' });
    expect(await server.exited).toBe(1);
    const lines = errorLines(server.stderr());
    expect(lines).toEqual([
      'GEA cannot start: cannot connect to PostgreSQL at 127.0.0.1:1/gea: connection refused (is PostgreSQL running and listening there?)',
    ]);
    expect(server.stderr()).not.toContain('secret');
  });

  it('DATABASE_URL that is not a PostgreSQL URL', async () => {
    const server = startServerProcess({ DATABASE_URL: 'mysql://root@localhost/gea' });
    expect(await server.exited).toBe(1);
    expect(errorLines(server.stderr())).toEqual(['GEA cannot start: DATABASE_URL must start with postgresql:// (got mysql://)']);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('DATABASE_URL naming a database that does not exist', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/gea_no_such_database';
    const server = startServerProcess({ DATABASE_URL: url.toString() });
    expect(await server.exited).toBe(1);
    expect(errorLines(server.stderr())).toEqual([
      `GEA cannot start: cannot connect to PostgreSQL at ${url.hostname}:${url.port || '5432'}/gea_no_such_database: database does not exist`,
    ]);
  });

  it('a plugin whose dependency is not installed is refused, naming both', async () => {
    const config = path.join(tmp, 'missing-dependency.config.ts');
    await writeFile(
      config,
      `export default { plugins: [{ key: 'cost-sharing', name: 'Cost sharing', dependsOn: ['procurement'] }] };\n`,
    );
    const server = startServerProcess({ GEA_CONFIG: config, GEA_DATA_DIR: path.join(tmp, 'unused') });
    expect(await server.exited).toBe(1);
    expect(errorLines(server.stderr())).toEqual([
      'GEA cannot start: plugin "cost-sharing" depends on "procurement", which is not installed (installed: cost-sharing)',
    ]);
  });

  it('a configuration entry that is not a plugin definition is refused', async () => {
    const config = path.join(tmp, 'bad-entry.config.ts');
    await writeFile(config, `export default { plugins: [undefined] };\n`);
    const server = startServerProcess({ GEA_CONFIG: config, GEA_DATA_DIR: path.join(tmp, 'unused') });
    expect(await server.exited).toBe(1);
    expect(errorLines(server.stderr())).toEqual([
      expect.stringMatching(/^GEA cannot start: .*bad-entry\.config\.ts: plugins\[0\] is not a plugin definition/),
    ]);
  });

  it('a PORT that is not a number is refused before the database is touched', async () => {
    const dataDir = path.join(tmp, 'never-created');
    const server = startServerProcess({ PORT: '80x', GEA_DATA_DIR: dataDir });
    expect(await server.exited).toBe(1);
    expect(errorLines(server.stderr())).toEqual(['GEA cannot start: PORT must be a number between 0 and 65535 (got "80x")']);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('an unknown plugin in GEA_PLUGINS is refused', async () => {
    const server = startServerProcess({ GEA_PLUGINS: 'inventory,teleportation', GEA_DATA_DIR: path.join(tmp, 'unused') });
    expect(await server.exited).toBe(1);
    expect(errorLines(server.stderr())).toEqual([
      'GEA cannot start: GEA_PLUGINS: no plugin "teleportation" (package @gea/plugin-teleportation is not installed)',
    ]);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('npm start on PostgreSQL', () => {
  // created before the tests, dropped after them; nothing here may assume TEST_DATABASE_URL is set
  const { url } = useEmptyPostgresDatabase('gea_e2e');

  it('refuses pending migrations, naming the command; after npm run db:migrate it serves, without demo data', async () => {
    const refused = startServerProcess({ DATABASE_URL: url });
    expect(await refused.exited).toBe(1);
    expect(errorLines(refused.stderr())).toEqual([
      expect.stringMatching(/^GEA cannot start: PostgreSQL at .+ has \d+ pending migration\(s\) \(.+\); run: npm run db:migrate$/),
    ]);

    const migrate = spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['packages/db/src/cli/migrate.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
    });
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toMatch(/applied \d+ migration\(s\)/);

    const server = startServerProcess({ DATABASE_URL: url });
    const graphql = await server.ready;
    const health = await fetch(graphql.replace('/graphql', '/health'));
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'postgresql' });
    expect(server.stdout()).not.toMatch(/demo data/);
    expect(await server.stop()).toBe(0);
  });
});
