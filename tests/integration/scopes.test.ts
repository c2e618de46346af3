import { actorFromGrants, anonymousActor, type Actor } from '@gea/core';
import type { Database, Entity } from '@gea/db';
import inventory from '@gea/plugin-inventory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { createTestDatabase } from '@gea/test-kit/database.ts';
import { seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

let db: Database;
let api: TestApi;
let own: Entity;
let other: Entity;
let referent: Actor;

beforeAll(async () => {
  db = await createTestDatabase();
  api = createTestApi(db, [inventory]);
  const seeded = await seedBodies(db, 2, 4, 'S');
  own = seeded[0]!;
  other = seeded[1]!;
  // A municipal referent: reads their own body's data, changes its inventory, nothing else.
  referent = actorFromGrants({ kind: 'user', id: 'referent', label: 'referente' }, [
    { permission: 'core:entities:read', entityId: own.id },
    { permission: 'inventory:read', entityId: own.id },
    { permission: 'inventory:write', entityId: own.id },
  ]);
});
afterAll(() => db?.close());

describe('scopes declared on fields and types hold through every path', () => {
  it('anonymous requests are refused with UNAUTHENTICATED', async () => {
    const response = await api.gql('{ entities(first: 5) { edges { node { name } } } }', {}, anonymousActor);
    expect(response.body.data).toBeNull();
    expect(response.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('a body-scoped user lists only their own body', async () => {
    const response = await api.gql('{ entities(first: 50) { edges { node { name } } } }', {}, referent);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.entities.edges).toEqual([{ node: { name: own.name } }]);
  });

  it('a body-scoped user listing the inventory sees their own body\'s equipment only', async () => {
    const response = await api.gql('{ assets(first: 100) { edges { node { entity { id } } } } }', {}, referent);
    expect(response.body.errors).toBeUndefined();
    const bodies = new Set(response.body.data!.assets.edges.map((e: { node: { entity: { id: string } } }) => e.node.entity.id));
    expect([...bodies]).toEqual([toGlobalId('Entity', own.id)]);
  });

  it('a user without any inventory grant cannot list the inventory', async () => {
    const editor = actorForRoles(api.composed, 'editor', [{ role: 'WEB_EDITOR', entityId: own.id }]);
    const response = await api.gql('{ assets(first: 5) { edges { node { id } } } }', {}, editor);
    expect(response.body.data).toBeNull();
    expect(response.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('node(id:) of another body\'s asset yields nothing of it, and the same error as anything forbidden', async () => {
    const [asset] = await db.prisma.asset.findMany({ where: { entityId: other.id }, take: 1 });
    const response = await api.gql(
      'query ($id: ID!) { node(id: $id) { id ... on Asset { inventoryTag serialNumber } } }',
      { id: toGlobalId('Asset', asset!.id) },
      referent,
    );
    expect(response.body.data?.node ?? null).toBeNull();
    expect(JSON.stringify(response.body)).not.toContain(asset!.inventoryTag!);
    expect(response.body.errors?.[0]?.message).toBe('You are not allowed to do this: it needs the permission inventory:read');
  });

  it('node(id:) of the user\'s own asset works', async () => {
    const [asset] = await db.prisma.asset.findMany({ where: { entityId: own.id }, take: 1 });
    const response = await api.gql(
      'query ($id: ID!) { node(id: $id) { ... on Asset { inventoryTag entity { name } } } }',
      { id: toGlobalId('Asset', asset!.id) },
      referent,
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.node).toEqual({ inventoryTag: asset!.inventoryTag, entity: { name: own.name } });
  });

  it('creating an asset in another body is refused and writes nothing', async () => {
    const before = await db.prisma.asset.count();
    const response = await api.gql(
      'mutation ($input: CreateAssetInput!) { createAsset(input: $input) { __typename } }',
      { input: { entityId: toGlobalId('Entity', other.id), kind: 'LAPTOP' } },
      referent,
    );
    expect(response.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await db.prisma.asset.count()).toBe(before);
  });

  it('an asset for a body that does not exist is a typed NotFoundError, and nothing is written', async () => {
    const before = await db.prisma.asset.count();
    const response = await api.gql(
      'mutation ($input: CreateAssetInput!) { createAsset(input: $input) { __typename ... on Error { code } } }',
      { input: { entityId: toGlobalId('Entity', '0190f0f0-0000-7000-8000-000000000000'), kind: 'LAPTOP' } },
    );
    expect(response.body.data!.createAsset).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect(await db.prisma.asset.count()).toBe(before);
  });

  it('an id of the wrong type is refused as bad input', async () => {
    const [asset] = await db.prisma.asset.findMany({ take: 1 });
    const response = await api.gql(
      'mutation ($input: CreateAssetInput!) { createAsset(input: $input) { __typename } }',
      { input: { entityId: toGlobalId('Asset', asset!.id), kind: 'LAPTOP' } },
    );
    expect(response.body.data?.createAsset ?? null).toBeNull();
    expect(JSON.stringify(response.body)).toMatch(/BAD_USER_INPUT/);
  });

  it('bad input comes back as a typed InputError naming the field, and writes nothing', async () => {
    const before = await db.prisma.asset.count();
    const response = await api.gql(
      `mutation ($input: CreateAssetInput!) {
        createAsset(input: $input) { __typename ... on InputError { code issues { path message } } }
      }`,
      { input: { entityId: toGlobalId('Entity', own.id), kind: 'LAPTOP', priceCents: -5 } },
      referent,
    );
    expect(response.body.data!.createAsset).toMatchObject({
      __typename: 'InputError',
      code: 'BAD_USER_INPUT',
      issues: [{ path: ['input', 'priceCents'], message: expect.any(String) }],
    });
    expect(await db.prisma.asset.count()).toBe(before);
  });

  it('a duplicate inventory tag is a typed ConflictError', async () => {
    const [asset] = await db.prisma.asset.findMany({ where: { entityId: own.id }, take: 1 });
    const response = await api.gql(
      `mutation ($input: CreateAssetInput!) { createAsset(input: $input) { __typename ... on Error { code message } } }`,
      { input: { entityId: toGlobalId('Entity', own.id), kind: 'LAPTOP', inventoryTag: asset!.inventoryTag } },
      referent,
    );
    expect(response.body.data!.createAsset).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
  });

  it('population is recorded only at 31 December, with a typed error otherwise', async () => {
    const writer = actorFromGrants({ kind: 'user', id: 'head', label: 'head' }, [
      { permission: 'core:entities:write', entityId: null },
      { permission: 'core:entities:read', entityId: null },
    ]);
    const mutation = `mutation ($id: ID!, $date: Date!) {
      recordPopulation(entityId: $id, referenceDate: $date, population: 2000) {
        __typename ... on InputError { issues { path message } } ... on Entity { population(at: "2025-12-31") }
      }
    }`;
    const wrong = await api.gql(mutation, { id: toGlobalId('Entity', own.id), date: '2025-06-30' }, writer);
    expect(wrong.body.data!.recordPopulation).toEqual({
      __typename: 'InputError',
      issues: [{ path: ['referenceDate'], message: 'the reference date must be 31 December' }],
    });
    const right = await api.gql(mutation, { id: toGlobalId('Entity', own.id), date: '2025-12-31' }, writer);
    expect(right.body.data!.recordPopulation).toEqual({ __typename: 'Entity', population: 2000 });
  });
});
