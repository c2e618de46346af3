import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { createUser, sessionToken } from '@gea/test-kit/users.ts';
import { data, fixture, pecWorld, protocolToken, REGISTER_RECEIPT, registerFixtureMessage, type PecWorld } from './fixtures/harness.ts';

// Finding 3 of issue 12: open Server-Sent Event streams kept delivering receipts after logout and
// after their token was revoked. Streams are now checked again before each event and periodically.
const plugins = [createPecSignaturesPlugin()];
const t = useTestApi(plugins);
let world: PecWorld;
const servers: Server[] = [];

const SUBSCRIPTION = `subscription { pecReceiptRegistered { receipt { identifier } } }`;

/** A real HTTP server in front of an API: the streams below go over a socket, as a client's do. */
async function listen(api: TestApi): Promise<string> {
  const server = createServer(api.yoga);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

interface StreamItem {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
  complete?: true;
  closed?: true;
}

/** Opens an SSE subscription with `fetch`; items are each `next` payload, then `complete`, then `closed` when the server ends the response. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: SUBSCRIPTION }),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const items: StreamItem[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const dataLine = block.split('\n').find((line) => line.startsWith('data:'));
        if (block.includes('event: next') && dataLine) items.push(JSON.parse(dataLine.slice(5)) as StreamItem);
        if (block.includes('event: complete')) items.push({ complete: true });
      }
    }
    items.push({ closed: true });
  })();
  return {
    items,
    /** Waits (up to `timeoutMs`) until `count` items have arrived. */
    async until(count: number, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (items.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${items.length} of ${count} stream items: ${JSON.stringify(items)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return items;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

let receiptNumber = 0;
/** Registers a new outgoing message of the first body and its acceptance: one receipt event. */
async function publishReceipt(systemToken: string): Promise<string> {
  const n = ++receiptNumber;
  const msgid = `revocation-${n}@pec.comune.esempio.example.it`;
  const identifier = `opec2611.20261120103002.01234.9${n}.1.61@pec.gestore.example.it`;
  await registerFixtureMessage(world, world.bodies[0]!, systemToken, msgid);
  const daticert = (await fixture('accettazione.xml', msgid)).replace('opec2611.20261120103002.01234.101.1.61@pec.gestore.example.it', identifier);
  const result = await data(world.api, REGISTER_RECEIPT, { mailboxId: world.bodies[0]!.mailboxGid, daticert }, systemToken);
  expect(result.registerPecReceipt.__typename).toBe('PecReceipt');
  return identifier;
}

/** Until the subscriptions are attached on the server side. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** A user able to make tokens, and a reader token of the first body they made. */
async function tokenMadeBy(label: string) {
  const creator = await createUser(t.db, `${label}@example.it`, [{ role: 'ICT_HEAD', entityId: null }]);
  const created = await data(
    world.api,
    `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { ... on CreatedApiToken { token apiToken { id } } } }`,
    { input: { name: label, scopes: ['pec-signatures:read'], entityId: world.bodies[0]!.gid } },
    await sessionToken(t.db, creator.id),
  );
  return { creator, token: created.createApiToken.token as string, id: created.createApiToken.apiToken.id as string };
}

beforeAll(async () => {
  // Periodic checks far apart: what stops the events below is the check made before each delivery.
  world = await pecWorld(t.db, plugins, ['esempio'], { streamRecheckMs: 10 * 60_000 });
});
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('an open stream ends with its credential', () => {
  it('after logout, revocation, a disabled token creator or a role taken away, no further event is delivered and the stream closes', async () => {
    const url = await listen(world.api);
    const system = await protocolToken(world, world.bodies[0]!, 'Protocollo');
    const staff = await createUser(t.db, 'staff.stream@example.it', [{ role: 'ICT_STAFF', entityId: null }]);
    const staffSession = await sessionToken(t.db, staff.id);
    const revoked = await protocolToken(world, world.bodies[0]!, 'Cruscotto revocato', ['pec-signatures:read']);
    const disabledCreator = await tokenMadeBy('creator.disabled');
    const demotedCreator = await tokenMadeBy('creator.demoted');

    const control = await openStream(url, world.head);
    const session = await openStream(url, staffSession);
    const token = await openStream(url, revoked.token);
    const creatorDisabled = await openStream(url, disabledCreator.token);
    const roleRemoved = await openStream(url, demotedCreator.token);
    const streams = [control, session, token, creatorDisabled, roleRemoved];
    try {
      await settle();
      const first = await publishReceipt(system.token);
      for (const stream of streams) {
        expect(await stream.until(1)).toEqual([{ data: { pecReceiptRegistered: { receipt: { identifier: first } } } }]);
      }

      expect((await data(world.api, 'mutation { logout }', {}, staffSession)).logout).toBe(true);
      await data(world.api, 'mutation ($id: ID!) { revokeApiToken(id: $id) { __typename } }', { id: revoked.id }, world.head);
      await t.db.prisma.user.update({ where: { id: disabledCreator.creator.id }, data: { active: false } });
      await t.db.prisma.roleAssignment.deleteMany({ where: { userId: demotedCreator.creator.id } });

      const second = await publishReceipt(system.token);
      // The untouched subscriber hears of it: the event was published.
      expect((await control.until(2))[1]).toEqual({ data: { pecReceiptRegistered: { receipt: { identifier: second } } } });
      const expected: [typeof session, string][] = [
        [session, 'TOKEN_REVOKED'],
        [token, 'TOKEN_REVOKED'],
        [creatorDisabled, 'TOKEN_CREATOR_DISABLED'],
        [roleRemoved, 'INSUFFICIENT_SCOPE'],
      ];
      for (const [stream, code] of expected) {
        const items = await stream.until(4);
        expect(items.slice(1)).toMatchObject([{ errors: [{ extensions: { code } }] }, { complete: true }, { closed: true }]);
        expect(JSON.stringify(items.slice(1))).not.toContain(second);
      }
    } finally {
      await Promise.all(streams.map((stream) => stream.close()));
    }
  });

  it('an idle stream closes on its own once its token is revoked', async () => {
    // A second API on the same database (as a second process would be), checking streams often.
    const url = await listen(createTestApi(t.db, plugins, { realAuth: true, streamRecheckMs: 200 }));
    const reader = await protocolToken(world, world.bodies[0]!, 'Cruscotto inattivo', ['pec-signatures:read']);
    const stream = await openStream(url, reader.token);
    try {
      await settle();
      await data(world.api, 'mutation ($id: ID!) { revokeApiToken(id: $id) { __typename } }', { id: reader.id }, world.head);
      const items = await stream.until(3);
      expect(items).toMatchObject([{ errors: [{ extensions: { code: 'TOKEN_REVOKED' } }] }, { complete: true }, { closed: true }]);
    } finally {
      await stream.close();
    }
  });
});
