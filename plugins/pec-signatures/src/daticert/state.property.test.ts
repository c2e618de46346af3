import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReceiptType } from './parse.ts';
import { failureReason, messageOutcome, type MessageOutcome, type ReceiptFacts } from './state.ts';

const A = 'a@pec.example.it';
const B = 'b@pec.example.it';
const C = 'c@example.it';
const recipients = [A, B, C];
const at = (s: number) => new Date(Date.UTC(2026, 10, 20, 10, 0, s));
const r = (type: ReceiptType, s: number, deliveryAddress: string | null = null, error = 'nessuno', errorDetail: string | null = null): ReceiptFacts => ({
  type,
  issuedAt: at(s),
  deliveryAddress,
  error,
  errorDetail,
});
/** The whole outcome as plain data: state, and every recipient's state, delivery time and error. */
const plain = (outcome: MessageOutcome) => ({ state: outcome.state, recipients: Object.fromEntries(outcome.recipients) });
const pending = { state: 'PENDING', deliveredAt: null, error: null };

const receipt = fc.record<ReceiptFacts>({
  type: fc.constantFrom<ReceiptType>('ACCETTAZIONE', 'PRESA_IN_CARICO', 'AVVENUTA_CONSEGNA', 'ERRORE_CONSEGNA', 'PREAVVISO_ERRORE_CONSEGNA', 'RILEVAZIONE_VIRUS', 'NON_ACCETTAZIONE'),
  // Few distinct instants: receipts issued in the same second are common and must not make the order matter.
  issuedAt: fc.integer({ min: 0, max: 5 }).map(at),
  deliveryAddress: fc.constantFrom(A, B, C, null),
  error: fc.constantFrom('nessuno', 'no-dest', 'no-dominio', 'virus', 'altro'),
  errorDetail: fc.constantFrom(null, '5.1.1 - utente sconosciuto', '5.4.1 - rifiutato'),
});
const shuffled = fc.array(receipt, { maxLength: 12 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })));

describe('message state from receipts: every transition, by example', () => {
  it.each<[string, ReceiptFacts[], string, Record<string, unknown>]>([
    ['no receipt: SENT', [], 'SENT', { [A]: pending, [B]: pending }],
    ['accettazione: ACCEPTED', [r('ACCETTAZIONE', 1)], 'ACCEPTED', { [A]: pending, [B]: pending }],
    ['presa-in-carico alone: ACCEPTED, nothing delivered', [r('PRESA_IN_CARICO', 1)], 'ACCEPTED', { [A]: pending, [B]: pending }],
    ['preavviso-errore-consegna: a warning, not a failure', [r('ACCETTAZIONE', 1), r('PREAVVISO_ERRORE_CONSEGNA', 2, A, 'altro')], 'ACCEPTED', { [A]: pending, [B]: pending }],
    ['avvenuta-consegna to one of two: PARTIALLY_DELIVERED', [r('ACCETTAZIONE', 1), r('AVVENUTA_CONSEGNA', 2, A)], 'PARTIALLY_DELIVERED', {
      [A]: { state: 'DELIVERED', deliveredAt: at(2), error: null },
      [B]: pending,
    }],
    ['avvenuta-consegna to both: DELIVERED', [r('ACCETTAZIONE', 1), r('AVVENUTA_CONSEGNA', 2, A), r('AVVENUTA_CONSEGNA', 3, B)], 'DELIVERED', {
      [A]: { state: 'DELIVERED', deliveredAt: at(2), error: null },
      [B]: { state: 'DELIVERED', deliveredAt: at(3), error: null },
    }],
    ['errore-consegna for one: ACCEPTED, that recipient ERROR with errore and errore-esteso', [r('ACCETTAZIONE', 1), r('ERRORE_CONSEGNA', 2, B, 'no-dest', '5.1.1 - utente sconosciuto')], 'ACCEPTED', {
      [A]: pending,
      [B]: { state: 'ERROR', deliveredAt: null, error: 'no-dest: 5.1.1 - utente sconosciuto' },
    }],
    ['delivered to one, error for the other: PARTIALLY_DELIVERED', [r('ACCETTAZIONE', 1), r('AVVENUTA_CONSEGNA', 2, A), r('ERRORE_CONSEGNA', 3, B, 'no-dominio')], 'PARTIALLY_DELIVERED', {
      [A]: { state: 'DELIVERED', deliveredAt: at(2), error: null },
      [B]: { state: 'ERROR', deliveredAt: null, error: 'no-dominio' },
    }],
    ['errors for all: ERROR', [r('ACCETTAZIONE', 1), r('ERRORE_CONSEGNA', 2, A, 'altro'), r('RILEVAZIONE_VIRUS', 3, B, 'virus')], 'ERROR', {
      [A]: { state: 'ERROR', deliveredAt: null, error: 'altro' },
      [B]: { state: 'ERROR', deliveredAt: null, error: 'virus' },
    }],
    ['errore-consegna without errore: the receipt type is the reason', [r('ERRORE_CONSEGNA', 2, A)], 'ACCEPTED', {
      [A]: { state: 'ERROR', deliveredAt: null, error: 'errore-consegna' },
      [B]: pending,
    }],
    ['rilevazione-virus naming a recipient: virus, with the detail', [r('RILEVAZIONE_VIRUS', 2, A, 'nessuno', 'Eicar-Test-Signature')], 'ACCEPTED', {
      [A]: { state: 'ERROR', deliveredAt: null, error: 'virus: Eicar-Test-Signature' },
      [B]: pending,
    }],
    ['rilevazione-virus naming no recipient: the whole message fails', [r('ACCETTAZIONE', 1), r('RILEVAZIONE_VIRUS', 2, null, 'virus')], 'ERROR', {
      [A]: { state: 'ERROR', deliveredAt: null, error: 'not accepted' },
      [B]: { state: 'ERROR', deliveredAt: null, error: 'not accepted' },
    }],
    ['non-accettazione: ERROR, every recipient not accepted', [r('NON_ACCETTAZIONE', 1, null, 'altro')], 'ERROR', {
      [A]: { state: 'ERROR', deliveredAt: null, error: 'not accepted' },
      [B]: { state: 'ERROR', deliveredAt: null, error: 'not accepted' },
    }],
    ['non-accettazione after a delivery: ERROR, the delivery stays', [r('AVVENUTA_CONSEGNA', 1, A), r('NON_ACCETTAZIONE', 2)], 'ERROR', {
      [A]: { state: 'DELIVERED', deliveredAt: at(1), error: null },
      [B]: { state: 'ERROR', deliveredAt: null, error: 'not accepted' },
    }],
    ['an error receipt after the delivery: still delivered', [r('ACCETTAZIONE', 1), r('AVVENUTA_CONSEGNA', 2, A), r('ERRORE_CONSEGNA', 5, A, 'altro'), r('AVVENUTA_CONSEGNA', 3, B)], 'DELIVERED', {
      [A]: { state: 'DELIVERED', deliveredAt: at(2), error: null },
      [B]: { state: 'DELIVERED', deliveredAt: at(3), error: null },
    }],
    ['a delivery after an error: delivered (the provider delivered in the end)', [r('ERRORE_CONSEGNA', 2, A, 'altro'), r('AVVENUTA_CONSEGNA', 4, A)], 'PARTIALLY_DELIVERED', {
      [A]: { state: 'DELIVERED', deliveredAt: at(4), error: null },
      [B]: pending,
    }],
    ['two deliveries for one recipient: the earliest is the delivery time', [r('AVVENUTA_CONSEGNA', 4, A), r('AVVENUTA_CONSEGNA', 2, A)], 'PARTIALLY_DELIVERED', {
      [A]: { state: 'DELIVERED', deliveredAt: at(2), error: null },
      [B]: pending,
    }],
    ['two errors for one recipient: the latest gives the reason', [r('ERRORE_CONSEGNA', 4, A, 'altro', 'secondo'), r('ERRORE_CONSEGNA', 2, A, 'altro', 'primo')], 'ACCEPTED', {
      [A]: { state: 'ERROR', deliveredAt: null, error: 'altro: secondo' },
      [B]: pending,
    }],
    ['two errors at the same instant: the reason is chosen by its text, not by arrival', [r('ERRORE_CONSEGNA', 2, A, 'altro', 'zeta'), r('ERRORE_CONSEGNA', 2, A, 'altro', 'alfa')], 'ACCEPTED', {
      [A]: { state: 'ERROR', deliveredAt: null, error: 'altro: zeta' },
      [B]: pending,
    }],
    ['the same two errors at the same instant, the other way round: the same reason', [r('ERRORE_CONSEGNA', 2, A, 'altro', 'alfa'), r('ERRORE_CONSEGNA', 2, A, 'altro', 'zeta')], 'ACCEPTED', {
      [A]: { state: 'ERROR', deliveredAt: null, error: 'altro: zeta' },
      [B]: pending,
    }],
    ['an earlier error with the greater reason loses to the later one', [r('ERRORE_CONSEGNA', 3, A, 'altro', 'alfa'), r('ERRORE_CONSEGNA', 2, A, 'altro', 'zeta')], 'ACCEPTED', {
      [A]: { state: 'ERROR', deliveredAt: null, error: 'altro: alfa' },
      [B]: pending,
    }],
    ['a receipt about someone else changes no recipient', [r('AVVENUTA_CONSEGNA', 2, 'x@pec.example.it')], 'ACCEPTED', { [A]: pending, [B]: pending }],
  ])('%s', (_name, receipts, state, expected) => {
    expect(plain(messageOutcome('OUTGOING', [A, B], receipts))).toEqual({ state, recipients: expected });
  });

  it('a message without recipients: SENT, ACCEPTED, never DELIVERED nor ERROR by counting', () => {
    expect(messageOutcome('OUTGOING', [], []).state).toBe('SENT');
    expect(messageOutcome('OUTGOING', [], [r('ACCETTAZIONE', 1)]).state).toBe('ACCEPTED');
    expect(messageOutcome('OUTGOING', [], [r('NON_ACCETTAZIONE', 1)]).state).toBe('ERROR');
  });

  it('incoming: RECEIVED with its certification; ERROR when a virus is reported, by type or by errore', () => {
    expect(plain(messageOutcome('INCOMING', [A], []))).toEqual({ state: 'RECEIVED', recipients: { [A]: pending } });
    expect(messageOutcome('INCOMING', [A], [r('POSTA_CERTIFICATA', 1)]).state).toBe('RECEIVED');
    expect(messageOutcome('INCOMING', [A], [r('POSTA_CERTIFICATA', 1), r('RILEVAZIONE_VIRUS', 2, A)]).state).toBe('ERROR');
    expect(messageOutcome('INCOMING', [A], [r('RILEVAZIONE_VIRUS', 2)]).state).toBe('ERROR');
    expect(messageOutcome('INCOMING', [A], [r('POSTA_CERTIFICATA', 1, null, 'virus')]).state).toBe('ERROR');
    // Incoming messages have no per-recipient delivery: recipients stay as registered.
    expect(plain(messageOutcome('INCOMING', [A], [r('AVVENUTA_CONSEGNA', 1, A)]))).toEqual({ state: 'RECEIVED', recipients: { [A]: pending } });
  });

  it('failure reasons', () => {
    expect(failureReason(r('ERRORE_CONSEGNA', 1, A, 'no-dest', '5.1.1'))).toBe('no-dest: 5.1.1');
    expect(failureReason(r('ERRORE_CONSEGNA', 1, A, 'nessuno', '5.1.1'))).toBe('5.1.1');
    expect(failureReason(r('ERRORE_CONSEGNA', 1, A, 'altro', null))).toBe('altro');
    expect(failureReason(r('ERRORE_CONSEGNA', 1, A, 'nessuno', null))).toBe('errore-consegna');
    expect(failureReason(r('RILEVAZIONE_VIRUS', 1, A, 'altro', null))).toBe('virus');
    expect(failureReason(r('PREAVVISO_ERRORE_CONSEGNA', 1, A, 'nessuno', ''))).toBe('preavviso-errore-consegna');
  });
});

describe('message state from receipts: properties', () => {
  it('does not depend on the order receipts arrive in (state, delivery times, errors)', () => {
    fc.assert(
      fc.property(shuffled, ([list, reordered]) => {
        expect(plain(messageOutcome('OUTGOING', recipients, reordered))).toEqual(plain(messageOutcome('OUTGOING', recipients, list)));
      }),
      { numRuns: 500 },
    );
  });

  it('a receipt registered again changes nothing', () => {
    fc.assert(
      fc.property(fc.array(receipt, { minLength: 1, maxLength: 10 }), fc.nat(), (list, pick) => {
        const repeated = [...list, list[pick % list.length]!];
        expect(plain(messageOutcome('OUTGOING', recipients, repeated))).toEqual(plain(messageOutcome('OUTGOING', recipients, list)));
      }),
    );
  });

  it('is DELIVERED exactly when every recipient has a delivery receipt and the message was not refused', () => {
    fc.assert(
      fc.property(fc.array(receipt, { maxLength: 12 }), (list) => {
        const outcome = messageOutcome('OUTGOING', recipients, list);
        const deliveredTo = new Set(list.filter((x) => x.type === 'AVVENUTA_CONSEGNA').map((x) => x.deliveryAddress));
        const refused = list.some((x) => x.type === 'NON_ACCETTAZIONE' || (x.type === 'RILEVAZIONE_VIRUS' && x.deliveryAddress === null));
        expect(outcome.state === 'DELIVERED').toBe(!refused && recipients.every((a) => deliveredTo.has(a)));
      }),
    );
  });

  it('a recipient is DELIVERED exactly when a delivery receipt names it; then at its earliest', () => {
    fc.assert(
      fc.property(fc.array(receipt, { maxLength: 12 }), (list) => {
        const outcome = messageOutcome('OUTGOING', recipients, list);
        for (const address of recipients) {
          const times = list.filter((x) => x.type === 'AVVENUTA_CONSEGNA' && x.deliveryAddress === address).map((x) => x.issuedAt.getTime());
          const got = outcome.recipients.get(address)!;
          expect(got.state === 'DELIVERED').toBe(times.length > 0);
          expect(got.deliveredAt?.getTime() ?? null).toBe(times.length > 0 ? Math.min(...times) : null);
        }
      }),
    );
  });

  it('only presa-in-carico and preavviso-errore-consegna never change anything beyond ACCEPTED', () => {
    fc.assert(
      fc.property(fc.array(receipt, { maxLength: 8 }), fc.array(receipt.map((x) => ({ ...x, type: 'PRESA_IN_CARICO' as const })), { minLength: 1, maxLength: 3 }), (list, evidence) => {
        const withAcceptance = [...list, r('ACCETTAZIONE', 0)];
        const warnings = evidence.map((x, i) => (i % 2 ? { ...x, type: 'PREAVVISO_ERRORE_CONSEGNA' as const } : x));
        expect(plain(messageOutcome('OUTGOING', recipients, [...withAcceptance, ...warnings]))).toEqual(plain(messageOutcome('OUTGOING', recipients, withAcceptance)));
      }),
    );
  });
});
