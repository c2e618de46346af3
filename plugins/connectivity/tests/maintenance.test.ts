import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import connectivity from '../src/index.ts';
import { seedMaintenanceWorld, type MaintenanceWorld } from './maintenance-world.ts';

const t = useTestApi([inventory, procurement, connectivity]);
let w: MaintenanceWorld;

const EVENT = `id version summary reference startsAt endsAt impact status provider { name } circuits { cid }`;
const CREATE = `mutation ($providerId: ID!, $input: MaintenanceEventInput!) {
  createMaintenanceEvent(providerId: $providerId, input: $input) {
    __typename ... on MaintenanceEvent { ${EVENT} } ... on InputError { issues { path message code } } ... on NotFoundError { message }
  }
}`;
const UPDATE = `mutation ($id: ID!, $expectedVersion: Int!, $input: MaintenanceEventInput!) {
  updateMaintenanceEvent(id: $id, expectedVersion: $expectedVersion, input: $input) {
    __typename ... on MaintenanceEvent { ${EVENT} } ... on InputError { issues { path message code } } ... on StaleVersionError { currentVersion }
  }
}`;
const CANCEL = `mutation ($id: ID!, $expectedVersion: Int!) {
  cancelMaintenanceEvent(id: $id, expectedVersion: $expectedVersion) { __typename ... on MaintenanceEvent { status version } ... on StaleVersionError { currentVersion } }
}`;
const LIST = `query ($from: DateTime!, $to: DateTime!, $entityId: ID) { maintenanceEvents(from: $from, to: $to, entityId: $entityId) { summary circuits { cid } } }`;
const RISKS = `query ($from: DateTime!, $to: DateTime!, $entityId: ID) {
  connectivityRisks(from: $from, to: $to, entityId: $entityId) {
    isolatedSites { site { name } entity { name } from to maintenanceEvents { summary } }
    singleLinkSites { site { name } circuit { cid } }
    offlineCircuits { cid }
  }
}`;

const gql = async (query: string, variables: Record<string, unknown> = {}, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
};
const input = (over: Record<string, unknown> = {}) => ({
  summary: 'Lavori sulla dorsale',
  reference: 'TT-1',
  startsAt: '2027-03-10T22:00:00.000Z',
  endsAt: '2027-03-11T04:00:00.000Z',
  impact: 'OUTAGE',
  status: 'CONFIRMED',
  circuitIds: [w.circuits.a1.gid],
  ...over,
});
const RANGE = { from: '2027-03-01T00:00:00.000Z', to: '2027-04-01T00:00:00.000Z' };

beforeAll(async () => {
  w = await seedMaintenanceWorld(t.db);
});
beforeEach(async () => {
  await t.db.prisma.maintenanceEvent.deleteMany();
});

describe('maintenance events', () => {
  it('refuses a backwards window, no circuits, or circuits of another provider, each on its field, writing nothing', async () => {
    const backwards = await gql(CREATE, { providerId: w.providerGid, input: input({ endsAt: '2027-03-10T21:00:00.000Z' }) });
    expect(backwards.createMaintenanceEvent.issues).toEqual([
      { path: ['input', 'endsAt'], message: 'must be after the start of the window', code: 'INVALID_DATE_RANGE' },
    ]);
    const none = await gql(CREATE, { providerId: w.providerGid, input: input({ circuitIds: [] }) });
    expect(none.createMaintenanceEvent.issues.map((i: any) => i.code)).toEqual(['TOO_SHORT']);
    const foreign = await gql(CREATE, { providerId: w.otherProviderGid, input: input({ circuitIds: [w.circuits.a1.gid, w.circuits.x1.gid] }) });
    expect(foreign.createMaintenanceEvent.issues).toEqual([
      { path: ['input', 'circuitIds'], message: "every affected circuit must be the event's provider's", code: 'INVALID_VALUE' },
    ]);
    const blank = await gql(CREATE, { providerId: w.providerGid, input: input({ summary: '  ' }) });
    expect(blank.createMaintenanceEvent.__typename).toBe('InputError');
    expect(await t.db.prisma.maintenanceEvent.count()).toBe(0);
  });

  it('needs connectivity write on every affected body: staff of A alone may not touch B\'s circuit, a referent may not write', async () => {
    const staffA = actorForRoles(t.api.composed, 'staff A', [{ role: 'ICT_STAFF', entityId: w.a.id }]);
    const both = await t.api.gql(CREATE, { providerId: w.providerGid, input: input({ circuitIds: [w.circuits.a1.gid, w.circuits.b1.gid] }) }, staffA);
    expect(both.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const referent = actorForRoles(t.api.composed, 'referent A', [{ role: 'REFERENT', entityId: w.a.id }]);
    const refused = await t.api.gql(CREATE, { providerId: w.providerGid, input: input() }, referent);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const mine = await gql(CREATE, { providerId: w.providerGid, input: input({ summary: 'Solo A' }) }, staffA);
    expect(mine.createMaintenanceEvent).toMatchObject({ __typename: 'MaintenanceEvent', summary: 'Solo A', circuits: [{ cid: expect.stringMatching(/-a1$/) }] });
    await t.db.prisma.maintenanceEvent.deleteMany();
  });

  it('creates, changes and cancels an event, refuses a stale version, and audits each with the bodies concerned', async () => {
    const created = (await gql(CREATE, { providerId: w.providerGid, input: input({ circuitIds: [w.circuits.a1.gid, w.circuits.b1.gid] }) }))
      .createMaintenanceEvent;
    expect(created).toMatchObject({ __typename: 'MaintenanceEvent', version: 1, reference: 'TT-1', impact: 'OUTAGE', status: 'CONFIRMED' });
    expect(created.circuits.map((c: any) => c.cid).sort()).toEqual([expect.stringMatching(/-a1$/), expect.stringMatching(/-b1$/)]);

    const changed = (await gql(UPDATE, { id: created.id, expectedVersion: 1, input: input({ summary: 'Spostato', circuitIds: [w.circuits.a2.gid], status: 'TENTATIVE' }) }))
      .updateMaintenanceEvent;
    expect(changed).toMatchObject({ __typename: 'MaintenanceEvent', version: 2, summary: 'Spostato', status: 'TENTATIVE', circuits: [{ cid: expect.stringMatching(/-a2$/) }] });
    const stale = await gql(UPDATE, { id: created.id, expectedVersion: 1, input: input() });
    expect(stale.updateMaintenanceEvent).toEqual({ __typename: 'StaleVersionError', currentVersion: 2 });
    const backwards = await gql(UPDATE, { id: created.id, expectedVersion: 2, input: input({ startsAt: '2027-03-12T00:00:00.000Z' }) });
    expect(backwards.updateMaintenanceEvent.__typename).toBe('InputError');

    const cancelled = (await gql(CANCEL, { id: created.id, expectedVersion: 2 })).cancelMaintenanceEvent;
    expect(cancelled).toEqual({ __typename: 'MaintenanceEvent', status: 'CANCELLED', version: 3 });

    const targetId = Buffer.from(created.id, 'base64').toString().split(':')[1];
    const audit = await t.db.prisma.auditEvent.findMany({ where: { targetType: 'MaintenanceEvent', targetId }, orderBy: { at: 'asc' } });
    const success = audit.filter((event) => event.outcome === 'SUCCESS');
    expect(success.map((event) => event.operation)).toEqual(['createMaintenanceEvent', 'updateMaintenanceEvent', 'cancelMaintenanceEvent']);
    expect([...success[0]!.entityIds].sort()).toEqual([w.a.id, w.b.id].sort());
    // The change moved the event off B's circuit: B is concerned by it too.
    expect([...success[1]!.entityIds].sort()).toEqual([w.a.id, w.b.id].sort());
    expect(success[1]!.before).toMatchObject({ summary: 'Lavori sulla dorsale', circuitIds: [w.circuits.a1.id, w.circuits.b1.id].sort() });
    expect(success[1]!.after).toMatchObject({ summary: 'Spostato', circuitIds: [w.circuits.a2.id] });
    expect(success[2]!.entityIds).toEqual([w.a.id]);
    const failed = await t.db.prisma.auditEvent.count({ where: { operation: 'updateMaintenanceEvent', outcome: 'FAILED' } });
    expect(failed).toBe(2);
    await t.db.prisma.maintenanceEvent.deleteMany();
  });

  it('lists events overlapping the range, only with the circuits the reader may see; an event on other bodies only is invisible', async () => {
    await gql(CREATE, { providerId: w.providerGid, input: input({ summary: 'A e B', circuitIds: [w.circuits.a1.gid, w.circuits.b1.gid] }) });
    await gql(CREATE, { providerId: w.providerGid, input: input({ summary: 'Solo B', circuitIds: [w.circuits.b1.gid] }) });
    await gql(CREATE, {
      providerId: w.providerGid,
      input: input({ summary: 'Aprile', startsAt: '2027-04-01T00:00:00.000Z', endsAt: '2027-04-01T02:00:00.000Z' }),
    });
    const all = await gql(LIST, RANGE);
    expect(all.maintenanceEvents.map((e: any) => e.summary).sort()).toEqual(['A e B', 'Solo B']);
    const referentA = actorForRoles(t.api.composed, 'referent A', [{ role: 'REFERENT', entityId: w.a.id }]);
    const seen = await gql(LIST, RANGE, referentA);
    expect(seen.maintenanceEvents).toEqual([{ summary: 'A e B', circuits: [{ cid: expect.stringMatching(/-a1$/) }] }]);
    const ofB = await t.api.gql(LIST, { ...RANGE, entityId: w.b.gid }, referentA);
    expect(ofB.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backwards = await t.api.gql(LIST, { from: RANGE.to, to: RANGE.from });
    expect(backwards.body.errors?.[0]?.message).toMatch(/after from/);
    await t.db.prisma.maintenanceEvent.deleteMany();
  });
});

describe('sites left without any working link', () => {
  const twoEvents = async (second: Record<string, unknown>) => {
    await gql(CREATE, { providerId: w.providerGid, input: input({ summary: 'Primo', circuitIds: [w.circuits.a1.gid] }) });
    await gql(CREATE, { providerId: w.providerGid, input: input({ summary: 'Secondo', circuitIds: [w.circuits.a2.gid], ...second }) });
    const risks = (await gql(RISKS, { ...RANGE, entityId: w.a.gid })).connectivityRisks;
    await t.db.prisma.maintenanceEvent.deleteMany();
    return risks;
  };

  it('both legs of the redundancy group in overlapping maintenance: the site and the exact overlap', async () => {
    const risks = await twoEvents({ startsAt: '2027-03-11T01:00:00.000Z', endsAt: '2027-03-11T06:00:00.000Z' });
    expect(risks.isolatedSites).toEqual([
      {
        site: { name: expect.stringMatching(/^Municipio .* A$/) },
        entity: { name: expect.stringMatching(/ A$/) },
        from: '2027-03-11T01:00:00.000Z',
        to: '2027-03-11T04:00:00.000Z',
        maintenanceEvents: [{ summary: 'Primo' }, { summary: 'Secondo' }],
      },
    ]);
    expect(risks.singleLinkSites).toEqual([{ site: { name: expect.stringMatching(/^Biblioteca/) }, circuit: { cid: expect.stringMatching(/-a3$/) } }]);
    expect(risks.offlineCircuits).toEqual([{ cid: expect.stringMatching(/-a4$/) }]);
  });

  it('non-overlapping windows, a cancelled one, a degraded one: nothing', async () => {
    expect((await twoEvents({ startsAt: '2027-03-11T04:00:00.000Z', endsAt: '2027-03-11T06:00:00.000Z' })).isolatedSites).toEqual([]);
    expect((await twoEvents({ status: 'CANCELLED' })).isolatedSites).toEqual([]);
    expect((await twoEvents({ impact: 'DEGRADED' })).isolatedSites).toEqual([]);
  });

  it('a single-link site under maintenance is isolated for the whole window; a referent of B sees only B', async () => {
    await gql(CREATE, { providerId: w.providerGid, input: input({ summary: 'Lavori doppi', circuitIds: [w.circuits.a3.gid, w.circuits.b1.gid] }) });
    const all = (await gql(RISKS, RANGE)).connectivityRisks;
    expect(all.isolatedSites.map((s: any) => [s.site.name.split(' ')[0], s.from, s.to]).sort()).toEqual([
      ['Biblioteca', '2027-03-10T22:00:00.000Z', '2027-03-11T04:00:00.000Z'],
      ['Municipio', '2027-03-10T22:00:00.000Z', '2027-03-11T04:00:00.000Z'],
    ]);
    const referentB = actorForRoles(t.api.composed, 'referent B', [{ role: 'REFERENT', entityId: w.b.id }]);
    const theirs = (await gql(RISKS, RANGE, referentB)).connectivityRisks;
    expect(theirs.isolatedSites.map((s: any) => s.entity.name)).toEqual([expect.stringMatching(/ B$/)]);
    expect(theirs.singleLinkSites.map((s: any) => s.circuit.cid)).toEqual([expect.stringMatching(/-b1$/)]);
    expect(theirs.offlineCircuits).toEqual([]);
    expect(JSON.stringify(theirs), JSON.stringify(theirs)).not.toMatch(/Biblioteca|-a\d/);
    await t.db.prisma.maintenanceEvent.deleteMany();
  });
});
