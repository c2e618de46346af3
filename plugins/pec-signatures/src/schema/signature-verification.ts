import { InputError, modelRef, type GeaBuilder } from '@gea/core';
import type * as pkijs from 'pkijs';
import { scopes } from '../scopes.ts';
import { SignatureInputError, verifySignature, type VerificationReport } from '../signature/verify.ts';
import { signatureSignerType } from './signature-signer.ts';

/** Signed documents sent for checking; larger ones are refused before being parsed. */
export const MAX_SIGNED_FILE_BYTES = 50 * 1024 * 1024;

const authScopes = scopes.readSome;

async function readUpload(file: File, field: string) {
  if (file.size > MAX_SIGNED_FILE_BYTES) {
    throw new InputError([{ path: [field], message: `is larger than ${MAX_SIGNED_FILE_BYTES / 1024 / 1024} MB` }]);
  }
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export function addSignatureVerification(builder: GeaBuilder, trustedCertificates: () => Promise<readonly pkijs.Certificate[]>) {
  const Entity = modelRef(builder, 'Entity');
  const Signer = signatureSignerType(builder);

  const Verification = builder.objectRef<VerificationReport>('SignatureVerification').implement({
    description: 'The outcome of verifying a CAdES (.p7m) signature. Revocation (CRL/OCSP) is not checked.',
    fields: (t) => ({
      valid: t.exposeBoolean('valid', { authScopes, description: 'Every signer intact, trusted, with a certificate valid when it signed.' }),
      detached: t.exposeBoolean('detached', { authScopes }),
      contentName: t.exposeString('contentName', { authScopes, description: 'The signed file\'s name (the upload\'s minus .p7m).' }),
      contentSize: t.exposeInt('contentSize', { authScopes, description: 'The signed content\'s size in bytes.' }),
      signer: t.field({ type: Signer, authScopes, description: 'The first signer.', resolve: (report) => report.signers[0]! }),
      signers: t.field({ type: [Signer], authScopes, resolve: (report) => report.signers }),
    }),
  });

  builder.mutationField('verifySignature', (t) =>
    t.field({
      type: Verification,
      description:
        'Verifies a CAdES-BES signature: an attached .p7m, or a detached one with the signed file as `content`. Send as multipart/form-data. Changes nothing; the check is on the audit trail.',
      errors: { types: [InputError], directResult: true },
      args: {
        entityId: t.arg.globalID({ required: true, for: Entity, description: 'The body the check is made for.' }),
        file: t.arg({ type: 'Upload', required: true, description: 'The signature (.p7m, DER or Base64).' }),
        content: t.arg({ type: 'Upload', required: false, description: 'For a detached signature: the signed file.' }),
      },
      authScopes: (_root, args) => scopes.readOn(args.entityId.id),
      resolve: async (_root, args, context) => {
        context.audit = { ...context.audit, targetType: 'SignatureVerification', entityId: args.entityId.id };
        const file = await readUpload(args.file, 'file');
        const content = args.content ? await readUpload(args.content, 'content') : null;
        try {
          const report = await verifySignature({ file, content, trustedCertificates: await trustedCertificates() });
          context.audit = {
            ...context.audit,
            after: {
              file: file.name,
              contentName: report.contentName,
              contentSize: report.contentSize,
              valid: report.valid,
              // The trail keeps flat values only: the signers, one line.
              signers: report.signers.map((s) => `${s.subject} (intact ${s.intact}, trusted ${s.trusted}, valid then ${s.certificateValidAtSigningTime})`).join('; '),
            },
          };
          return report;
        } catch (error) {
          if (error instanceof SignatureInputError) throw new InputError([{ path: [error.field], message: error.message }]);
          throw error;
        }
      },
    }),
  );
}
