import inventory from '@gea/plugin-inventory';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';

const t = useTestApi([inventory]);

const nested = `query ($first: Int!) {
  entities(first: $first) {
    edges { node {
      name
      population(at: "2025-06-30")
      populations { referenceDate population }
      personalComputersInService
      assets(first: 5, filter: { kind: [DESKTOP_PC, PRINTER] }) {
        edges { node { kind inventoryTag entity { name } } }
      }
    } }
  }
}`;

async function statementsFor(query: string, variables: Record<string, unknown>) {
  const { result, statements } = await t.api.countStatements(() => t.api.gql(query, variables));
  expect(result.body.errors).toBeUndefined();
  return { data: result.body.data!, statements };
}

describe('SQL statements per GraphQL operation do not grow with the rows returned (no N+1)', () => {
  it('a nested page of bodies with assets, populations and computed fields costs a fixed number of statements', async () => {
    await seedBodies(t.db, 3, 6, 'A');
    const small = await statementsFor(nested, { first: 50 });
    expect(small.data.entities.edges).toHaveLength(3);

    await seedBodies(t.db, 20, 6, 'B');
    const large = await statementsFor(nested, { first: 50 });
    expect(large.data.entities.edges).toHaveLength(23);
    expect(large.data.entities.edges[0].node.assets.edges).toHaveLength(5);
    expect(large.data.entities.edges[0].node.personalComputersInService).toBe(3);
    expect(large.data.entities.edges[0].node.population).toBe(1000);

    expect(large.statements.length).toBe(small.statements.length);
    // entities (+ populations, assets, asset.entity joined by plugin-prisma), population loader, PC loader
    expect(large.statements.length).toBeLessThanOrEqual(6);
  });

  it('node(id:) for several ids is batched too', async () => {
    const assets = await t.db.prisma.asset.findMany({ take: 12, select: { id: true } });
    const ids = assets.map((asset) => toGlobalId('Asset', asset.id));
    const query = `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Asset { kind entity { name } } } }`;
    const few = await statementsFor(query, { ids: ids.slice(0, 2) });
    const many = await statementsFor(query, { ids });
    expect(many.data.nodes).toHaveLength(12);
    expect(many.statements.length).toBe(few.statements.length);
  });
});
