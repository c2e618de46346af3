import { randomUUID } from 'node:crypto';
import { actorFromGrants } from '@gea/core';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import { createActor, createUser } from '@gea/test-kit/users.ts';

/**
 * The core's permission rules that need a database to show: which scopes a machine client may never
 * hold, which roles act for one body only, and what an operation on a record that does not exist
 * asks for. The unit tests next to permissions.ts, actor.ts and modules.ts pin the same rules
 * without a database (those are the ones mutation testing runs).
 */
const t = useTestApi([]);

const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { __typename ... on InputError { issues { message } } }
}`;
const ASSIGN_ROLE = `mutation ($user: ID!, $role: Role!, $entity: ID) {
  assignRole(userId: $user, role: $role, entityId: $entity) { __typename ... on InputError { issues { path message } } ... on RoleAssignment { role } }
}`;
const UPDATE_SITE = `mutation ($id: ID!) {
  updateSite(id: $id, expectedVersion: 1, input: { name: "Sede nuova", address: "Via Roma 1" }) { __typename }
}`;

describe('administrative scopes are never given to an API token', () => {
  it.each(['core:modules:write', 'core:associations:write', 'core:users:write', 'core:tokens:write'])('%s is refused, and no token is made', async (scope) => {
    const head = await createActor(t.db, t.api.composed, `head-${scope}`, [{ role: 'ICT_HEAD', entityId: null }]);
    const before = await t.db.prisma.apiToken.count();
    const response = await t.api.gql(CREATE_TOKEN, { input: { name: 'robot', scopes: ['core:entities:read', scope] } }, head);
    expect(response.body.data!.createApiToken).toEqual({ __typename: 'InputError', issues: [{ message: `scope(s) a machine client may not hold: ${scope}` }] });
    expect(await t.db.prisma.apiToken.count()).toBe(before);
  });

  it('an ordinary scope is given', async () => {
    const head = await createActor(t.db, t.api.composed, 'head-ok', [{ role: 'ICT_HEAD', entityId: null }]);
    const response = await t.api.gql(CREATE_TOKEN, { input: { name: 'reader', scopes: ['core:entities:read'] } }, head);
    expect(response.body.data!.createApiToken.__typename).toBe('CreatedApiToken');
  });
});

describe('referents and web editors act for one body', () => {
  it.each(['REFERENT', 'WEB_EDITOR'])('a %s granted association-wide is refused, and nothing is written', async (role) => {
    const head = await createActor(t.db, t.api.composed, `head-${role}`, [{ role: 'ICT_HEAD', entityId: null }]);
    const user = await createUser(t.db, `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.it`);
    const response = await t.api.gql(ASSIGN_ROLE, { user: toGlobalId('User', user.id), role }, head);
    expect(response.body.data!.assignRole).toEqual({ __typename: 'InputError', issues: [{ path: ['entityId'], message: `a ${role} acts for one body: give entityId` }] });
    expect(await t.db.prisma.roleAssignment.count({ where: { userId: user.id } })).toBe(0);
    // For one body, the same grant is made.
    const [body] = await seedBodies(t.db, 1, 0, `R${role[0]}`);
    const granted = await t.api.gql(ASSIGN_ROLE, { user: toGlobalId('User', user.id), role, entity: toGlobalId('Entity', body!.id) }, head);
    expect(granted.body.data!.assignRole).toEqual({ __typename: 'RoleAssignment', role });
  });

  it.each(['ICT_STAFF', 'BOARD_MEMBER'])('a %s may be granted association-wide', async (role) => {
    const head = await createActor(t.db, t.api.composed, `head-${role}`, [{ role: 'ICT_HEAD', entityId: null }]);
    const user = await createUser(t.db, `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.it`);
    const response = await t.api.gql(ASSIGN_ROLE, { user: toGlobalId('User', user.id), role }, head);
    expect(response.body.data!.assignRole).toEqual({ __typename: 'RoleAssignment', role });
  });
});

describe('an operation on a record that does not exist asks for the association-wide permission', () => {
  it('a holder for one body is refused as for any other body, learning nothing of the id', async () => {
    const [own, other] = await seedBodies(t.db, 2, 0, 'OB');
    const otherSite = await t.db.prisma.site.create({ data: { entityId: other!.id, name: 'Sede altrui', address: 'Via 1' } });
    const localStaff = actorFromGrants({ kind: 'user', id: randomUUID(), label: 'local staff' }, [{ permission: 'core:entities:write', entityId: own!.id }]);
    const missing = await t.api.gql(UPDATE_SITE, { id: toGlobalId('Site', randomUUID()) }, localStaff);
    const foreign = await t.api.gql(UPDATE_SITE, { id: toGlobalId('Site', otherSite.id) }, localStaff);
    // Same refusal for a site that does not exist and for another body's site.
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(missing.body.errors?.[0]?.message).toBe('You are not allowed to do this: it needs the permission core:entities:write');
    const shown = (error: { message?: string; extensions?: Record<string, unknown> } | undefined) => [error?.message, error?.extensions?.code];
    expect(shown(missing.body.errors?.[0])).toEqual(shown(foreign.body.errors?.[0]));
    expect(missing.body.data?.updateSite ?? null).toBeNull();
    expect(await t.db.prisma.site.findUniqueOrThrow({ where: { id: otherSite.id } })).toMatchObject({ name: 'Sede altrui' });
  });

  it('an association-wide holder is told the record does not exist', async () => {
    const staff = await createActor(t.db, t.api.composed, 'staff-nf', [{ role: 'ICT_STAFF', entityId: null }]);
    const missing = await t.api.gql(UPDATE_SITE, { id: toGlobalId('Site', randomUUID()) }, staff);
    expect(missing.body.errors).toBeUndefined();
    expect(missing.body.data!.updateSite).toEqual({ __typename: 'NotFoundError' });
  });
});
