// A qualified signature as large as real ones get: a long chain (root, eight intermediate CAs),
// the chain's certificates in the file, and revocation data embedded as CAdES-LT does (a CRL of
// 60,000 entries in SignedData.crls and again in the unsigned revocation-values attribute), over an
// attached document of 1 MB: a few MB and hundreds of thousands of ASN.1 elements, which asn1js's
// default limit of 10,000 refuses. OpenSSL verifies the file before our verifier does.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPki, type TestCa } from '../../tests/fixtures/pki.ts';
import { parseBer } from './cms.ts';
import { MAX_ASN1_NODES, MAX_SIGNATURE_BYTES } from './limits.ts';
import { certificatesFromPem, SignatureInputError, verifySignature } from './verify.ts';

const run = promisify(execFile);
let pki: TestPki;
let root: TestCa;
let signed: Uint8Array;
const DOCUMENT = new Uint8Array(1024 * 1024).map((_, i) => 32 + ((i * 7) % 90));

/** Revokes `count` made-up serials in the CA's database and has openssl write the CRL (DER). */
async function bigCrl(ca: TestCa, count: number): Promise<Uint8Array> {
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) lines.push(`R\t351231000000Z\t240101000000Z,keyCompromise\t${(0x100000 + i).toString(16).toUpperCase()}\tunknown\t/CN=revoked ${i}`);
  await writeFile(path.join(ca.dir, 'index.txt'), `${lines.join('\n')}\n`);
  await writeFile(path.join(ca.dir, 'crlnumber'), '01\n');
  const cnf = path.join(ca.dir, 'ca.cnf');
  await writeFile(cnf, `${await readFile(cnf, 'utf8')}\n[ test_ca_crl ]\n`.replace('default_md = sha256', 'default_md = sha256\ncrlnumber = ' + path.join(ca.dir, 'crlnumber') + '\ndefault_crl_days = 30'));
  const out = path.join(ca.dir, 'big.crl');
  await run('openssl', ['ca', '-batch', '-config', cnf, '-gencrl', '-cert', path.join(ca.dir, 'ca.pem'), '-keyfile', path.join(ca.dir, 'ca.key'), '-out', `${out}.pem`]);
  await run('openssl', ['crl', '-in', `${out}.pem`, '-outform', 'DER', '-out', out]);
  return new Uint8Array(await readFile(out));
}

/** Adds revocation data after signing, as a CAdES-LT upgrade does: outside the signed attributes. */
function embedRevocationData(cms: Uint8Array, crl: Uint8Array): Uint8Array {
  const info = new pkijs.ContentInfo({ schema: asn1js.fromBER(cms).result });
  const signedData = new pkijs.SignedData({ schema: info.content });
  const crlAsn1 = asn1js.fromBER(crl, { maxNodes: 10_000_000 }).result;
  signedData.crls = [new pkijs.CertificateRevocationList({ schema: crlAsn1 })];
  const revocationValues = new asn1js.Sequence({
    value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Sequence({ value: [crlAsn1] })] })],
  });
  signedData.signerInfos[0]!.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 1,
    attributes: [new pkijs.Attribute({ type: '1.2.840.113549.1.9.16.2.24', values: [revocationValues] })],
  });
  const out = new pkijs.ContentInfo({ contentType: info.contentType, content: signedData.toSchema(true) });
  return new Uint8Array(out.toSchema().toBER(false));
}

beforeAll(async () => {
  pki = await TestPki.create();
  root = await pki.ca('GEA Large Root CA', { key: 'ec-p256' });
  let issuer = root;
  const chain: string[] = [];
  for (let level = 1; level <= 8; level += 1) {
    issuer = await pki.ca(`GEA Intermediate CA ${level}`, { issuer, key: 'ec-p256' });
    chain.push(issuer.pem);
  }
  const signer = await pki.signer(issuer, 'large', { cn: 'Mario Rossi', taxCode: 'RSSMRA80A01H501U' }, { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2099-12-31T00:00:00Z') }, 'ec-p384');
  const chainFile = path.join(pki.root, 'chain.pem');
  await writeFile(chainFile, chain.join(''));
  const cms = await pki.sign(signer, DOCUMENT, { md: 'sha384', certfile: chainFile });
  signed = embedRevocationData(cms, await bigCrl(root, 60_000));
}, 300_000);
afterAll(() => pki?.dispose());

describe('a CAdES of several MB with a long chain and embedded revocation data', { timeout: 60_000 }, () => {
  it('is what real large signatures look like: several MB, far beyond asn1js default of 10,000 elements', () => {
    expect(signed.byteLength).toBeGreaterThan(3 * 1024 * 1024);
    expect(signed.byteLength).toBeLessThan(MAX_SIGNATURE_BYTES);
    expect(asn1js.fromBER(signed).result.error).toBe('Maximum ASN.1 node count exceeded');
  });

  it('openssl verifies it through the eight intermediate CAs', async () => {
    expect(await pki.opensslVerifies(signed, path.join(root.dir, 'ca.pem'))).toBe(true);
  });

  it('is parsed and verified: intact, trusted through the chain in the file, valid', async () => {
    const started = performance.now();
    const report = await verifySignature({ file: { name: 'delibera.pdf.p7m', bytes: signed }, trustedCertificates: certificatesFromPem(root.pem) });
    expect(report).toMatchObject({ valid: true, status: 'VALID', contentSize: DOCUMENT.byteLength });
    expect(report.signers[0]).toMatchObject({ integrity: 'INTACT', trusted: true, algorithm: 'ECDSA with SHA384', issues: [] });
    // A budget with room for a shared machine: well under a second on an idle machine.
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('trusts it only through the root: an unrelated anchor does not do', async () => {
    const other = await pki.ca('Unrelated Root CA', { key: 'ec-p256' });
    const report = await verifySignature({ file: { name: 'delibera.pdf.p7m', bytes: signed }, trustedCertificates: certificatesFromPem(other.pem) });
    expect(report.signers[0]).toMatchObject({ integrity: 'INTACT', trusted: false });
    expect(report.signers[0]!.problems[0]).toMatch(/no trusted issuer found for .*GEA Large Root CA/);
  });

  it('a file beyond the size limit is refused by name before being parsed', async () => {
    const huge = new Uint8Array(MAX_SIGNATURE_BYTES + 1);
    huge[0] = 0x30;
    const error = (await verifySignature({ file: { name: 'x.p7m', bytes: huge }, trustedCertificates: [] }).catch((e: unknown) => e)) as SignatureInputError;
    expect(error).toBeInstanceOf(SignatureInputError);
    expect(error).toMatchObject({ code: 'TOO_LARGE', field: 'file', message: 'is larger than 50 MB', messageIt: 'è più grande di 50 MB' });
  });

  it('a structure of more ASN.1 elements than the limit is refused by name, not as "not a signature"', () => {
    // The same check under a limit of 1,000 (the real limit would need a test input of millions of elements).
    const bytes = new Uint8Array([0x30, 0x82, 0x07, 0xd2, ...Array.from({ length: 1001 }, () => [0x05, 0x00]).flat()]);
    let error: unknown;
    try {
      parseBer(bytes, 1000);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'TOO_COMPLEX', field: 'file', message: 'has more than 1,000 ASN.1 elements: it is beyond what the verifier accepts' });
    expect(parseBer(bytes, 1002)).toBeInstanceOf(asn1js.Sequence);
    expect(MAX_ASN1_NODES).toBeGreaterThanOrEqual(1_000_000);
  });
});
