import { actorFromGrants } from '@gea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { populationBalance2019File, populationBalanceFile } from '../../packages/core/src/entity-import/fixtures/published-files.ts';

// `importPopulation` over GraphQL: what `npm run population:import` does (same module, same
// recognition of ISTAT's editions, same problems by line, all or nothing), for the web client.
const t = useTestApi([]);

const IMPORT = `mutation ($csv: String!, $referenceDate: Date, $dryRun: Boolean) {
  importPopulation(csv: $csv, referenceDate: $referenceDate, dryRun: $dryRun) {
    __typename
    ... on PopulationImportResult { dryRun referenceDate column rows created updated unchanged notInGea }
    ... on PopulationImportError { code message issues { line column message } }
    ... on InputError { issues { path code } }
  }
}`;

const rows = [
  { istatCode: '048033', name: 'Pontassieve', population: 20_512 },
  { istatCode: '048025', name: 'Londa', population: 1_799 },
  { istatCode: '999998', name: 'Non in GEA', population: 300 },
];

const run = async (variables: Record<string, unknown>, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(IMPORT, variables, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.importPopulation;
};
const figures = () =>
  t.db.prisma.entityPopulation.findMany({
    select: { population: true, referenceDate: true, source: true, entity: { select: { name: true } } },
    orderBy: [{ referenceDate: 'asc' }, { population: 'asc' }],
  });

beforeAll(async () => {
  await t.db.prisma.entity.createMany({
    data: [
      { kind: 'MUNICIPALITY', name: 'Pontassieve', istatCode: '048033', province: 'FI' },
      { kind: 'MUNICIPALITY', name: 'Londa', istatCode: '048025', province: 'FI' },
    ],
  });
});

describe('importPopulation over GraphQL, on ISTAT\'s demographic balance as published', () => {
  it('a dry run counts what the file would do and writes nothing', async () => {
    const result = await run({ csv: populationBalanceFile(2025, rows), dryRun: true });
    expect(result).toEqual({
      __typename: 'PopulationImportResult',
      dryRun: true,
      referenceDate: '2025-12-31',
      column: 'Popolazione al 31 dicembre - Totale',
      rows: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      notInGea: 1,
    });
    expect(await figures()).toEqual([]);
  });

  it('a file with a bad line reports it by line and column, and nothing is written', async () => {
    const lines = populationBalanceFile(2025, rows).split('\r\n');
    // line 4 (title, header, Pontassieve, Londa): ISTAT's placeholder instead of the figure
    lines[3] = lines[3]!.replace(/;1799;/, ';N.D.;');
    const result = await run({ csv: lines.join('\r\n') });
    expect(result.__typename).toBe('PopulationImportError');
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.issues).toEqual([
      { line: 4, column: 'Popolazione al 31 dicembre - Totale', message: '"Popolazione al 31 dicembre - Totale" holds the placeholder "N.D." instead of a value' },
    ]);
    expect(await figures()).toEqual([]);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'importPopulation' }, orderBy: { at: 'desc' } });
    expect(audit.outcome).toBe('FAILED');
    // the file is kept out of the trail: only its size
    expect(JSON.stringify(audit.input)).toMatch(/"csv":"\(\d+ characters\)"/);
  });

  it('imports the good file; a second import changes nothing; a changed figure is updated and audited with what it was', async () => {
    const first = await run({ csv: populationBalanceFile(2025, rows) });
    expect(first).toMatchObject({ dryRun: false, created: 2, updated: 0, unchanged: 0, notInGea: 1 });
    expect(await figures()).toEqual([
      { population: 1_799, referenceDate: new Date('2025-12-31'), source: 'ISTAT, Popolazione al 31 dicembre - Totale (import)', entity: { name: 'Londa' } },
      { population: 20_512, referenceDate: new Date('2025-12-31'), source: 'ISTAT, Popolazione al 31 dicembre - Totale (import)', entity: { name: 'Pontassieve' } },
    ]);
    expect(await run({ csv: populationBalanceFile(2025, rows) })).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const revised = rows.map((row) => (row.name === 'Londa' ? { ...row, population: 1_801 } : row));
    expect(await run({ csv: populationBalanceFile(2025, revised) })).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const londa = await t.db.prisma.entity.findUniqueOrThrow({ where: { istatCode: '048025' } });
    const change = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'importPopulation', entityId: londa.id } });
    expect([change.before, change.after]).toEqual([
      { referenceDate: '2025-12-31', population: 1_799 },
      { referenceDate: '2025-12-31', population: 1_801, source: 'ISTAT, Popolazione al 31 dicembre - Totale (import)' },
    ]);
  });

  it('reads the 2019 edition (no title line) when the year is given, and refuses a date that is not 31 December', async () => {
    const text = populationBalance2019File(rows);
    const undated = await run({ csv: text, dryRun: true });
    expect(undated.__typename).toBe('PopulationImportError');
    expect(undated.issues.map((issue: { line: number }) => issue.line)).toEqual([1]);
    const dated = await run({ csv: text, referenceDate: '2019-12-31' });
    expect(dated).toMatchObject({ referenceDate: '2019-12-31', column: 'Popolazione al 31 dicembre da censimento - Totale', created: 2 });
    const wrongDay = await run({ csv: text, referenceDate: '2019-12-30' });
    expect(wrongDay).toEqual({ __typename: 'InputError', issues: [{ path: ['referenceDate'], code: 'INVALID_DATE' }] });
  });

  it('needs the body-wide write permission: a reader is refused and nothing is written', async () => {
    const before = await t.db.prisma.entityPopulation.count();
    const reader = actorFromGrants({ kind: 'user', id: 'reader', label: 'reader' }, [{ permission: 'core:entities:read', entityId: null }]);
    const response = await t.api.gql(IMPORT, { csv: populationBalanceFile(2030, rows) }, reader);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // a body-scoped writer may not write every body's figures either
    const pontassieve = await t.db.prisma.entity.findUniqueOrThrow({ where: { istatCode: '048033' } });
    const scoped = actorFromGrants({ kind: 'user', id: 'scoped', label: 'scoped' }, [{ permission: 'core:entities:write', entityId: pontassieve.id }]);
    const refused = await t.api.gql(IMPORT, { csv: populationBalanceFile(2030, rows) }, scoped);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.db.prisma.entityPopulation.count()).toBe(before);
  });
});
