import type { GeaBuilder } from '@gea/core';
import type * as pkijs from 'pkijs';
import { extendEntity } from './extends/entity.ts';
import { addPecExpiryAlerts } from './pec-expiry-alerts.ts';
import { addPecMailbox } from './pec-mailbox.ts';
import { addPecMessage } from './pec-message.ts';
import { addPecReceiptEvent } from './pec-receipt-event.ts';
import { addPecReceipt } from './pec-receipt.ts';
import { addPecRecipient } from './pec-recipient.ts';
import { addRegistryOffice } from './registry-office.ts';
import { addSignatureCertificate } from './signature-certificate.ts';
import { addSignatureTrustList } from './signature-trust-list.ts';
import { addSignatureVerification } from './signature-verification.ts';

/** The plugin's GraphQL schema; signatures are verified under the CAs `trustedCertificates` gives. */
export function addPecSignaturesSchema(builder: GeaBuilder, trustedCertificates: () => Promise<readonly pkijs.Certificate[]>) {
  addRegistryOffice(builder);
  addPecMailbox(builder);
  addPecMessage(builder);
  addPecRecipient(builder);
  addPecReceipt(builder, trustedCertificates);
  addPecReceiptEvent(builder);
  addSignatureCertificate(builder);
  addPecExpiryAlerts(builder);
  addSignatureVerification(builder, trustedCertificates);
  addSignatureTrustList(builder);
  extendEntity(builder);
}
