import { perBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';
import { signatureIssueCodes, type SignatureIssue, type SignerReport } from '../signature/verify.ts';

const authScopes = scopes.readSome;

const issueCodes = Object.entries(signatureIssueCodes)
  .map(([code, messages]) => `${code}: ${messages.en}`)
  .join('\n');

export const signatureIssueType = perBuilder((builder) =>
  builder.objectRef<SignatureIssue>('SignatureIssue').implement({
    description: 'One thing wrong with a signer (or with the document after it signed).',
    fields: (t) => ({
      code: t.exposeString('code', { authScopes, description: `A stable code (new ones may be added):\n${issueCodes}` }),
      message: t.exposeString('message', { authScopes, description: 'In Italian.' }),
      messageEn: t.exposeString('messageEn', { authScopes, description: 'In English.' }),
    }),
  }),
);

export const signatureIntegrityType = perBuilder((builder) =>
  builder.enumType('SignatureIntegrity', {
    values: {
      INTACT: { description: 'The content matches its digest and the signature verifies.' },
      NOT_INTACT: { description: 'The content was changed after signing, or the signature does not verify.' },
      CANNOT_BE_CHECKED: { description: 'The signature uses an algorithm (or parameters) this server cannot check: no verdict on integrity.' },
    } as const,
  }),
);

const PdfSignature = perBuilder((builder) =>
  builder.objectRef<NonNullable<SignerReport['pdf']>>('PdfSignaturePlacement').implement({
    description: 'Where a PAdES signature sits in its PDF.',
    fields: (t) => ({
      byteRange: t.exposeIntList('byteRange', { authScopes, description: 'The /ByteRange: offset and length of the two signed ranges.' }),
      revision: t.exposeInt('revision', { authScopes, description: 'Which revision of the file it signs (1 = the first).' }),
      coversWholeRevision: t.exposeBoolean('coversWholeRevision', { authScopes, description: 'The ranges cover the file as it was then, except the signature itself.' }),
      coversWholeDocument: t.exposeBoolean('coversWholeDocument', { authScopes, description: 'It covers the whole file as it is now (nothing was added after it).' }),
    }),
  }),
);

export const signatureSignerType = perBuilder((builder) =>
  builder.objectRef<SignerReport>('SignatureSigner').implement({
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
      integrity: t.expose('integrity', { authScopes, type: signatureIntegrityType(builder) }),
      intact: t.exposeBoolean('intact', { authScopes, description: 'integrity is INTACT. False also when it cannot be checked: read integrity.' }),
      trusted: t.exposeBoolean('trusted', { authScopes, description: 'The certificate chains to a trusted CA.' }),
      algorithm: t.exposeString('algorithm', { authScopes, description: 'The signature algorithm, e.g. "RSASSA-PSS with SHA256".' }),
      issues: t.field({ type: [signatureIssueType(builder)], authScopes, description: 'What is wrong, with stable codes; empty when nothing is.', resolve: (signer) => signer.issues }),
      problems: t.exposeStringList('problems', { authScopes, description: 'What is wrong, in English (issues has codes and Italian); empty when nothing is.' }),
      pdf: t.field({ type: PdfSignature(builder), nullable: true, authScopes, description: 'For a signed PDF.', resolve: (signer) => signer.pdf ?? null }),
    }),
  }),
);
