// Signed PDF files built by hand (tests/fixtures/pdf.ts) and signed with openssl; each signature is
// also checked with `openssl cms -verify` over its byte ranges.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedAfterSigning, countersignedPdf, extractSignature, signedPdf } from '../../tests/fixtures/pdf.ts';
import { TestPki, type TestCa, type TestSigner } from '../../tests/fixtures/pki.ts';
import { certificatesFromPem, SignatureInputError, verifySignature } from './verify.ts';

let pki: TestPki;
let ca: TestCa;
let rogue: TestCa;
let mario: TestSigner;
let giulia: TestSigner;
let stranger: TestSigner;
let caFile: string;
const validity = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2099-12-31T00:00:00Z') };

beforeAll(async () => {
  pki = await TestPki.create();
  ca = await pki.ca('GEA PAdES Root CA', { key: 'ec-p256' });
  rogue = await pki.ca('Rogue PAdES CA', { key: 'ec-p256' });
  caFile = path.join(ca.dir, 'ca.pem');
  mario = await pki.signer(ca, 'mario', { cn: 'Mario Rossi', taxCode: 'RSSMRA80A01H501U' }, validity);
  giulia = await pki.signer(ca, 'giulia', { cn: 'Giulia Bianchi', taxCode: 'BNCGLI85M41D612X' }, validity, 'ec-p256');
  stranger = await pki.signer(rogue, 'stranger', { cn: 'Ugo Neri', taxCode: 'NREUGO70A01H501X' }, validity, 'ec-p256');
}, 60_000);
afterAll(() => pki?.dispose());

const signWith = (signer: TestSigner) => (data: Uint8Array) => pki.sign(signer, data, { detached: true });
const verify = (bytes: Uint8Array) => verifySignature({ file: { name: 'determina.pdf', bytes }, trustedCertificates: certificatesFromPem(ca.pem) });

describe('PAdES: signed PDF', { timeout: 30_000 }, () => {
  it('one signature covering the whole file: openssl verifies its ranges; we say intact, trusted, whole', async () => {
    const pdf = await signedPdf(signWith(mario));
    const { signature, content } = extractSignature(pdf, 0);
    expect(await pki.opensslVerifies(signature, caFile, content)).toBe(true);
    const report = await verify(pdf);
    expect(report).toMatchObject({ format: 'PADES', status: 'VALID', valid: true, pdf: { signatures: 1, modifiedAfterLastSignature: false, bytesAfterLastSignature: 0 } });
    expect(report.signers).toHaveLength(1);
    expect(report.signers[0]).toMatchObject({ commonName: 'Mario Rossi', integrity: 'INTACT', trusted: true, issues: [], pdf: { revision: 1, coversWholeRevision: true, coversWholeDocument: true } });
  });

  it('two signatures, the second added by an incremental update: both checked, the first covers its revision only', async () => {
    const pdf = await countersignedPdf(await signedPdf(signWith(mario)), signWith(giulia));
    for (const index of [0, 1]) {
      const { signature, content } = extractSignature(pdf, index);
      expect(await pki.opensslVerifies(signature, caFile, content)).toBe(true);
    }
    const report = await verify(pdf);
    expect(report).toMatchObject({ status: 'VALID', pdf: { signatures: 2, modifiedAfterLastSignature: false } });
    expect(report.signers.map((s) => [s.commonName, s.integrity, s.pdf!.revision, s.pdf!.coversWholeRevision, s.pdf!.coversWholeDocument])).toEqual([
      ['Mario Rossi', 'INTACT', 1, true, false],
      ['Giulia Bianchi', 'INTACT', 2, true, true],
    ]);
  });

  it('changed after its last signature: the signature is still intact, the document is not valid', async () => {
    const pdf = changedAfterSigning(await signedPdf(signWith(mario)));
    const report = await verify(pdf);
    expect(report).toMatchObject({ status: 'NOT_VALID', valid: false, pdf: { signatures: 1, modifiedAfterLastSignature: true } });
    expect(report.pdf!.bytesAfterLastSignature).toBeGreaterThan(100);
    expect(report.signers[0]).toMatchObject({ integrity: 'INTACT', trusted: true, pdf: { coversWholeRevision: true, coversWholeDocument: false } });
    expect(report.signers[0]!.issues.map((i) => i.code)).toEqual(['MODIFIED_AFTER_SIGNING']);
  });

  it('tampered inside a signed range: openssl refuses it, and we say not intact', async () => {
    const pdf = await signedPdf(signWith(mario));
    const at = pdf.indexOf('Determina 123');
    pdf.write('Determina 124', at, 'latin1');
    const { signature, content } = extractSignature(pdf, 0);
    expect(await pki.opensslVerifies(signature, caFile, content)).toBe(false);
    const report = await verify(pdf);
    expect(report).toMatchObject({ status: 'NOT_VALID' });
    expect(report.signers[0]).toMatchObject({ integrity: 'NOT_INTACT', issues: [{ code: 'CONTENT_CHANGED' }] });
  });

  it('signed by a CA that is not trusted: intact, not trusted', async () => {
    const report = await verify(await signedPdf(signWith(stranger)));
    expect(report.signers[0]).toMatchObject({ integrity: 'INTACT', trusted: false, issues: [{ code: 'UNTRUSTED' }] });
  });

  it('a PDF without signatures is said so by name', async () => {
    const error = (await verify(new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n')).catch((e: unknown) => e)) as SignatureInputError;
    expect(error).toBeInstanceOf(SignatureInputError);
    expect(error).toMatchObject({ code: 'PDF_NOT_SIGNED', message: 'is a PDF without signatures (PAdES): no /ByteRange' });
  });
});
