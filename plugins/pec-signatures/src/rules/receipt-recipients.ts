// How a receipt changes a message's recipients: its `destinatari` complete the registration's list,
// and the state every recipient is in follows from all the message's receipts (daticert/state.ts).
import type { DaticertRecipient } from '../daticert/parse.ts';
import type { RecipientOutcome } from '../daticert/state.ts';

export interface StoredRecipient {
  id: string;
  address: string;
  kind: DaticertRecipient['kind'] | null;
}

export interface RecipientChanges {
  /** Addresses the registration did not list, with the kind the receipt gives them. */
  additions: DaticertRecipient[];
  /** Stored recipients whose kind the receipt tells differently. */
  retypes: { id: string; kind: DaticertRecipient['kind'] }[];
}

/**
 * The receipt's list is the provider's, so it wins on the kind (certified or external). An address
 * listed twice keeps the last kind that differs from the one it had first.
 */
export function recipientChanges(stored: readonly StoredRecipient[], listed: readonly DaticertRecipient[]): RecipientChanges {
  const kindBefore = new Map<string, StoredRecipient['kind']>(stored.map((recipient) => [recipient.address, recipient.kind]));
  const kindAfter = new Map<string, DaticertRecipient['kind']>();
  const added: string[] = [];
  for (const { address, kind } of listed) {
    if (!kindBefore.has(address)) {
      kindBefore.set(address, kind);
      kindAfter.set(address, kind);
      added.push(address);
    } else if (kind !== kindBefore.get(address)) {
      kindAfter.set(address, kind);
    }
  }
  return {
    additions: added.map((address) => ({ address, kind: kindAfter.get(address)! })),
    retypes: stored.filter((recipient) => kindAfter.has(recipient.address)).map((recipient) => ({ id: recipient.id, kind: kindAfter.get(recipient.address)! })),
  };
}

export interface RecipientWithState extends RecipientOutcome {
  id: string;
  address: string;
}

/** The recipients whose stored state differs from the outcome, with what to store. */
export function recipientStateChanges(
  recipients: readonly RecipientWithState[],
  outcomes: ReadonlyMap<string, RecipientOutcome>,
): { id: string; next: RecipientOutcome }[] {
  return recipients.flatMap((recipient) => {
    const next = outcomes.get(recipient.address)!;
    const changed = recipient.state !== next.state || recipient.error !== next.error || recipient.deliveredAt?.getTime() !== next.deliveredAt?.getTime();
    return changed ? [{ id: recipient.id, next }] : [];
  });
}
