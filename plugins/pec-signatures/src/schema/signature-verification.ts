import { GeaError, InputError, modelRef, type GeaBuilder } from '@gea/core';
import type * as pkijs from 'pkijs';
import { scopes } from '../scopes.ts';
import { trustAnchors } from '../signature/trust-import.ts';
import { MAX_SIGNATURE_BYTES, SignatureInputError, signatureInputCodes, verifySignature, type VerificationReport } from '../signature/verify.ts';
import { signatureSignerType } from './signature-signer.ts';

export { MAX_SIGNATURE_BYTES };

const authScopes = scopes.readSome;

/** The file (or content) cannot be verified at all: a stable reason, English and Italian. */
export class SignatureFileError extends GeaError {
  constructor(readonly problem: SignatureInputError) {
    super('BAD_USER_INPUT', `${problem.field}: ${problem.message}`, { reason: problem.code, field: problem.field });
  }
}

async function readUpload(file: File, field: 'file' | 'content') {
  if (file.size > MAX_SIGNATURE_BYTES) throw new SignatureFileError(new SignatureInputError(field, 'TOO_LARGE', { limit: MAX_SIGNATURE_BYTES / 1024 / 1024 }));
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export function addSignatureVerification(builder: GeaBuilder, trustedCertificates: () => Promise<readonly pkijs.Certificate[]>) {
  const Entity = modelRef(builder, 'Entity');
  const Signer = signatureSignerType(builder);
  const Format = builder.enumType('SignatureFormat', {
    values: {
      CADES: { description: 'CMS/CAdES (.p7m, .p7s), attached or detached.' },
      PADES: { description: 'A signed PDF.' },
      XADES: { description: 'A signed XML document.' },
    } as const,
  });
  const Status = builder.enumType('SignatureVerificationStatus', {
    values: {
      VALID: { description: 'Every signer intact, trusted and with a certificate valid when it signed.' },
      NOT_VALID: { description: 'Some signer is not intact, not trusted, or its certificate was not valid; or a PDF was changed after its last signature.' },
      CANNOT_BE_CHECKED: { description: 'Nothing found wrong, but some signature uses an algorithm this server cannot check.' },
    } as const,
  });
  const Reason = builder.enumType('SignatureFileErrorReason', {
    values: Object.fromEntries(Object.entries(signatureInputCodes).map(([code, messages]) => [code, { description: messages.en }])) as Record<
      keyof typeof signatureInputCodes,
      { description: string }
    >,
  });
  const PdfSummary = builder.objectRef<NonNullable<VerificationReport['pdf']>>('PdfSignatureSummary').implement({
    fields: (t) => ({
      signatures: t.exposeInt('signatures', { authScopes, description: 'Signatures in the file.' }),
      modifiedAfterLastSignature: t.exposeBoolean('modifiedAfterLastSignature', { authScopes, description: 'Bytes were added after the last signature.' }),
      bytesAfterLastSignature: t.exposeInt('bytesAfterLastSignature', { authScopes }),
    }),
  });

  builder.objectType(SignatureFileError, {
    name: 'SignatureFileError',
    description: 'The file cannot be verified at all (it is not a signature, too large, a detached signature without its content, ...).',
    interfaces: ['Error' as never],
    isTypeOf: (value) => value instanceof SignatureFileError,
    fields: (t) => ({
      reason: t.field({ type: Reason, authScopes: { public: true }, resolve: (error) => error.problem.code }),
      field: t.string({ authScopes: { public: true }, description: 'file or content.', resolve: (error) => error.problem.field }),
      messageIt: t.string({ authScopes: { public: true }, description: 'In Italian.', resolve: (error) => `${error.problem.field}: ${error.problem.messageIt}` }),
    }),
  });

  const Verification = builder.objectRef<VerificationReport>('SignatureVerification').implement({
    description: 'The outcome of verifying a signed file (CAdES, PAdES or XAdES). Revocation (CRL/OCSP) is not checked.',
    fields: (t) => ({
      format: t.expose('format', { type: Format, authScopes }),
      status: t.expose('status', { type: Status, authScopes }),
      valid: t.exposeBoolean('valid', { authScopes, description: 'status is VALID.' }),
      detached: t.exposeBoolean('detached', { authScopes }),
      contentName: t.exposeString('contentName', { authScopes, description: 'The signed file\'s name (the upload\'s minus .p7m).' }),
      contentSize: t.exposeInt('contentSize', { authScopes, description: 'The signed content\'s size in bytes.' }),
      signer: t.field({ type: Signer, authScopes, description: 'The first signer.', resolve: (report) => report.signers[0]! }),
      signers: t.field({ type: [Signer], authScopes, resolve: (report) => report.signers }),
      pdf: t.field({ type: PdfSummary, nullable: true, authScopes, description: 'For a signed PDF.', resolve: (report) => report.pdf ?? null }),
    }),
  });

  builder.mutationField('verifySignature', (t) =>
    t.field({
      type: Verification,
      description:
        `Verifies a signed file: CAdES (an attached .p7m, or a detached one with the signed file as \`content\`), PAdES (a signed PDF), XAdES (signed XML). Up to ${MAX_SIGNATURE_BYTES / 1024 / 1024} MB. Trusted CAs: the configured ones and those imported from EU trusted lists. Send as multipart/form-data. Changes nothing; the check is on the audit trail.`,
      errors: { types: [SignatureFileError, InputError], directResult: true },
      args: {
        entityId: t.arg.globalID({ required: true, for: Entity, description: 'The body the check is made for.' }),
        file: t.arg({ type: 'Upload', required: true, description: 'The signature (.p7m/.p7s, DER or Base64), the signed PDF or the signed XML.' }),
        content: t.arg({ type: 'Upload', required: false, description: 'For a detached signature: the signed file.' }),
      },
      authScopes: (_root, args) => scopes.readOn(args.entityId.id),
      resolve: async (_root, args, context) => {
        context.audit = { ...context.audit, targetType: 'SignatureVerification', entityId: args.entityId.id };
        const file = await readUpload(args.file, 'file');
        const content = args.content ? await readUpload(args.content, 'content') : null;
        try {
          const report = await verifySignature({ file, content, trustedCertificates: await trustAnchors(context.prisma, trustedCertificates, context.db) });
          context.audit = {
            ...context.audit,
            after: {
              file: file.name,
              format: report.format,
              contentName: report.contentName,
              contentSize: report.contentSize,
              status: report.status,
              valid: report.valid,
              // The trail keeps flat values only: the signers, one line.
              signers: report.signers
                .map((s) => `${s.subject} (integrity ${s.integrity}, trusted ${s.trusted}, valid then ${s.certificateValidAtSigningTime})`)
                .join('; '),
            },
          };
          return report;
        } catch (error) {
          if (error instanceof SignatureInputError) throw new SignatureFileError(error);
          throw error;
        }
      },
    }),
  );
}
