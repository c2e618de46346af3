import { importPopulation } from '@gea/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import {
  DEMO_MUNICIPALITIES,
  ipaFile,
  istatFile,
  populationBalanceFile,
  syntheticMunicipalities,
} from '../../packages/core/src/entity-import/fixtures/published-files.ts';

// Published files through the importEntities mutation, and what they leave in the database: ISTAT
// code changes kept as history, mergers (ceased body -> successor), IPA's codes and PEC, and the
// population import matching a former ISTAT code.

const t = useTestApi([]);

const IMPORT = `mutation ($csv: String!) {
  importEntities(csv: $csv) {
    __typename
    ... on EntityImportResult { rows created updated unchanged codeChanges ceased skipped populationsRecorded }
    ... on EntityImportError { issues { line column message } }
  }
}`;
const HISTORY = `query ($id: ID!) { node(id: $id) { ... on Entity {
  name istatCode cadastralCode province ceasedOn
  codeChanges { kind oldCode newCode changedOn source }
  successor { name istatCode }
  predecessors { name istatCode ceasedOn }
} } }`;

const importCsv = async (csv: string) => {
  const response = await t.api.gql(IMPORT, { csv });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.importEntities;
};
const body = (istatCode: string) => t.db.prisma.entity.findUniqueOrThrow({ where: { istatCode } });
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

beforeAll(async () => {
  const result = await importCsv(istatFile(DEMO_MUNICIPALITIES));
  expect(result).toMatchObject({ __typename: 'EntityImportResult', created: 8 });
});

describe('ISTAT code changes', () => {
  it('a municipality that moved to another province keeps its body and cadastral code, its old ISTAT code kept as history', async () => {
    const before = await body('048039');
    // San Godenzo (FI, 048039) as if it had moved to the province of Prato: new code 100008, same cadastral code H937.
    const moved = DEMO_MUNICIPALITIES.map((m) => (m.name === 'San Godenzo' ? { ...m, istatCode: '100008', province: 'PO' } : m));
    expect(await importCsv(istatFile(moved))).toMatchObject({ created: 0, updated: 1, unchanged: 7, codeChanges: 1 });
    const after = await body('100008');
    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({ cadastralCode: 'H937', province: 'PO' });

    const history = await t.api.gql(HISTORY, { id: toGlobalId('Entity', after.id) });
    expect(history.body.data!.node).toMatchObject({
      istatCode: '100008',
      codeChanges: [{ kind: 'ISTAT', oldCode: '048039', newCode: '100008', changedOn: today, source: expect.stringMatching(/^import, line \d+$/) }],
    });
    // The same file again: nothing changes, no second history row.
    expect(await importCsv(istatFile(moved))).toMatchObject({ created: 0, updated: 0, unchanged: 8, codeChanges: 0 });
    expect(await t.db.prisma.entityCodeChange.count({ where: { entityId: after.id } })).toBe(1);
  });

  it('the history is readable by whoever may read the body, and by nobody else', async () => {
    const moved = await body('100008');
    const own = actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: moved.id }]);
    const other = actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: (await body('048025')).id }]);
    const mine = await t.api.gql(HISTORY, { id: toGlobalId('Entity', moved.id) }, own);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data!.node.codeChanges).toHaveLength(1);
    const theirs = await t.api.gql(HISTORY, { id: toGlobalId('Entity', moved.id) }, other);
    expect(theirs.body.data?.node ?? null).toBeNull();
  });

  it('a population file older than the change still finds the body by its former code', async () => {
    const outcome = await importPopulation(t.db.prisma, populationBalanceFile(2024, [{ istatCode: '048039', name: 'San Godenzo', population: 1_050 }]), {
      audit: { requestId: 'test', actorKind: 'system', actorLabel: 'test' },
    });
    expect(outcome).toMatchObject({ ok: true, counts: { created: 1, notInGea: 0 } });
    const moved = await body('100008');
    expect(await t.db.prisma.entityPopulation.findMany({ where: { entityId: moved.id }, select: { population: true } })).toEqual([{ population: 1_050 }]);
  });
});

describe('mergers (fusione)', () => {
  it('records the ceased municipalities with their successor, from ceased_on and successor_istat_code', async () => {
    const csv = [
      'kind,name,istat_code,cadastral_code,province,ceased_on,successor_istat_code',
      'MUNICIPALITY,Pelago Rufina,048055,M999,FI,,',
      'MUNICIPALITY,Pelago,048032,G420,FI,2026-01-01,048055',
      'MUNICIPALITY,Rufina,048037,H635,FI,2026-01-01,048055',
      '',
    ].join('\n');
    expect(await importCsv(csv)).toMatchObject({ created: 1, ceased: 2 });
    const merged = await body('048055');
    const history = await t.api.gql(HISTORY, { id: toGlobalId('Entity', merged.id) });
    expect(history.body.data!.node).toMatchObject({
      ceasedOn: null,
      successor: null,
      predecessors: [
        { name: 'Pelago', istatCode: '048032', ceasedOn: '2026-01-01' },
        { name: 'Rufina', istatCode: '048037', ceasedOn: '2026-01-01' },
      ],
    });
    const pelago = await t.api.gql(HISTORY, { id: toGlobalId('Entity', (await body('048032')).id) });
    expect(pelago.body.data!.node).toMatchObject({ ceasedOn: '2026-01-01', successor: { name: 'Pelago Rufina', istatCode: '048055' } });
    // Again: already recorded, nothing changes.
    expect(await importCsv(csv)).toMatchObject({ created: 0, ceased: 0, unchanged: 3 });
  });

  it('refuses a successor that no body has, and a merger row with half of its columns, by line and column', async () => {
    const csv = [
      'kind,name,istat_code,cadastral_code,province,ceased_on,successor_istat_code',
      'MUNICIPALITY,Londa,048025,E668,FI,2026-01-01,048777',
      'MUNICIPALITY,Reggello,048035,H222,FI,2026-01-01,',
      '',
    ].join('\n');
    const refused = await importCsv(csv);
    expect(refused.issues).toEqual([
      { line: 2, column: 'successor_istat_code', message: 'successor_istat_code "048777": no body has that ISTAT code, in the file or stored' },
      { line: 3, column: 'successor_istat_code', message: 'a merger needs both ceased_on and successor_istat_code' },
    ]);
    expect((await body('048025')).ceasedOn).toBeNull();
  });
});

describe('IPA "Enti" export', () => {
  it('completes the stored bodies with IPA code, tax code and PEC, matching municipalities by ISTAT code; other bodies are skipped', async () => {
    const file = ipaFile([
      { ipaCode: 'c_e668', name: 'Comune di Londa', taxCode: '01210280481', category: 'L6', istatCode: '048025', cadastralCode: 'E668', pec: 'comune.londa@postacert.toscana.it', pecSecond: true },
      { ipaCode: 'istsc_fiic81600d', name: 'Istituto Comprensivo Londa', taxCode: '94076080483', category: 'L33', istatCode: '048025', cadastralCode: 'E668' },
    ]);
    expect(await importCsv(file)).toMatchObject({ rows: 2, created: 0, updated: 1, skipped: 1 });
    expect(await body('048025')).toMatchObject({ name: 'Londa', ipaCode: 'c_e668', taxCode: '01210280481', pecAddress: 'comune.londa@postacert.toscana.it' });
    expect(await importCsv(file)).toMatchObject({ updated: 0, unchanged: 1, skipped: 1 });
  });
});

describe('the full ISTAT list', () => {
  it('imports 7,904 municipalities (synthetic, layout-exact) and a second import changes nothing', async () => {
    const all = syntheticMunicipalities().slice(DEMO_MUNICIPALITIES.length);
    const first = await importCsv(istatFile(all));
    expect(first).toMatchObject({ rows: 7904 - DEMO_MUNICIPALITIES.length, created: 7904 - DEMO_MUNICIPALITIES.length });
    expect(await importCsv(istatFile(all))).toMatchObject({ created: 0, updated: 0, unchanged: 7904 - DEMO_MUNICIPALITIES.length });
  }, 300_000);
});

describe('re-import is idempotent, for any file (property)', () => {
  /** Everything an import may write, as plain values. */
  const snapshot = async () => ({
    entities: await t.db.prisma.entity.findMany({ orderBy: { id: 'asc' }, omit: { createdAt: true, updatedAt: true } }),
    populations: await t.db.prisma.entityPopulation.findMany({ orderBy: [{ entityId: 'asc' }, { referenceDate: 'asc' }] }),
    codeChanges: await t.db.prisma.entityCodeChange.count(),
  });

  it('a second import of the same ISTAT list or population file changes nothing', async () => {
    const municipality = fc.record({
      n: fc.integer({ min: 1, max: 400 }),
      name: fc.constantFrom('Città', 'Agliè', 'Forlì', "Sant'Angelo", 'Cefalù'),
      population: fc.integer({ min: 0, max: 3_000_000 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(municipality, { selector: (m) => m.n, minLength: 1, maxLength: 20 }), fc.integer({ min: 2015, max: 2025 }), async (list, year) => {
        const rows = list.map((m) => ({
          istatCode: `097${String(m.n).padStart(3, '0')}`,
          name: `${m.name} ${m.n}`,
          // Y500-Y900: codes the synthetic full list above does not use
          cadastralCode: `Y${500 + m.n}`,
          province: 'YY',
          population: m.population,
        }));
        const first = await importCsv(istatFile(rows));
        expect(first.__typename, JSON.stringify(first.issues)).toBe('EntityImportResult');
        const audit = { requestId: 'property', actorKind: 'system', actorLabel: 'test' };
        const populations = populationBalanceFile(year, rows);
        expect((await importPopulation(t.db.prisma, populations, { audit })).ok).toBe(true);
        const before = await snapshot();
        expect(await importCsv(istatFile(rows))).toMatchObject({ created: 0, updated: 0, unchanged: rows.length, codeChanges: 0 });
        expect(await importPopulation(t.db.prisma, populations, { audit })).toMatchObject({ ok: true, counts: { created: 0, updated: 0, unchanged: rows.length } });
        expect(await snapshot()).toEqual(before);
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});

describe('ISTAT "Variazioni amministrative e territoriali", as published', () => {
  it('turns changes of province into code history with their date and ceased municipalities into mergers; a second import changes nothing', async () => {
    const { changesFile, encodeWindows1252 } = await import('../../packages/core/src/entity-import/fixtures/published-files.ts');
    const { decodeImportBytes } = await import('@gea/core');
    await importCsv(
      [
        'kind,name,istat_code,cadastral_code,province',
        'MUNICIPALITY,Monza,015149,F704,MI',
        'MUNICIPALITY,Bazzano,037004,A726,BO',
        'MUNICIPALITY,Crespellano,037023,D966,BO',
        'MUNICIPALITY,Valsamoggia,037061,M320,BO',
        '',
      ].join('\n'),
    );
    const text = decodeImportBytes(encodeWindows1252(changesFile())).text;
    const first = await t.api.gql(IMPORT.replace('skipped populationsRecorded', 'skipped'), { csv: text });
    expect(first.body.data!.importEntities).toEqual({
      __typename: 'EntityImportResult',
      rows: 10,
      created: 0,
      updated: 3,
      unchanged: 0,
      codeChanges: 1,
      ceased: 2,
      // the rename and the five CS rows, and Savigno (not a body of GEA)
      skipped: 7,
    });
    const monza = await body('108033');
    const history = await t.api.gql(HISTORY, { id: toGlobalId('Entity', monza.id) });
    expect(history.body.data!.node.codeChanges).toEqual([
      { kind: 'ISTAT', oldCode: '015149', newCode: '108033', changedOn: '2009-06-30', source: 'ISTAT, variazioni amministrative, line 3' },
    ]);
    const bazzano = await t.api.gql(HISTORY, { id: toGlobalId('Entity', (await body('037004')).id) });
    expect(bazzano.body.data!.node).toMatchObject({ ceasedOn: '2014-01-01', successor: { name: 'Valsamoggia', istatCode: '037061' } });

    const again = await t.api.gql(IMPORT, { csv: text });
    expect(again.body.data!.importEntities).toMatchObject({ updated: 0, codeChanges: 0, ceased: 0 });
  });

  it('refuses a merger into a municipality GEA does not have, naming the line', async () => {
    const { changesFile } = await import('../../packages/core/src/entity-import/fixtures/published-files.ts');
    await importCsv(['kind,name,istat_code,cadastral_code,province', 'MUNICIPALITY,Gambugliano,024044,D882,VI', ''].join('\n'));
    const csv = changesFile([
      '2024;ES;05;024;024044;Gambugliano;05;024;024128;Sovizzo;"Legge Regionale 29 dicembre 2023, n. 33; B.U.R. n. 171 del 29 dicembre 2023";Istituito il Comune di Sovizzo mediante fusione dei Comuni di Sovizzo e Gambugliano;22/01/2024;',
      '2024;AP;05;024;024045;Altro;05;024;N.D.;;x;y;22/01/2024;',
    ]);
    const refused = await t.api.gql(IMPORT, { csv });
    expect(refused.body.data!.importEntities.issues).toEqual([
      {
        line: 3,
        column: 'Codice del Comune associato alla variazione o nuovo codice Istat del Comune',
        message: '"Codice del Comune associato alla variazione o nuovo codice Istat del Comune" holds the placeholder "N.D." instead of a value',
      },
    ]);
    const missing = await t.api.gql(IMPORT, { csv: changesFile([csv.split('\r\n')[1]!]) });
    expect(missing.body.data!.importEntities.issues).toEqual([
      {
        line: 2,
        column: 'Codice del Comune associato alla variazione o nuovo codice Istat del Comune',
        message: 'Gambugliano (024044) ceased into Sovizzo (024128), which is not a body of GEA: import the current list of municipalities first',
      },
    ]);
    expect((await body('024044')).ceasedOn).toBeNull();
  });
});
