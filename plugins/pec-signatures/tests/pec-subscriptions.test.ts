import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { data, fixture, pecWorld, protocolToken, REGISTER_RECEIPT, registerFixtureMessage, type PecWorld } from './fixtures/harness.ts';

const plugins = [createPecSignaturesPlugin()];
const t = useTestApi(plugins);
let world: PecWorld;

const SUBSCRIPTION = `subscription ($entityId: ID) {
  pecReceiptRegistered(entityId: $entityId) {
    receipt { type identifier deliveryAddress }
    message { messageId state mailbox { address } }
  }
}`;

/** A subscription over Server-Sent Events through Yoga's fetch; `next()` resolves with the next event's payload. */
async function subscribe(api: TestApi, token: string | undefined, variables: Record<string, unknown> = {}) {
  const controller = new AbortController();
  const response = await api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: SUBSCRIPTION, variables }),
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: any[] = [];
  let wake: (() => void) | undefined;
  // Read continuously, so the stream is pulled (and the subscription started) before anything is published.
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const dataLine = block.split('\n').find((line) => line.startsWith('data:'));
        if (block.includes('event: next') && dataLine) events.push(JSON.parse(dataLine.slice(5)));
        if (block.includes('event: complete')) events.push({ complete: true });
      }
      wake?.();
    }
    wake?.();
  })();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    events,
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length === 0) {
        if (Date.now() > deadline) throw new Error('no event within the time limit');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return events.shift();
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}

/** Until the subscription's iterator runs: the stream is open, then a little for the server side to attach. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

beforeAll(async () => {
  world = await pecWorld(t.db, plugins, ['esempio', 'altro']);
});

describe('receipt events over Server-Sent Events', () => {
  it('a subscriber is told of receipts of its bodies only', async () => {
    const [esempio, altro] = world.bodies as [PecWorld['bodies'][0], PecWorld['bodies'][0]];
    const systemA = await protocolToken(world, esempio, 'Protocollo Esempio');
    const systemB = await protocolToken(world, altro, 'Protocollo Altro');
    const readerB = await protocolToken(world, altro, 'Cruscotto Altro', ['pec-signatures:read']);
    const message = await registerFixtureMessage(world, esempio, systemA.token);

    const subscriberA = await subscribe(world.api, systemA.token);
    const subscriberB = await subscribe(world.api, readerB.token);
    const staffAll = await subscribe(world.api, world.head, { entityId: esempio.gid });
    try {
      expect(subscriberA.status).toBe(200);
      expect(subscriberA.contentType).toMatch(/^text\/event-stream/);
      await settle();

      await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('accettazione.xml') }, systemA.token);
      expect(await subscriberA.next()).toEqual({
        data: {
          pecReceiptRegistered: {
            receipt: { type: 'ACCETTAZIONE', identifier: 'opec2611.20261120103002.01234.101.1.61@pec.gestore.example.it', deliveryAddress: null },
            message: { messageId: '20261120103000.4f2a9c@pec.comune.esempio.example.it', state: 'ACCEPTED', mailbox: { address: 'protocollo@pec.comune.esempio.example.it' } },
          },
        },
      });
      expect((await staffAll.next()).data.pecReceiptRegistered.receipt.type).toBe('ACCETTAZIONE');

      // A registration that is refused (nothing committed) sends nothing.
      await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('malformed.xml') }, systemA.token);
      // Body B's own receipt reaches B's subscriber; being the first event it receives proves A's never did.
      const otherMessage = 'altro-0001@pec.comune.altro.example.it';
      await data(world.api, `mutation ($input: RegisterPecMessageInput!) { registerPecMessage(input: $input) { __typename } }`, {
        input: { mailboxId: altro.mailboxGid, direction: 'OUTGOING', messageId: otherMessage, subject: 'Prova', sender: altro.mailboxAddress, recipients: ['x@pec.example.it'] },
      }, systemB.token);
      const daticertB = (await fixture('accettazione.xml', otherMessage))
        .replaceAll('protocollo@pec.comune.esempio.example.it', altro.mailboxAddress)
        .replace('101.1.61', '201.1.61');
      await data(world.api, REGISTER_RECEIPT, { mailboxId: altro.mailboxGid, daticert: daticertB }, systemB.token);
      const first = await subscriberB.next();
      expect(first.data.pecReceiptRegistered.message).toMatchObject({ messageId: otherMessage, mailbox: { address: altro.mailboxAddress } });

      // And A's subscriber never hears of B's receipt: its next event is A's delivery.
      await data(world.api, REGISTER_RECEIPT, { mailboxId: esempio.mailboxGid, daticert: await fixture('avvenuta-consegna.xml') }, systemA.token);
      const second = await subscriberA.next();
      expect(second.data.pecReceiptRegistered).toMatchObject({ receipt: { type: 'AVVENUTA_CONSEGNA' }, message: { state: 'PARTIALLY_DELIVERED' } });
      expect(subscriberB.events).toEqual([]);
      expect(subscriberA.events).toEqual([]);
      expect(message.id).toBeTruthy();
    } finally {
      await Promise.all([subscriberA.close(), subscriberB.close(), staffAll.close()]);
    }
  });

  it('a subscription for a body the subscriber may not read, or without credentials, is refused', async () => {
    const [esempio, altro] = world.bodies as [PecWorld['bodies'][0], PecWorld['bodies'][0]];
    const readerB = await protocolToken(world, altro, 'Cruscotto Altro 2', ['pec-signatures:read']);
    const other = await subscribe(world.api, readerB.token, { entityId: esempio.gid });
    const anonymous = await subscribe(world.api, undefined);
    try {
      const refused = await other.next();
      expect(refused.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_SCOPE');
      expect((await anonymous.next()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await Promise.all([other.close(), anonymous.close()]);
    }
  });
});
