import { describe, expect, it } from 'vitest';
import { receiptKey } from './identity.ts';

describe('receipt identity within a message', () => {
  it('is the type, the recipient for receipts about one, and the provider for presa-in-carico', () => {
    expect(receiptKey({ type: 'ACCETTAZIONE', deliveryAddress: null, issuer: 'Gestore A' })).toBe('ACCETTAZIONE||');
    expect(receiptKey({ type: 'AVVENUTA_CONSEGNA', deliveryAddress: 'a@pec.it', issuer: 'Gestore B' })).toBe('AVVENUTA_CONSEGNA|a@pec.it|');
    expect(receiptKey({ type: 'PRESA_IN_CARICO', deliveryAddress: null, issuer: 'Gestore B' })).toBe('PRESA_IN_CARICO||Gestore B');
  });

  it('tells apart delivery and error about the same recipient, and deliveries to different recipients', () => {
    const keys = [
      receiptKey({ type: 'AVVENUTA_CONSEGNA', deliveryAddress: 'a@pec.it', issuer: 'G' }),
      receiptKey({ type: 'AVVENUTA_CONSEGNA', deliveryAddress: 'b@pec.it', issuer: 'G' }),
      receiptKey({ type: 'ERRORE_CONSEGNA', deliveryAddress: 'a@pec.it', issuer: 'G' }),
      receiptKey({ type: 'PREAVVISO_ERRORE_CONSEGNA', deliveryAddress: 'a@pec.it', issuer: 'G' }),
      receiptKey({ type: 'PRESA_IN_CARICO', deliveryAddress: null, issuer: 'G' }),
      receiptKey({ type: 'PRESA_IN_CARICO', deliveryAddress: null, issuer: 'H' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    // The same delivery receipt from another issuer (a retry through another route) is the same receipt.
    expect(receiptKey({ type: 'AVVENUTA_CONSEGNA', deliveryAddress: 'a@pec.it', issuer: 'H' })).toBe(keys[0]);
  });
});
