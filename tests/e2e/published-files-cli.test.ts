import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, repoRoot } from '@gea/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_MUNICIPALITIES,
  encodeUtf8WithBom,
  encodeWindows1252,
  istatFile,
  populationBalanceFile,
  syntheticMunicipalities,
} from '../../packages/core/src/entity-import/fixtures/published-files.ts';

// A newcomer's two commands on a fresh clone, as real processes on an embedded data folder that does
// not exist yet: `npm run entities:import -- Elenco-comuni-italiani.csv` (ISTAT's list, here a SYNTHETIC
// full-size list of 7,904 municipalities in the exact published layout, Windows-1252) and
// `npm run population:import -- P2_2025_it_Comuni.csv` (ISTAT's demographic balance, UTF-8 with BOM).

let tmp: string;
let dataDir: string;

function npmRun(script: string, args: string[]) {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: repoRoot,
    env: { ...process.env, GEA_DATA_DIR: dataDir, DATABASE_URL: undefined, NODE_ENV: undefined },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}\n${result.stderr}` };
}

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const municipalities = syntheticMunicipalities();
const populationRows = municipalities.slice(0, 300).map((m, i) => ({ istatCode: m.istatCode, name: m.name, population: 1000 + i * 7 }));

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'gea-e2e-published-'));
  dataDir = path.join(tmp, 'data');
  await writeFile(path.join(tmp, 'Elenco-comuni-italiani.csv'), encodeWindows1252(istatFile(municipalities)));
  await writeFile(path.join(tmp, 'P2_2025_it_Comuni.csv'), encodeUtf8WithBom(populationBalanceFile(2025, populationRows)));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('published files on a fresh clone, one command each', () => {
  it('loads all 7,904 municipalities of the ISTAT list into a new embedded database; a second import changes nothing', async () => {
    const file = path.join(tmp, 'Elenco-comuni-italiani.csv');
    const first = npmRun('entities:import', [file]);
    expect(first.status, first.output).toBe(0);
    expect(first.stdout).toContain('creating it');
    expect(first.stdout).toContain('(ISTAT, Elenco dei comuni italiani)');
    expect(first.stdout).toContain('7904 row(s): 7904 created, 0 updated, 0 unchanged');
    expect(first.stderr).toContain('reading it as Windows-1252');
    // not a terminal: no progress bar on stderr
    expect(first.stderr).not.toMatch(/checking \[|writing  \[/);
    const stored = await withDatabase(async (db) => ({
      municipalities: await db.prisma.entity.count({ where: { kind: 'MUNICIPALITY' } }),
      accented: await db.prisma.entity.findUnique({ where: { istatCode: municipalities[8]!.istatCode }, select: { name: true, cadastralCode: true } }),
    }));
    expect(stored.municipalities).toBe(7904);
    expect(stored.accented).toEqual({ name: municipalities[8]!.name, cadastralCode: municipalities[8]!.cadastralCode });

    const second = npmRun('entities:import', [file]);
    expect(second.status, second.output).toBe(0);
    expect(second.stdout).toContain('7904 row(s): 0 created, 0 updated, 7904 unchanged');
  }, 600_000);

  it('imports the population at 31 December 2025; a second import changes nothing; a changed figure is updated and audited', async () => {
    const file = path.join(tmp, 'P2_2025_it_Comuni.csv');
    const first = npmRun('population:import', [file]);
    expect(first.status, first.output).toBe(0);
    expect(first.stdout).toContain('the resident population at 2025-12-31 ("Popolazione al 31 dicembre - Totale")');
    expect(first.stdout).toContain('300 municipality row(s): 300 figure(s) created, 0 updated, 0 unchanged, 0 municipality(ies) not in GEA');

    const second = npmRun('population:import', [file]);
    expect(second.status, second.output).toBe(0);
    expect(second.stdout).toContain('300 figure(s) created'.replace('300', '0'));
    expect(second.stdout).toContain('0 updated, 300 unchanged');

    const pontassieve = DEMO_MUNICIPALITIES.find((m) => m.name === 'Pontassieve')!;
    const revised = populationRows.map((row) => (row.istatCode === pontassieve.istatCode ? { ...row, population: 20_999 } : row));
    await writeFile(file, encodeUtf8WithBom(populationBalanceFile(2025, [...revised, { istatCode: '999999', name: 'Non in GEA', population: 5 }])));
    const third = npmRun('population:import', [file]);
    expect(third.status, third.output).toBe(0);
    expect(third.stdout).toContain('301 municipality row(s): 0 figure(s) created, 1 updated, 299 unchanged, 1 municipality(ies) not in GEA');
    const { figure, audit } = await withDatabase(async (db) => {
      const body = await db.prisma.entity.findUniqueOrThrow({ where: { istatCode: pontassieve.istatCode } });
      return {
        figure: await db.prisma.entityPopulation.findUniqueOrThrow({ where: { entityId_referenceDate: { entityId: body.id, referenceDate: new Date('2025-12-31') } } }),
        audit: await db.prisma.auditEvent.findMany({ where: { operation: 'importPopulation', entityId: body.id } }),
      };
    });
    expect(figure.population).toBe(20_999);
    expect(audit.map((event) => [event.outcome, event.before, event.after])).toEqual([
      ['SUCCESS', { referenceDate: '2025-12-31', population: 1014 }, { referenceDate: '2025-12-31', population: 20_999, source: 'ISTAT, Popolazione al 31 dicembre - Totale (import)' }],
    ]);
  }, 600_000);

  it('a population file with a placeholder: reported by line and column, exit code 1, nothing written', async () => {
    const bad = path.join(tmp, 'P2_bad.csv');
    const lines = populationBalanceFile(2024, populationRows.slice(0, 3)).split('\r\n');
    lines[3] = lines[3]!.replace(/;(\d+);""$/, ';N.D.;""');
    await writeFile(bad, encodeUtf8WithBom(lines.join('\r\n')));
    const before = await withDatabase((db) => db.prisma.entityPopulation.count());
    const result = npmRun('population:import', [bad]);
    expect(result.status, result.output).toBe(1);
    expect(result.stderr).toContain('line 4: "Popolazione al 31 dicembre - Totale" holds the placeholder "N.D." instead of a value');
    expect(result.stderr).toContain('1 problem(s)');
    expect(await withDatabase((db) => db.prisma.entityPopulation.count())).toBe(before);
  }, 300_000);
});
