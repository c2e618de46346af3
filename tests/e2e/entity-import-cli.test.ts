import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, repoRoot } from '@gea/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run entities:import -- <file.csv> [--dry-run]` as a real process on an embedded data folder.

const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const reference = path.join(repoRoot, 'data/entities.csv');
const UNION = 'Unione di Comuni Valdarno e Valdisieve';

let tmp: string;
let dataDir: string;

function run(script: string, args: string[], dir = dataDir) {
  const result = spawnSync(tsx, [script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, GEA_DATA_DIR: dir, DATABASE_URL: undefined, NODE_ENV: undefined },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}\n${result.stderr}` };
}
const importCli = (...args: string[]) => run('packages/core/src/cli/import-entities.ts', args);
/** Non-empty stderr lines, minus Node's own warnings. */
const errorLines = (stderr: string) => stderr.split('\n').filter((line) => line.trim() && !/ExperimentalWarning|--trace-warnings/.test(line));

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
const counts = () =>
  withDatabase(async (db) => ({
    entities: await db.prisma.entity.count(),
    populations: await db.prisma.entityPopulation.count(),
    memberships: await db.prisma.associationMember.count(),
  }));

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gea-e2e-import-'));
  dataDir = path.join(tmp, 'data');
  const migrate = run('packages/db/src/cli/migrate.ts', []);
  expect(migrate.status, migrate.output).toBe(0);
  // member_of in data/entities.csv names this association; it must exist before the import.
  await withDatabase(async (db) => {
    const lead = await db.prisma.entity.create({ data: { kind: 'UNION', name: UNION, province: 'FI' } });
    await db.prisma.association.create({ data: { kind: 'UNION', name: UNION, leadEntityId: lead.id, startDate: new Date('2010-06-01') } });
  });
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('npm run entities:import', () => {
  it('a file with errors: every problem with its line, exit code 1, nothing written', async () => {
    const bad = path.join(tmp, 'bad.csv');
    await writeFile(
      bad,
      [
        'kind,name,istat_code,cadastral_code,province,population_2021_01_01,member_of,notes',
        'MUNICIPALITY,Fiesole,048015,D575,FI,13873,,',
        'MUNICIPALITY,Pontassieve,48033,G825,FI,20436,,',
        'MUNICIPALITY,Vaglia,048046,L529,FI,5126,,',
        'TOWN,Bagno a Ripoli,048001,A564,FI,-1,,',
        '',
      ].join('\n'),
    );
    const before = await counts();
    const result = importCli(bad);
    expect(result.status, result.output).toBe(1);
    expect(result.output).toContain('line 3: istat_code "48033" must be 6 digits');
    expect(result.output).toContain('line 5: kind "TOWN" must be one of UNION, PROVINCE, MUNICIPALITY, OTHER');
    expect(result.output).toContain('line 5: population_2021_01_01 "-1" must be a non-negative integer');
    expect(result.output).toMatch(/3 problem\(s\) in .*bad\.csv; nothing was imported/);
    expect(await counts()).toEqual(before);
  });

  it('--dry-run counts what would change and writes nothing', async () => {
    const before = await counts();
    const result = importCli(reference, '--dry-run');
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/dry run, nothing written/);
    expect(result.stdout).toContain('16 row(s): 15 created, 0 updated, 1 unchanged');
    expect(await counts()).toEqual(before);
  });

  it('--dry-run without an embedded database yet checks the file against an empty one and creates no folder', async () => {
    const missing = path.join(tmp, 'no-database-here');
    const small = path.join(tmp, 'small.csv');
    await writeFile(small, ['kind,name,istat_code,cadastral_code,province', 'MUNICIPALITY,Fiesole,048015,D575,FI', ''].join('\n'));
    const ok = run('packages/core/src/cli/import-entities.ts', [small, '--dry-run'], missing);
    expect(ok.status, ok.output).toBe(0);
    expect(ok.stdout).toContain('there is no embedded database at');
    expect(ok.stdout).toContain('1 row(s): 1 created, 0 updated, 0 unchanged');
    // data/entities.csv names an association an empty database does not have: reported, still nothing created
    const refused = run('packages/core/src/cli/import-entities.ts', [reference, '--dry-run'], missing);
    expect(refused.status, refused.output).toBe(1);
    expect(refused.output).toContain('nothing was imported');
    expect(existsSync(missing)).toBe(false);
  });

  it('the reference file: exit code 0 and the counts; a second run changes nothing', async () => {
    const first = importCli(reference);
    expect(first.status, first.output).toBe(0);
    expect(first.stdout).toContain('16 row(s): 15 created, 0 updated, 1 unchanged');
    expect(first.stdout).toContain('14 population figure(s) recorded');
    expect(first.stdout).toContain('7 membership(s) added');
    expect(await counts()).toEqual({ entities: 16, populations: 14, memberships: 7 });
    // the bad file before was on record too, as FAILED; dry runs are not
    const audit = await withDatabase((db) =>
      db.prisma.auditEvent.findMany({ where: { operation: 'importEntities' }, orderBy: { id: 'asc' } }),
    );
    expect(audit.map((e) => [e.outcome, e.actorKind, e.after])).toEqual([
      ['FAILED', 'system', { issues: 3 }],
      ['SUCCESS', 'system', expect.objectContaining({ created: 15, rows: 16 })],
    ]);

    const second = importCli(reference);
    expect(second.status, second.output).toBe(0);
    expect(second.stdout).toContain('16 row(s): 0 created, 0 updated, 16 unchanged');
    expect(second.stdout).toContain('0 population figure(s) recorded');
    expect(await counts()).toEqual({ entities: 16, populations: 14, memberships: 7 });
  });

  it('refuses, in one line, a data folder another process has open', async () => {
    await withDatabase(async () => {
      const result = importCli(reference);
      expect(result.status).toBe(1);
      expect(errorLines(result.stderr)).toEqual([
        expect.stringMatching(/^entities:import: the embedded database at .+ is in use by process \d+; stop it first/),
      ]);
    });
  });

  it('refuses a database with pending migrations, naming the command to run', async () => {
    // An existing data folder that was never migrated (a missing one is created and migrated instead).
    const neverMigrated = path.join(tmp, 'never-migrated');
    await (await openDatabase({ kind: 'pglite', dataDir: neverMigrated })).close();
    const result = run('packages/core/src/cli/import-entities.ts', [reference], neverMigrated);
    expect(result.status).toBe(1);
    expect(errorLines(result.stderr)).toEqual([
      expect.stringMatching(/^entities:import: embedded PGlite at .+ has \d+ pending migration\(s\); run: npm run db:migrate$/),
    ]);
  });

  it('explains how to call it when the file is missing', () => {
    const none = importCli();
    expect(none.status).toBe(1);
    expect(errorLines(none.stderr)).toEqual(['entities:import: usage: npm run entities:import -- <file.csv> [--dry-run]']);
    const missing = importCli(path.join(tmp, 'nope.csv'));
    expect(missing.status).toBe(1);
    expect(errorLines(missing.stderr)).toEqual([expect.stringMatching(/^entities:import: cannot read .+nope\.csv: no such file$/)]);
  });
});
