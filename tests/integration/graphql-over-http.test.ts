import inventory from '@gea/plugin-inventory';
import type { Database } from '@gea/db';
import { describe, expect, it } from 'vitest';
import { createTestApi, useTestApi } from '@gea/test-kit/api.ts';

const t = useTestApi([inventory]);

async function send(init: RequestInit & { url?: string }) {
  const response = await t.api.yoga.fetch(init.url ?? 'http://yoga/graphql', init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

describe('GraphQL over HTTP: bad requests get spec responses with an errors array, never a stack trace', () => {
  it.each([
    ['application/json', 400],
    ['application/graphql-response+json', 400],
  ])('malformed document with Accept %s answers %i', async (accept, status) => {
    const response = await send({
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query: '{ installedPlugins { key ' }),
    });
    expect(response.status).toBe(status);
    expect(response.json.errors[0].message).toMatch(/Syntax Error/);
    expect(response.json).not.toHaveProperty('data');
    expect(response.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('a document that does not validate answers 400', async () => {
    const response = await send({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ noSuchField }' }),
    });
    expect(response.status).toBe(400);
    expect(response.json.errors[0].message).toMatch(/Cannot query field "noSuchField"/);
  });

  it('a body that is not JSON answers 400', async () => {
    const response = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(response.json.errors.length).toBeGreaterThan(0);
  });

  it('an unsupported content type answers 415 with an errors array', async () => {
    const response = await send({
      method: 'POST',
      headers: { 'content-type': 'application/xml', 'x-gea-client': 'test' },
      body: '<query/>',
    });
    expect(response.status).toBe(415);
    expect(response.json.errors[0].message).toMatch(/content type/i);
  });

  it('a text/plain POST, what a cross-site form sends, is refused before anything runs', async () => {
    const response = await send({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' });
    expect(response.status).toBe(403);
    expect(response.json.errors[0].message).toMatch(/CSRF/);
  });

  it('an unknown operation name answers 400', async () => {
    const response = await send({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
    });
    expect(response.status).toBe(400);
    expect(response.json.errors[0].message).toMatch(/operation/i);
  });

  it('a mutation over GET answers 405 and changes nothing', async () => {
    const before = await t.db.prisma.entityPopulation.count();
    const query = encodeURIComponent(
      'mutation { recordPopulation(entityId: "x", referenceDate: "2024-12-31", population: 1) { __typename } }',
    );
    const response = await send({
      method: 'GET',
      url: `http://yoga/graphql?query=${query}`,
      headers: { accept: 'application/json', 'x-gea-client': 'test' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toMatch(/POST/);
    expect(response.json.errors[0].message).toMatch(/mutation/i);
    expect(await t.db.prisma.entityPopulation.count()).toBe(before);
  });

  it('an unexpected failure is masked, with the request id to find it in the logs', async () => {
    const broken = createTestApi({ ...t.db, prisma: undefined as never } as Database, [inventory]);
    const response = await broken.gql('{ assets(first: 1) { edges { cursor } } }', {}, undefined, {
      'x-request-id': 'req-test-0001',
    });
    const text = JSON.stringify(response.body);
    expect(response.headers.get('x-request-id')).toBe('req-test-0001');
    expect(response.body.errors?.[0]?.message).toBe('Unexpected error.');
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-test-0001' });
    expect(text).not.toMatch(/prisma|TypeError|\.ts:\d+/i);
  });

  it('a GET without a custom header is refused as a possible cross-site request', async () => {
    const response = await send({ method: 'GET', url: `http://yoga/graphql?query=${encodeURIComponent('{ __typename }')}` });
    expect(response.status).toBe(403);
    expect(response.json.errors[0].message).toMatch(/CSRF header/);
  });

  it('no foreign origin may read responses (no CORS headers unless configured)', async () => {
    const response = await send({
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it.each([
    ['a malformed id', 'not-base64!'],
    ['an id whose key is not a UUID', Buffer.from('Asset:not-a-uuid').toString('base64')],
  ])('node(id:) with %s is bad input, never an internal error', async (_case, id) => {
    const response = await t.api.gql('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toMatch(/is not a valid id/);
  });

  it('node(id:) of an id that does not exist is null without an error', async () => {
    const id = Buffer.from('Asset:0190f0f0-0000-7000-8000-000000000000').toString('base64');
    const response = await t.api.gql('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(response.body).toEqual({ data: { node: null } });
  });

  it('a malformed cursor is bad input with a code', async () => {
    const response = await t.api.gql('{ assets(first: 2, after: "garbage") { edges { cursor } } }');
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('every response carries a request id', async () => {
    const response = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GET /health', () => {
  it('reports the database reachable and every migration applied', async () => {
    const response = await send({ method: 'GET', url: 'http://yoga/health' });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ status: 'ok', reachable: true, migrations: { pending: [], unknown: [] } });
    expect(response.json.migrations.applied).toBeGreaterThanOrEqual(2);
  });

  it('answers 503 naming the migration when the database is ahead of the code', async () => {
    await t.db.prisma.$executeRawUnsafe(
      `insert into _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       values ('health-test', 'x', '29991231000000_from_the_future', now(), now(), 1)`,
    );
    try {
      const response = await send({ method: 'GET', url: 'http://yoga/health' });
      expect(response.status).toBe(503);
      expect(response.json.migrations.unknown).toEqual(['29991231000000_from_the_future']);
    } finally {
      await t.db.prisma.$executeRawUnsafe(`delete from _prisma_migrations where id = 'health-test'`);
    }
  });
});
