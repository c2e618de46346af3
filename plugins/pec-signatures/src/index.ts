import { definePlugin } from '@gea/core';
import { receiptEmlRoute, receiptOriginalRoute } from './http/receipt-original.ts';
import { CERTIFICATE_EXPIRING, certificateExpiryJob } from './jobs/certificate-expiry.ts';
import { MAILBOX_EXPIRING, mailboxExpiryJob } from './jobs/mailbox-expiry.ts';
import { pecSignaturesPermissions } from './permissions.ts';
import { addPecSignaturesSchema } from './schema/index.ts';
import { seedPecSignatures } from './seed.ts';
import { trustStore, type TrustOptions } from './signature/trust.ts';

export { parseDaticert, normaliseMessageId, RECEIPT_TYPES, ERRORS as RECEIPT_ERRORS, type Daticert, type DaticertIssue, type DaticertResult } from './daticert/parse.ts';
export { messageOutcome, type MessageState, type RecipientState } from './daticert/state.ts';
export {
  verifySignature,
  taxCodeFromSerialNumber,
  SignatureInputError,
  MAX_SIGNATURE_BYTES,
  type VerificationReport,
  type VerificationStatus,
  type SignerReport,
  type Integrity,
  type SignatureIssue,
} from './signature/verify.ts';
export { trustAnchors, importedTrustAnchors, importTrustList, type TrustListImportResult } from './signature/trust-import.ts';
export { parseTrustList, type TrustList } from './signature/trust-list.ts';
export { pecSignaturesPermissions } from './permissions.ts';
export type { TrustOptions } from './signature/trust.ts';

export type PecSignaturesOptions = TrustOptions;

/**
 * The plugin, with the CAs whose certificates signatures are trusted under: PEM texts, a folder of
 * PEM files, or both. Without any, every signature verifies as untrusted (the rest of the answer
 * still holds).
 */
export function createPecSignaturesPlugin(options: PecSignaturesOptions = {}) {
  const trusted = trustStore(options);
  return definePlugin({
    key: 'pec-signatures',
    name: 'PEC and digital signatures',
    description:
      'Registry offices (AOO) and their protocol systems, PEC mailboxes, messages and receipts (daticert.xml), signature certificates and devices, signature verification (art. 3.5).',
    prismaSchema: 'prisma/schema/pec-signatures.prisma',
    permissions: pecSignaturesPermissions,
    schema: (builder) => addPecSignaturesSchema(builder, trusted),
    http: [receiptOriginalRoute, receiptEmlRoute],
    seed: seedPecSignatures,
    jobs: [certificateExpiryJob, mailboxExpiryJob],
    notifications: {
      [CERTIFICATE_EXPIRING]: {
        description: 'An active signature certificate of the body expires within 30 days (again within 7)',
        label: { it: 'Certificati di firma in scadenza', en: 'Signature certificates expiring' },
        permission: 'pec-signatures:read',
        roles: ['ICT_HEAD', 'ICT_STAFF', 'REFERENT'],
      },
      [MAILBOX_EXPIRING]: {
        description: 'A PEC mailbox of the body ends its service term within 30 days (again within 7)',
        label: { it: 'Caselle PEC in scadenza', en: 'PEC mailboxes expiring' },
        permission: 'pec-signatures:read',
        roles: ['ICT_HEAD', 'ICT_STAFF', 'REFERENT'],
      },
    },
  });
}

/** Installed from gea.config.ts: trusted CAs from the folder in GEA_TRUSTED_CA_DIR, if set. */
export default createPecSignaturesPlugin({ trustedCaDirectory: process.env.GEA_TRUSTED_CA_DIR || undefined });
