// Where a message stands, from all its receipts. Recomputed from scratch on every new receipt, so
// the result does not depend on the order receipts arrive in (providers send them out of order, and
// protocol systems retry).
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

const reason = (receipt: ReceiptFacts) =>
  [receipt.type === 'RILEVAZIONE_VIRUS' ? 'virus' : receipt.error, receipt.errorDetail].filter((part) => part && part !== 'nessuno').join(': ') ||
  receipt.type.toLowerCase().replaceAll('_', '-');

/**
 * Outgoing: ACCEPTED after accettazione; a recipient is DELIVERED after an avvenuta-consegna naming
 * it, ERROR after an errore-consegna or rilevazione-virus naming it (delivery wins over an error
 * about the same recipient: the provider delivered in the end); non-accettazione, or a virus
 * report naming nobody, fails the whole message. presa-in-carico and preavviso-errore-consegna are
 * kept as evidence and change no state (the warning is not yet a failure). Incoming: RECEIVED,
 * ERROR if a virus was found.
 */
export function messageOutcome(direction: 'OUTGOING' | 'INCOMING', recipients: readonly string[], receipts: readonly ReceiptFacts[]): MessageOutcome {
  const outcomes = new Map<string, RecipientOutcome>(recipients.map((address) => [address, { state: 'PENDING', deliveredAt: null, error: null }]));
  if (direction === 'INCOMING') {
    const virus = receipts.some((receipt) => receipt.type === 'RILEVAZIONE_VIRUS' || receipt.error === 'virus');
    return { state: virus ? 'ERROR' : 'RECEIVED', recipients: outcomes };
  }
  const sorted = [...receipts].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
  let rejected = false;
  for (const receipt of sorted) {
    const outcome = receipt.deliveryAddress ? outcomes.get(receipt.deliveryAddress) : undefined;
    switch (receipt.type) {
      case 'NON_ACCETTAZIONE':
        rejected = true;
        break;
      case 'AVVENUTA_CONSEGNA':
        if (outcome && outcome.state !== 'DELIVERED') Object.assign(outcome, { state: 'DELIVERED', deliveredAt: receipt.issuedAt, error: null });
        break;
      case 'ERRORE_CONSEGNA':
      case 'RILEVAZIONE_VIRUS':
        if (outcome) {
          if (outcome.state !== 'DELIVERED') Object.assign(outcome, { state: 'ERROR', error: reason(receipt) });
        } else if (receipt.type === 'RILEVAZIONE_VIRUS') {
          rejected = true;
        }
        break;
      default:
        break;
    }
  }
  const states = [...outcomes.values()].map((outcome) => outcome.state);
  const delivered = states.filter((state) => state === 'DELIVERED').length;
  const failed = states.filter((state) => state === 'ERROR').length;
  let state: MessageState;
  if (rejected) state = 'ERROR';
  else if (states.length > 0 && delivered === states.length) state = 'DELIVERED';
  else if (states.length > 0 && failed === states.length) state = 'ERROR';
  else if (delivered > 0) state = 'PARTIALLY_DELIVERED';
  else if (sorted.length > 0) state = 'ACCEPTED';
  else state = 'SENT';
  if (rejected) {
    for (const outcome of outcomes.values()) {
      if (outcome.state === 'PENDING') Object.assign(outcome, { state: 'ERROR', error: 'not accepted' });
    }
  }
  return { state, recipients: outcomes };
}
