import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { createUser, sessionToken } from '@gea/test-kit/users.ts';
import { changedAfterSigning, signedPdf } from './fixtures/pdf.ts';
import { TestPki, type TestCa, type TestSigner } from './fixtures/pki.ts';

// The plugin reads its trusted CAs from a folder, on the first verification: the test CA is put
// there before any.
const trustDir = mkdtempSync(path.join(os.tmpdir(), 'gea-trusted-'));
mkdirSync(trustDir, { recursive: true });
const plugins = [createPecSignaturesPlugin({ trustedCaDirectory: trustDir })];
const t = useTestApi(plugins);

let pki: TestPki;
let ca: TestCa;
let good: TestSigner;
let expired: TestSigner;
let untrusted: TestSigner;
let api: TestApi;
let staff: string;
let bodyGid: string;
let otherBodyGid: string;

const DOCUMENT = new TextEncoder().encode('%PDF-1.7\nDeterminazione n. 123 del 20/11/2026: affidamento del servizio PEC.\n%%EOF\n');

const VERIFY = `mutation ($entityId: ID!, $file: Upload!, $content: Upload) {
  verifySignature(entityId: $entityId, file: $file, content: $content) {
    __typename
    ... on SignatureVerification {
      format status valid detached contentName contentSize
      signer { subject commonName taxCode issuer signingTime certificateValidFrom certificateValidTo certificateValidAtSigningTime integrity intact trusted algorithm problems issues { code message messageEn } }
      signers { commonName pdf { revision coversWholeDocument } }
      pdf { signatures modifiedAfterLastSignature }
    }
    ... on SignatureFileError { reason field message messageIt }
    ... on InputError { issues { path message } }
  }
}`;

/** A GraphQL multipart request (operations, map, files), as upload clients send it. */
async function upload(files: { file: File; content?: File }, entityId = bodyGid, token = staff, target = () => api) {
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: VERIFY, variables: { entityId, file: null, content: null } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'], ...(files.content ? { 1: ['variables.content'] } : {}) }));
  form.set('0', files.file);
  if (files.content) form.set('1', files.content);
  const response = await target().yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    // Multipart is a "simple" request a browser could send cross-site: the API wants a custom header.
    headers: { authorization: `Bearer ${token}`, 'x-gea-client': 'protocol-test' },
    body: form,
  });
  return (await response.json()) as { data?: { verifySignature: any }; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

const verified = async (files: { file: File; content?: File }) => {
  const response = await upload(files);
  expect(response.errors).toBeUndefined();
  return response.data!.verifySignature;
};
/** Bytes as a file part (copied into a plain ArrayBuffer, which is what BlobPart wants). */
const part = (bytes: Uint8Array) => new Uint8Array(bytes) as Uint8Array<ArrayBuffer>;
const p7m = (bytes: Uint8Array, name = 'determinazione-123.pdf.p7m') => new File([part(bytes)], name, { type: 'application/pkcs7-mime' });

beforeAll(async () => {
  pki = await TestPki.create();
  ca = await pki.ca('GEA Test Root CA');
  const rogue = await pki.ca('Rogue CA');
  await writeFile(path.join(trustDir, 'gea-test-root.pem'), ca.pem);
  const holder = { cn: 'Mario Rossi', taxCode: 'RSSMRA80A01H501U' };
  good = await pki.signer(ca, 'good', holder, { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2099-12-31T00:00:00Z') });
  expired = await pki.signer(ca, 'expired', holder, { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2021-01-01T00:00:00Z') });
  untrusted = await pki.signer(rogue, 'untrusted', holder, { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2099-12-31T00:00:00Z') });

  api = createTestApi(t.db, plugins, { realAuth: true });
  const [body, other] = await Promise.all(['Firma A', 'Firma B'].map((name) => t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } })));
  await enableModules(t.db, [body!.id, other!.id], ['pec-signatures']);
  bodyGid = toGlobalId('Entity', body!.id);
  otherBodyGid = toGlobalId('Entity', other!.id);
  staff = await sessionToken(t.db, (await createUser(t.db, 'tecnico@example.it', [{ role: 'ICT_STAFF', entityId: null }])).id);
});
afterAll(async () => {
  await pki?.dispose();
  rmSync(trustDir, { recursive: true, force: true });
});

describe('verifySignature: CAdES .p7m over a multipart upload', () => {
  it('a good attached signature: signer, tax code, signing time, valid certificate, intact, trusted, content name and size', async () => {
    const before = Date.now();
    const result = await verified({ file: p7m(await pki.sign(good, DOCUMENT)) });
    expect(result).toMatchObject({
      __typename: 'SignatureVerification',
      format: 'CADES',
      status: 'VALID',
      valid: true,
      detached: false,
      contentName: 'determinazione-123.pdf',
      contentSize: DOCUMENT.byteLength,
      signer: {
        subject: 'C=IT, O=Comune di Esempio, CN=Mario Rossi, serialNumber=TINIT-RSSMRA80A01H501U, SN=Rossi, GN=Mario',
        commonName: 'Mario Rossi',
        taxCode: 'RSSMRA80A01H501U',
        issuer: 'C=IT, O=GEA Test, CN=GEA Test Root CA',
        certificateValidFrom: '2024-01-01T00:00:00.000Z',
        certificateValidTo: '2099-12-31T00:00:00.000Z',
        certificateValidAtSigningTime: true,
        integrity: 'INTACT',
        intact: true,
        trusted: true,
        algorithm: 'RSA PKCS#1 v1.5 with SHA256',
        problems: [],
        issues: [],
      },
      signers: [{ commonName: 'Mario Rossi' }],
    });
    // openssl writes the signing time to the second.
    expect(Math.abs(new Date(result.signer.signingTime).getTime() - before)).toBeLessThan(60_000);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'verifySignature' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ outcome: 'SUCCESS', targetType: 'SignatureVerification', after: { contentName: 'determinazione-123.pdf', valid: true } });
  });

  it('tampered content is not intact', async () => {
    const signed = Buffer.from(await pki.sign(good, DOCUMENT));
    const at = signed.indexOf('affidamento');
    expect(at).toBeGreaterThan(0);
    signed[at] = 'A'.charCodeAt(0);
    const result = await verified({ file: p7m(new Uint8Array(signed)) });
    expect(result).toMatchObject({ valid: false, signer: { intact: false, trusted: true, certificateValidAtSigningTime: true } });
    expect(result.signer.problems).toEqual(['the content was changed after signing (its digest does not match)']);
    expect(result.signer.issues).toEqual([
      {
        code: 'CONTENT_CHANGED',
        message: 'il contenuto è stato modificato dopo la firma (la sua impronta non corrisponde)',
        messageEn: 'the content was changed after signing (its digest does not match)',
      },
    ]);
    expect(result).toMatchObject({ status: 'NOT_VALID', signer: { integrity: 'NOT_INTACT' } });
  });

  it('an expired certificate was not valid at signing time, though it chains to the trusted CA', async () => {
    const result = await verified({ file: p7m(await pki.sign(expired, DOCUMENT)) });
    expect(result).toMatchObject({
      valid: false,
      signer: { intact: true, trusted: true, certificateValidAtSigningTime: false, certificateValidTo: '2021-01-01T00:00:00.000Z' },
    });
    expect(result.signer.problems[0]).toMatch(/^the certificate was not valid when it signed/);
  });

  it('a certificate from a CA that is not trusted is not trusted', async () => {
    const result = await verified({ file: p7m(await pki.sign(untrusted, DOCUMENT)) });
    expect(result).toMatchObject({ valid: false, signer: { intact: true, trusted: false, certificateValidAtSigningTime: true, issuer: 'C=IT, O=GEA Test, CN=Rogue CA' } });
    // The same file with that CA in the list the plugin is given: trusted.
    const rogueTrusting = createTestApi(t.db, [createPecSignaturesPlugin({ trustedCaCertificates: [ca.pem, (await import('node:fs')).readFileSync(path.join(pki.root, 'Rogue CA', 'ca.pem'), 'utf8')] })], { realAuth: true });
    const again = await upload({ file: p7m(await pki.sign(untrusted, DOCUMENT)) }, bodyGid, staff, () => rogueTrusting);
    expect(again.data!.verifySignature).toMatchObject({ valid: true, signer: { trusted: true } });
  });

  it('a detached signature verifies against its content, and not against other content', async () => {
    const signature = await pki.sign(good, DOCUMENT, { detached: true });
    const ok = await verified({ file: new File([part(signature)], 'determinazione-123.pdf.p7s'), content: new File([part(DOCUMENT)], 'determinazione-123.pdf') });
    expect(ok).toMatchObject({ valid: true, detached: true, contentName: 'determinazione-123.pdf', contentSize: DOCUMENT.byteLength, signer: { intact: true } });
    const other = await verified({ file: new File([part(signature)], 'x.p7s'), content: new File([part(DOCUMENT.slice(0, -2))], 'altro.pdf') });
    expect(other).toMatchObject({ valid: false, signer: { intact: false } });
    const missing = await verified({ file: new File([part(signature)], 'x.p7s') });
    expect(missing).toEqual({
      __typename: 'SignatureFileError',
      reason: 'CONTENT_REQUIRED',
      field: 'content',
      message: 'content: the signature is detached: send the signed file as content',
      messageIt: 'content: la firma è separata dal documento (detached): inviare il file firmato come content',
    });
  });

  it('a Base64 .p7m is read too; what is not a signature is a clear error, never a crash', async () => {
    const base64 = Buffer.from(await pki.sign(good, DOCUMENT)).toString('base64').replace(/(.{64})/g, '$1\n');
    expect(await verified({ file: p7m(new TextEncoder().encode(base64)) })).toMatchObject({ valid: true });
    const text = await verified({ file: p7m(new TextEncoder().encode('Lettera: non firmata.'), 'lettera.txt.p7m') });
    expect(text).toEqual({
      __typename: 'SignatureFileError',
      reason: 'NOT_DER_OR_BASE64',
      field: 'file',
      message: 'file: is not a CMS/CAdES signature: it is neither DER nor Base64 of DER',
      messageIt: 'file: non è una firma CMS/CAdES: non è né DER né Base64 di DER',
    });
    const truncated = await verified({ file: p7m((await pki.sign(good, DOCUMENT)).slice(0, 100)) });
    expect(truncated).toMatchObject({ reason: 'NOT_A_SIGNATURE', field: 'file', message: expect.stringMatching(/^file: is not a CMS\/CAdES signature/) });
    const certificateOnly = await verified({ file: p7m(new TextEncoder().encode(ca.pem), 'ca.p7m') });
    expect(certificateOnly).toMatchObject({ __typename: 'SignatureFileError', field: 'file' });
    const empty = await verified({ file: p7m(new Uint8Array(0)) });
    expect(empty.__typename).toBe('SignatureFileError');
  });

  it('a signed PDF (PAdES) through the API: format, status, placement; changed after signing is not valid', async () => {
    const pdf = await signedPdf((data) => pki.sign(good, data, { detached: true }));
    const ok = await verified({ file: new File([part(new Uint8Array(pdf))], 'determina.pdf', { type: 'application/pdf' }) });
    expect(ok).toMatchObject({ format: 'PADES', status: 'VALID', valid: true, pdf: { signatures: 1, modifiedAfterLastSignature: false }, signers: [{ commonName: 'Mario Rossi', pdf: { revision: 1, coversWholeDocument: true } }] });
    const changed = await verified({ file: new File([part(new Uint8Array(changedAfterSigning(pdf)))], 'determina.pdf') });
    expect(changed).toMatchObject({ format: 'PADES', status: 'NOT_VALID', pdf: { modifiedAfterLastSignature: true }, signer: { integrity: 'INTACT', issues: [{ code: 'MODIFIED_AFTER_SIGNING' }] } });
  });

  it('is scoped to a body the caller may read', async () => {
    const referent = await sessionToken(t.db, (await createUser(t.db, 'referente@example.it', [{ role: 'REFERENT', entityId: Buffer.from(otherBodyGid, 'base64').toString().split(':')[1]! }])).id);
    const refused = await upload({ file: p7m(await pki.sign(good, DOCUMENT)) }, bodyGid, referent);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await upload({ file: p7m(await pki.sign(good, DOCUMENT)) }, otherBodyGid, referent);
    expect(own.data!.verifySignature.valid).toBe(true);
  });
});
