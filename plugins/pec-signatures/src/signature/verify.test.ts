// CAdES signatures made with the openssl command line for every algorithm the verifier supports,
// each checked independently with `openssl cms -verify` before our verifier answers.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPki, type KeyKind, type SignOptions, type TestCa, type TestSigner } from '../../tests/fixtures/pki.ts';
import { certificatesFromPem, SignatureInputError, verifySignature } from './verify.ts';

let pki: TestPki;
let ca: TestCa;
let caFile: string;
const signers = new Map<KeyKind, TestSigner>();
const holder = { cn: 'Mario Rossi', taxCode: 'RSSMRA80A01H501U' };
const validity = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2099-12-31T00:00:00Z') };
const DOCUMENT = new TextEncoder().encode('%PDF-1.7\nDeterminazione n. 123 del 20/11/2026: affidamento del servizio PEC.\n%%EOF\n');

beforeAll(async () => {
  pki = await TestPki.create();
  ca = await pki.ca('GEA Algorithms Root CA');
  caFile = path.join(ca.dir, 'ca.pem');
  for (const kind of ['rsa', 'ec-p256', 'ec-p384'] as const) signers.set(kind, await pki.signer(ca, `signer-${kind}`, holder, validity, kind));
}, 60_000);
afterAll(() => pki?.dispose());

const trusted = () => certificatesFromPem(ca.pem);
const tamper = (signed: Uint8Array) => {
  const copy = Buffer.from(signed);
  const at = copy.indexOf('affidamento');
  copy[at] = 'A'.charCodeAt(0);
  return new Uint8Array(copy);
};
const verify = (bytes: Uint8Array, trustedCertificates = trusted()) => verifySignature({ file: { name: 'determina.pdf.p7m', bytes }, trustedCertificates });

// OpenSSL 3.0's CMS cannot make RSASSA-PSS or ECDSA with SHA-3, nor Ed25519 signatures: those are not
// generated here (the verifier's code path for them is the same node:crypto call).
const cases: { name: string; key: KeyKind; options: SignOptions; algorithm: string }[] = [
  { name: 'RSA PKCS#1 v1.5, SHA-256', key: 'rsa', options: { md: 'sha256' }, algorithm: 'RSA PKCS#1 v1.5 with SHA256' },
  { name: 'RSA PKCS#1 v1.5, SHA-384', key: 'rsa', options: { md: 'sha384' }, algorithm: 'RSA PKCS#1 v1.5 with SHA384' },
  { name: 'RSA PKCS#1 v1.5, SHA-512', key: 'rsa', options: { md: 'sha512' }, algorithm: 'RSA PKCS#1 v1.5 with SHA512' },
  { name: 'RSA PKCS#1 v1.5, SHA3-256', key: 'rsa', options: { md: 'sha3-256' }, algorithm: 'RSA PKCS#1 v1.5 with SHA3-256' },
  { name: 'RSASSA-PSS, SHA-256', key: 'rsa', options: { md: 'sha256', pss: true }, algorithm: 'RSASSA-PSS with SHA256' },
  { name: 'ECDSA P-256, SHA-256', key: 'ec-p256', options: { md: 'sha256' }, algorithm: 'ECDSA with SHA256' },
  { name: 'ECDSA P-384, SHA-384', key: 'ec-p384', options: { md: 'sha384' }, algorithm: 'ECDSA with SHA384' },
];

describe.each(cases)('CAdES $name', { timeout: 30_000 }, ({ key, options, algorithm }) => {
  let signed: Uint8Array;
  beforeAll(async () => {
    signed = await pki.sign(signers.get(key)!, DOCUMENT, options);
  });

  it('openssl verifies it, and so do we: intact, trusted, valid', async () => {
    expect(await pki.opensslVerifies(signed, caFile)).toBe(true);
    const report = await verify(signed);
    expect(report).toMatchObject({ format: 'CADES', valid: true, status: 'VALID', contentSize: DOCUMENT.byteLength });
    expect(report.signers[0]).toMatchObject({ integrity: 'INTACT', intact: true, trusted: true, algorithm, issues: [], problems: [] });
  });

  it('tampered: openssl refuses it, and we say not intact', async () => {
    const changed = tamper(signed);
    expect(await pki.opensslVerifies(changed, caFile)).toBe(false);
    const report = await verify(changed);
    expect(report).toMatchObject({ valid: false, status: 'NOT_VALID' });
    expect(report.signers[0]).toMatchObject({ integrity: 'NOT_INTACT', intact: false, trusted: true });
    expect(report.signers[0]!.issues.map((i) => i.code)).toEqual(['CONTENT_CHANGED']);
  });

  it('untrusted: intact, but not trusted without its CA', async () => {
    const report = await verify(signed, []);
    expect(report).toMatchObject({ valid: false, status: 'NOT_VALID' });
    expect(report.signers[0]).toMatchObject({ integrity: 'INTACT', trusted: false });
    expect(report.signers[0]!.issues.map((i) => i.code)).toEqual(['UNTRUSTED']);
  });
});

describe('what cannot be checked is said so, never "not intact"', () => {
  it('RSASSA-PSS with MGF1 over another digest: openssl verifies it; we cannot check it', async () => {
    const signed = await pki.sign(signers.get('rsa')!, DOCUMENT, { md: 'sha256', pss: true, keyopts: ['rsa_mgf1_md:sha512'] });
    expect(await pki.opensslVerifies(signed, caFile)).toBe(true);
    const report = await verify(signed);
    expect(report).toMatchObject({ valid: false, status: 'CANNOT_BE_CHECKED' });
    expect(report.signers[0]).toMatchObject({ integrity: 'CANNOT_BE_CHECKED', intact: false, trusted: true });
    expect(report.signers[0]!.issues).toEqual([
      {
        code: 'CANNOT_BE_CHECKED',
        message: 'la firma non può essere verificata: RSASSA-PSS with MGF1 over sha512 and digest sha256 non è supportato',
        messageEn: 'the signature cannot be checked: RSASSA-PSS with MGF1 over sha512 and digest sha256 is not supported',
      },
    ]);
  });

  it('a tampered one whose signature cannot be checked is still not intact: the digest tells', async () => {
    const signed = tamper(await pki.sign(signers.get('rsa')!, DOCUMENT, { md: 'sha256', pss: true, keyopts: ['rsa_mgf1_md:sha512'] }));
    const report = await verify(signed);
    expect(report.status).toBe('NOT_VALID');
    expect(report.signers[0]!.integrity).toBe('NOT_INTACT');
  });
});

describe('files that are not CAdES', () => {
  it('a PDF or XML file is named as such, never "not a CMS/CAdES signature"', async () => {
    const error = await verifySignature({ file: { name: 'x.xml', bytes: new TextEncoder().encode('<?xml version="1.0"?><a/>') }, trustedCertificates: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignatureInputError);
    expect((error as SignatureInputError).message).not.toMatch(/CMS/);
  });
});

