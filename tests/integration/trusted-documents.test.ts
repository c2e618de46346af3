// The web client's documents as trusted documents (issue 12, finding 7): the API knows each by the
// hash the client sends, built from the client's sources at start; with GEA_TRUSTED_DOCUMENTS=only,
// browsers and anonymous callers may send nothing else, while API tokens still send their own
// queries, within the query limits. Driven by a real urql client with the web kit's exchange.
import { actorWithPermissions, anonymousActor, type Actor } from '@gea/core';
import { createApi, trustedDocumentsFromEnv, type Api } from '@gea/api';
import { graphql } from '@gea/web-kit/graphql';
import { trustedDocumentsExchange } from '@gea/web-kit/trusted-documents';
import { clientDocuments } from '@gea/web/server';
import inventory from '@gea/plugin-inventory';
import { createTestDatabase } from '@gea/test-kit/database.ts';
import { seedBodies } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import type { Database } from '@gea/db';
import { Client, fetchExchange } from '@urql/core';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: Database;
let executions = 0;
const countExecutions: Plugin = {
  onExecute() {
    executions++;
  },
};
let actors: Record<'anonymous' | 'member' | 'token', Actor>;

beforeAll(async () => {
  db = await createTestDatabase();
  const [body] = await seedBodies(db, 2, 2, 'P');
  const composed = createApi({ db, plugins: [inventory] }).composed;
  actors = {
    anonymous: anonymousActor,
    member: actorForRoles(composed, 'referent', [{ role: 'REFERENT', entityId: body!.id }]),
    token: actorWithPermissions('protocol system', ['core:entities:read', 'inventory:read'], 'token'),
  };
});
afterAll(() => db?.close());

async function apiWith(mode: 'accept' | 'only'): Promise<Api> {
  return createApi({
    db,
    plugins: [inventory],
    authenticate: ({ request }) => actors[(request.headers.get('x-caller') ?? 'anonymous') as keyof typeof actors],
    trustedDocuments: await trustedDocumentsFromEnv({ GEA_TRUSTED_DOCUMENTS: mode }),
    yogaPlugins: [countExecutions],
  });
}

/** A urql client as the web client builds it: documents by hash, then the fetch exchange. */
function clientOf(api: Api, caller: keyof typeof actors): Client {
  return new Client({
    url: 'http://yoga/graphql',
    fetch: async (input, init) => api.yoga.fetch(String(input), init as Parameters<Api['yoga']['fetch']>[1]),
    fetchOptions: () => ({ headers: { 'x-gea-client': 'web', 'x-caller': caller } }),
    requestPolicy: 'network-only',
    exchanges: [trustedDocumentsExchange, fetchExchange],
  });
}

async function post(api: Api, caller: keyof typeof actors, body: unknown) {
  const response = await api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-caller': caller },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const documentNamed = async (name: string) => graphql((await clientDocuments()).find((d) => d.source.includes(`query ${name}`))!.source);
const own = 'query OwnQuery { entities(first: 5) { edges { node { name } } } }';

describe('trusted documents, accepted (the default)', () => {
  it('the web client names its documents by hash, and the server runs its own copy', async () => {
    const api = await apiWith('accept');
    // urql sends queries as GET when the URL stays short: read the parameters from either.
    const sent: Record<string, unknown>[] = [];
    const client = new Client({
      url: 'http://yoga/graphql',
      fetch: async (input, init) => {
        if (init?.body) sent.push(JSON.parse(String(init.body)));
        else {
          const params = Object.fromEntries(new URL(String(input)).searchParams);
          sent.push({ ...params, extensions: JSON.parse(params.extensions ?? '{}') });
        }
        return api.yoga.fetch(String(input), init as Parameters<Api['yoga']['fetch']>[1]);
      },
      fetchOptions: () => ({ headers: { 'x-gea-client': 'web', 'x-caller': 'member' } }),
      exchanges: [trustedDocumentsExchange, fetchExchange],
    });
    const result = await client.query(await documentNamed('Shell'), {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.entities.edges.length).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ operationName: 'Shell', extensions: { persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) } } });
    // The text travels too, for a server that does not know the hash; a known hash wins over it.
    const tampered = { operationName: 'Shell', extensions: sent[0]!.extensions, query: 'query Shell { installedPlugins { key } }' };
    const served = await post(api, 'member', tampered);
    expect(served.body.data?.entities.edges).toHaveLength(1);
    expect(served.body.data?.installedPlugins).toBeUndefined();
  });

  it('other documents are still accepted, from the client too (a page older than the server)', async () => {
    const api = await apiWith('accept');
    expect((await post(api, 'member', { query: own })).body.data?.entities.edges).toHaveLength(1);
    const result = await clientOf(api, 'member').query(graphql(own), {}).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.entities.edges).toHaveLength(1);
  });

  it('an unknown hash is refused with its code', async () => {
    const api = await apiWith('accept');
    const before = executions;
    const refused = await post(api, 'member', { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(executions).toBe(before);
  });
});

describe('trusted documents only (GEA_TRUSTED_DOCUMENTS=only)', () => {
  it('browser sessions and anonymous callers run the web client’s documents by hash', async () => {
    const api = await apiWith('only');
    const shell = await clientOf(api, 'member').query(await documentNamed('Shell'), {}).toPromise();
    expect(shell.error).toBeUndefined();
    expect(shell.data?.entities.edges).toHaveLength(1);
    const methods = await clientOf(api, 'anonymous').query(await documentNamed('AuthMethods'), {}).toPromise();
    expect(methods.error).toBeUndefined();
    expect(methods.data?.authMethods.password).toBe(true);
  });

  it('refuses their own documents before anything runs, through the client too', async () => {
    const api = await apiWith('only');
    const before = executions;
    for (const caller of ['member', 'anonymous'] as const) {
      const refused = await post(api, caller, { query: own });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
    }
    const viaClient = await clientOf(api, 'member').query(graphql(own), {}).toPromise();
    expect(viaClient.error?.graphQLErrors[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
    expect(executions).toBe(before);
  });

  it('API tokens still send their own queries, within the query limits', async () => {
    const api = await apiWith('only');
    const served = await post(api, 'token', { query: own });
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data?.entities.edges).toHaveLength(2);
    const costly = await post(api, 'token', { query: '{ entities(first: 100) { edges { node { assets(first: 100) { edges { node { id } } } } } } }' });
    expect(costly.status).toBe(400);
    expect(costly.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
  });
});

describe('the manifest', () => {
  it('holds every document of the client, by the hash the client computes', async () => {
    const options = await trustedDocumentsFromEnv({});
    const documents = await clientDocuments();
    for (const { source } of documents) {
      const { sentText, sha256Hex } = await import('@gea/web-kit/trusted-documents');
      const text = sentText(source);
      expect(await options.lookup(await sha256Hex(text))).toBe(text);
    }
    expect(options.only).toBe(false);
    await expect(trustedDocumentsFromEnv({ GEA_TRUSTED_DOCUMENTS: 'yes' })).rejects.toThrow(/GEA_TRUSTED_DOCUMENTS must be accept or only/);
  });
});
