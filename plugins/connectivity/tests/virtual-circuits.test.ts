import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory, procurement, connectivity]);

type Body = { id: string; gid: string };
let a: Body;
let b: Body;
let off: Body;
let providerId: string;
let networkId: string;
let otherNetworkId: string;

const VC = `__typename
  ... on VirtualCircuit { id version name identifier status description providerNetwork { name } terminations { role circuit { cid } } }
  ... on InputError { issues { path message } }
  ... on ConflictError { message }
  ... on NotFoundError { message }`;
const STALE = '... on StaleVersionError { message }';
const CREATE = `mutation ($n: ID!, $input: VirtualCircuitInput!) { createVirtualCircuit(providerNetworkId: $n, input: $input) { ${VC} } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: VirtualCircuitInput!) { updateVirtualCircuit(id: $id, expectedVersion: $v, input: $input) { ${VC} ${STALE} } }`;
const SET = `mutation ($id: ID!, $v: Int!, $members: [VirtualCircuitTerminationInput!]!) {
  setVirtualCircuitTerminations(id: $id, expectedVersion: $v, terminations: $members) {
    __typename
    ... on VirtualCircuit { id version terminations { role circuit { cid } } }
    ... on InputError { issues { path message } }
    ... on NotFoundError { message }
    ${STALE}
  }
}`;

const gql = async (query: string, variables: Record<string, unknown> = {}, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
};
const staff = () => actorForRoles(t.api.composed, 'tecnico', [{ role: 'ICT_STAFF', entityId: null }]);
const uuidOf = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;

let progressive = 0;
/** A circuit of a body (the circuit mutations are another slice's), ending on a provider network on side Z. */
async function circuit(body: Body, onNetwork: string | null = networkId): Promise<{ gid: string; cid: string }> {
  const cid = `CID-${++progressive}`;
  const row = await t.db.prisma.circuit.create({
    data: { providerId, cid, type: 'NETWORK_ACCESS', technology: 'FTTH_FTTB', status: 'ACTIVE', entityId: body.id, downloadKbps: 100_000, uploadKbps: 100_000 },
  });
  if (onNetwork) await t.db.prisma.circuitTermination.create({ data: { circuitId: row.id, side: 'Z', providerNetworkId: onNetwork } });
  return { gid: toGlobalId('Circuit', row.id), cid };
}
async function virtualCircuit(name: string) {
  const created = await gql(CREATE, { n: toGlobalId('ProviderNetwork', networkId), input: { name, status: 'ACTIVE' } });
  return { id: created.createVirtualCircuit.id as string, version: created.createVirtualCircuit.version as number };
}

beforeAll(async () => {
  const make = async (name: string): Promise<Body> => {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
    return { id: entity.id, gid: toGlobalId('Entity', entity.id) };
  };
  a = await make('Comune VC A');
  b = await make('Comune VC B');
  off = await make('Comune VC Spento');
  await enableModules(t.db, [a.id, b.id], ['inventory', 'procurement', 'connectivity']);
  await enableModules(t.db, [off.id], ['inventory', 'procurement']);
  const supplier = await t.db.prisma.supplier.create({ data: { name: 'Regione Toscana' } });
  const provider = await t.db.prisma.connectivityProvider.create({ data: { supplierId: supplier.id, name: 'RTRT' } });
  providerId = provider.id;
  networkId = (await t.db.prisma.providerNetwork.create({ data: { providerId, name: 'RTRT 4', kind: 'REGIONAL' } })).id;
  otherNetworkId = (await t.db.prisma.providerNetwork.create({ data: { providerId, name: 'Internet', kind: 'INTERNET' } })).id;
});

describe('virtual circuits', () => {
  it('creates and changes a virtual circuit, refusing a duplicate name, a missing network and a stale version', async () => {
    const created = await gql(CREATE, { n: toGlobalId('ProviderNetwork', networkId), input: { name: ' Intranet  Unione ', identifier: 'VRF 12', status: 'PLANNED' } }, staff());
    expect(created.createVirtualCircuit).toMatchObject({
      __typename: 'VirtualCircuit', version: 1, name: 'Intranet Unione', identifier: 'VRF 12', status: 'PLANNED', providerNetwork: { name: 'RTRT 4' }, terminations: [],
    });
    const id = created.createVirtualCircuit.id;
    expect(await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'createVirtualCircuit', outcome: 'SUCCESS' } })).toMatchObject({ targetType: 'VirtualCircuit', targetId: uuidOf(id) });

    const dup = await gql(CREATE, { n: toGlobalId('ProviderNetwork', networkId), input: { name: 'intranet unione', status: 'ACTIVE' } });
    expect(dup.createVirtualCircuit).toEqual({ __typename: 'ConflictError', message: 'the network already has a virtual circuit named "Intranet Unione"' });
    // the same name on another network is another virtual circuit
    expect((await gql(CREATE, { n: toGlobalId('ProviderNetwork', otherNetworkId), input: { name: 'Intranet Unione', status: 'ACTIVE' } })).createVirtualCircuit.__typename).toBe('VirtualCircuit');
    const missing = await gql(CREATE, { n: toGlobalId('ProviderNetwork', '00000000-0000-7000-8000-000000000009'), input: { name: 'X', status: 'ACTIVE' } });
    expect(missing.createVirtualCircuit.__typename).toBe('NotFoundError');
    const empty = await gql(CREATE, { n: toGlobalId('ProviderNetwork', networkId), input: { name: ' ', status: 'ACTIVE' } });
    expect(empty.createVirtualCircuit.issues.map((issue: { path: string[] }) => issue.path.join('.'))).toEqual(['input.name']);

    const updated = await gql(UPDATE, { id, v: 1, input: { name: 'Intranet Unione', status: 'ACTIVE', description: 'hub al centro stella' } }, staff());
    expect(updated.updateVirtualCircuit).toMatchObject({ version: 2, status: 'ACTIVE', identifier: null, description: 'hub al centro stella' });
    expect((await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'updateVirtualCircuit', outcome: 'SUCCESS' } })).before).toMatchObject({ status: 'PLANNED' });
    expect((await gql(UPDATE, { id, v: 1, input: { name: 'Z', status: 'ACTIVE' } })).updateVirtualCircuit.__typename).toBe('StaleVersionError');
    const referent = actorForRoles(t.api.composed, 'ref-a', [{ role: 'REFERENT', entityId: a.id }]);
    expect((await t.api.gql(UPDATE, { id, v: 2, input: { name: 'Z', status: 'ACTIVE' } }, referent)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('replaces the members in one go, raises the version, and audits the change under every body touched', async () => {
    const vc = await virtualCircuit('Hub e raggi');
    const hub = await circuit(a);
    const spokeA = await circuit(a);
    const spokeB = await circuit(b);
    const set = await gql(SET, { id: vc.id, v: vc.version, members: [{ circuitId: hub.gid, role: 'HUB' }, { circuitId: spokeA.gid, role: 'SPOKE' }, { circuitId: spokeB.gid, role: 'SPOKE' }] }, staff());
    expect(set.setVirtualCircuitTerminations.__typename).toBe('VirtualCircuit');
    expect(set.setVirtualCircuitTerminations.version).toBe(vc.version + 1);
    expect(set.setVirtualCircuitTerminations.terminations).toEqual([
      { role: 'HUB', circuit: { cid: hub.cid } },
      { role: 'SPOKE', circuit: { cid: spokeA.cid } },
      { role: 'SPOKE', circuit: { cid: spokeB.cid } },
    ]);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'setVirtualCircuitTerminations', outcome: 'SUCCESS' }, orderBy: { at: 'desc' } });
    expect([...audit.entityIds].sort()).toEqual([a.id, b.id].sort());
    expect((audit.after as { terminations: string[] }).terminations).toEqual(
      [`${uuidOf(hub.gid)}:HUB`, `${uuidOf(spokeA.gid)}:SPOKE`, `${uuidOf(spokeB.gid)}:SPOKE`].sort(),
    );

    // dropping B's spoke: the change concerns B only
    const next = await gql(SET, { id: vc.id, v: vc.version + 1, members: [{ circuitId: hub.gid, role: 'HUB' }, { circuitId: spokeA.gid, role: 'SPOKE' }] });
    expect(next.setVirtualCircuitTerminations.terminations).toHaveLength(2);
    const second = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'setVirtualCircuitTerminations', outcome: 'SUCCESS' }, orderBy: { at: 'desc' } });
    expect(second.entityIds).toEqual([b.id]);
    expect((second.before as { terminations: unknown[] }).terminations).toHaveLength(3);

    // a stale version writes nothing
    const stale = await gql(SET, { id: vc.id, v: vc.version + 1, members: [] });
    expect(stale.setVirtualCircuitTerminations.__typename).toBe('StaleVersionError');
    expect(await t.db.prisma.virtualCircuitTermination.count({ where: { virtualCircuitId: uuidOf(vc.id) } })).toBe(2);
  });

  it('refuses circuits off the network, unknown or repeated, and wrong topologies, at their place, writing nothing', async () => {
    const vc = await virtualCircuit('Regole');
    const onNet = await circuit(a);
    const onNet2 = await circuit(b);
    const elsewhere = await circuit(a, otherNetworkId);
    const siteOnly = await circuit(b, null);
    const paths = async (members: { circuitId: string; role: string }[]) => {
      const result = await gql(SET, { id: vc.id, v: vc.version, members });
      expect(result.setVirtualCircuitTerminations.__typename).toBe('InputError');
      return result.setVirtualCircuitTerminations.issues.map((issue: { path: string[] }) => issue.path.join('.'));
    };
    expect(await paths([{ circuitId: onNet.gid, role: 'PEER' }, { circuitId: elsewhere.gid, role: 'PEER' }, { circuitId: siteOnly.gid, role: 'PEER' }])).toEqual([
      'terminations.1.circuitId',
      'terminations.2.circuitId',
    ]);
    expect(await paths([{ circuitId: onNet.gid, role: 'PEER' }, { circuitId: onNet.gid, role: 'PEER' }])).toEqual(['terminations.1.circuitId']);
    expect(await paths([{ circuitId: toGlobalId('Circuit', '00000000-0000-7000-8000-00000000000c'), role: 'PEER' }])).toEqual(['terminations.0.circuitId']);
    expect(await paths([{ circuitId: onNet.gid, role: 'SPOKE' }, { circuitId: onNet2.gid, role: 'SPOKE' }])).toEqual(['terminations']);
    expect(await paths([{ circuitId: onNet.gid, role: 'HUB' }, { circuitId: onNet2.gid, role: 'HUB' }])).toEqual(['terminations.1.role']);
    expect(await paths([{ circuitId: onNet.gid, role: 'HUB' }, { circuitId: onNet2.gid, role: 'PEER' }])).toEqual(['terminations.1.role']);
    expect(await t.db.prisma.virtualCircuitTermination.count({ where: { virtualCircuitId: uuidOf(vc.id) } })).toBe(0);
    expect((await t.db.prisma.virtualCircuit.findUniqueOrThrow({ where: { id: uuidOf(vc.id) } })).version).toBe(vc.version);
    const missing = await gql(SET, { id: toGlobalId('VirtualCircuit', '00000000-0000-7000-8000-00000000000d'), v: 1, members: [] });
    expect(missing.setVirtualCircuitTerminations.__typename).toBe('NotFoundError');
  });

  it('needs connectivity:write on every body whose circuits are added, removed or change role, and the module on for them', async () => {
    const vc = await virtualCircuit('Permessi');
    const mine = await circuit(a);
    const theirs = await circuit(b);
    const writerA = actorForRoles(t.api.composed, 'writer-a', [{ role: 'ICT_STAFF', entityId: a.id }]);
    const both = await t.api.gql(SET, { id: vc.id, v: vc.version, members: [{ circuitId: mine.gid, role: 'PEER' }, { circuitId: theirs.gid, role: 'PEER' }] }, writerA);
    expect(both.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await gql(SET, { id: vc.id, v: vc.version, members: [{ circuitId: mine.gid, role: 'PEER' }] }, writerA);
    expect(own.setVirtualCircuitTerminations.__typename).toBe('VirtualCircuit');
    // staff add B's circuit; A's writer may then change A's membership but not remove B's
    await gql(SET, { id: vc.id, v: vc.version + 1, members: [{ circuitId: mine.gid, role: 'PEER' }, { circuitId: theirs.gid, role: 'PEER' }] }, staff());
    const keepB = await gql(SET, { id: vc.id, v: vc.version + 2, members: [{ circuitId: theirs.gid, role: 'PEER' }] }, writerA);
    // A's writer does not read B's circuits: the answer lists none, the table keeps B's
    expect(keepB.setVirtualCircuitTerminations.terminations).toEqual([]);
    expect(await t.db.prisma.virtualCircuitTermination.findMany({ where: { virtualCircuitId: uuidOf(vc.id) }, select: { circuitId: true } })).toEqual([{ circuitId: uuidOf(theirs.gid) }]);
    const dropB = await t.api.gql(SET, { id: vc.id, v: vc.version + 3, members: [] }, writerA);
    expect(dropB.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // the referent of A reads only A's members
    await gql(SET, { id: vc.id, v: vc.version + 3, members: [{ circuitId: mine.gid, role: 'PEER' }, { circuitId: theirs.gid, role: 'PEER' }] });
    const referentA = actorForRoles(t.api.composed, 'ref-a', [{ role: 'REFERENT', entityId: a.id }]);
    const seen = await gql('query ($id: ID!) { node(id: $id) { ... on VirtualCircuit { terminations { circuit { cid entity { name } } } } } }', { id: vc.id }, referentA);
    expect(seen.node.terminations).toEqual([{ circuit: { cid: mine.cid, entity: { name: 'Comune VC A' } } }]);
    const refusedWrite = await t.api.gql(SET, { id: vc.id, v: vc.version + 4, members: [] }, referentA);
    expect(refusedWrite.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const dark = await circuit(off);
    const disabled = await t.api.gql(SET, { id: vc.id, v: vc.version + 4, members: [{ circuitId: dark.gid, role: 'PEER' }] }, staff());
    expect(disabled.body.errors?.[0]?.extensions?.code).toBe('MODULE_DISABLED');
    expect(await t.db.prisma.virtualCircuitTermination.count({ where: { virtualCircuitId: uuidOf(vc.id) } })).toBe(2);
  });

  it("a referent never sees another body's circuits through the providers tree", async () => {
    const referentB = actorForRoles(t.api.composed, 'ref-b', [{ role: 'REFERENT', entityId: b.id }]);
    const data = await gql('{ connectivityProviders { networks { virtualCircuits { terminations { circuit { cid entity { name } } } } } } }', {}, referentB);
    const bodies = new Set<string>();
    for (const provider of data.connectivityProviders)
      for (const network of provider.networks)
        for (const vc of network.virtualCircuits) for (const member of vc.terminations) bodies.add(member.circuit.entity.name);
    expect(bodies).toEqual(new Set(['Comune VC B']));
    const list = await gql('{ virtualCircuits { name terminations { circuit { entity { name } } } } }', {}, referentB);
    expect(list.virtualCircuits.flatMap((vc: { terminations: { circuit: { entity: { name: string } } }[] }) => vc.terminations.map((m) => m.circuit.entity.name)).every((n: string) => n === 'Comune VC B')).toBe(true);
  });
});
