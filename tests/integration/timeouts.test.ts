// Issue 12, finding 6: a blocked pool or a stuck statement must give a prompt 503, not minutes of
// waiting, and a request that ends (deadline or client gone) must not leave its statement running.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { definePlugin } from '@gea/core';
import { createApi, type Api, type CompiledReadOutcome } from '@gea/api';
import type { Database, OpenDatabaseOptions } from '@gea/db';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { superuser } from '@gea/test-kit/api.ts';
import { createTestDatabase, testDatabaseKind } from '@gea/test-kit/database.ts';

const onPostgres = testDatabaseKind() === 'postgres';

// A field whose statement takes as long as asked: the stand-in for any slow query.
const probe = definePlugin({
  key: 'timeout-probe',
  name: 'Timeout probe',
  schema: (builder) => {
    builder.queryField('timeoutProbeSleep', (t) =>
      t.string({
        args: { seconds: t.arg.float({ required: true }) },
        authScopes: { authenticated: true },
        resolve: async (_root, { seconds }, context) => {
          await context.prisma.$queryRaw`select pg_sleep(${seconds})::text`;
          return 'slept';
        },
      }),
    );
  },
});

const opened: { db: Database; servers: Server[] }[] = [];
afterEach(async () => {
  for (const { db, servers } of opened.splice(0)) {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await db.close();
  }
});

async function openApi(
  dbOptions: OpenDatabaseOptions,
  timeouts: { requestTimeoutMs?: number; healthTimeoutMs?: number } = {},
  compiledReads: Parameters<typeof createApi>[0]['compiledReads'] = true,
) {
  const db = await createTestDatabase(dbOptions);
  const entry = { db, servers: [] as Server[] };
  opened.push(entry);
  const api: Api = createApi({ db, plugins: [probe], authenticate: () => superuser, timeouts, compiledReads });
  return {
    db,
    api,
    async listen(): Promise<string> {
      const server = createServer(api.yoga);
      entry.servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
  };
}

/** Holds `count` connections (on PGlite: the only one) in open transactions until `release()`. */
function holdConnections(db: Database, count: number) {
  let release!: () => void;
  let released = false;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = 0;
  const ready = new Promise<void>((resolve) => {
    for (let i = 0; i < count; i++) {
      void db.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`select 1`;
          if (++started === count) resolve();
          await gate;
        },
        { timeout: 120_000, maxWait: 120_000 },
      );
    }
  });
  return {
    ready,
    get released() {
      return released;
    },
    release() {
      released = true;
      release();
    },
  };
}

const graphql = (api: Api, query: string, signal?: AbortSignal) =>
  api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
    signal,
  });

/** Statements of this database still running `pg_sleep`, seen from a connection of its own. */
async function runningSleeps(db: Database): Promise<number> {
  if (db.target.kind !== 'postgres') throw new Error('PostgreSQL only');
  const client = new pg.Client({ connectionString: db.target.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      `select count(*) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and query like '%pg_sleep%'`,
    );
    return Number(rows[0]!.count);
  } finally {
    await client.end();
  }
}

async function eventually(what: string, probe: () => Promise<boolean>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not within ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('time limits: a database that does not answer gives a prompt 503', () => {
  it('/health answers 503 with the reason while every connection is held, and 200 once they are free', async () => {
    // No acquire timeout on PostgreSQL: only /health's own limit can answer.
    const { db, api } = await openApi({ poolSize: 2 }, { healthTimeoutMs: 300 });
    const blocker = holdConnections(db, onPostgres ? 2 : 1);
    await blocker.ready;
    try {
      const response = await api.yoga.fetch('http://yoga/health');
      const answeredWhileBlocked = !blocker.released;
      expect(response.status).toBe(503);
      expect(answeredWhileBlocked).toBe(true);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({
        status: 'unavailable',
        reachable: false,
        reason: 'the database did not answer within 300 ms',
      });
    } finally {
      blocker.release();
    }
    await eventually('/health says 200 again', async () => (await api.yoga.fetch('http://yoga/health')).status === 200, 30_000);
  });

  it.runIf(onPostgres)('PostgreSQL: /graphql answers 503 SERVICE_UNAVAILABLE with Retry-After when no pooled connection frees in time', async () => {
    const { db, api } = await openApi({ poolSize: 2, acquireTimeoutMs: 300 });
    const blocker = holdConnections(db, 2);
    await blocker.ready;
    try {
      const response = await graphql(api, '{ entities(first: 1) { edges { node { id } } } }');
      const answeredWhileBlocked = !blocker.released;
      const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(response.status).toBe(503);
      expect(answeredWhileBlocked).toBe(true);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'POOL_TIMEOUT' });
      expect(JSON.stringify(body)).not.toMatch(/timeout exceeded when trying to connect/);
      // The same when the wait is in authentication (a session looked up before any resolver runs).
      const signedIn = await createApi({ db, plugins: [probe] }).yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${'a'.repeat(43)}` },
        body: JSON.stringify({ query: '{ me { email } }' }),
      });
      expect(signedIn.status).toBe(503);
      expect(((await signedIn.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(blocker.released).toBe(false);
    } finally {
      blocker.release();
    }
    // The pool recovers.
    const after = await graphql(api, '{ entities(first: 1) { edges { node { id } } } }');
    expect(after.status).toBe(200);
  });

  it.runIf(onPostgres)('PostgreSQL: a compiled read that gets no connection answers the same 503, and is not run again through the resolvers', async () => {
    const outcomes: CompiledReadOutcome[] = [];
    const { db, api } = await openApi({ poolSize: 2, acquireTimeoutMs: 300 }, {}, { observe: (outcome) => outcomes.push(outcome) });
    const resolversOnly = createApi({ db, plugins: [probe], authenticate: () => superuser, compiledReads: false });
    const logged = vi.spyOn(console, 'error');
    const query = '{ entities(first: 1) { edges { node { id name } } } }';
    // The operation compiles (one statement) while connections are free.
    expect((await graphql(api, query)).status).toBe(200);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['compiled']);
    const blocker = holdConnections(db, 2);
    await blocker.ready;
    try {
      const compiled = await graphql(api, query);
      const throughResolvers = await graphql(resolversOnly, query);
      expect(blocker.released).toBe(false);
      expect(compiled.status).toBe(503);
      expect(compiled.headers.get('retry-after')).toBe('1');
      const body = (await compiled.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'POOL_TIMEOUT' } }] });
      // What the resolvers answer in the same state, word for word (each request has its own id).
      const withoutRequestId = (answer: { errors: { extensions: Record<string, unknown> }[] }) =>
        JSON.parse(JSON.stringify(answer, (key, value) => (key === 'requestId' ? undefined : value)));
      expect(withoutRequestId(body)).toEqual(withoutRequestId(await throughResolvers.json()));
      expect(outcomes.map((outcome) => outcome.kind)).toEqual(['compiled', 'unavailable']);
      // Not reported as a statement the compiler got wrong.
      expect(logged.mock.calls.flat().join(' ')).not.toMatch(/compiled read failed/);
    } finally {
      blocker.release();
      logged.mockRestore();
    }
  });

  it.runIf(onPostgres)('PostgreSQL: a statement over GEA_DB_STATEMENT_TIMEOUT_MS answers 503 REQUEST_TIMEOUT and its backend stops', async () => {
    const { db, api } = await openApi({ statementTimeoutMs: 300 });
    const response = await graphql(api, '{ timeoutProbeSleep(seconds: 600) }');
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'REQUEST_TIMEOUT', reason: 'STATEMENT_TIMEOUT' });
    expect(await runningSleeps(db)).toBe(0);
  });

  it.runIf(onPostgres)('PostgreSQL: a request past GEA_REQUEST_TIMEOUT_MS answers 503 REQUEST_TIMEOUT and its statement is cancelled', async () => {
    const { db, api } = await openApi({}, { requestTimeoutMs: 300 });
    const response = await graphql(api, '{ timeoutProbeSleep(seconds: 600) }');
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(response.status).toBe(503);
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'REQUEST_TIMEOUT', reason: 'REQUEST_TIMEOUT' });
    // The error came from PostgreSQL cancelling the statement: nothing is left running.
    expect(await runningSleeps(db)).toBe(0);
  });

  it.runIf(onPostgres)('PostgreSQL: a client that disconnects mid-request leaves no running backend (real HTTP)', async () => {
    const { db, listen } = await openApi({});
    const base = await listen();
    const controller = new AbortController();
    const request = fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ timeoutProbeSleep(seconds: 600) }' }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await eventually('the statement runs', async () => (await runningSleeps(db)) === 1, 30_000);
    controller.abort();
    expect(await request).toMatchObject({ name: 'AbortError' });
    // Gone long before the 600 s the statement asked for (the bound is only a test deadline).
    await eventually('the statement is cancelled', async () => (await runningSleeps(db)) === 0, 30_000);
  });
});
