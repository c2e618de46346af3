import { addDays, isoDate, today } from '@gea/core';
import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import { addMonths } from '../src/rules/contract-term.ts';

const t = useTestApi([inventory, procurement, connectivity]);
const MODULES = ['inventory', 'procurement', 'connectivity'];
type Body = { id: string; gid: string };
let a: Body;
let b: Body;
let c: Body;
let supplierId: string;

const head = () => actorForRoles(t.api.composed, 'head', [{ role: 'ICT_HEAD', entityId: null }]);
const staff = () => actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]);
const referentA = () => actorForRoles(t.api.composed, 'referent-a', [{ role: 'REFERENT', entityId: a.id }]);

const FIELDS = `version framework frameworkName renewal renewalMonths noticePeriodDays noticeGivenOn currentTermEndsOn
  termEndsOn noticeDate daysToNotice state tacitRenewals renewsTacitly shares { basisPoints entity { name } } contract { subject }`;
const SET = `mutation ($id: ID!, $v: Int, $input: ConnectivityContractTermsInput!) {
  setConnectivityContractTerms(contractId: $id, expectedVersion: $v, input: $input) {
    __typename
    ... on ConnectivityContract { ${FIELDS} }
    ... on InputError { issues { path message } }
    ... on ConflictError { message }
    ... on StaleVersionError { currentVersion }
  }
}`;
const NOTICE = `mutation ($id: ID!, $v: Int!, $on: Date!) {
  recordContractNotice(contractId: $id, expectedVersion: $v, givenOn: $on) {
    __typename ... on ConnectivityContract { ${FIELDS} } ... on InputError { issues { path message } } ... on ConflictError { message }
  }
}`;
const WITHDRAW = `mutation ($id: ID!, $v: Int!) {
  withdrawContractNotice(contractId: $id, expectedVersion: $v) { __typename ... on ConnectivityContract { ${FIELDS} } ... on ConflictError { message } }
}`;
const RENEW = `mutation ($id: ID!, $v: Int!) {
  renewConnectivityContract(contractId: $id, expectedVersion: $v) {
    __typename ... on ConnectivityContract { ${FIELDS} } ... on ConflictError { message } ... on StaleVersionError { currentVersion }
  }
}`;
const LIST = `query ($filter: ConnectivityContractFilter) { connectivityContracts(filter: $filter) { contract { subject } noticeDate shares { entity { name } } } }`;

const gql = async (query: string, variables: Record<string, unknown> = {}, actor = head()) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
};

let contractCount = 0;
/** A procurement contract, straight into the tables (procurement's own tests cover its mutations). */
async function contract(over: { kind?: 'SERVICES' | 'MAINTENANCE'; entityIds?: string[]; startsOn?: Date; endsOn: Date; renewableUntil?: Date | null }) {
  const row = await t.db.prisma.contract.create({
    data: {
      kind: over.kind ?? 'SERVICES',
      subject: `Connettività ${++contractCount}`,
      supplierId,
      contractingEntityId: a.id,
      startsOn: over.startsOn ?? addDays(today(), -700),
      endsOn: over.endsOn,
      renewableUntil: over.renewableUntil ?? null,
      valueCents: 1_000_000,
      entities: { create: (over.entityIds ?? [a.id, b.id]).map((entityId) => ({ entityId })) },
    },
  });
  return { id: row.id, gid: toGlobalId('Contract', row.id), endsOn: row.endsOn, subject: row.subject };
}

const terms = (over: Record<string, unknown> = {}) => ({
  framework: 'REGIONAL',
  frameworkName: 'RTRT 4',
  noticePeriodDays: 90,
  renewal: 'TACIT',
  renewalMonths: 12,
  shares: [
    { entityId: a.gid, basisPoints: 6000 },
    { entityId: b.gid, basisPoints: 4000 },
  ],
  ...over,
});

beforeAll(async () => {
  const make = async (name: string): Promise<Body> => {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
    await enableModules(t.db, [entity.id], MODULES);
    return { id: entity.id, gid: toGlobalId('Entity', entity.id) };
  };
  a = await make('Comune Rete A');
  b = await make('Comune Rete B');
  c = await make('Comune Rete C');
  supplierId = (await t.db.prisma.supplier.create({ data: { name: 'Rete Regionale S.p.A.' } })).id;
});

describe('connectivity contracts: terms, notice and renewal (art. 7.4)', () => {
  it('gives a SERVICES contract its terms, with the notice date and state computed, and refuses wrong shares, writing nothing', async () => {
    const k = await contract({ endsOn: addDays(today(), 200) });
    const wrong = [
      [terms({ shares: [{ entityId: a.gid, basisPoints: 10_000 }] }), ['input.shares']],
      [terms({ shares: [{ entityId: a.gid, basisPoints: 6000 }, { entityId: b.gid, basisPoints: 3000 }] }), ['input.shares']],
      [terms({ shares: [{ entityId: a.gid, basisPoints: 5000 }, { entityId: b.gid, basisPoints: 4000 }, { entityId: c.gid, basisPoints: 1000 }] }), ['input.shares']],
      [terms({ renewalMonths: null }), ['input.renewalMonths']],
      [terms({ renewal: 'EXPRESS', renewalMonths: null }), ['input.renewalMonths']],
    ] as const;
    for (const [input, paths] of wrong) {
      const refused = (await gql(SET, { id: k.gid, v: null, input })).setConnectivityContractTerms;
      expect(refused.__typename).toBe('InputError');
      expect(refused.issues.map((issue: { path: string[] }) => issue.path.join('.'))).toEqual(paths);
    }
    const maintenance = await contract({ kind: 'MAINTENANCE', endsOn: addDays(today(), 200) });
    const notServices = (await gql(SET, { id: maintenance.gid, v: null, input: terms() })).setConnectivityContractTerms;
    expect(notServices.issues.map((issue: { path: string[] }) => issue.path.join('.'))).toEqual(['contractId']);
    expect(await t.db.prisma.connectivityContract.count()).toBe(0);

    const set = (await gql(SET, { id: k.gid, v: null, input: terms() })).setConnectivityContractTerms;
    expect(set).toMatchObject({
      __typename: 'ConnectivityContract',
      version: 1,
      framework: 'REGIONAL',
      currentTermEndsOn: isoDate(k.endsOn),
      termEndsOn: isoDate(k.endsOn),
      noticeDate: isoDate(addDays(k.endsOn, -90)),
      daysToNotice: 110,
      state: 'ACTIVE',
      tacitRenewals: 0,
      renewsTacitly: true,
    });
    expect([...set.shares].sort((x: { basisPoints: number }, y: { basisPoints: number }) => y.basisPoints - x.basisPoints)).toEqual([
      { basisPoints: 6000, entity: { name: 'Comune Rete A' } },
      { basisPoints: 4000, entity: { name: 'Comune Rete B' } },
    ]);

    // Set again without the version: refused; with an old one: stale; with the current one: changed.
    expect((await gql(SET, { id: k.gid, v: null, input: terms() })).setConnectivityContractTerms.__typename).toBe('ConflictError');
    expect((await gql(SET, { id: k.gid, v: 7, input: terms() })).setConnectivityContractTerms).toEqual({ __typename: 'StaleVersionError', currentVersion: 1 });
    const changed = (await gql(SET, { id: k.gid, v: 1, input: terms({ renewal: 'NONE', noticePeriodDays: 30, shares: [{ entityId: b.gid, basisPoints: 9000 }, { entityId: a.gid, basisPoints: 1000 }] }) }))
      .setConnectivityContractTerms;
    expect(changed).toMatchObject({ version: 2, renewal: 'NONE', renewalMonths: null, noticeDate: isoDate(addDays(k.endsOn, -30)), renewsTacitly: false });

    // The contract page reads the terms through procurement's Contract.
    const node = await gql(`query ($id: ID!) { node(id: $id) { ... on Contract { connectivityTerms { renewal noticeDate } } } }`, { id: k.gid });
    expect(node.node.connectivityTerms).toEqual({ renewal: 'NONE', noticeDate: isoDate(addDays(k.endsOn, -30)) });
    const plain = await gql(`query ($id: ID!) { node(id: $id) { ... on Contract { connectivityTerms { renewal } } } }`, { id: maintenance.gid });
    expect(plain.node.connectivityTerms).toBeNull();
  });

  it('notice dates for tacit, express and no renewal; a tacit renewal computed once a notice date has passed', async () => {
    const soon = addDays(today(), 30);
    const tacit = await contract({ endsOn: soon });
    const renewed = (await gql(SET, { id: tacit.gid, v: null, input: terms({ noticePeriodDays: 60 }) })).setConnectivityContractTerms;
    // Its notice date (30 days ago) passed without notice: it renewed for 12 months.
    expect(renewed).toMatchObject({
      currentTermEndsOn: isoDate(soon),
      termEndsOn: isoDate(addMonths(soon, 12)),
      noticeDate: isoDate(addDays(addMonths(soon, 12), -60)),
      tacitRenewals: 1,
      state: 'ACTIVE',
      renewsTacitly: true,
    });
    // ... unless the renewal would end after the last renewable date: then it ends at its term.
    const limited = await contract({ endsOn: soon, renewableUntil: addMonths(soon, 6) });
    const ending = (await gql(SET, { id: limited.gid, v: null, input: terms({ noticePeriodDays: 60 }) })).setConnectivityContractTerms;
    expect(ending).toMatchObject({ termEndsOn: isoDate(soon), tacitRenewals: 0, state: 'NOTICE_DATE_PASSED', renewsTacitly: false, daysToNotice: -30 });

    const none = await contract({ endsOn: soon });
    expect((await gql(SET, { id: none.gid, v: null, input: terms({ renewal: 'NONE', noticePeriodDays: 60 }) })).setConnectivityContractTerms).toMatchObject({
      termEndsOn: isoDate(soon),
      noticeDate: isoDate(addDays(soon, -60)),
      state: 'NOTICE_DATE_PASSED',
    });
    const express = await contract({ endsOn: addDays(today(), 200) });
    expect((await gql(SET, { id: express.gid, v: null, input: terms({ renewal: 'EXPRESS', noticePeriodDays: 45 }) })).setConnectivityContractTerms).toMatchObject({
      termEndsOn: isoDate(express.endsOn),
      noticeDate: isoDate(addDays(express.endsOn, -45)),
      state: 'ACTIVE',
      renewsTacitly: false,
    });
  });

  it('notice recorded in time stops a tacit contract at its term; refused after the term or before the start; withdrawn', async () => {
    const k = await contract({ endsOn: addDays(today(), 200) });
    const set = (await gql(SET, { id: k.gid, v: null, input: terms() })).setConnectivityContractTerms;
    const afterTerm = (await gql(NOTICE, { id: k.gid, v: set.version, on: isoDate(addMonths(k.endsOn, 40)) })).recordContractNotice;
    // A tacit contract with no limit renews forever: a notice years ahead still falls in a (renewed) term.
    expect(afterTerm.__typename).toBe('ConnectivityContract');
    const back = (await gql(WITHDRAW, { id: k.gid, v: afterTerm.version })).withdrawContractNotice;
    expect(back).toMatchObject({ noticeGivenOn: null, renewsTacitly: true });
    expect((await gql(WITHDRAW, { id: k.gid, v: back.version })).withdrawContractNotice.__typename).toBe('ConflictError');
    const early = (await gql(NOTICE, { id: k.gid, v: back.version, on: isoDate(addDays(today(), -800)) })).recordContractNotice;
    expect(early.issues).toEqual([{ path: ['givenOn'], message: 'is before the contract starts' }]);
    const given = (await gql(NOTICE, { id: k.gid, v: back.version, on: isoDate(today()) })).recordContractNotice;
    expect(given).toMatchObject({ noticeGivenOn: isoDate(today()), state: 'NOTICE_GIVEN', renewsTacitly: false, termEndsOn: isoDate(k.endsOn) });
    expect((await gql(NOTICE, { id: k.gid, v: given.version, on: isoDate(today()) })).recordContractNotice.__typename).toBe('ConflictError');

    // A contract whose term has passed, with notice given by its notice date: ended, not renewed.
    const past = await contract({ endsOn: addDays(today(), -5) });
    const pastTerms = (await gql(SET, { id: past.gid, v: null, input: terms({ noticePeriodDays: 30 }) })).setConnectivityContractTerms;
    expect(pastTerms.tacitRenewals).toBe(1);
    const stopped = (await gql(NOTICE, { id: past.gid, v: pastTerms.version, on: isoDate(addDays(past.endsOn, -40)) })).recordContractNotice;
    expect(stopped).toMatchObject({ state: 'ENDED', tacitRenewals: 0, termEndsOn: isoDate(past.endsOn) });

    // Without renewal, a notice after the term is refused.
    const none = await contract({ endsOn: addDays(today(), 10) });
    const noneTerms = (await gql(SET, { id: none.gid, v: null, input: terms({ renewal: 'NONE' }) })).setConnectivityContractTerms;
    const late = (await gql(NOTICE, { id: none.gid, v: noneTerms.version, on: isoDate(addDays(none.endsOn, 1)) })).recordContractNotice;
    expect(late.issues[0].path).toEqual(['givenOn']);
  });

  it('express renewal moves the term by the renewal period, up to the last renewable date and the framework end; refused otherwise', async () => {
    const k = await contract({ endsOn: addDays(today(), 100), renewableUntil: addMonths(addDays(today(), 100), 12) });
    const set = (await gql(SET, { id: k.gid, v: null, input: terms({ renewal: 'EXPRESS' }) })).setConnectivityContractTerms;
    expect((await gql(RENEW, { id: k.gid, v: set.version + 1 })).renewConnectivityContract).toEqual({ __typename: 'StaleVersionError', currentVersion: set.version });
    const renewed = (await gql(RENEW, { id: k.gid, v: set.version })).renewConnectivityContract;
    expect(renewed).toMatchObject({ currentTermEndsOn: isoDate(addMonths(k.endsOn, 12)), termEndsOn: isoDate(addMonths(k.endsOn, 12)), version: set.version + 1 });
    const again = (await gql(RENEW, { id: k.gid, v: renewed.version })).renewConnectivityContract;
    expect(again.__typename).toBe('ConflictError');
    expect(again.message).toContain('last renewable date');

    const framework = await contract({ endsOn: addDays(today(), 100) });
    const fTerms = (await gql(SET, { id: framework.gid, v: null, input: terms({ renewal: 'EXPRESS', frameworkEndsOn: isoDate(addDays(today(), 130)) }) }))
      .setConnectivityContractTerms;
    expect((await gql(RENEW, { id: framework.gid, v: fTerms.version })).renewConnectivityContract.message).toContain('framework');

    for (const renewal of ['TACIT', 'NONE']) {
      const other = await contract({ endsOn: addDays(today(), 100) });
      const otherTerms = (await gql(SET, { id: other.gid, v: null, input: terms({ renewal }) })).setConnectivityContractTerms;
      expect((await gql(RENEW, { id: other.gid, v: otherTerms.version })).renewConnectivityContract.__typename).toBe('ConflictError');
    }
  });

  it('only the head writes; a referent sees only the contracts, and shares, of their own body', async () => {
    const k = await contract({ endsOn: addDays(today(), 100) });
    const forbidden = await t.api.gql(SET, { id: k.gid, v: null, input: terms() }, staff());
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.db.prisma.connectivityContract.count({ where: { contractId: k.id } })).toBe(0);
    // The head gives it terms: notice 90 days before a term 100 days away.
    await gql(SET, { id: k.gid, v: null, input: terms() });

    const onlyB = await contract({ endsOn: addDays(today(), 300), entityIds: [b.id] });
    await gql(SET, { id: onlyB.gid, v: null, input: terms({ shares: [{ entityId: b.gid, basisPoints: 10_000 }] }) });
    const seen = (await gql(LIST, {}, referentA())).connectivityContracts;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map((row: { contract: { subject: string } }) => row.contract.subject)).not.toContain(onlyB.subject);
    for (const row of seen) expect(row.shares).toEqual([{ entity: { name: 'Comune Rete A' } }]);
    const other = await t.api.gql(LIST, { filter: { entityId: b.gid } }, referentA());
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const withdraw = await t.api.gql(RENEW, { id: onlyB.gid, v: 1 }, referentA());
    expect(withdraw.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Filters: by body, and by notice date within some days.
    const ofB = (await gql(LIST, { filter: { entityId: b.gid } })).connectivityContracts;
    expect(ofB.map((row: { contract: { subject: string } }) => row.contract.subject)).toContain(onlyB.subject);
    const within = (await gql(LIST, { filter: { noticeWithinDays: 60 } })).connectivityContracts;
    for (const row of within) {
      const days = (new Date(`${row.noticeDate}T00:00:00Z`).getTime() - today().getTime()) / 86_400_000;
      expect(days >= 0 && days <= 60).toBe(true);
    }
    expect(within.map((row: { contract: { subject: string } }) => row.contract.subject)).toContain(k.subject);
    // The filter works whatever fields are asked for.
    const bare = (await gql(`query { connectivityContracts(filter: { noticeWithinDays: 60 }) { contract { subject } } }`)).connectivityContracts;
    expect(bare).toEqual(within.map((row: { contract: { subject: string } }) => ({ contract: row.contract })));
    const all = (await gql(LIST, {})).connectivityContracts;
    const dates = all.map((row: { noticeDate: string }) => row.noticeDate);
    expect(dates).toEqual([...dates].sort());
  });
});
