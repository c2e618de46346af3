// What the users and API tokens screens ask of the API: users filtered by role, body and state;
// which permissions an API token may hold; a token's last use recorded on its first request.
import inventory from '@gea/plugin-inventory';
import { describe, expect, it } from 'vitest';
import { postWithRealAuth, useTestApi } from '@gea/test-kit/api.ts';
import { seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import { createUser, sessionToken } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory]);

const USERS = `query ($search: String, $role: Role, $entityId: ID, $active: Boolean) {
  users(first: 50, search: $search, role: $role, entityId: $entityId, active: $active) { edges { node { email } } }
}`;
const emails = async (variables: Record<string, unknown>) => {
  const response = await t.api.gql<{ users: { edges: { node: { email: string } }[] } }>(USERS, variables);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!.users.edges.map((edge) => edge.node.email).filter((email) => email.endsWith('@filter.test'));
};

describe('users filtered by role, body and state', () => {
  it('role, body, both together, active and search combine', async () => {
    const [first, second] = await seedBodies(t.db, 2, 0, 'UF');
    await createUser(t.db, 'head@filter.test', [{ role: 'ICT_HEAD', entityId: null }]);
    await createUser(t.db, 'ref-a@filter.test', [{ role: 'REFERENT', entityId: first!.id }]);
    await createUser(t.db, 'editor-a@filter.test', [{ role: 'WEB_EDITOR', entityId: first!.id }]);
    const off = await createUser(t.db, 'ref-b@filter.test', [{ role: 'REFERENT', entityId: second!.id }]);
    await t.db.prisma.user.update({ where: { id: off.id }, data: { active: false } });

    expect(await emails({})).toEqual(['editor-a@filter.test', 'head@filter.test', 'ref-a@filter.test', 'ref-b@filter.test']);
    expect(await emails({ role: 'REFERENT' })).toEqual(['ref-a@filter.test', 'ref-b@filter.test']);
    expect(await emails({ entityId: toGlobalId('Entity', first!.id) })).toEqual(['editor-a@filter.test', 'ref-a@filter.test']);
    expect(await emails({ role: 'REFERENT', entityId: toGlobalId('Entity', second!.id) })).toEqual(['ref-b@filter.test']);
    // The role and the body of one assignment: a referent of the first body is no web editor of it.
    expect(await emails({ role: 'WEB_EDITOR', entityId: toGlobalId('Entity', second!.id) })).toEqual([]);
    expect(await emails({ active: false })).toEqual(['ref-b@filter.test']);
    expect(await emails({ active: true, role: 'REFERENT' })).toEqual(['ref-a@filter.test']);
    expect(await emails({ search: 'EDITOR', active: true })).toEqual(['editor-a@filter.test']);
  });
});

describe('permissions an API token may hold', () => {
  it('administration is marked as not for tokens, module permissions are', async () => {
    const response = await t.api.gql<{ permissions: { name: string; forTokens: boolean }[] }>('{ permissions { name forTokens } }');
    const byName = new Map(response.body.data!.permissions.map((p) => [p.name, p.forTokens]));
    expect(byName.get('core:users:write')).toBe(false);
    expect(byName.get('core:tokens:write')).toBe(false);
    expect(byName.get('core:modules:write')).toBe(false);
    expect(byName.get('core:entities:read')).toBe(true);
    expect(byName.get('inventory:read')).toBe(true);
  });
});

describe("a token's last use", () => {
  it('is empty when created, set by its first request, and a revoked token is refused', async () => {
    const [body] = await seedBodies(t.db, 1, 1, 'LU');
    const head = await createUser(t.db, 'tokens-head@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const session = await sessionToken(t.db, head.id);
    const post = (query: string, variables: Record<string, unknown> = {}, token?: string) => postWithRealAuth(t.db, [inventory], query, variables, token);
    const created = await post(
      `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { ... on CreatedApiToken { token apiToken { id lastUsedAt } } } }`,
      { input: { name: 'Protocollo', scopes: ['core:entities:read'], entityId: toGlobalId('Entity', body!.id) } },
      session,
    );
    const { token, apiToken } = created.body.data.createApiToken;
    expect(apiToken.lastUsedAt).toBeNull();
    const read = () => post('query ($id: ID!) { node(id: $id) { ... on Entity { name } } }', { id: toGlobalId('Entity', body!.id) }, token);
    expect((await read()).body.data.node.name).toBe(body!.name);
    const list = await post('{ apiTokens(includeRevoked: true) { id lastUsedAt revokedAt } }', {}, session);
    const listed = list.body.data.apiTokens.find((row: { id: string }) => row.id === apiToken.id);
    expect(listed.lastUsedAt).not.toBeNull();
    expect(listed.revokedAt).toBeNull();

    await post('mutation ($id: ID!) { revokeApiToken(id: $id) { __typename } }', { id: apiToken.id }, session);
    const refused = await read();
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0].extensions.code).toBe('TOKEN_REVOKED');
  });
});
