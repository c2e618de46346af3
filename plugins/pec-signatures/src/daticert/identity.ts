// What identifies a receipt within its message. Every receipt of one message carries the same
// `identificativo` (the DTD: it identifies the message), so it cannot tell receipts apart; the
// receipt type does, with the recipient (`consegna`) for receipts about one recipient, and the
// issuing provider for presa-in-carico (each recipient's provider sends its own, naming no
// recipient). The migration 20261201225240_pec_receipt_identity computes the same key in SQL.
import type { ReceiptType } from './parse.ts';

export interface ReceiptIdentity {
  type: ReceiptType;
  deliveryAddress: string | null;
  issuer: string;
}

export function receiptKey({ type, deliveryAddress, issuer }: ReceiptIdentity): string {
  return [type, deliveryAddress ?? '', type === 'PRESA_IN_CARICO' ? issuer : ''].join('|');
}
