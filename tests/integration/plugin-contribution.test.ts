import { composeSchema, definePlugin } from '@gea/core';
import { readLocalMigrations } from '@gea/db/migrations';
import inventory from '@gea/plugin-inventory';
import { describe, expect, it } from 'vitest';
import { superuser, useTestApi } from '@gea/test-kit/api.ts';
import { enableModules } from '@gea/test-kit/seed.ts';

const t = useTestApi([inventory]);

describe('a plugin under plugins/ contributes types, queries and a migration', () => {
  it('adds its types and root fields only when installed', () => {
    const without = composeSchema([]).schema;
    const withInventory = composeSchema([inventory]).schema;
    expect(without.getType('Asset')).toBeUndefined();
    expect(without.getQueryType()!.getFields().assets).toBeUndefined();
    expect(without.getMutationType()!.getFields().createAsset).toBeUndefined();
    expect(withInventory.getType('Asset')).toBeDefined();
    expect(withInventory.getQueryType()!.getFields().assets).toBeDefined();
    expect(withInventory.getMutationType()!.getFields().createAsset).toBeDefined();
    // and it extends a core type through the shared builder
    const entity = withInventory.getType('Entity') as import('graphql').GraphQLObjectType;
    expect(Object.keys(entity.getFields())).toEqual(expect.arrayContaining(['assets', 'personalComputersInService']));
  });

  it('ships a migration that creates its tables, applied to the test database', async () => {
    const migrations = await readLocalMigrations();
    const own = migrations.filter((migration) => /CREATE TABLE "Asset"/.test(migration.sql));
    expect(own.map((migration) => migration.name)).toEqual([expect.stringMatching(/^\d{14}_inventory$/)]);
    const [row] = await t.db.prisma.$queryRaw<{ table: string | null }[]>`select to_regclass('"Asset"')::text as "table"`;
    expect(row?.table).toBe('"Asset"');
  });

  it('serves its queries and mutations over HTTP against the database', async () => {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune di Prova', istatCode: '099001' } });
    await enableModules(t.db, [entity.id]);
    const entityId = Buffer.from(`Entity:${entity.id}`).toString('base64');
    const created = await t.api.gql(
      `mutation ($input: CreateAssetInput!) {
        createAsset(input: $input) { __typename ... on Asset { id kind status inventoryTag entity { name } } }
      }`,
      { input: { entityId, kind: 'LAPTOP', inventoryTag: 'PRV-0001', priceCents: 89_900 } },
      superuser,
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data!.createAsset).toMatchObject({
      __typename: 'Asset',
      kind: 'LAPTOP',
      status: 'IN_SERVICE',
      inventoryTag: 'PRV-0001',
      entity: { name: 'Comune di Prova' },
    });
    const listed = await t.api.gql(`{ assets(first: 10, filter: { kind: [LAPTOP] }) { edges { node { inventoryTag } } } }`);
    expect(listed.body.data!.assets.edges).toEqual([{ node: { inventoryTag: 'PRV-0001' } }]);
  });
});

describe('a plugin\'s schema slice composes with the core through the shared builder', () => {
  it('can add its own non-database types next to the core', () => {
    const status = definePlugin({
      key: 'status-page',
      name: 'Status page',
      schema: (builder) => {
        builder.queryField('statusMessage', (t) =>
          t.string({ authScopes: { public: true }, resolve: () => 'all systems normal' }),
        );
      },
    });
    const { schema, plugins } = composeSchema([status, inventory]);
    expect(plugins.map((plugin) => plugin.key)).toEqual(['status-page', 'inventory']);
    expect(schema.getQueryType()!.getFields().statusMessage).toBeDefined();
  });
});
