import { definePlugin } from '@gea/core';
import { createPecPubSub } from './events.ts';
import { pecSignaturesPermissions } from './permissions.ts';
import { addCertificateSchema } from './schema/certificates.ts';
import { addMailboxSchema } from './schema/mailboxes.ts';
import { addMessageSchema } from './schema/messages.ts';
import { addRegistryOfficeSchema } from './schema/offices.ts';
import { addSignatureSchema } from './schema/signatures.ts';
import { seedPecSignatures } from './seed.ts';
import { trustStore, type TrustOptions } from './signature/trust.ts';

export { parseDaticert, normaliseMessageId, RECEIPT_TYPES, type Daticert, type DaticertIssue, type DaticertResult } from './daticert/parse.ts';
export { messageOutcome, type MessageState, type RecipientState } from './daticert/state.ts';
export { verifySignature, taxCodeFromSerialNumber, type VerificationReport, type SignerReport } from './signature/verify.ts';
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
    schema: (builder) => {
      // One event bus per composed schema: see events.ts.
      const pubsub = createPecPubSub();
      // The core composes Query and Mutation; the Subscription root is added by the first plugin that needs it.
      if (!builder.configStore.hasConfig('Subscription')) builder.subscriptionType({});
      const offices = addRegistryOfficeSchema(builder);
      const mailboxes = addMailboxSchema(builder, offices);
      addMessageSchema(builder, mailboxes, pubsub);
      addCertificateSchema(builder, mailboxes);
      addSignatureSchema(builder, trusted);
    },
    seed: seedPecSignatures,
  });
}

/** Installed from gea.config.ts: trusted CAs from the folder in GEA_TRUSTED_CA_DIR, if set. */
export default createPecSignaturesPlugin({ trustedCaDirectory: process.env.GEA_TRUSTED_CA_DIR || undefined });
