import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory, procurement, connectivity]);
const MODULES = ['inventory', 'procurement', 'connectivity'];

type Body = { id: string; gid: string };
let a: Body;
let b: Body;
let off: Body;

const STALE = '... on StaleVersionError { message }';
const PROVIDER = `__typename
  ... on ConnectivityProvider { id version name asn supportContact note supplier { name } }
  ... on InputError { issues { path message } }
  ... on ConflictError { message }
  ... on NotFoundError { message }`;
const CREATE_PROVIDER = `mutation ($supplierId: ID!, $input: ConnectivityProviderInput!) { createConnectivityProvider(supplierId: $supplierId, input: $input) { ${PROVIDER} } }`;
const UPDATE_PROVIDER = `mutation ($id: ID!, $v: Int!, $input: ConnectivityProviderInput!) { updateConnectivityProvider(id: $id, expectedVersion: $v, input: $input) { ${PROVIDER} ${STALE} } }`;
const ACCOUNT = `__typename
  ... on ProviderAccount { id version accountNumber name entity { name } provider { name } }
  ... on InputError { issues { path message } }
  ... on ConflictError { message }
  ... on NotFoundError { message }`;
const CREATE_ACCOUNT = `mutation ($p: ID!, $e: ID!, $input: ProviderAccountInput!) { createProviderAccount(providerId: $p, entityId: $e, input: $input) { ${ACCOUNT} } }`;
const UPDATE_ACCOUNT = `mutation ($id: ID!, $v: Int!, $e: ID, $input: ProviderAccountInput!) { updateProviderAccount(id: $id, expectedVersion: $v, entityId: $e, input: $input) { ${ACCOUNT} ${STALE} } }`;
const NETWORK = `__typename
  ... on ProviderNetwork { id version name kind description provider { name } }
  ... on InputError { issues { path message } }
  ... on ConflictError { message }
  ... on NotFoundError { message }`;
const CREATE_NETWORK = `mutation ($p: ID!, $input: ProviderNetworkInput!) { createProviderNetwork(providerId: $p, input: $input) { ${NETWORK} } }`;
const UPDATE_NETWORK = `mutation ($id: ID!, $v: Int!, $input: ProviderNetworkInput!) { updateProviderNetwork(id: $id, expectedVersion: $v, input: $input) { ${NETWORK} ${STALE} } }`;

const gql = async (query: string, variables: Record<string, unknown> = {}, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
};
const supplier = async (name: string) => toGlobalId('Supplier', (await t.db.prisma.supplier.create({ data: { name } })).id);
const staff = () => actorForRoles(t.api.composed, 'tecnico', [{ role: 'ICT_STAFF', entityId: null }]);
const lastAudit = (operation: string) => t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation, outcome: 'SUCCESS' }, orderBy: { at: 'desc' } });

beforeAll(async () => {
  const make = async (name: string): Promise<Body> => {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
    return { id: entity.id, gid: toGlobalId('Entity', entity.id) };
  };
  a = await make('Comune Rete A');
  b = await make('Comune Rete B');
  off = await make('Comune Senza Connettività');
  await enableModules(t.db, [a.id, b.id], MODULES);
  await enableModules(t.db, [off.id], ['inventory', 'procurement']);
});

describe('connectivity providers', () => {
  it('makes a supplier a provider (name defaults to the supplier\'s), changes it, and audits both', async () => {
    const supplierGid = await supplier('Regione Toscana - RTRT');
    const created = await gql(CREATE_PROVIDER, { supplierId: supplierGid, input: { asn: 12_345, supportContact: ' 800 123 456 ' } }, staff());
    expect(created.createConnectivityProvider).toMatchObject({
      __typename: 'ConnectivityProvider',
      version: 1,
      name: 'Regione Toscana - RTRT',
      asn: 12_345,
      supportContact: '800 123 456',
      supplier: { name: 'Regione Toscana - RTRT' },
    });
    const id = created.createConnectivityProvider.id;
    const audit = await lastAudit('createConnectivityProvider');
    expect(audit).toMatchObject({ targetType: 'ConnectivityProvider', targetId: Buffer.from(id, 'base64').toString().split(':')[1] });

    const updated = await gql(UPDATE_PROVIDER, { id, v: 1, input: { name: '  RTRT  ', asn: null, note: 'Rete telematica regionale' } }, staff());
    expect(updated.updateConnectivityProvider).toMatchObject({ version: 2, name: 'RTRT', asn: null, supportContact: null, note: 'Rete telematica regionale' });
    const changed = await lastAudit('updateConnectivityProvider');
    expect(changed.before).toMatchObject({ name: 'Regione Toscana - RTRT', asn: 12_345, version: 1 });
    expect(changed.after).toMatchObject({ name: 'RTRT', version: 2 });

    // the same version again is stale, and writes nothing
    const stale = await gql(UPDATE_PROVIDER, { id, v: 1, input: { name: 'Altro' } }, staff());
    expect(stale.updateConnectivityProvider.__typename).toBe('StaleVersionError');
    expect((await t.db.prisma.connectivityProvider.findFirstOrThrow({ where: { supplierId: Buffer.from(supplierGid, 'base64').toString().split(':')[1] } })).name).toBe('RTRT');
  });

  it('refuses a missing supplier, a second provider for a supplier, a taken name and an ASN out of range', async () => {
    const count = await t.db.prisma.connectivityProvider.count();
    const missing = await gql(CREATE_PROVIDER, { supplierId: toGlobalId('Supplier', '00000000-0000-7000-8000-000000000000'), input: {} });
    expect(missing.createConnectivityProvider.__typename).toBe('NotFoundError');

    const first = await supplier('TIM S.p.A.');
    expect((await gql(CREATE_PROVIDER, { supplierId: first, input: {} })).createConnectivityProvider.__typename).toBe('ConnectivityProvider');
    const again = await gql(CREATE_PROVIDER, { supplierId: first, input: { name: 'TIM bis' } });
    expect(again.createConnectivityProvider).toEqual({ __typename: 'ConflictError', message: 'this supplier is already a connectivity provider' });
    const taken = await gql(CREATE_PROVIDER, { supplierId: await supplier('Telecom Italia'), input: { name: 'tim s.p.a.' } });
    expect(taken.createConnectivityProvider).toEqual({ __typename: 'ConflictError', message: 'a connectivity provider named "TIM S.p.A." already exists' });

    for (const asn of [0, -1]) {
      const bad = await gql(CREATE_PROVIDER, { supplierId: await supplier(`Fastweb ${asn}`), input: { asn } });
      expect(bad.createConnectivityProvider.__typename, String(asn)).toBe('InputError');
      expect(bad.createConnectivityProvider.issues.map((issue: { path: string[] }) => issue.path.join('.'))).toEqual(['input.asn']);
    }
    expect(await t.db.prisma.connectivityProvider.count()).toBe(count + 1);

    // renaming onto another provider's name is a conflict too
    const other = await gql(CREATE_PROVIDER, { supplierId: await supplier('Open Fiber'), input: {} });
    const rename = await gql(UPDATE_PROVIDER, { id: other.createConnectivityProvider.id, v: 1, input: { name: 'TIM S.p.A.' } });
    expect(rename.updateConnectivityProvider.__typename).toBe('ConflictError');
  });

  it('is written by ICT staff only: a referent may read providers but not record them', async () => {
    const referent = actorForRoles(t.api.composed, 'ref-a', [{ role: 'REFERENT', entityId: a.id }]);
    const refused = await t.api.gql(CREATE_PROVIDER, { supplierId: await supplier('Vodafone'), input: {} }, referent);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await gql('{ connectivityProviders { name } }', {}, referent);
    expect(list.connectivityProviders.map((p: { name: string }) => p.name)).toContain('RTRT');
  });
});

describe('provider accounts and networks', () => {
  let providerGid: string;
  beforeAll(async () => {
    const created = await gql(CREATE_PROVIDER, { supplierId: await supplier('Estracom'), input: {} });
    providerGid = created.createConnectivityProvider.id;
  });

  it('records an account for the paying body, moves it to another body, and audits it under both', async () => {
    const created = await gql(CREATE_ACCOUNT, { p: providerGid, e: a.gid, input: { accountNumber: ' 888001 ', name: 'Sede comunale' } }, staff());
    expect(created.createProviderAccount).toMatchObject({ __typename: 'ProviderAccount', version: 1, accountNumber: '888001', entity: { name: 'Comune Rete A' } });
    expect(await lastAudit('createProviderAccount')).toMatchObject({ entityId: a.id, targetType: 'ProviderAccount' });

    const id = created.createProviderAccount.id;
    const moved = await gql(UPDATE_ACCOUNT, { id, v: 1, e: b.gid, input: { accountNumber: '888001' } }, staff());
    expect(moved.updateProviderAccount).toMatchObject({ version: 2, name: null, entity: { name: 'Comune Rete B' } });
    const audit = await lastAudit('updateProviderAccount');
    expect([...audit.entityIds].sort()).toEqual([a.id, b.id].sort());

    const stale = await gql(UPDATE_ACCOUNT, { id, v: 1, input: { accountNumber: '999' } }, staff());
    expect(stale.updateProviderAccount.__typename).toBe('StaleVersionError');
  });

  it('refuses a duplicate account number at one provider, a missing provider, and an empty number', async () => {
    await gql(CREATE_ACCOUNT, { p: providerGid, e: a.gid, input: { accountNumber: 'DUP-1' } });
    const dup = await gql(CREATE_ACCOUNT, { p: providerGid, e: b.gid, input: { accountNumber: 'DUP-1' } });
    expect(dup.createProviderAccount).toEqual({ __typename: 'ConflictError', message: 'account DUP-1 already exists at this provider' });
    const missing = await gql(CREATE_ACCOUNT, { p: toGlobalId('ConnectivityProvider', '00000000-0000-7000-8000-000000000001'), e: a.gid, input: { accountNumber: 'X' } });
    expect(missing.createProviderAccount.__typename).toBe('NotFoundError');
    const empty = await gql(CREATE_ACCOUNT, { p: providerGid, e: a.gid, input: { accountNumber: '   ' } });
    expect(empty.createProviderAccount.issues.map((issue: { path: string[] }) => issue.path.join('.'))).toEqual(['input.accountNumber']);
    // the same number at another provider is fine
    const other = await gql(CREATE_PROVIDER, { supplierId: await supplier('Eolo'), input: {} });
    expect((await gql(CREATE_ACCOUNT, { p: other.createConnectivityProvider.id, e: a.gid, input: { accountNumber: 'DUP-1' } })).createProviderAccount.__typename).toBe('ProviderAccount');
  });

  it('needs connectivity:write on the paying body, and the module on for it', async () => {
    const writerA = actorForRoles(t.api.composed, 'writer-a', [{ role: 'ICT_STAFF', entityId: a.id }]);
    const own = await gql(CREATE_ACCOUNT, { p: providerGid, e: a.gid, input: { accountNumber: 'A-OWN' } }, writerA);
    expect(own.createProviderAccount.__typename).toBe('ProviderAccount');
    const foreign = await t.api.gql(CREATE_ACCOUNT, { p: providerGid, e: b.gid, input: { accountNumber: 'A-FOREIGN' } }, writerA);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // moving an account of A to B needs B too
    const move = await t.api.gql(UPDATE_ACCOUNT, { id: own.createProviderAccount.id, v: 1, e: b.gid, input: { accountNumber: 'A-OWN' } }, writerA);
    expect(move.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const disabled = await t.api.gql(CREATE_ACCOUNT, { p: providerGid, e: off.gid, input: { accountNumber: 'OFF-1' } }, staff());
    expect(disabled.body.errors?.[0]?.extensions?.code).toBe('MODULE_DISABLED');
    expect(await t.db.prisma.providerAccount.count({ where: { accountNumber: { in: ['A-FOREIGN', 'OFF-1'] } } })).toBe(0);
  });

  it('records networks unique per provider, changes them, and refuses a stale or duplicate change', async () => {
    const created = await gql(CREATE_NETWORK, { p: providerGid, input: { name: 'MPLS Estracom', kind: 'MPLS', description: ' dorsale ' } }, staff());
    expect(created.createProviderNetwork).toMatchObject({ version: 1, name: 'MPLS Estracom', kind: 'MPLS', description: 'dorsale', provider: { name: 'Estracom' } });
    expect(await lastAudit('createProviderNetwork')).toMatchObject({ targetType: 'ProviderNetwork' });
    const second = await gql(CREATE_NETWORK, { p: providerGid, input: { name: 'Internet', kind: 'INTERNET' } });
    const dup = await gql(CREATE_NETWORK, { p: providerGid, input: { name: 'mpls estracom', kind: 'OTHER' } });
    expect(dup.createProviderNetwork).toEqual({ __typename: 'ConflictError', message: 'the provider already has a network named "MPLS Estracom"' });
    const missing = await gql(CREATE_NETWORK, { p: toGlobalId('ConnectivityProvider', '00000000-0000-7000-8000-000000000002'), input: { name: 'X', kind: 'OTHER' } });
    expect(missing.createProviderNetwork.__typename).toBe('NotFoundError');

    const id = created.createProviderNetwork.id;
    const updated = await gql(UPDATE_NETWORK, { id, v: 1, input: { name: 'MPLS', kind: 'MPLS' } });
    expect(updated.updateProviderNetwork).toMatchObject({ version: 2, name: 'MPLS', description: null });
    expect((await lastAudit('updateProviderNetwork')).before).toMatchObject({ name: 'MPLS Estracom' });
    expect((await gql(UPDATE_NETWORK, { id, v: 1, input: { name: 'MPLS 2', kind: 'MPLS' } })).updateProviderNetwork.__typename).toBe('StaleVersionError');
    expect((await gql(UPDATE_NETWORK, { id: second.createProviderNetwork.id, v: 1, input: { name: 'MPLS', kind: 'MPLS' } })).updateProviderNetwork.__typename).toBe('ConflictError');
    const referent = actorForRoles(t.api.composed, 'ref-b', [{ role: 'REFERENT', entityId: b.id }]);
    const refused = await t.api.gql(CREATE_NETWORK, { p: providerGid, input: { name: 'Y', kind: 'OTHER' } }, referent);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("a referent of one body sees that body's accounts only, never another body's", async () => {
    const query = `{ connectivityProviders { name accounts { accountNumber entity { name } } } }`;
    const all = await gql(query, {}, staff());
    const estracom = (data: typeof all) => data.connectivityProviders.find((p: { name: string }) => p.name === 'Estracom');
    const bodiesIn = (data: typeof all) => new Set(estracom(data).accounts.map((acc: { entity: { name: string } }) => acc.entity.name));
    expect(bodiesIn(all)).toEqual(new Set(['Comune Rete A', 'Comune Rete B']));
    const referentA = actorForRoles(t.api.composed, 'ref-a', [{ role: 'REFERENT', entityId: a.id }]);
    const seenByA = await gql(query, {}, referentA);
    expect(bodiesIn(seenByA)).toEqual(new Set(['Comune Rete A']));
    expect(estracom(seenByA).accounts.length).toBe(await t.db.prisma.providerAccount.count({ where: { entityId: a.id, provider: { name: 'Estracom' } } }));
    // nor through the node query
    const bAccount = await t.db.prisma.providerAccount.findFirstOrThrow({ where: { entityId: b.id } });
    const node = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on ProviderAccount { accountNumber } } }', { id: toGlobalId('ProviderAccount', bAccount.id) }, referentA);
    expect(node.body.data?.node ?? null).toBeNull();
  });
});
