// What registering a PEC message checks, before and after looking for an earlier registration.
import type { FieldIssue } from '@gea/core';

export interface MessageRegistration {
  direction: 'INCOMING' | 'OUTGOING';
  /** Normalised (lower case). */
  sender: string;
  protocolNumber?: string | null;
  protocolDate?: Date | null;
}

/** An outgoing message is sent from the mailbox itself; protocol number and date come together. */
export function registrationIssues(message: MessageRegistration, mailboxAddress: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (message.direction === 'OUTGOING' && message.sender !== mailboxAddress) {
    issues.push({ path: ['input', 'sender'], message: `an outgoing message is sent from the mailbox itself (${mailboxAddress})` });
  }
  if (!!message.protocolNumber !== !!message.protocolDate) {
    issues.push({ path: ['input', message.protocolNumber ? 'protocolDate' : 'protocolNumber'], message: 'give protocol number and date together' });
  }
  return issues;
}

export interface StoredMessageValues {
  subject: string;
  sender: string;
  protocolNumber: string | null;
  protocolDate: Date | null;
}

/**
 * A registration repeated by a protocol system that retries: same values, and no recipient the
 * stored message lacks (receipts may have added recipients since).
 */
export function isSameRegistration(
  stored: StoredMessageValues & { recipients: readonly { address: string }[] },
  values: StoredMessageValues,
  recipients: readonly string[],
): boolean {
  return (
    stored.subject === values.subject &&
    stored.sender === values.sender &&
    stored.protocolNumber === values.protocolNumber &&
    (stored.protocolDate?.getTime() ?? null) === (values.protocolDate?.getTime() ?? null) &&
    recipients.every((address) => stored.recipients.some((known) => known.address === address))
  );
}
