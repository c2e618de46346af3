import inventory from '@gea/plugin-inventory';
import { describe, expect, it } from 'vitest';
import { createTestApi, postWithRealAuth, useTestApi } from '@gea/test-kit/api.ts';
import { seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import { createUser, sessionToken, TEST_PASSWORD } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory]);

const post = (query: string, variables: Record<string, unknown> = {}, token?: string) =>
  postWithRealAuth(t.db, [inventory], query, variables, token);

const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt user { email } } }';
const auditOf = (operation: string) => t.db.prisma.auditEvent.findMany({ where: { operation }, orderBy: { id: 'asc' } });

describe('sign-in with a local account', () => {
  it('the right password opens a session whose token identifies the user', async () => {
    await createUser(t.db, 'head@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const login = await post(LOGIN, { email: 'Head@Example.it ', password: TEST_PASSWORD });
    expect(login.body.errors).toBeUndefined();
    expect(login.body.data.login.user.email).toBe('head@example.it');
    const token = login.body.data.login.token as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await t.db.prisma.session.count({ where: { tokenHash: token } })).toBe(0); // stored hashed only

    const me = await post('{ me { email } }', {}, token);
    expect(me.body.data.me.email).toBe('head@example.it');
    const [audit] = (await auditOf('login')).filter((e) => e.outcome === 'SUCCESS');
    expect(audit).toMatchObject({ actorLabel: 'head@example.it', targetType: 'Session' });
    expect(JSON.stringify(audit!.input)).not.toContain(TEST_PASSWORD);
  });

  it.each([
    ['a wrong password', 'head@example.it', 'wrong password'],
    ['an unknown e-mail', 'nobody@example.it', TEST_PASSWORD],
  ])('%s is refused with INVALID_CREDENTIALS, the same answer either way, and audited', async (_case, email, password) => {
    const before = await t.db.prisma.session.count();
    const response = await post(LOGIN, { email, password });
    expect(response.body.data).toBeNull();
    expect(response.body.errors![0]).toMatchObject({ message: 'Wrong e-mail or password', extensions: { code: 'INVALID_CREDENTIALS' } });
    expect(await t.db.prisma.session.count()).toBe(before);
    const last = (await auditOf('login')).at(-1)!;
    expect(last).toMatchObject({ outcome: 'REFUSED', errorCode: 'INVALID_CREDENTIALS', actorLabel: email });
    expect(JSON.stringify(last.input)).not.toContain(password);
  });

  it('a disabled account cannot sign in', async () => {
    const user = await createUser(t.db, 'disabled@example.it');
    await t.db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    const response = await post(LOGIN, { email: 'disabled@example.it', password: TEST_PASSWORD });
    expect(response.body.errors![0].extensions.code).toBe('INVALID_CREDENTIALS');
  });

  it('after 10 failed attempts from one address even the right password is refused from there (429, RATE_LIMITED)', async () => {
    await createUser(t.db, 'target@example.it');
    for (let i = 0; i < 10; i++) await post(LOGIN, { email: 'target@example.it', password: `guess ${i}` });
    const response = await post(LOGIN, { email: 'target@example.it', password: TEST_PASSWORD });
    expect(response.status).toBe(429);
    expect(response.body.errors![0].message).toMatch(/Too many failed sign-ins/);
    expect(response.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  });
});

describe('bearer tokens that are refused, with a code, HTTP 401 and an audit record', () => {
  it('an unknown token', async () => {
    const response = await post('{ me { email } }', {}, 'not-a-real-token');
    expect(response.status).toBe(401);
    expect(response.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await auditOf('authenticate')).at(-1)).toMatchObject({ outcome: 'REFUSED', errorCode: 'UNAUTHENTICATED' });
  });

  it('an expired session', async () => {
    const user = await createUser(t.db, 'expired@example.it');
    const token = await sessionToken(t.db, user.id, -1000);
    const response = await post('{ me { email } }', {}, token);
    expect(response.status).toBe(401);
    expect(response.body.errors![0].extensions.code).toBe('SESSION_EXPIRED');
    expect((await auditOf('authenticate')).at(-1)).toMatchObject({ errorCode: 'SESSION_EXPIRED', actorId: user.id });
  });

  it('a session ended by logout', async () => {
    const user = await createUser(t.db, 'leaver@example.it');
    const token = await sessionToken(t.db, user.id);
    const logout = await post('mutation { logout }', {}, token);
    expect(logout.body.data.logout).toBe(true);
    const response = await post('{ me { email } }', {}, token);
    expect(response.status).toBe(401);
    expect(response.body.errors![0].extensions.code).toBe('TOKEN_REVOKED');
  });

  it("a live session follows its user: roles and the account's state are read on every request", async () => {
    const [body] = await seedBodies(t.db, 2, 1, 'AU');
    const user = await createUser(t.db, 'changing@example.it', [{ role: 'REFERENT', entityId: body!.id }]);
    const token = await sessionToken(t.db, user.id);
    const readable = async () => {
      const response = await post('{ entities(first: 10) { edges { node { id } } } }', {}, token);
      return response.body.data?.entities.edges.map((edge: { node: { id: string } }) => edge.node.id);
    };
    expect(await readable()).toEqual([toGlobalId('Entity', body!.id)]);
    await t.db.prisma.roleAssignment.deleteMany({ where: { userId: user.id } });
    expect(await readable()).toEqual([]);
    await t.db.prisma.roleAssignment.create({ data: { userId: user.id, role: 'ICT_STAFF' } });
    expect((await readable())!.length).toBeGreaterThanOrEqual(2);
    await t.db.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    const refused = await post('{ me { email } }', {}, token);
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a malformed Authorization header', async () => {
    const api = createTestApi(t.db, [inventory], { realAuth: true });
    const response = await api.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' },
      body: JSON.stringify({ query: '{ me { email } }' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('API tokens for machine clients', () => {
  const CREATE = `mutation ($input: CreateApiTokenInput!) {
    createApiToken(input: $input) { __typename ... on CreatedApiToken { token apiToken { id prefix scopes } } ... on InputError { issues { message } } }
  }`;

  async function headToken() {
    const head = await t.db.prisma.user.findUniqueOrThrow({ where: { email: 'head@example.it' } });
    return sessionToken(t.db, head.id);
  }

  it('is shown once, stored hashed, scoped to its body, and refused outside its scope', async () => {
    const [own, other] = await seedBodies(t.db, 2, 2, 'TK');
    const head = await headToken();
    const created = await post(
      CREATE,
      { input: { name: 'Protocollo Pontassieve', scopes: ['core:entities:read', 'inventory:read'], entityId: toGlobalId('Entity', own!.id) } },
      head,
    );
    const { token, apiToken } = created.body.data.createApiToken;
    expect(token).toMatch(/^gea_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(`gea_${apiToken.prefix}_`)).toBe(true);
    const stored = await t.db.prisma.apiToken.findFirstOrThrow({ where: { prefix: apiToken.prefix } });
    expect(stored.tokenHash).not.toContain(token.slice(14));

    // its own body's inventory: allowed
    const ownAssets = await post(
      'query ($id: ID!) { node(id: $id) { ... on Entity { assets(first: 5) { edges { node { inventoryTag } } } } } }',
      { id: toGlobalId('Entity', own!.id) },
      token,
    );
    expect(ownAssets.body.data.node.assets.edges).toHaveLength(2);
    // another body: nothing, with the scope error
    const otherAssets = await post(
      'query ($id: ID!) { node(id: $id) { ... on Entity { assets(first: 5) { edges { node { inventoryTag } } } } } }',
      { id: toGlobalId('Entity', other!.id) },
      token,
    );
    expect(JSON.stringify(otherAssets.body)).not.toContain('TK1-');
    expect(otherAssets.body.errors![0].extensions.code).toBe('INSUFFICIENT_SCOPE');
    // a write it has no scope for: refused and audited
    const write = await post(
      'mutation ($input: CreateAssetInput!) { createAsset(input: $input) { __typename } }',
      { input: { entityId: toGlobalId('Entity', own!.id), kind: 'LAPTOP' } },
      token,
    );
    expect(write.body.errors![0].extensions.code).toBe('INSUFFICIENT_SCOPE');
    expect((await auditOf('createAsset')).at(-1)).toMatchObject({ outcome: 'REFUSED', errorCode: 'INSUFFICIENT_SCOPE', actorKind: 'token' });
    // the list never shows the secret again
    const list = await post('{ apiTokens { prefix scopes lastUsedAt } }', {}, head);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.data.apiTokens[0].lastUsedAt).not.toBeNull();
  });

  it('unknown scopes are refused when the token is made', async () => {
    const response = await post(CREATE, { input: { name: 'x', scopes: ['inventory:read', 'everything:all'] } }, await headToken());
    expect(response.body.data.createApiToken.issues[0].message).toBe('unknown scope(s): everything:all');
  });

  it('a revoked or expired API token is refused with its own code', async () => {
    const head = await headToken();
    const created = await post(CREATE, { input: { name: 'short-lived', scopes: ['inventory:read'] } }, head);
    const { token, apiToken } = created.body.data.createApiToken;
    const revoke = await post('mutation ($id: ID!) { revokeApiToken(id: $id) { __typename ... on ApiToken { revokedAt } } }', { id: apiToken.id }, head);
    expect(revoke.body.data.revokeApiToken.revokedAt).not.toBeNull();
    const revoked = await post('{ assets(first: 1) { edges { cursor } } }', {}, token);
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors![0].extensions.code).toBe('TOKEN_REVOKED');

    const second = await post(CREATE, { input: { name: 'expiring', scopes: ['inventory:read'] } }, head);
    await t.db.prisma.apiToken.update({
      where: { prefix: second.body.data.createApiToken.apiToken.prefix },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await post('{ assets(first: 1) { edges { cursor } } }', {}, second.body.data.createApiToken.token);
    expect(expired.body.errors![0].extensions.code).toBe('TOKEN_EXPIRED');
    expect((await auditOf('authenticate')).at(-1)).toMatchObject({ outcome: 'REFUSED', errorCode: 'TOKEN_EXPIRED' });
  });
});
