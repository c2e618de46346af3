import inventory from '@gea/plugin-inventory';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory]);
let bodyGid: string;
let bodyId: string;
let assetGid: string;

const CHANGE = `mutation ($id: ID!, $status: AssetStatus!, $on: Date) {
  changeAssetStatus(assetId: $id, status: $status, effectiveOn: $on) {
    __typename ... on Asset { status } ... on InputError { issues { path message } }
  }
}`;
const pcsAt = async (at: string) => {
  const response = await t.api.gql('query ($id: ID!, $at: Date!) { node(id: $id) { ... on Entity { personalComputersInService(at: $at) } } }', {
    id: bodyGid,
    at,
  });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.node.personalComputersInService as number;
};

beforeAll(async () => {
  const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Ciclo' } });
  await enableModules(t.db, [entity.id]);
  bodyId = entity.id;
  bodyGid = toGlobalId('Entity', entity.id);
  const created = await t.api.gql(
    `mutation ($input: CreateAssetInput!) { createAsset(input: $input) { ... on Asset { id status statusHistory { status effectiveOn } } } }`,
    { input: { entityId: bodyGid, kind: 'LAPTOP', status: 'ORDERED', purchaseDate: '2024-01-10', inventoryTag: 'CY-1' } },
  );
  expect(created.body.data!.createAsset.statusHistory).toEqual([{ status: 'ORDERED', effectiveOn: '2024-01-10' }]);
  assetGid = created.body.data!.createAsset.id;
});

describe('asset lifecycle and the PC count at a date', () => {
  it('follows the status history, not the current state', async () => {
    for (const [status, on] of [
      ['IN_SERVICE', '2024-02-01'],
      ['UNDER_REPAIR', '2024-06-01'],
      ['IN_SERVICE', '2024-06-20'],
      ['RETIRED', '2025-03-31'],
    ] as const) {
      const response = await t.api.gql(CHANGE, { id: assetGid, status, on });
      expect(response.body.data!.changeAssetStatus).toEqual({ __typename: 'Asset', status });
    }
    expect(await pcsAt('2024-01-31')).toBe(0); // ordered, not yet in service
    expect(await pcsAt('2024-02-01')).toBe(1);
    expect(await pcsAt('2024-06-10')).toBe(0); // under repair
    expect(await pcsAt('2024-12-31')).toBe(1);
    expect(await pcsAt('2025-03-31')).toBe(0); // retired that day
    const history = await t.db.prisma.assetStatusChange.count({ where: { asset: { inventoryTag: 'CY-1' } } });
    expect(history).toBe(5);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'changeAssetStatus' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ outcome: 'SUCCESS', entityId: bodyId, before: { status: 'IN_SERVICE' }, after: { status: 'RETIRED' } });
  });

  it.each([
    ['a date before the last change', 'SPARE', '2025-01-01', /must be on or after 2025-03-31/],
    ['a date in the future', 'SPARE', '2999-01-01', /cannot be in the future/],
    ['the status it already has', 'RETIRED', undefined, /already RETIRED/],
  ])('refuses %s, writing nothing', async (_case, status, on, message) => {
    const before = await t.db.prisma.assetStatusChange.count();
    const response = await t.api.gql(CHANGE, { id: assetGid, status, on });
    expect(response.body.data!.changeAssetStatus.__typename).toBe('InputError');
    expect(response.body.data!.changeAssetStatus.issues[0].message).toMatch(message);
    expect(await t.db.prisma.assetStatusChange.count()).toBe(before);
  });

  it('a disposed asset is final', async () => {
    expect((await t.api.gql(CHANGE, { id: assetGid, status: 'DISPOSED' })).body.data!.changeAssetStatus.status).toBe('DISPOSED');
    const again = await t.api.gql(CHANGE, { id: assetGid, status: 'SPARE' });
    expect(again.body.data!.changeAssetStatus.issues[0].message).toMatch(/disposed asset is gone/);
  });

  it('a referent reads the history of their body\'s assets but may not change it', async () => {
    const referent = actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: bodyId }]);
    const read = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on Asset { statusHistory { status } } } }', { id: assetGid }, referent);
    expect(read.body.data!.node.statusHistory.map((s: { status: string }) => s.status)).toEqual([
      'ORDERED',
      'IN_SERVICE',
      'UNDER_REPAIR',
      'IN_SERVICE',
      'RETIRED',
      'DISPOSED',
    ]);
    const write = await t.api.gql(CHANGE, { id: assetGid, status: 'SPARE' }, referent);
    expect(write.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('the count for every body at a date costs the same statements for 3 bodies as for 30', async () => {
    const query = '{ entities(first: 100) { edges { node { personalComputersInService(at: "2024-12-31") } } } }';
    await seedBodies(t.db, 3, 4, 'CA');
    const few = await t.api.countStatements(() => t.api.gql(query));
    await seedBodies(t.db, 27, 4, 'CB');
    const many = await t.api.countStatements(() => t.api.gql(query));
    expect(many.result.body.data!.entities.edges.length).toBeGreaterThanOrEqual(31);
    expect(many.statements.length).toBe(few.statements.length);
    const counts = many.result.body.data!.entities.edges.map((e: { node: { personalComputersInService: number } }) => e.node.personalComputersInService);
    expect(counts.filter((n: number) => n === 2)).toHaveLength(30); // 2 desktops in service in each seeded body
  });
});

describe('every body\'s PC count in one list', () => {
  it('lists the bodies the reader may see, with the same figures as each body\'s field', async () => {
    const all = await t.api.gql('{ personalComputersInService(at: "2024-03-01") { entityId count } }');
    expect(all.body.errors).toBeUndefined();
    const row = all.body.data!.personalComputersInService.find((r: { entityId: string }) => r.entityId === bodyGid);
    expect(row.count).toBe(await pcsAt('2024-03-01'));
    const other = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Estraneo' } });
    await enableModules(t.db, [other.id]);
    const referent = actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: other.id }]);
    const mine = await t.api.gql('{ personalComputersInService { entityId count } }', {}, referent);
    expect(mine.body.data!.personalComputersInService).toEqual([{ entityId: toGlobalId('Entity', other.id), count: 0 }]);
  });
});
