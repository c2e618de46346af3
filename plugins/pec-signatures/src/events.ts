// Receipt events for subscriptions, on the core's event bus (`context.events`): in this process by
// default, and over Redis between every API process when GEA_REDIS_URL is set, so a receipt
// registered on one process reaches subscribers on the others. The payload is ids only: it crosses
// a process boundary unchanged, and subscribers read the rows again (with their own rights).
import { defineTopic, type GeaContext } from '@gea/core';

export interface ReceiptEvent {
  receiptId: string;
  messageId: string;
  mailboxId: string;
  /** The mailbox's body: subscribers only get events of bodies they may read. */
  entityId: string;
}

export const receiptRegistered = defineTopic<ReceiptEvent>('pec-signatures:receipt-registered');

/**
 * Publishes once the mutation's transaction has committed. Mutations run inside the audit plugin's
 * transaction: an event sent before it commits names rows that subscribers cannot read yet (or ever,
 * if it rolls back). The registering transaction holds the message row locked (lockRow); a `FOR SHARE`
 * read of it on the root client waits until that transaction ends, and the receipt is then read
 * back: present means committed. With the bus in this process only and nobody subscribed here,
 * nothing is published (and nothing is queried for it); a shared bus always publishes, since
 * subscribers may be on other processes.
 */
export function publishAfterCommit(context: GeaContext, event: ReceiptEvent): void {
  const { events } = context;
  if (!events.hasAudience(receiptRegistered)) return;
  const root = context.db;
  void (async () => {
    await root.$queryRaw`select 1 from "PecMessage" where id = ${event.messageId}::uuid for share`;
    const committed = await root.pecReceipt.count({ where: { id: event.receiptId } });
    if (committed > 0) events.publish(receiptRegistered, event);
  })().catch((error: unknown) => console.error(`request ${context.requestId}: receipt event not published:`, error));
}
