import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import { createWorld, type World } from './circuit-fixtures.ts';

const t = useTestApi([inventory, procurement, connectivity]);
let w: World;
type Actor = Parameters<typeof t.api.gql>[2];

const FIELDS = `id version cid type technology status agcomClass downloadKbps uploadKbps guaranteedDownloadKbps guaranteedUploadKbps
  publicIpAddresses installedOn terminatedOn slaAvailabilityHundredths slaRestoreHours slaServiceWindow
  monthlyCostCents yearlyCostCents oneOffCostCents vatRateBasisPoints description
  provider { name } entity { name } providerAccount { accountNumber } contract { subject }`;
const RESULT = `__typename ... on Circuit { ${FIELDS} } ... on InputError { issues { path message code } } ... on Error { code message }`;
const CREATE = `mutation ($providerId: ID!, $entityId: ID!, $input: CircuitInput!) { createCircuit(providerId: $providerId, entityId: $entityId, input: $input) { ${RESULT} } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: CircuitInput!) { updateCircuit(id: $id, expectedVersion: $v, input: $input) { ${RESULT} } }`;
const STATUS = `mutation ($id: ID!, $v: Int!, $status: CircuitStatus!, $on: Date!) { setCircuitStatus(id: $id, expectedVersion: $v, status: $status, on: $on) { ${RESULT} } }`;
const TERMINATION = `mutation ($circuitId: ID!, $side: TerminationSide!, $v: Int, $input: CircuitTerminationInput!) {
  setCircuitTermination(circuitId: $circuitId, side: $side, expectedVersion: $v, input: $input) {
    __typename ... on CircuitTermination { id version side site { name } providerNetwork { name } portSpeedKbps crossConnect cpe { model } }
    ... on InputError { issues { path message } } ... on Error { code message }
  }
}`;

async function gql(query: string, variables: Record<string, unknown>, actor?: Actor) {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
}

const input = (overrides: Record<string, unknown> = {}) => ({
  cid: 'RTRT-0001',
  type: 'NETWORK_ACCESS',
  technology: 'FTTH_FTTB',
  status: 'ACTIVE',
  downloadKbps: 1_000_000,
  uploadKbps: 300_000,
  guaranteedDownloadKbps: 100_000,
  guaranteedUploadKbps: 100_000,
  publicIpAddresses: ['151.12.34.56', '2a01:4f8::/32'],
  installedOn: '2025-03-01',
  slaAvailabilityHundredths: 9990,
  slaRestoreHours: 8,
  slaServiceWindow: 'H24_7',
  monthlyCostCents: 4990,
  yearlyCostCents: 0,
  oneOffCostCents: 25_000,
  vatRateBasisPoints: 2200,
  description: 'Fibra del municipio',
  ...overrides,
});

const create = (overrides: Record<string, unknown> = {}, body = w.alfa, providerGid = w.provider.gid, actor?: Actor) =>
  gql(CREATE, { providerId: providerGid, entityId: body.gid, input: input(overrides) }, actor).then((data) => data.createCircuit);

beforeAll(async () => {
  w = await createWorld(t.db);
});

describe('circuits: create and change', () => {
  it('records every field of a circuit, with its account and contract, and audits it', async () => {
    const created = await create({ providerAccountId: toGlobalId('ProviderAccount', w.accounts.alfa), contractId: toGlobalId('Contract', w.contracts.alfa) });
    expect(created).toMatchObject({
      __typename: 'Circuit',
      version: 1,
      cid: 'RTRT-0001',
      agcomClass: 'F',
      publicIpAddresses: ['151.12.34.56', '2a01:4f8::/32'],
      installedOn: '2025-03-01',
      terminatedOn: null,
      monthlyCostCents: 4990,
      oneOffCostCents: 25_000,
      provider: { name: 'Regione Toscana - RTRT' },
      entity: { name: 'Comune Alfa' },
      providerAccount: { accountNumber: 'C-ALFA' },
      contract: { subject: 'Connettività Alfa' },
    });
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'createCircuit', outcome: 'SUCCESS' } });
    expect(audit).toMatchObject({ targetType: 'Circuit', entityId: w.alfa.id });
    expect(audit.targetId).toBe(Buffer.from(created.id, 'base64').toString().split(':')[1]);
  });

  it('refuses a circuit id already used at the same provider, not at another', async () => {
    const again = await create({ cid: 'DUP-1' });
    expect(again.__typename).toBe('Circuit');
    const duplicate = await create({ cid: 'DUP-1' }, w.beta);
    expect(duplicate).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
    const elsewhere = await create({ cid: 'DUP-1' }, w.alfa, w.other.gid);
    expect(elsewhere.__typename).toBe('Circuit');
  });

  it('refuses every broken rule with a field issue, writing nothing', async () => {
    const before = await t.db.prisma.circuit.count();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ guaranteedDownloadKbps: 2_000_000 }, 'guaranteedDownloadKbps', /nominal download/],
      [{ guaranteedUploadKbps: 300_001 }, 'guaranteedUploadKbps', /nominal upload/],
      [{ publicIpAddresses: ['192.168.1.1'] }, 'publicIpAddresses', /not a public address \(private/],
      [{ publicIpAddresses: ['10.0.0.0/8'] }, 'publicIpAddresses', /not a public address/],
      [{ publicIpAddresses: ['fd00::1'] }, 'publicIpAddresses', /not a public address/],
      [{ publicIpAddresses: ['2001:db8::/48'] }, 'publicIpAddresses', /not a public address/],
      [{ publicIpAddresses: ['300.1.1.1'] }, 'publicIpAddresses', /is not an IPv4\/IPv6 address/],
      [{ publicIpAddresses: ['8.8.8.8/33'] }, 'publicIpAddresses', /is not an IPv4\/IPv6 address/],
      [{ terminatedOn: '2025-02-01', status: 'DECOMMISSIONED' }, 'terminatedOn', /before the installation/],
      [{ status: 'DECOMMISSIONED' }, 'terminatedOn', /required for a decommissioned/],
      [{ installedOn: null }, 'installedOn', /required for an active/],
      [{ providerAccountId: toGlobalId('ProviderAccount', w.accounts.otherAlfa) }, 'providerAccountId', /another provider/],
      [{ providerAccountId: toGlobalId('ProviderAccount', w.accounts.beta) }, 'providerAccountId', /another body/],
      [{ contractId: toGlobalId('Contract', w.contracts.beta) }, 'contractId', /does not serve/],
    ];
    for (const [overrides, field, message] of cases) {
      const refused = await create({ cid: `BAD-${field}`, ...overrides });
      expect(refused.__typename, JSON.stringify(overrides)).toBe('InputError');
      expect(refused.issues).toContainEqual(expect.objectContaining({ path: ['input', field], message: expect.stringMatching(message) }));
    }
    expect(await t.db.prisma.circuit.count()).toBe(before);
  });

  it('updates with the version read, refuses a stale one, and audits before and after', async () => {
    const created = await create({ cid: 'UPD-1' });
    const updated = (await gql(UPDATE, { id: created.id, v: 1, input: input({ cid: 'UPD-1', downloadKbps: 200_000, technology: 'FWA', guaranteedDownloadKbps: null }) })).updateCircuit;
    expect(updated).toMatchObject({ __typename: 'Circuit', version: 2, downloadKbps: 200_000, agcomClass: 'FR', guaranteedDownloadKbps: null });
    const stale = (await gql(UPDATE, { id: created.id, v: 1, input: input({ cid: 'UPD-1', description: 'tardi' }) })).updateCircuit;
    expect(stale).toMatchObject({ __typename: 'StaleVersionError', code: 'STALE_VERSION' });
    expect((await t.db.prisma.circuit.findFirstOrThrow({ where: { cid: 'UPD-1' } })).description).toBe('Fibra del municipio');
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'updateCircuit', outcome: 'SUCCESS' }, orderBy: { id: 'desc' } });
    expect(audit.before).toMatchObject({ downloadKbps: 1_000_000, technology: 'FTTH_FTTB' });
    expect(audit.after).toMatchObject({ downloadKbps: 200_000, technology: 'FWA' });
    // The rules hold on update too.
    const refused = (await gql(UPDATE, { id: created.id, v: 2, input: input({ cid: 'UPD-1', publicIpAddresses: ['127.0.0.1'] }) })).updateCircuit;
    expect(refused.__typename).toBe('InputError');
  });

  it('changes the status on a day: first activation and decommissioning record their dates', async () => {
    const ordered = await create({ cid: 'ST-1', status: 'ORDERED', installedOn: null });
    const active = (await gql(STATUS, { id: ordered.id, v: 1, status: 'ACTIVE', on: '2025-06-10' })).setCircuitStatus;
    expect(active).toMatchObject({ status: 'ACTIVE', installedOn: '2025-06-10', terminatedOn: null, version: 2 });
    const offline = (await gql(STATUS, { id: ordered.id, v: 2, status: 'OFFLINE', on: '2025-07-01' })).setCircuitStatus;
    expect(offline).toMatchObject({ status: 'OFFLINE', installedOn: '2025-06-10' });
    const reactivated = (await gql(STATUS, { id: ordered.id, v: 3, status: 'ACTIVE', on: '2025-07-02' })).setCircuitStatus;
    expect(reactivated.installedOn).toBe('2025-06-10');
    const early = (await gql(STATUS, { id: ordered.id, v: 4, status: 'DECOMMISSIONED', on: '2025-01-01' })).setCircuitStatus;
    expect(early).toMatchObject({ __typename: 'InputError', issues: [{ path: ['on'], message: expect.stringMatching(/before the installation/) }] });
    const ceased = (await gql(STATUS, { id: ordered.id, v: 4, status: 'DECOMMISSIONED', on: '2026-01-31' })).setCircuitStatus;
    expect(ceased).toMatchObject({ status: 'DECOMMISSIONED', terminatedOn: '2026-01-31' });
    const stale = (await gql(STATUS, { id: ordered.id, v: 4, status: 'ACTIVE', on: '2026-02-01' })).setCircuitStatus;
    expect(stale.__typename).toBe('StaleVersionError');
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'setCircuitStatus', outcome: 'SUCCESS' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ entityId: w.alfa.id, before: { status: 'ACTIVE' }, after: { status: 'DECOMMISSIONED', terminatedOn: '2026-01-31T00:00:00.000Z' } });
  });

  it('lets one of two concurrent updates of a circuit win; the other is stale', async () => {
    const created = await create({ cid: 'RACE-1' });
    const [first, second] = await Promise.all(
      ['uno', 'due'].map((description) => gql(UPDATE, { id: created.id, v: 1, input: input({ cid: 'RACE-1', description }) }).then((data) => data.updateCircuit)),
    );
    const kinds = [first.__typename, second.__typename].sort();
    expect(kinds).toEqual(['Circuit', 'StaleVersionError']);
    const winner = [first, second].find((r) => r.__typename === 'Circuit');
    const stored = await t.db.prisma.circuit.findFirstOrThrow({ where: { cid: 'RACE-1' } });
    expect(stored).toMatchObject({ version: 2, description: winner.description });
  });
});

describe('circuit terminations', () => {
  let circuitGid: string;
  beforeAll(async () => {
    circuitGid = (await create({ cid: 'TERM-1' })).id;
  });
  const site = (id: string) => toGlobalId('Site', id);

  it('puts side A on a site of the body only, side Z on any site or a network of the provider', async () => {
    const foreign = (await gql(TERMINATION, { circuitId: circuitGid, side: 'A', input: { siteId: site(w.beta.sites.Municipio!) } })).setCircuitTermination;
    expect(foreign).toMatchObject({ __typename: 'InputError', issues: [{ path: ['input', 'siteId'], message: expect.stringMatching(/side A must be a site of the circuit's body/) }] });
    const both = (await gql(TERMINATION, { circuitId: circuitGid, side: 'A', input: {} })).setCircuitTermination;
    expect(both.issues[0].message).toMatch(/either a site or a provider network/);
    const otherNetwork = (await gql(TERMINATION, { circuitId: circuitGid, side: 'Z', input: { providerNetworkId: toGlobalId('ProviderNetwork', w.other.networkId) } })).setCircuitTermination;
    expect(otherNetwork.issues[0]).toMatchObject({ path: ['input', 'providerNetworkId'], message: expect.stringMatching(/another provider/) });
    const cpeElsewhere = (await gql(TERMINATION, { circuitId: circuitGid, side: 'A', input: { siteId: site(w.alfa.sites.Municipio!), cpeAssetId: toGlobalId('Asset', w.beta.routerId) } }))
      .setCircuitTermination;
    expect(cpeElsewhere.issues[0]).toMatchObject({ path: ['input', 'cpeAssetId'], message: expect.stringMatching(/another body than the site's/) });
    expect(await t.db.prisma.circuitTermination.count()).toBe(0);

    const a = (await gql(TERMINATION, {
      circuitId: circuitGid,
      side: 'A',
      input: { siteId: site(w.alfa.sites.Municipio!), cpeAssetId: toGlobalId('Asset', w.alfa.routerId), portSpeedKbps: 1_000_000, crossConnect: 'Armadio 1' },
    })).setCircuitTermination;
    expect(a).toMatchObject({ __typename: 'CircuitTermination', side: 'A', site: { name: 'Municipio' }, cpe: { model: 'Router Comune Alfa' }, crossConnect: 'Armadio 1', version: 1 });
    const z = (await gql(TERMINATION, { circuitId: circuitGid, side: 'Z', input: { siteId: site(w.union.sites['Sede centrale']!) } })).setCircuitTermination;
    expect(z).toMatchObject({ __typename: 'CircuitTermination', site: { name: 'Sede centrale' } });
    // Side Z moves to the provider's network: the existing end needs its version.
    const unversioned = (await gql(TERMINATION, { circuitId: circuitGid, side: 'Z', input: { providerNetworkId: toGlobalId('ProviderNetwork', w.provider.networkId) } }))
      .setCircuitTermination;
    expect(unversioned.__typename).toBe('ConflictError');
    const moved = (await gql(TERMINATION, { circuitId: circuitGid, side: 'Z', v: 1, input: { providerNetworkId: toGlobalId('ProviderNetwork', w.provider.networkId) } }))
      .setCircuitTermination;
    expect(moved).toMatchObject({ site: null, providerNetwork: { name: 'Rete Regione Toscana - RTRT' }, version: 2 });
    const stale = (await gql(TERMINATION, { circuitId: circuitGid, side: 'Z', v: 1, input: { siteId: site(w.union.sites['Sede centrale']!) } })).setCircuitTermination;
    expect(stale.__typename).toBe('StaleVersionError');

    const circuit = await gql(`query ($id: ID!) { node(id: $id) { ... on Circuit { terminations { side site { name } providerNetwork { name } } } } }`, { id: circuitGid });
    expect(circuit.node.terminations).toEqual([
      { side: 'A', site: { name: 'Municipio' }, providerNetwork: null },
      { side: 'Z', site: null, providerNetwork: { name: 'Rete Regione Toscana - RTRT' } },
    ]);
    const removed = await gql(`mutation ($id: ID!) { removeCircuitTermination(id: $id) { __typename ... on MutationRemoveCircuitTerminationSuccess { data } } }`, { id: moved.id ?? z.id });
    expect(removed.removeCircuitTermination.data).toBe(z.id);
    expect(await t.db.prisma.circuitTermination.count()).toBe(1);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'removeCircuitTermination', outcome: 'SUCCESS' } });
    expect(audit).toMatchObject({ targetType: 'CircuitTermination', entityId: w.alfa.id });
  });
});

describe('a referent sees and changes only their body', () => {
  it('hides and protects body Y circuits from the referent of body X', async () => {
    const mine = await create({ cid: 'REF-ALFA' });
    const theirs = await create({ cid: 'REF-BETA', providerAccountId: null }, w.beta);
    const referent = actorForRoles(t.api.composed, 'referent-alfa', [{ role: 'REFERENT', entityId: w.alfa.id }]);

    const list = await gql('{ circuits(first: 100) { totalCount edges { node { cid entity { name } } } } }', {}, referent);
    expect(list.circuits.edges.every((e: { node: { entity: { name: string } } }) => e.node.entity.name === 'Comune Alfa')).toBe(true);
    expect(list.circuits.edges.map((e: { node: { cid: string } }) => e.node.cid)).toContain('REF-ALFA');
    expect(list.circuits.totalCount).toBe(await t.db.prisma.circuit.count({ where: { entityId: w.alfa.id } }));
    const filtered = await t.api.gql('query ($e: ID!) { circuits(first: 10, filter: { entityId: $e }) { edges { node { cid } } } }', { e: w.beta.gid }, referent);
    expect(JSON.stringify(filtered.body)).not.toContain('REF-BETA');
    expect(filtered.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const byNode = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on Circuit { cid } } }', { id: theirs.id }, referent);
    expect(byNode.body.data?.node ?? null).toBeNull();
    expect(JSON.stringify(byNode.body)).not.toContain('REF-BETA');
    const own = await gql('query ($id: ID!) { node(id: $id) { ... on Circuit { cid } } }', { id: mine.id }, referent);
    expect(own.node.cid).toBe('REF-ALFA');
    const byEntity = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on Entity { circuits { cid } } } }', { id: w.beta.gid }, referent);
    expect(JSON.stringify(byEntity.body)).not.toContain('REF-BETA');

    const change = await t.api.gql(UPDATE, { id: theirs.id, v: 1, input: input({ cid: 'REF-BETA', description: 'mio' }) }, referent);
    expect(change.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ownChange = await t.api.gql(UPDATE, { id: mine.id, v: 1, input: input({ cid: 'REF-ALFA', description: 'mio' }) }, referent);
    expect(ownChange.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const staffOfAlfa = actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: w.alfa.id }]);
    const createForBeta = await t.api.gql(CREATE, { providerId: w.provider.gid, entityId: w.beta.gid, input: input({ cid: 'X-1' }) }, staffOfAlfa);
    expect(createForBeta.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const status = await t.api.gql(STATUS, { id: theirs.id, v: 1, status: 'OFFLINE', on: '2026-01-01' }, staffOfAlfa);
    expect(status.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.db.prisma.circuit.findFirstOrThrow({ where: { cid: 'REF-BETA' } })).version).toBe(1);
  });
});
