// Receipt events for subscriptions. The core's context carries no event bus, so the plugin keeps
// its own, one per composed schema (tests compose several APIs in one process; events must not
// cross between them).
//
// In-process only: with several API processes behind a load balancer a receipt registered on one
// process must reach subscribers on the others, so production with more than one process needs a
// shared bus: createPubSub({ eventTarget: createRedisEventTarget(...) }) from
// @graphql-yoga/redis-event-target on the Redis the deployment already has (and publishing
// whatever the local listener count). The payload is ids only, so it crosses a process boundary
// unchanged.
import type { GeaContext } from '@gea/core';
import { createPubSub } from 'graphql-yoga';

export interface ReceiptEvent {
  receiptId: string;
  messageId: string;
  mailboxId: string;
  /** The mailbox's body: subscribers only get events of bodies they may read. */
  entityId: string;
}

export interface PecPubSub {
  publish(event: ReceiptEvent): void;
  /** Events until the returned iterator is closed (the client unsubscribes or disconnects). */
  subscribe(): AsyncIterable<ReceiptEvent>;
  /** Open subscriptions in this process: with none, nothing is published (and nothing is queried for it). */
  readonly listeners: number;
}

export function createPecPubSub(): PecPubSub {
  const pubsub = createPubSub<{ 'pec:receipt': [ReceiptEvent] }>();
  let listeners = 0;
  return {
    publish: (event) => pubsub.publish('pec:receipt', event),
    subscribe: () => ({
      async *[Symbol.asyncIterator]() {
        listeners++;
        try {
          yield* pubsub.subscribe('pec:receipt');
        } finally {
          listeners--;
        }
      },
    }),
    get listeners() {
      return listeners;
    },
  };
}

/**
 * Publishes once the mutation's transaction has committed. Mutations run inside the audit plugin's
 * transaction: an event sent before it commits names rows that subscribers cannot read yet (or ever,
 * if it rolls back). The registering transaction holds the message row locked (lockRow); a `FOR SHARE`
 * read of it on the root client waits until that transaction ends, and the receipt is then read
 * back: present means committed.
 */
export function publishAfterCommit(context: GeaContext, pubsub: PecPubSub, event: ReceiptEvent): void {
  if (pubsub.listeners === 0) return;
  const root = context.db;
  void (async () => {
    await root.$queryRaw`select 1 from "PecMessage" where id = ${event.messageId}::uuid for share`;
    const committed = await root.pecReceipt.count({ where: { id: event.receiptId } });
    if (committed > 0) pubsub.publish(event);
  })().catch((error: unknown) => console.error(`request ${context.requestId}: receipt event not published:`, error));
}
