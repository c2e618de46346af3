import inventory from '@gea/plugin-inventory';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory]);

const CREATE_ASSET = `mutation ($input: CreateAssetInput!) {
  createAsset(input: $input) { __typename ... on Asset { id } ... on Error { code } }
}`;

describe('every mutation leaves exactly one append-only audit record', () => {
  it('success: the change and its record, with the target and what it became', async () => {
    const [body] = await seedBodies(t.db, 1, 0, 'AU');
    const before = await t.db.prisma.auditEvent.count();
    const response = await t.api.gql(CREATE_ASSET, { input: { entityId: toGlobalId('Entity', body!.id), kind: 'SERVER', inventoryTag: 'AU-SRV-1' } });
    expect(response.body.data!.createAsset.__typename).toBe('Asset');
    const events = await t.db.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } });
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      operation: 'createAsset',
      outcome: 'SUCCESS',
      actorLabel: 'test superuser',
      entityId: body!.id,
      targetType: 'Asset',
      errorCode: null,
    });
    expect(events.at(-1)!.after).toMatchObject({ inventoryTag: 'AU-SRV-1', kind: 'SERVER' });
    expect(events.at(-1)!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('failure: nothing is written except the record, which names the error', async () => {
    const [body] = await seedBodies(t.db, 1, 0, 'AF');
    const input = { entityId: toGlobalId('Entity', body!.id), kind: 'SERVER', inventoryTag: 'AF-1' };
    await t.api.gql(CREATE_ASSET, { input });
    const assets = await t.db.prisma.asset.count();
    const duplicate = await t.api.gql(CREATE_ASSET, { input });
    expect(duplicate.body.data!.createAsset).toEqual({ __typename: 'ConflictError', code: 'CONFLICT' });
    expect(await t.db.prisma.asset.count()).toBe(assets);
    const last = await t.db.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ operation: 'createAsset', outcome: 'FAILED', errorCode: 'CONFLICT' });
  });

  it('refusal: a forbidden mutation is recorded as REFUSED for its actor', async () => {
    const [body] = await seedBodies(t.db, 1, 0, 'AR');
    const reader = actorForRoles(t.api.composed, 'board-member', [{ role: 'BOARD_MEMBER', entityId: null }]);
    const response = await t.api.gql(CREATE_ASSET, { input: { entityId: toGlobalId('Entity', body!.id), kind: 'LAPTOP' } }, reader);
    expect(response.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const last = await t.db.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ operation: 'createAsset', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actorLabel: 'board-member' });
  });

  it('the database itself refuses to change or delete audit records', async () => {
    await expect(t.db.prisma.$executeRawUnsafe(`update "AuditEvent" set "actorLabel" = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(t.db.prisma.$executeRawUnsafe(`delete from "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await t.db.prisma.auditEvent.count({ where: { actorLabel: 'someone else' } })).toBe(0);
  });

  it('no mutation of the API touches the audit trail', () => {
    const mutations = Object.keys(t.api.composed.schema.getMutationType()!.getFields());
    expect(mutations.filter((name) => /audit/i.test(name))).toEqual([]);
  });

  it('the ICT office head pages and filters the trail; a referent reads only their own body\'s events; a board member none', async () => {
    const head = actorForRoles(t.api.composed, 'head', [{ role: 'ICT_HEAD', entityId: null }]);
    const page = await t.api.gql(
      `{ auditEvents(first: 2, filter: { operation: "createAsset", outcome: FAILED }) {
          edges { node { operation outcome errorCode } } pageInfo { hasNextPage }
      } }`,
      {},
      head,
    );
    expect(page.body.data!.auditEvents.edges).toEqual([{ node: { operation: 'createAsset', outcome: 'FAILED', errorCode: 'CONFLICT' } }]);
    const [body] = await t.db.prisma.entity.findMany({ take: 1 });
    const referent = actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: body!.id }]);
    const own = await t.api.gql('{ auditEvents(first: 20) { edges { node { entityIds } } } }', {}, referent);
    const ids = (own.body.data!.auditEvents.edges as { node: { entityIds: string[] } }[]).map((edge) => edge.node.entityIds);
    expect(ids.every((concerned) => concerned.includes(body!.id))).toBe(true);
    const board = actorForRoles(t.api.composed, 'board', [{ role: 'BOARD_MEMBER', entityId: null }]);
    const refused = await t.api.gql('{ auditEvents(first: 2) { edges { cursor } } }', {}, board);
    expect(refused.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('modules enabled per body', () => {
  it('a module disabled for a body answers MODULE_DISABLED there, changes nothing, and disappears from lists', async () => {
    const [on, off] = await seedBodies(t.db, 2, 3, 'MD');
    const head = actorForRoles(t.api.composed, 'head', [{ role: 'ICT_HEAD', entityId: null }]);
    const toggle = await t.api.gql(
      `mutation ($id: ID!) { setModuleEnabled(entityId: $id, module: "inventory", enabled: false) {
          __typename ... on Entity { enabledModules modules { key enabled } } } }`,
      { id: toGlobalId('Entity', off!.id) },
      head,
    );
    expect(toggle.body.data!.setModuleEnabled).toEqual({ __typename: 'Entity', enabledModules: [], modules: [{ key: 'inventory', enabled: false }] });

    const read = await t.api.gql(
      'query ($id: ID!) { node(id: $id) { ... on Entity { assets(first: 5) { edges { cursor } } } } }',
      { id: toGlobalId('Entity', off!.id) },
      head,
    );
    expect(read.body.errors![0]!.extensions).toMatchObject({ code: 'MODULE_DISABLED', module: 'inventory' });

    const assets = await t.db.prisma.asset.count();
    const write = await t.api.gql(CREATE_ASSET, { input: { entityId: toGlobalId('Entity', off!.id), kind: 'LAPTOP' } }, head);
    expect(write.body.errors![0]!.extensions!.code).toBe('MODULE_DISABLED');
    expect(await t.db.prisma.asset.count()).toBe(assets);
    expect(await t.db.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } })).toMatchObject({
      outcome: 'REFUSED',
      errorCode: 'MODULE_DISABLED',
    });

    const list = await t.api.gql('{ assets(first: 100) { edges { node { entity { id } } } } }', {}, head);
    const bodies = new Set(list.body.data!.assets.edges.map((e: { node: { entity: { id: string } } }) => e.node.entity.id));
    expect(bodies.has(toGlobalId('Entity', off!.id))).toBe(false);
    expect(bodies.has(toGlobalId('Entity', on!.id))).toBe(true);

    const change = await t.db.prisma.moduleEnablement.findUniqueOrThrow({
      where: { entityId_moduleKey: { entityId: off!.id, moduleKey: 'inventory' } },
    });
    expect(change.enabled).toBe(false);
  });

  it('only who may manage modules can toggle them, and only installed ones', async () => {
    const [body] = await seedBodies(t.db, 1, 0, 'MT');
    const staff = actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]);
    const toggle = `mutation ($id: ID!, $module: String!) { setModuleEnabled(entityId: $id, module: $module, enabled: true) {
      __typename ... on InputError { issues { message } } } }`;
    const refused = await t.api.gql(toggle, { id: toGlobalId('Entity', body!.id), module: 'inventory' }, staff);
    expect(refused.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const unknown = await t.api.gql(toggle, { id: toGlobalId('Entity', body!.id), module: 'teleportation' });
    expect(unknown.body.data!.setModuleEnabled.issues[0].message).toMatch(/"teleportation" is not an installed module/);
  });
});
