// SQL statements per circuit read do not grow with the number of circuits (no N+1): the list with
// its provider, body, terminations (site, network, CPE) and redundancy, and a body's sheet.
import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { createWorld, type World } from './circuit-fixtures.ts';

const t = useTestApi([inventory, procurement, connectivity]);
let w: World;

const LIST = `{ circuits(first: 50) { edges { node { cid agcomClass provider { name } entity { name }
  terminations { site { name } providerNetwork { name } cpe { name: model } } redundancy { priority group { name } } } } } }`;
const SHEET = `query ($id: ID!) { node(id: $id) { ... on Entity {
  circuits { cid agcomClass provider { name } terminations { site { name } providerNetwork { name } cpe { name: model } } redundancy { priority group { name } } }
  redundancyGroups { name site { name } members { priority circuit { cid } } }
} } }`;

let made = 0;
/** Circuits of alfa, each ending on its town hall with the router as CPE and on the provider's network, in pairs of redundancy groups. */
async function addCircuits(count: number) {
  for (let i = 0; i < count; i += 2) {
    const group = await t.db.prisma.redundancyGroup.create({ data: { entityId: w.alfa.id, siteId: w.alfa.sites.Municipio!, name: `Gruppo ${made}` } });
    for (const priority of ['PRIMARY', 'SECONDARY'] as const) {
      const circuit = await t.db.prisma.circuit.create({
        data: {
          cid: `C-${String(made++).padStart(4, '0')}`,
          providerId: w.provider.id,
          entityId: w.alfa.id,
          type: 'NETWORK_ACCESS',
          technology: 'FTTC',
          status: 'ACTIVE',
          installedOn: new Date('2025-01-01'),
          downloadKbps: 100_000,
          uploadKbps: 20_000,
          terminations: {
            create: [
              { side: 'A', siteId: w.alfa.sites.Municipio!, cpeAssetId: w.alfa.routerId },
              { side: 'Z', providerNetworkId: w.provider.networkId },
            ],
          },
        },
      });
      await t.db.prisma.redundancyGroupMember.create({ data: { groupId: group.id, circuitId: circuit.id, priority } });
    }
  }
}

async function statementsFor(query: string, variables: Record<string, unknown> = {}) {
  const { result, statements } = await t.api.countStatements(() => t.api.gql(query, variables));
  expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined();
  return { data: result.body.data!, statements };
}

beforeAll(async () => {
  w = await createWorld(t.db);
});

describe('SQL statements per circuit read do not grow with the circuits', () => {
  it('the circuits list and a body sheet with terminations, CPE and redundancy', async () => {
    await addCircuits(2);
    const smallList = await statementsFor(LIST);
    const smallSheet = await statementsFor(SHEET, { id: w.alfa.gid });
    expect(smallList.data.circuits.edges).toHaveLength(2);

    await addCircuits(30);
    const largeList = await statementsFor(LIST);
    const largeSheet = await statementsFor(SHEET, { id: w.alfa.gid });
    expect(largeList.data.circuits.edges).toHaveLength(32);
    expect(largeList.data.circuits.edges[0].node).toMatchObject({
      provider: { name: 'Regione Toscana - RTRT' },
      terminations: [{ site: { name: 'Municipio' }, cpe: { name: 'Router Comune Alfa' } }, { providerNetwork: { name: 'Rete Regione Toscana - RTRT' } }],
      redundancy: { priority: 'PRIMARY', group: { name: 'Gruppo 0' } },
    });
    expect(largeSheet.data.node.circuits).toHaveLength(32);
    expect(largeSheet.data.node.redundancyGroups).toHaveLength(16);
    expect(largeSheet.data.node.redundancyGroups[0].members).toHaveLength(2);

    expect(largeList.statements.length).toBe(smallList.statements.length);
    expect(largeSheet.statements.length).toBe(smallSheet.statements.length);
  });
});
