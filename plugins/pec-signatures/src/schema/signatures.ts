import { coreRefs, InputError, type GeaBuilder } from '@gea/core';
import type * as pkijs from 'pkijs';
import { READ } from '../permissions.ts';
import { SignatureInputError, verifySignature, type SignerReport, type VerificationReport } from '../signature/verify.ts';

/** Signed documents sent for checking; larger ones are refused before being parsed. */
export const MAX_SIGNED_FILE_BYTES = 50 * 1024 * 1024;

export function addSignatureSchema(builder: GeaBuilder, trustedCertificates: () => Promise<readonly pkijs.Certificate[]>) {
  const { Entity } = coreRefs(builder);
  const b = builder;

  const authScopes = { permissionOnSomeBody: READ };
  const Signer = b.objectRef<SignerReport>('SignatureSigner').implement({
    description: 'One signer of a signed file, as its certificate and signed attributes say.',
    fields: (t) => ({
      subject: t.exposeString('subject', { authScopes, description: 'Subject distinguished name of the certificate.' }),
      commonName: t.exposeString('commonName', { authScopes, nullable: true }),
      taxCode: t.exposeString('taxCode', {
        authScopes,
        nullable: true,
        description: 'Codice fiscale, from the subject serialNumber (TINIT-...) when present.',
      }),
      issuer: t.exposeString('issuer', { authScopes, description: 'Issuer distinguished name.' }),
      serialNumber: t.exposeString('serialNumber', { authScopes, description: 'Certificate serial number (hex).' }),
      signingTime: t.expose('signingTime', { authScopes, type: 'DateTime', nullable: true, description: 'The signing-time signed attribute.' }),
      certificateValidFrom: t.expose('certificateValidFrom', { authScopes, type: 'DateTime' }),
      certificateValidTo: t.expose('certificateValidTo', { authScopes, type: 'DateTime' }),
      certificateValidAtSigningTime: t.exposeBoolean('certificateValidAtSigningTime', {
        authScopes,
        description: 'Whether the certificate was within its validity at the signing time (now, if the signature has none).',
      }),
      intact: t.exposeBoolean('intact', { authScopes, description: 'The content matches its digest and the signature verifies.' }),
      trusted: t.exposeBoolean('trusted', { authScopes, description: 'The certificate chains to a trusted CA.' }),
      problems: t.exposeStringList('problems', { authScopes, description: 'What is wrong, in words; empty when nothing is.' }),
    }),
  });

  const Verification = b.objectRef<VerificationReport>('SignatureVerification').implement({
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

  const read = async (file: File, field: string) => {
    if (file.size > MAX_SIGNED_FILE_BYTES) {
      throw new InputError([{ path: [field], message: `is larger than ${MAX_SIGNED_FILE_BYTES / 1024 / 1024} MB` }]);
    }
    return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  };

  b.mutationField('verifySignature', (t) =>
    t.field({
      type: Verification,
      description:
        'Verifies a CAdES-BES signature: an attached .p7m, or a detached one with the signed file as `content`. Send as multipart/form-data. Changes nothing; the check is on the audit trail.',
      errors: { types: [InputError], directResult: true },
      args: {
        entityId: t.arg.globalID({ required: true, for: Entity as never, description: 'The body the check is made for.' }),
        file: t.arg({ type: 'Upload', required: true, description: 'The signature (.p7m, DER or Base64).' }),
        content: t.arg({ type: 'Upload', required: false, description: 'For a detached signature: the signed file.' }),
      },
      authScopes: (_root, args) => ({ entityPermission: { permission: READ, entityId: args.entityId.id } }),
      resolve: async (_root, args, context) => {
        context.audit = { ...context.audit, targetType: 'SignatureVerification', entityId: args.entityId.id };
        const file = await read(args.file, 'file');
        const content = args.content ? await read(args.content, 'content') : null;
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
