import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestPki, type TestCa, type TestSigner } from '../../tests/fixtures/pki.ts';
import { envelopedXades } from '../../tests/fixtures/xades.ts';
import { certificatesFromPem, SignatureInputError, verifySignature } from './verify.ts';

let pki: TestPki;
let ca: TestCa;
let mario: TestSigner;
let stranger: TestSigner;
const validity = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2099-12-31T00:00:00Z') };
const INVOICE = '<?xml version="1.0" encoding="UTF-8"?><Determina xmlns="urn:example:determina"><Numero>123</Numero><Importo>1500.00</Importo></Determina>';

beforeAll(async () => {
  pki = await TestPki.create();
  ca = await pki.ca('GEA XAdES Root CA');
  const rogue = await pki.ca('Rogue XAdES CA');
  mario = await pki.signer(ca, 'mario', { cn: 'Mario Rossi', taxCode: 'RSSMRA80A01H501U' }, validity);
  stranger = await pki.signer(rogue, 'stranger', { cn: 'Ugo Neri', taxCode: 'NREUGO70A01H501X' }, validity);
}, 60_000);
afterAll(() => pki?.dispose());

const verify = (xml: string) => verifySignature({ file: { name: 'determina.xml', bytes: new TextEncoder().encode(xml) }, trustedCertificates: certificatesFromPem(ca.pem) });

describe('XAdES (xadesjs)', { timeout: 30_000 }, () => {
  it('enveloped: intact, trusted, with the XAdES signing time', async () => {
    const before = Date.now();
    const report = await verify(await envelopedXades(INVOICE, mario));
    expect(report).toMatchObject({ format: 'XADES', status: 'VALID', valid: true });
    expect(report.signers[0]).toMatchObject({ commonName: 'Mario Rossi', taxCode: 'RSSMRA80A01H501U', integrity: 'INTACT', trusted: true, algorithm: 'RSA PKCS#1 v1.5 with SHA256', issues: [] });
    expect(Math.abs(report.signers[0]!.signingTime!.getTime() - before)).toBeLessThan(60_000);
  });

  it('enveloped, tampered: not intact', async () => {
    const report = await verify((await envelopedXades(INVOICE, mario)).replace('<Importo>1500.00</Importo>', '<Importo>9500.00</Importo>'));
    expect(report).toMatchObject({ status: 'NOT_VALID' });
    expect(report.signers[0]).toMatchObject({ integrity: 'NOT_INTACT', issues: [{ code: 'XML_REFERENCE_CHANGED' }] });
  });

  it('enveloped by a CA that is not trusted: intact, not trusted', async () => {
    const report = await verify(await envelopedXades(INVOICE, stranger));
    expect(report.signers[0]).toMatchObject({ integrity: 'INTACT', trusted: false, issues: [{ code: 'UNTRUSTED' }] });
  });

  it('XML without a signature, and a detached XAdES, are named as such', async () => {
    const unsigned = (await verify(INVOICE).catch((e: unknown) => e)) as SignatureInputError;
    expect(unsigned).toMatchObject({ code: 'XML_NOT_SIGNED', message: 'is an XML document without an XAdES signature: no ds:Signature' });
    const detached = (await verify(
      '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:Reference URI="determina.pdf"/></ds:SignedInfo></ds:Signature>',
    ).catch((e: unknown) => e)) as SignatureInputError;
    expect(detached).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: 'is a XAdES detached (XML) file: this signature format is not verified yet' });
  });
});
