// Verification of signed files: CAdES (.p7m, attached or detached), PAdES (signed PDF) and XAdES
// (signed XML). What it answers, per signer: who signed (from the certificate), when (the
// signing-time signed attribute), whether the certificate was valid then, whether the content is
// intact (or that the algorithm cannot be checked here), and whether the certificate chains to a
// trusted CA. Revocation (CRL/OCSP) is not checked: it needs the network, which these installations
// often do not have.
import * as pkijs from 'pkijs';
import { checkSigners, parseSignedData, type SignerReport } from './cms.ts';
import { SignatureInputError } from './errors.ts';
import { MAX_SIGNATURE_BYTES } from './limits.ts';
import { verifyPdf } from './pades.ts';
import { verifyXml } from './xades.ts';
import { statusOf, type SignatureFormat, type VerificationReport } from './report.ts';

export { SignatureInputError } from './errors.ts';
export { taxCodeFromSerialNumber, type Integrity, type SignerReport } from './cms.ts';
export { MAX_ASN1_NODES, MAX_SIGNATURE_BYTES } from './limits.ts';
export { signatureInputCodes, signatureIssueCodes, type SignatureIssue, type SignatureIssueCode, type SignatureInputCode } from './messages.ts';

export { statusOf, type SignatureFormat, type VerificationReport, type VerificationStatus } from './report.ts';

/** DER as is; Base64 or PEM (some protocol systems store .p7m that way) decoded. */
function toDer(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0x30) return bytes;
  const text = Buffer.from(bytes).toString('latin1');
  const body = text.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  if (body.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    const decoded = new Uint8Array(Buffer.from(body, 'base64'));
    if (decoded[0] === 0x30) return decoded;
  }
  throw new SignatureInputError('file', 'NOT_DER_OR_BASE64');
}

/** PEM text (one or more certificates) to certificates; throws on anything unreadable. */
export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  const blocks = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)];
  if (blocks.length === 0) throw new Error('no PEM certificate found');
  return blocks.map((block) => pkijs.Certificate.fromBER(new Uint8Array(Buffer.from(block[1]!.replace(/\s+/g, ''), 'base64'))));
}


/** What the bytes are, from their first bytes. */
export function detectFormat(bytes: Uint8Array): SignatureFormat {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'PADES';
  if (/^(?:\uFEFF|\xEF\xBB\xBF)?\s*</.test(head)) return 'XADES';
  return 'CADES';
}

export interface VerifyInput {
  file: { name: string; bytes: Uint8Array };
  /** The signed file, for a detached signature. */
  content?: { name: string; bytes: Uint8Array } | null;
  trustedCertificates: readonly pkijs.Certificate[];
  now?: Date;
}

export async function verifySignature({ file, content, trustedCertificates, now = new Date() }: VerifyInput): Promise<VerificationReport> {
  const limitMb = MAX_SIGNATURE_BYTES / 1024 / 1024;
  if (file.bytes.byteLength > MAX_SIGNATURE_BYTES) throw new SignatureInputError('file', 'TOO_LARGE', { limit: limitMb });
  if (content && content.bytes.byteLength > MAX_SIGNATURE_BYTES) throw new SignatureInputError('content', 'TOO_LARGE', { limit: limitMb });
  const format = detectFormat(file.bytes);
  if (format === 'PADES') {
    if (content) throw new SignatureInputError('content', 'CONTENT_NOT_EXPECTED');
    return verifyPdf({ file, trustedCertificates, now });
  }
  if (format === 'XADES') return verifyXml({ file, content: content ?? null, trustedCertificates, now });

  const signedData = parseSignedData(toDer(file.bytes));
  const eContent = signedData.encapContentInfo.eContent;
  const detached = !eContent;
  if (detached && !content) throw new SignatureInputError('content', 'CONTENT_REQUIRED');
  if (!detached && content) throw new SignatureInputError('content', 'CONTENT_NOT_EXPECTED');
  const data = detached ? content!.bytes : new Uint8Array(eContent!.getValue());
  const contentName = detached ? content!.name : file.name.replace(/\.p7m$/i, '') || file.name;
  const signers = checkSigners({ signedData, data, trustedCertificates, now });
  const status = statusOf(signers);
  return { format: 'CADES', detached, contentName, contentSize: data.byteLength, signers, valid: status === 'VALID', status };
}
