// Where a message stands, from all its receipts. Recomputed from scratch on every new receipt, and
// every rule below is a choice over the whole set (earliest delivery, latest error, any refusal),
// never "the last one wins": so the result does not depend on the order receipts arrive in
// (providers send them out of order, and protocol systems retry).
import type { ReceiptType } from './parse.ts';

export type RecipientState = 'PENDING' | 'DELIVERED' | 'ERROR';
export type MessageState = 'SENT' | 'ACCEPTED' | 'PARTIALLY_DELIVERED' | 'DELIVERED' | 'ERROR' | 'RECEIVED';

export interface ReceiptFacts {
  type: ReceiptType;
  issuedAt: Date;
  deliveryAddress: string | null;
  error: string;
  errorDetail: string | null;
}

export interface RecipientOutcome {
  state: RecipientState;
  deliveredAt: Date | null;
  error: string | null;
}

export interface MessageOutcome {
  state: MessageState;
  recipients: Map<string, RecipientOutcome>;
}

/** Why a recipient failed: the receipt's `errore` (virus for a virus report) and `errore-esteso`. */
export function failureReason(receipt: ReceiptFacts): string {
  const parts = [receipt.type === 'RILEVAZIONE_VIRUS' ? 'virus' : receipt.error, receipt.errorDetail].filter((part) => part && part !== 'nessuno');
  return parts.length > 0 ? parts.join(': ') : receipt.type.toLowerCase().replaceAll('_', '-');
}

/** Whether `a` comes after `b`: issued later, or at the same instant with the greater reason (so ties never depend on arrival). */
const isLater = (a: ReceiptFacts, b: ReceiptFacts) =>
  a.issuedAt.getTime() > b.issuedAt.getTime() || (a.issuedAt.getTime() === b.issuedAt.getTime() && failureReason(a) > failureReason(b));

/**
 * Outgoing: ACCEPTED once any receipt arrived; a recipient is DELIVERED after an avvenuta-consegna
 * naming it (at its earliest one), else ERROR after an errore-consegna or rilevazione-virus naming
 * it (the latest one gives the reason): a delivery wins over an error about the same recipient,
 * whatever their order, because the provider delivered in the end. non-accettazione, or a virus
 * report naming nobody, fails the whole message and every recipient not delivered. presa-in-carico
 * and preavviso-errore-consegna are kept as evidence and change no state (the warning is not yet a
 * failure). Incoming: RECEIVED, ERROR if a virus was found.
 */
export function messageOutcome(direction: 'OUTGOING' | 'INCOMING', recipients: readonly string[], receipts: readonly ReceiptFacts[]): MessageOutcome {
  const outcomes = new Map<string, RecipientOutcome>(recipients.map((address) => [address, { state: 'PENDING', deliveredAt: null, error: null }]));
  if (direction === 'INCOMING') {
    const virus = receipts.some((receipt) => receipt.type === 'RILEVAZIONE_VIRUS' || receipt.error === 'virus');
    return { state: virus ? 'ERROR' : 'RECEIVED', recipients: outcomes };
  }
  const rejected = receipts.some((receipt) => receipt.type === 'NON_ACCETTAZIONE' || (receipt.type === 'RILEVAZIONE_VIRUS' && !receipt.deliveryAddress));
  for (const [address, outcome] of outcomes) {
    const about = receipts.filter((receipt) => receipt.deliveryAddress === address);
    const deliveries = about.filter((receipt) => receipt.type === 'AVVENUTA_CONSEGNA').map((receipt) => receipt.issuedAt.getTime());
    const errors = about.filter((receipt) => receipt.type === 'ERRORE_CONSEGNA' || receipt.type === 'RILEVAZIONE_VIRUS');
    if (deliveries.length > 0) Object.assign(outcome, { state: 'DELIVERED', deliveredAt: new Date(Math.min(...deliveries)) });
    else if (errors.length > 0) Object.assign(outcome, { state: 'ERROR', error: failureReason(errors.reduce((latest, e) => (isLater(e, latest) ? e : latest))) });
    else if (rejected) Object.assign(outcome, { state: 'ERROR', error: 'not accepted' });
  }
  const states = [...outcomes.values()].map((outcome) => outcome.state);
  const delivered = states.filter((state) => state === 'DELIVERED').length;
  const failed = states.filter((state) => state === 'ERROR').length;
  let state: MessageState;
  if (rejected) state = 'ERROR';
  else if (states.length > 0 && delivered === states.length) state = 'DELIVERED';
  else if (states.length > 0 && failed === states.length) state = 'ERROR';
  else if (delivered > 0) state = 'PARTIALLY_DELIVERED';
  else if (receipts.length > 0) state = 'ACCEPTED';
  else state = 'SENT';
  return { state, recipients: outcomes };
}
