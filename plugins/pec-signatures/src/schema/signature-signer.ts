import { perBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';
import type { SignerReport } from '../signature/verify.ts';

const authScopes = scopes.readSome;

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
      intact: t.exposeBoolean('intact', { authScopes, description: 'The content matches its digest and the signature verifies.' }),
      trusted: t.exposeBoolean('trusted', { authScopes, description: 'The certificate chains to a trusted CA.' }),
      problems: t.exposeStringList('problems', { authScopes, description: 'What is wrong, in words; empty when nothing is.' }),
    }),
  }),
);
