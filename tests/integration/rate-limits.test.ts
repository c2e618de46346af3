import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openRedis, type Redis } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi, useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { createUser, TEST_PASSWORD } from '@gea/test-kit/users.ts';

// Finding 5 of issue 12: one anonymous client wrote an audit row per bogus token, and 11 wrong
// guesses locked any account for 15 minutes. Every request here goes over a real socket from
// 127.0.0.1, a trusted proxy, so X-Forwarded-For plays the client's address.
const t = useTestApi([inventory]);
const servers: Server[] = [];
const redisClients: Redis[] = [];

async function serve(options: Parameters<typeof createTestApi>[2] = {}): Promise<{ api: TestApi; url: string }> {
  const api = createTestApi(t.db, [inventory], { realAuth: true, trustedProxies: ['127.0.0.1'], ...options });
  const server = createServer(api.yoga);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { api, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

async function post(url: string, from: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body, code: body.errors?.[0]?.extensions?.code as string | undefined };
}

const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
const bogusToken = () => `gea_${randomBytes(6).toString('hex').slice(0, 8)}_${randomBytes(32).toString('base64url')}`;

afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  for (const redis of redisClients) redis.disconnect();
});

describe('refused credentials', () => {
  it('a flood of bogus tokens gets 429 after the limit and adds a bounded number of audit rows that still count every refusal', async () => {
    const { api, url } = await serve({ rateLimits: { refusedCredentials: { points: 20, seconds: 600 } }, refusalSummaryMs: 10 * 60_000 });
    const auditRows = () => t.db.prisma.auditEvent.findMany({ where: { operation: 'authenticate' }, orderBy: { id: 'asc' } });
    const before = (await auditRows()).length;

    const answers = [];
    for (let i = 0; i < 60; i++) answers.push(await post(url, '203.0.113.10', '{ __typename }', {}, bogusToken()));
    expect(answers.slice(0, 20).map((a) => [a.status, a.code])).toEqual(Array(20).fill([401, 'UNAUTHENTICATED']));
    for (const answer of answers.slice(20)) {
      expect([answer.status, answer.code]).toEqual([429, 'RATE_LIMITED']);
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    // Another address is not affected.
    expect((await post(url, '198.51.100.20', '{ __typename }', {}, bogusToken())).status).toBe(401);

    // One row at once per source (address, reason), then one summary per window.
    const during = (await auditRows()).slice(before);
    expect(during).toHaveLength(2);
    await api.close();
    const after = (await auditRows()).slice(before);
    expect(after).toHaveLength(3);
    const fromFlood = after.filter((row) => (row.input as { clientAddress?: string }).clientAddress === '203.0.113.10');
    expect(fromFlood.map((row) => row.errorCode)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
    // The officer still sees how many: the first, plus the summary of the other 59.
    expect(fromFlood[1]!.input).toMatchObject({ summary: true, refusals: 59 });
  });

  it('anonymous requests beyond their budget get 429 per address', async () => {
    const { url } = await serve({ rateLimits: { anonymous: { points: 10, seconds: 60 } } });
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await post(url, '203.0.113.11', '{ __typename }'));
    expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(200), 429, 429]);
    expect(answers[11]!.code).toBe('RATE_LIMITED');
    expect((await post(url, '198.51.100.21', '{ __typename }')).status).toBe(200);
    // /live is never limited.
    expect((await fetch(url.replace('/graphql', '/live'), { headers: { 'x-forwarded-for': '203.0.113.11' } })).status).toBe(200);
  });
});

describe('sign-in guesses', () => {
  it('11 and more wrong guesses from an attacker do not stop the owner signing in from their own address', async () => {
    const { url } = await serve();
    await createUser(t.db, 'responsabile@example.it', [{ role: 'ICT_HEAD', entityId: null }]);
    const attacker = '203.0.113.66';
    const codes = [];
    for (let i = 0; i < 15; i++) codes.push((await post(url, attacker, LOGIN, { email: 'responsabile@example.it', password: `guess ${i}` })).code);
    // The first five are checked; then each guess waits longer than the last.
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(codes.slice(6)).toEqual(Array(9).fill('RATE_LIMITED'));
    const limited = await post(url, attacker, LOGIN, { email: 'responsabile@example.it', password: TEST_PASSWORD });
    expect([limited.status, limited.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);

    const owner = await post(url, '198.51.100.7', LOGIN, { email: 'responsabile@example.it', password: TEST_PASSWORD });
    expect(owner.body.errors).toBeUndefined();
    expect(owner.body.data.login.token).toBeTruthy();
  });

  it('guesses spread over many addresses: the account then opens only from an address it signed in from before', async () => {
    const { url } = await serve({ rateLimits: { signInPerAccount: { points: 5, seconds: 3600 } } });
    await createUser(t.db, 'referente@example.it');
    const home = '198.51.100.8';
    expect((await post(url, home, LOGIN, { email: 'referente@example.it', password: TEST_PASSWORD })).body.data.login.token).toBeTruthy();
    for (let i = 0; i < 6; i++) await post(url, `203.0.113.${100 + i}`, LOGIN, { email: 'referente@example.it', password: `guess ${i}` });
    const stranger = await post(url, '203.0.113.200', LOGIN, { email: 'referente@example.it', password: TEST_PASSWORD });
    expect([stranger.status, stranger.code]).toEqual([429, 'RATE_LIMITED']);
    const fromHome = await post(url, home, LOGIN, { email: 'referente@example.it', password: TEST_PASSWORD });
    expect(fromHome.body.errors).toBeUndefined();
    expect(fromHome.body.data.login.token).toBeTruthy();
  });
});

describe('several API processes', () => {
  it('two API instances on one Redis share the counters', async () => {
    const keyPrefix = `gea-test:${randomUUID()}:`;
    const shared = () => {
      const redis = openRedis('redis://127.0.0.1:6379', 'rate-limits-test');
      redisClients.push(redis);
      return { redis, rateLimitKeyPrefix: keyPrefix, rateLimits: { anonymous: { points: 10, seconds: 60 } } };
    };
    const first = await serve(shared());
    const second = await serve(shared());
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await post(first.url, '203.0.113.77', '{ __typename }')).status);
      statuses.push((await post(second.url, '203.0.113.77', '{ __typename }')).status);
    }
    // Ten between them, not ten each.
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429]);
  });
});
