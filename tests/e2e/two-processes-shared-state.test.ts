// Issue 12, "several API processes": two real API processes on one PostgreSQL and one Redis, as
// behind a load balancer. A receipt registered through one reaches a subscriber (server-sent events)
// of the other, and an OpenID Connect sign-in started on one completes on the other.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { openDatabase, repoRoot, type Database } from '@gea/db';
import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmptyPostgresDatabase } from '@gea/test-kit/postgres-admin.ts';
import { startServerProcess, type ServerProcess } from '@gea/test-kit/server-process.ts';
import { fixture, pecWorld, registerFixtureMessage, REGISTER_RECEIPT, type PecWorld } from '../../plugins/pec-signatures/tests/fixtures/harness.ts';
import { followUntilCallback, startOidcIssuer, type TestIssuer } from './support/oidc-issuer.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A subscription over server-sent events on a real connection; `next()` gives the next event's payload. */
async function subscribeOverHttp(graphqlUrl: string, token: string, query: string) {
  const controller = new AbortController();
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: any[] = [];
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const dataLine = block.split('\n').find((line) => line.startsWith('data:'));
        if (block.includes('event: next') && dataLine) events.push(JSON.parse(dataLine.slice(5)));
      }
    }
  })();
  return {
    status: response.status,
    async next(limitMs = 30_000) {
      const deadline = Date.now() + limitMs;
      while (events.length === 0) {
        if (Date.now() > deadline) throw new Error('no event within the test deadline');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return events.shift();
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

async function post(graphqlUrl: string, query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

describe.runIf(process.env.TEST_DATABASE_URL)('two API processes on one PostgreSQL and one Redis', () => {
  const database = useEmptyPostgresDatabase('gea_e2e_two_processes');
  const prefix = `gea-test:${randomBytes(6).toString('hex')}:`;
  const processes: ServerProcess[] = [];
  let db: Database;
  let redis: Redis;
  let issuer: TestIssuer;
  let world: PecWorld;
  let urlA: string;
  let urlB: string;
  let callbackB: string;

  beforeAll(async () => {
    const migrate = spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['packages/db/src/cli/migrate.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: 'utf8',
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    db = await openDatabase({ kind: 'postgres', url: database.url }, { poolSize: 2 });
    redis = new Redis(REDIS_URL);

    const [portA, portB] = [await freePort(), await freePort()];
    // The public callback is B's: the issuer sends the browser back to the other process.
    callbackB = `http://127.0.0.1:${portB}/auth/oidc/callback`;
    issuer = await startOidcIssuer([callbackB], { 'sub-mario': { email: 'mario.rossi@comune.example.it', email_verified: true } });
    await db.prisma.user.create({ data: { email: 'mario.rossi@comune.example.it', name: 'Mario Rossi' } });
    world = await pecWorld(db, [createPecSignaturesPlugin()], ['esempio']);

    const env = {
      DATABASE_URL: database.url,
      GEA_WEB_CLIENT: 'off',
      GEA_JOBS: 'off',
      GEA_REDIS_URL: REDIS_URL,
      GEA_REDIS_PREFIX: prefix,
      GEA_OIDC_ISSUER: issuer.url,
      GEA_OIDC_CLIENT_ID: issuer.clientId,
      GEA_OIDC_CLIENT_SECRET: issuer.clientSecret,
      GEA_OIDC_REDIRECT_URI: callbackB,
    };
    processes.push(startServerProcess({ ...env, PORT: String(portA) }), startServerProcess({ ...env, PORT: String(portB) }));
    [urlA, urlB] = (await Promise.all(processes.map((server) => server.ready))) as [string, string];
  });

  afterAll(async () => {
    for (const server of processes.splice(0)) await server.stop();
    await issuer?.close();
    if (redis) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
    await db?.close();
  });

  it('both processes say they share their state over Redis', async () => {
    // Printed just after the ready lines, which may reach the test in a chunk of their own.
    for (const server of processes) await expect.poll(() => server.stdout(), { timeout: 10_000 }).toContain(`shared state over Redis (${prefix}*)`);
  });

  it('a receipt registered on process A reaches a subscriber on process B', async () => {
    const [esempio] = world.bodies as [PecWorld['bodies'][0]];
    await registerFixtureMessage(world, esempio, world.head);
    const subscriber = await subscribeOverHttp(urlB, world.head, 'subscription { pecReceiptRegistered { receipt { type identifier } message { state } } }');
    try {
      expect(subscriber.status).toBe(200);
      // B has subscribed to the Redis channel: from here a publication anywhere reaches it.
      const channel = `${prefix}events:pec-signatures:receipt-registered`;
      const deadline = Date.now() + 30_000;
      while (((await redis.pubsub('NUMSUB', channel)) as [string, number])[1] < 1) {
        if (Date.now() > deadline) throw new Error(`nobody subscribed to ${channel}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }

      const registered = await post(urlA, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('accettazione.xml') }, world.head);
      expect(registered.errors).toBeUndefined();
      expect(registered.data.registerPecReceipt.__typename).toBe('PecReceipt');

      expect(await subscriber.next()).toEqual({
        data: {
          pecReceiptRegistered: {
            receipt: { type: 'ACCETTAZIONE', identifier: 'opec2611.20261120103002.01234.101.1.61@pec.gestore.example.it' },
            message: { state: 'ACCEPTED' },
          },
        },
      });
    } finally {
      await subscriber.close();
    }
  });

  it('an OpenID Connect sign-in started on process A completes on process B, once', async () => {
    const { callbackUrl, cookie } = await followUntilCallback(`${urlA.replace(/\/graphql$/, '')}/auth/oidc/login`, (url) => url.href.startsWith(callbackB));
    // The sign-in was started by A: B knows it only through Redis.
    const done = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie, accept: 'application/json' } });
    const body = (await done.json()) as { token?: string; errors?: unknown };
    expect(done.status, JSON.stringify(body)).toBe(200);
    const me = await post(urlA, '{ me { email } }', {}, body.token!);
    expect(me).toEqual({ data: { me: { email: 'mario.rossi@comune.example.it' } } });

    // Single use across processes: the same callback on A is refused.
    const replayUrl = new URL(callbackUrl.pathname + callbackUrl.search, urlA);
    const replay = await fetch(replayUrl, { redirect: 'manual', headers: { cookie, accept: 'application/json' } });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('OIDC_STATE_INVALID');
  });
});
