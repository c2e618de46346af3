import { importPopulation } from '@gea/core';
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
