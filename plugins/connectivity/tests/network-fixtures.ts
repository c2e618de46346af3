// Test data for the network view: an association (a union and its member municipalities), each body
// with a town hall, circuits from it to a regional network, and a central site as hub.
import type { Database } from '@gea/db';
import { enableModules } from '@gea/test-kit/seed.ts';

let serial = 0;

export interface NetworkFixture {
  associationId: string;
  unionId: string;
  hubSiteId: string;
  networkId: string;
  bodies: { id: string; name: string; siteId: string; circuitIds: string[] }[];
}

/**
 * `bodies` municipalities with `circuitsEach` circuits each from their town hall to the regional
 * network (the first FTTH, the others FWA backups in one redundancy group), members of a new union
 * whose central site has one fibre to the same network and is the hub. Every module on.
 */
export async function seedNetwork(db: Database, bodies: number, circuitsEach = 2): Promise<NetworkFixture> {
  const n = ++serial;
  const prisma = db.prisma;
  const union = await prisma.entity.create({ data: { kind: 'UNION', name: `Unione ${n}` } });
  const municipalities = await prisma.entity.createManyAndReturn({
    data: Array.from({ length: bodies }, (_, i) => ({ kind: 'MUNICIPALITY' as const, name: `Comune ${n}-${String(i).padStart(3, '0')}` })),
  });
  const association = await prisma.association.create({
    data: {
      kind: 'UNION',
      name: `Unione ${n}`,
      leadEntityId: union.id,
      startDate: new Date('2020-01-01'),
      members: { create: [union, ...municipalities].map((e) => ({ entityId: e.id, joinedOn: new Date('2020-01-01') })) },
    },
  });
  await enableModules(db, [union.id, ...municipalities.map((m) => m.id)], ['inventory', 'procurement', 'connectivity']);
  const hub = await prisma.site.create({ data: { entityId: union.id, name: 'Centro servizi', address: 'Via XXV Aprile 10', latitude: 43.82, longitude: 11.48 } });
  const sites = await prisma.site.createManyAndReturn({
    data: municipalities.map((m, i) => ({ entityId: m.id, name: 'Palazzo comunale', address: 'Piazza 1', latitude: 43.7 + i / 1000, longitude: 11.4 + i / 1000 })),
  });
  const supplier = await prisma.supplier.create({ data: { name: `Regione ${n}` } });
  const provider = await prisma.connectivityProvider.create({ data: { supplierId: supplier.id, name: `RTRT ${n}` } });
  const network = await prisma.providerNetwork.create({ data: { providerId: provider.id, name: `Rete ${n}`, kind: 'REGIONAL' } });
  await prisma.connectivityHub.create({ data: { associationId: association.id, siteId: hub.id } });

  const circuits = await prisma.circuit.createManyAndReturn({
    data: [
      { providerId: provider.id, cid: `HUB-${n}`, type: 'NETWORK_ACCESS' as const, technology: 'FTTH_FTTB' as const, status: 'ACTIVE' as const, entityId: union.id, downloadKbps: 1_000_000, uploadKbps: 1_000_000 },
      ...municipalities.flatMap((m, i) =>
        Array.from({ length: circuitsEach }, (_, k) => ({
          providerId: provider.id,
          cid: `C-${n}-${i}-${k}`,
          type: k === 0 ? ('NETWORK_ACCESS' as const) : ('BACKUP' as const),
          technology: k === 0 ? ('FTTH_FTTB' as const) : ('FWA' as const),
          status: 'ACTIVE' as const,
          entityId: m.id,
          downloadKbps: k === 0 ? 1_000_000 : 100_000,
          uploadKbps: k === 0 ? 300_000 : 20_000,
        })),
      ),
    ],
    select: { id: true, entityId: true, cid: true },
  });
  const siteOf = new Map([[union.id, hub.id], ...municipalities.map((m, i) => [m.id, sites[i]!.id] as const)]);
  await prisma.circuitTermination.createMany({
    data: circuits.flatMap((c) => [
      { circuitId: c.id, side: 'A' as const, siteId: siteOf.get(c.entityId)! },
      { circuitId: c.id, side: 'Z' as const, providerNetworkId: network.id },
    ]),
  });
  if (circuitsEach > 1) {
    const groups = await prisma.redundancyGroup.createManyAndReturn({
      data: municipalities.map((m, i) => ({ entityId: m.id, siteId: sites[i]!.id, name: 'Accesso sede' })),
    });
    const priorities = ['PRIMARY', 'SECONDARY', 'TERTIARY'] as const;
    await prisma.redundancyGroupMember.createMany({
      data: municipalities.flatMap((m, i) =>
        circuits
          .filter((c) => c.entityId === m.id)
          .slice(0, 3)
          .map((c, k) => ({ groupId: groups[i]!.id, circuitId: c.id, priority: priorities[k]! })),
      ),
    });
  }
  return {
    associationId: association.id,
    unionId: union.id,
    hubSiteId: hub.id,
    networkId: network.id,
    bodies: municipalities.map((m, i) => ({
      id: m.id,
      name: m.name,
      siteId: sites[i]!.id,
      circuitIds: circuits.filter((c) => c.entityId === m.id).map((c) => c.id),
    })),
  };
}

export const NETWORK = `query ($id: ID!, $filter: ConnectivityNetworkFilter) {
  connectivityNetwork(associationId: $id, filter: $filter) {
    hub { id name entityId isHub circuitCount latitude longitude }
    hubNetworkIds
    sites { id name entityId entityName latitude longitude isHub circuitCount }
    links { id cid technology agcomClass status downloadKbps uploadKbps providerName redundancyPriority entityId fromSiteId fromNetworkId toSiteId toNetworkId }
    networks { id name kind }
  }
}`;
