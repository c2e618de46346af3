import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import { agcomClassOf } from '../src/rules/agcom-class.ts';
import { NETWORK, seedNetwork, type NetworkFixture } from './network-fixtures.ts';

const t = useTestApi([inventory, procurement, connectivity]);
let net: NetworkFixture;

const staff = () => actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]);
const referentOf = (entityId: string) => actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId }]);

type Network = {
  hub: { id: string; isHub: boolean; circuitCount: number } | null;
  hubNetworkIds: string[];
  sites: { id: string; entityId: string; isHub: boolean; circuitCount: number; latitude: number | null }[];
  links: {
    id: string;
    cid: string;
    technology: string;
    agcomClass: string | null;
    status: string;
    downloadKbps: number;
    redundancyPriority: string | null;
    entityId: string;
    fromSiteId: string | null;
    toSiteId: string | null;
    toNetworkId: string | null;
  }[];
  networks: { id: string; name: string; kind: string }[];
};

async function network(actor = staff(), filter?: Record<string, unknown>, associationId = net.associationId): Promise<Network | null> {
  const response = await t.api.gql<{ connectivityNetwork: Network | null }>(NETWORK, { id: toGlobalId('Association', associationId), filter }, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.connectivityNetwork;
}

beforeAll(async () => {
  net = await seedNetwork(t.db, 3, 2);
});

describe('connectivityNetwork', () => {
  it('draws every body site, the hub, each circuit from its A site to its Z network, and the networks reached', async () => {
    const view = (await network())!;
    const siteIds = view.sites.map((s) => s.id).sort();
    expect(siteIds).toEqual([net.hubSiteId, ...net.bodies.map((b) => b.siteId)].map((id) => toGlobalId('Site', id)).sort());
    expect(view.hub?.id).toBe(toGlobalId('Site', net.hubSiteId));
    expect(view.sites.filter((s) => s.isHub).map((s) => s.id)).toEqual([view.hub!.id]);
    expect(view.hubNetworkIds).toEqual([toGlobalId('ProviderNetwork', net.networkId)]);
    expect(view.networks.map((n) => [n.id, n.kind])).toEqual([[toGlobalId('ProviderNetwork', net.networkId), 'REGIONAL']]);

    const circuits = await t.db.prisma.circuit.findMany({ include: { terminations: true, redundancy: true } });
    expect(view.links).toHaveLength(circuits.length);
    for (const circuit of circuits) {
      const link = view.links.find((l) => l.id === toGlobalId('Circuit', circuit.id))!;
      const a = circuit.terminations.find((x) => x.side === 'A')!;
      expect(link.fromSiteId).toBe(toGlobalId('Site', a.siteId!));
      expect(link.toNetworkId).toBe(toGlobalId('ProviderNetwork', net.networkId));
      expect(link.toSiteId).toBeNull();
      expect(link.entityId).toBe(toGlobalId('Entity', circuit.entityId));
      expect(link.agcomClass).toBe(agcomClassOf(circuit.technology, circuit.downloadKbps));
      expect(link.redundancyPriority).toBe(circuit.redundancy?.priority ?? null);
    }
    // Each site counts the links shown that end on it.
    for (const site of view.sites) {
      expect(site.circuitCount).toBe(view.links.filter((l) => l.fromSiteId === site.id || l.toSiteId === site.id).length);
    }
  });

  it('shows a referent their own sites and links and the hub node, never another body\'s', async () => {
    const own = net.bodies[0]!;
    const view = (await network(referentOf(own.id)))!;
    expect(view.sites.map((s) => s.id).sort()).toEqual([own.siteId, net.hubSiteId].map((id) => toGlobalId('Site', id)).sort());
    expect(view.links.map((l) => l.id).sort()).toEqual(own.circuitIds.map((id) => toGlobalId('Circuit', id)).sort());
    expect(new Set(view.links.map((l) => l.entityId))).toEqual(new Set([toGlobalId('Entity', own.id)]));
    // The hub node is there, but not the union's own link: the referent may not read the union's connectivity.
    expect(view.hub?.circuitCount).toBe(0);
    // Asking for another body's network gives nothing of it.
    const other = (await network(referentOf(own.id), { entityIds: [toGlobalId('Entity', net.bodies[1]!.id)] }))!;
    expect(other.links).toEqual([]);
    expect(other.sites.map((s) => s.id)).toEqual([toGlobalId('Site', net.hubSiteId)]);
  });

  it('hides a body whose connectivity module is off', async () => {
    const off = net.bodies[2]!;
    await t.db.prisma.moduleEnablement.update({ where: { entityId_moduleKey: { entityId: off.id, moduleKey: 'connectivity' } }, data: { enabled: false } });
    try {
      const view = (await network())!;
      expect(view.sites.some((s) => s.entityId === toGlobalId('Entity', off.id))).toBe(false);
      expect(view.links.some((l) => l.entityId === toGlobalId('Entity', off.id))).toBe(false);
      expect(view.links).toHaveLength(1 + 2 * (net.bodies.length - 1));
    } finally {
      await t.db.prisma.moduleEnablement.update({ where: { entityId_moduleKey: { entityId: off.id, moduleKey: 'connectivity' } }, data: { enabled: true } });
    }
  });

  it('filters by body, technology and status; ceased circuits only when asked for', async () => {
    const body = net.bodies[1]!;
    const onlyBody = (await network(staff(), { entityIds: [toGlobalId('Entity', body.id)] }))!;
    expect(onlyBody.links.map((l) => l.id).sort()).toEqual(body.circuitIds.map((id) => toGlobalId('Circuit', id)).sort());
    // the hub node stays, as for every reader
    expect(onlyBody.sites.map((s) => s.id).sort()).toEqual([body.siteId, net.hubSiteId].map((id) => toGlobalId('Site', id)).sort());

    const fwa = (await network(staff(), { technology: ['FWA'] }))!;
    expect(fwa.links.length).toBe(net.bodies.length);
    expect(fwa.links.every((l) => l.technology === 'FWA')).toBe(true);

    const ceased = body.circuitIds[1]!;
    await t.db.prisma.circuit.update({ where: { id: ceased }, data: { status: 'DECOMMISSIONED' } });
    try {
      expect((await network())!.links.some((l) => l.id === toGlobalId('Circuit', ceased))).toBe(false);
      const asked = (await network(staff(), { status: ['DECOMMISSIONED'] }))!;
      expect(asked.links.map((l) => l.id)).toEqual([toGlobalId('Circuit', ceased)]);
    } finally {
      await t.db.prisma.circuit.update({ where: { id: ceased }, data: { status: 'ACTIVE' } });
    }
  });

  it('answers null for an unknown association, and refuses a reader without connectivity:read', async () => {
    expect(await network(staff(), undefined, '00000000-0000-7000-8000-000000000000')).toBeNull();
    const editor = actorForRoles(t.api.composed, 'editor', [{ role: 'WEB_EDITOR', entityId: net.bodies[0]!.id }]);
    const response = await t.api.gql(NETWORK, { id: toGlobalId('Association', net.associationId) }, editor);
    expect(response.body.errors?.[0]?.extensions?.code).toBeDefined();
    expect(response.body.data?.connectivityNetwork ?? null).toBeNull();
  });
});

const SET_HUB = `mutation ($a: ID!, $s: ID!) {
  setConnectivityHub(associationId: $a, siteId: $s) {
    __typename
    ... on ConnectivityHub { siteId site { id name } }
    ... on InputError { issues { path message } }
    ... on NotFoundError { message }
  }
}`;

describe('setConnectivityHub', () => {
  it('moves the hub to a site of a member body, audited; refuses a site outside the association and a referent', async () => {
    const target = net.bodies[0]!;
    const moved = await t.api.gql(SET_HUB, { a: toGlobalId('Association', net.associationId), s: toGlobalId('Site', target.siteId) }, staff());
    expect(moved.body.errors).toBeUndefined();
    expect(moved.body.data!.setConnectivityHub).toMatchObject({ __typename: 'ConnectivityHub', siteId: toGlobalId('Site', target.siteId) });
    expect((await network())!.hub?.id).toBe(toGlobalId('Site', target.siteId));
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'setConnectivityHub', outcome: 'SUCCESS' }, orderBy: { at: 'desc' } });
    expect(audit).toMatchObject({ targetType: 'ConnectivityHub', targetId: net.associationId, entityId: target.id });
    expect(audit.before).toEqual({ siteId: net.hubSiteId });

    const stranger = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune estraneo' } });
    const strangerSite = await t.db.prisma.site.create({ data: { entityId: stranger.id, name: 'Municipio', address: 'Via 1' } });
    const outside = await t.api.gql(SET_HUB, { a: toGlobalId('Association', net.associationId), s: toGlobalId('Site', strangerSite.id) }, staff());
    expect(outside.body.data!.setConnectivityHub).toMatchObject({ __typename: 'InputError', issues: [{ path: ['siteId'] }] });

    const refused = await t.api.gql(SET_HUB, { a: toGlobalId('Association', net.associationId), s: toGlobalId('Site', net.hubSiteId) }, referentOf(target.id));
    expect(refused.body.errors?.length).toBeGreaterThan(0);
    expect((await t.db.prisma.connectivityHub.findUniqueOrThrow({ where: { associationId: net.associationId } })).siteId).toBe(target.siteId);

    const back = await t.api.gql(SET_HUB, { a: toGlobalId('Association', net.associationId), s: toGlobalId('Site', net.hubSiteId) }, staff());
    expect(back.body.data!.setConnectivityHub.__typename).toBe('ConnectivityHub');
  });
});

describe('body sheet fields', () => {
  it('counts the links ending on each site: a site with one active link is a single link', async () => {
    const body = net.bodies[0]!;
    await t.db.prisma.circuit.update({ where: { id: body.circuitIds[1]! }, data: { status: 'OFFLINE' } });
    try {
      const response = await t.api.gql(
        `query ($id: ID!) { node(id: $id) { ... on Entity { sites { id linkCount activeLinkCount } circuits { cid } } } }`,
        { id: toGlobalId('Entity', body.id) },
        referentOf(body.id),
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.node.sites).toEqual([{ id: toGlobalId('Site', body.siteId), linkCount: 2, activeLinkCount: 1 }]);
    } finally {
      await t.db.prisma.circuit.update({ where: { id: body.circuitIds[1]! }, data: { status: 'ACTIVE' } });
    }
  });
});
