import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReceiptType } from './parse.ts';
import { messageOutcome, type ReceiptFacts } from './state.ts';

const recipients = ['a@pec.example.it', 'b@pec.example.it', 'c@example.it'];
const receipt = fc.record<ReceiptFacts>({
  type: fc.constantFrom<ReceiptType>('ACCETTAZIONE', 'PRESA_IN_CARICO', 'AVVENUTA_CONSEGNA', 'ERRORE_CONSEGNA', 'PREAVVISO_ERRORE_CONSEGNA', 'RILEVAZIONE_VIRUS', 'NON_ACCETTAZIONE'),
  issuedAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
  deliveryAddress: fc.constantFrom(...recipients),
  error: fc.constantFrom('nessuno', 'altro', 'no-dominio'),
  errorDetail: fc.constant(null),
});

describe('message state from receipts', () => {
  it('does not depend on the order receipts arrive in', () => {
    fc.assert(
      fc.property(fc.array(receipt, { maxLength: 12 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))), ([list, shuffled]) => {
        const a = messageOutcome('OUTGOING', recipients, list);
        const b = messageOutcome('OUTGOING', recipients, shuffled);
        expect(b.state).toBe(a.state);
        expect([...b.recipients.entries()].map(([k, v]) => [k, v.state])).toEqual([...a.recipients.entries()].map(([k, v]) => [k, v.state]));
      }),
    );
  });

  it('is DELIVERED exactly when every recipient has a delivery receipt and the message was accepted', () => {
    fc.assert(
      fc.property(fc.array(receipt, { maxLength: 12 }), (list) => {
        const outcome = messageOutcome('OUTGOING', recipients, list);
        const deliveredTo = new Set(list.filter((r) => r.type === 'AVVENUTA_CONSEGNA').map((r) => r.deliveryAddress));
        const rejected = list.some((r) => r.type === 'NON_ACCETTAZIONE');
        expect(outcome.state === 'DELIVERED').toBe(!rejected && recipients.every((r) => deliveredTo.has(r)));
      }),
    );
  });

  it('walks SENT, ACCEPTED, PARTIALLY_DELIVERED, DELIVERED; errors per recipient', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 10, 0, s));
    const r = (type: ReceiptType, s: number, deliveryAddress: string | null = null): ReceiptFacts => ({ type, issuedAt: at(s), deliveryAddress, error: 'nessuno', errorDetail: null });
    const two = ['a@x.it', 'b@x.it'];
    expect(messageOutcome('OUTGOING', two, []).state).toBe('SENT');
    expect(messageOutcome('OUTGOING', two, [r('ACCETTAZIONE', 1)]).state).toBe('ACCEPTED');
    expect(messageOutcome('OUTGOING', two, [r('ACCETTAZIONE', 1), r('AVVENUTA_CONSEGNA', 2, 'a@x.it')]).state).toBe('PARTIALLY_DELIVERED');
    expect(messageOutcome('OUTGOING', two, [r('ACCETTAZIONE', 1), r('AVVENUTA_CONSEGNA', 2, 'a@x.it'), r('AVVENUTA_CONSEGNA', 3, 'b@x.it')]).state).toBe('DELIVERED');
    const failed = messageOutcome('OUTGOING', two, [r('ACCETTAZIONE', 1), r('ERRORE_CONSEGNA', 2, 'a@x.it'), r('RILEVAZIONE_VIRUS', 3, 'b@x.it')]);
    expect(failed.state).toBe('ERROR');
    expect(failed.recipients.get('b@x.it')).toMatchObject({ state: 'ERROR', error: 'virus' });
    expect(messageOutcome('OUTGOING', two, [r('NON_ACCETTAZIONE', 1)]).state).toBe('ERROR');
    expect(messageOutcome('INCOMING', [], [r('POSTA_CERTIFICATA', 1)]).state).toBe('RECEIVED');
  });
});
