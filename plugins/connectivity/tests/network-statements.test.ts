import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import { NETWORK, seedNetwork } from './network-fixtures.ts';

const t = useTestApi([inventory, procurement, connectivity]);

const SHEET = `query ($id: ID!) { node(id: $id) { ... on Entity {
  name
  sites { id name latitude longitude linkCount activeLinkCount }
  circuits { id cid technology agcomClass status downloadKbps uploadKbps slaAvailabilityHundredths
    provider { name }
    terminations { side portSpeedKbps site { id name } providerNetwork { name kind } cpe { inventoryTag } }
    redundancy { priority group { name } } }
  redundancyGroups { name site { name } members { priority circuit { cid } } }
} } }`;

async function statements(query: string, variables: Record<string, unknown>) {
  const staff = actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]);
  const { result, statements } = await t.api.countStatements(() => t.api.gql(query, variables, staff));
  expect(result.body.errors).toBeUndefined();
  return { data: result.body.data!, count: statements.length };
}

describe('SQL statements of the network view and the body sheet do not grow with bodies and circuits', () => {
  it('2 bodies vs 40 bodies, two circuits each', async () => {
    const small = await seedNetwork(t.db, 2, 2);
    const large = await seedNetwork(t.db, 40, 2);
    const view = (id: string) => statements(NETWORK, { id: toGlobalId('Association', id) });
    const smallView = await view(small.associationId);
    const largeView = await view(large.associationId);
    expect(smallView.data.connectivityNetwork.links).toHaveLength(1 + 2 * 2);
    expect(largeView.data.connectivityNetwork.links).toHaveLength(1 + 40 * 2);
    expect(largeView.count).toBe(smallView.count);
    // hub, sites, links, and the actor's own checks at most
    expect(smallView.count).toBeLessThanOrEqual(5);

    // The body sheet: one body with 2 circuits vs one with 12.
    const busy = large.bodies[0]!;
    await addCircuits(busy.id, busy.siteId, 10);
    const few = await statements(SHEET, { id: toGlobalId('Entity', small.bodies[0]!.id) });
    const many = await statements(SHEET, { id: toGlobalId('Entity', busy.id) });
    expect(few.data.node.circuits).toHaveLength(2);
    expect(many.data.node.circuits).toHaveLength(12);
    expect(many.count).toBe(few.count);
  });
});

async function addCircuits(entityId: string, siteId: string, count: number) {
  const provider = await t.db.prisma.connectivityProvider.findFirstOrThrow();
  const network = await t.db.prisma.providerNetwork.findFirstOrThrow({ where: { providerId: provider.id } });
  const circuits = await t.db.prisma.circuit.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      providerId: provider.id,
      cid: `EXTRA-${i}`,
      type: 'INTERNET' as const,
      technology: 'FTTC' as const,
      status: 'ACTIVE' as const,
      entityId,
      downloadKbps: 200_000,
      uploadKbps: 20_000,
    })),
  });
  await t.db.prisma.circuitTermination.createMany({
    data: circuits.flatMap((c) => [
      { circuitId: c.id, side: 'A' as const, siteId },
      { circuitId: c.id, side: 'Z' as const, providerNetworkId: network.id },
    ]),
  });
}
