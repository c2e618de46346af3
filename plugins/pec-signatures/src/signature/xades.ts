// XAdES: signed XML, verified with xadesjs (XMLDSig references, digests and signature value, over
// Node's WebCrypto), the signing time from the XAdES signed properties, and the certificate of
// ds:KeyInfo checked like a CAdES signer's (validity then, trust). Enveloped and enveloping
// signatures (references inside the document) are verified; a detached one (references to other
// files) is named as not verified yet.
import * as xmldom from '@xmldom/xmldom';
import * as pkijs from 'pkijs';
import * as xadesjs from 'xadesjs';
import xpath from 'xpath';
import { describeSigner, type SignerReport } from './cms.ts';
import { toX509 } from './chain.ts';
import { SignatureInputError } from './errors.ts';
import { issue, type SignatureIssue } from './messages.ts';
import { statusOf, type VerificationReport } from './report.ts';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

let ready = false;
function setUp() {
  if (ready) return;
  xadesjs.setNodeDependencies({ XMLSerializer: xmldom.XMLSerializer, DOMParser: xmldom.DOMParser, DOMImplementation: xmldom.DOMImplementation, xpath } as never);
  xadesjs.Application.setEngine('NodeJS', globalThis.crypto as never);
  ready = true;
}

const ALGORITHM_NAMES: Record<string, string> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'RSA PKCS#1 v1.5 with SHA256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': 'RSA PKCS#1 v1.5 with SHA384',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'RSA PKCS#1 v1.5 with SHA512',
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'RSA PKCS#1 v1.5 with SHA1',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': 'ECDSA with SHA256',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': 'ECDSA with SHA384',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': 'ECDSA with SHA512',
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': 'RSASSA-PSS with SHA256',
};

export async function verifyXml({
  file,
  content,
  trustedCertificates,
  now,
}: {
  file: { name: string; bytes: Uint8Array };
  content: { name: string; bytes: Uint8Array } | null;
  trustedCertificates: readonly pkijs.Certificate[];
  now: Date;
}): Promise<VerificationReport> {
  setUp();
  const source = new TextDecoder('utf-8').decode(file.bytes);
  if (/<!DOCTYPE/i.test(source)) throw new SignatureInputError('file', 'XML_UNREADABLE', { detail: 'a DOCTYPE is not accepted' });
  let document: Document;
  try {
    document = xadesjs.Parse(source);
  } catch (error) {
    throw new SignatureInputError('file', 'XML_UNREADABLE', { detail: (error as Error).message });
  }
  const signatures = Array.from(document.getElementsByTagNameNS(DSIG, 'Signature'));
  if (signatures.length === 0) throw new SignatureInputError('file', 'XML_NOT_SIGNED', { detail: 'no ds:Signature' });
  const references = signatures.flatMap((s) => Array.from(s.getElementsByTagNameNS(DSIG, 'Reference')).map((r) => r.getAttribute('URI') ?? ''));
  if (references.some((uri) => uri !== '' && !uri.startsWith('#'))) throw new SignatureInputError('file', 'UNSUPPORTED_FORMAT', { format: 'XAdES detached (XML)' });
  if (content) throw new SignatureInputError('content', 'CONTENT_NOT_EXPECTED');
  const anchors = trustedCertificates.map(toX509).filter((c) => c !== null);

  const signers: SignerReport[] = [];
  for (const [index, element] of signatures.entries()) {
    const signed = new xadesjs.SignedXml(document);
    try {
      signed.LoadXml(element);
    } catch (error) {
      throw new SignatureInputError('file', 'XML_UNREADABLE', { detail: `signature ${index + 1}: ${(error as Error).message}` });
    }
    const certificates = Array.from(element.getElementsByTagNameNS(DSIG, 'X509Certificate')).map((node) =>
      pkijs.Certificate.fromBER(new Uint8Array(Buffer.from((node.textContent ?? '').replace(/\s+/g, ''), 'base64'))),
    );
    const certificate = certificates[0];
    if (!certificate) throw new SignatureInputError('file', 'SIGNER_CERTIFICATE_MISSING', { index: index + 1 });
    const methodUri = element.getElementsByTagNameNS(DSIG, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
    const algorithm = ALGORITHM_NAMES[methodUri] ?? methodUri;
    const issues: SignatureIssue[] = [];
    let integrity: SignerReport['integrity'] = 'INTACT';
    try {
      if (!(await signed.Verify())) {
        integrity = 'NOT_INTACT';
        issues.push(issue('SIGNATURE_MISMATCH'));
      }
    } catch (error) {
      const message = (error as Error).message;
      if (/Invalid digest/i.test(message)) {
        integrity = 'NOT_INTACT';
        issues.push(issue('XML_REFERENCE_CHANGED', { detail: message.replace(/^XMLJS\d+: Cryptographic error: /, '').split('.')[0]! }));
      } else {
        // An algorithm or transform xadesjs does not know: no verdict on integrity.
        integrity = 'CANNOT_BE_CHECKED';
        issues.push(issue('CANNOT_BE_CHECKED', { detail: message }));
      }
    }
    let signingTime: Date | null = null;
    try {
      const value = signed.SignedProperties?.SignedSignatureProperties?.SigningTime?.Value;
      signingTime = value instanceof Date && !Number.isNaN(value.getTime()) ? value : null;
    } catch {
      signingTime = null;
    }
    const pool = certificates.map(toX509).filter((c) => c !== null);
    signers.push(describeSigner({ certificate, signingTime, integrity, algorithm, issues, pool, anchors, now }));
  }
  const status = statusOf(signers);
  return { format: 'XADES', detached: false, contentName: file.name, contentSize: file.bytes.byteLength, signers, valid: status === 'VALID', status };
}
