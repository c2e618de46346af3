import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { enableModules, seedBodies } from '@gea/test-kit/seed.ts';

const plugins = [inventory, procurement];
const outcomes: { kind: string; reason?: string }[] = [];
const t = useTestApi(plugins);
let resolvers: TestApi;
let compiled: TestApi;

beforeAll(async () => {
  compiled = createTestApi(t.db, plugins, { compiledReads: { observe: (o) => outcomes.push(o) } });
  resolvers = createTestApi(t.db, plugins, { compiledReads: false });
  const bodies = await seedBodies(t.db, 4, 6, 'C');
  await enableModules(t.db, bodies.map((b) => b.id), ['procurement']);
  const supplier = await t.db.prisma.supplier.create({ data: { name: 'Manutenzioni Srl' } });
  const assets = await t.db.prisma.asset.findMany({ select: { id: true, entityId: true } });
  for (const [i, body] of bodies.slice(0, 3).entries()) {
    const contract = await t.db.prisma.contract.create({
      data: {
        kind: 'MAINTENANCE', subject: `Manutenzione ${i}`, supplierId: supplier.id, contractingEntityId: body.id,
        cig: `123456${i}ABC`, startsOn: new Date('2024-01-01'), endsOn: new Date(`203${i}-12-31`), valueCents: 100000n,
      },
    });
    await t.db.prisma.contractEntity.create({ data: { contractId: contract.id, entityId: body.id } });
    await t.db.prisma.contractAsset.createMany({ data: assets.filter((a) => a.entityId === body.id).slice(0, 4).map((a) => ({ contractId: contract.id, assetId: a.id })) });
  }
});

const Q1 = `query Q1 { entities(first: 3) { edges { cursor node { id name istatCode assets(first: 4) { pageInfo { hasNextPage endCursor } edges { node { id kind model serialNumber warrantyEnd priceCents maintenanceContract { id cig endsOn supplier { id name } } } } } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const Q3 = `query Q3 { assets(first: 5, filter: { kind: [DESKTOP_PC], status: [IN_SERVICE] }, sort: { field: WARRANTY_END }) { edges { cursor node { id inventoryTag model warrantyEnd entity { name } } } pageInfo { hasNextPage endCursor } } }`;

describe('compiled reads', () => {
  it('answer Q1 and Q3 as the resolvers do, in one statement', async () => {
    for (const query of [Q1, Q3]) {
      outcomes.length = 0;
      const expected = await resolvers.gql(query);
      expect(expected.body.errors).toBeUndefined();
      const { result, statements } = await compiled.countStatements(() => compiled.gql(query));
      expect(outcomes.map((o) => o.reason ?? o.kind)).toEqual(['compiled']);
      expect(result.body).toEqual(expected.body);
      expect(statements).toHaveLength(1);
    }
  });

  it('page after and before a cursor as the resolvers do (full pages, the cursor row left out)', async () => {
    const all = await resolvers.gql<{ entities: { edges: { cursor: string }[] } }>('query { entities(first: 10) { edges { cursor } } }');
    const cursors = all.body.data!.entities.edges.map((edge) => edge.cursor);
    expect(cursors).toHaveLength(4);
    const pages = [
      { query: `query After($after: String) { entities(first: 2, after: $after) { edges { cursor node { id name assets(first: 2) { edges { cursor node { id } } } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, variables: { after: cursors[0] }, size: 2 },
      { query: `query Before($before: String) { entities(last: 2, before: $before) { edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, variables: { before: cursors[3] }, size: 2 },
    ];
    for (const { query, variables, size } of pages) {
      outcomes.length = 0;
      const expected = await resolvers.gql<{ entities: { edges: unknown[] } }>(query, variables);
      expect(expected.body.errors).toBeUndefined();
      expect(expected.body.data!.entities.edges).toHaveLength(size);
      const result = await compiled.gql(query, variables);
      expect(outcomes.map((o) => o.reason ?? o.kind)).toEqual(['compiled']);
      expect(result.body).toEqual(expected.body);
    }
  });
});
