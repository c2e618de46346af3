// Verification of CAdES signatures (.p7m, attached or detached) with pkijs over Node's WebCrypto.
// What it answers, per signer: who signed (from the certificate), when (the signing-time signed
// attribute), whether the certificate was valid then, whether the content is intact (the
// message-digest attribute matches and the signature over the signed attributes verifies), and
// whether the certificate chains to a trusted CA. Revocation (CRL/OCSP) is not checked: it needs
// the network, which these installations often do not have.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';

const crypto = new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: globalThis.crypto });

/** Why a file cannot be verified at all (as opposed to a signature that does not verify). */
export class SignatureInputError extends Error {
  constructor(
    readonly field: 'file' | 'content',
    message: string,
  ) {
    super(message);
  }
}

export interface SignerReport {
  subject: string;
  commonName: string | null;
  /** Codice fiscale from the subject's serialNumber (`TINIT-<code>` or the older `IT:<code>`). */
  taxCode: string | null;
  issuer: string;
  serialNumber: string;
  signingTime: Date | null;
  certificateValidFrom: Date;
  certificateValidTo: Date;
  /** At the signing time, or now when the signature carries none. */
  certificateValidAtSigningTime: boolean;
  intact: boolean;
  trusted: boolean;
  problems: string[];
}

export interface VerificationReport {
  detached: boolean;
  contentName: string;
  contentSize: number;
  signers: SignerReport[];
  /** Every signer intact, trusted and with a certificate valid when it signed. */
  valid: boolean;
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

function attributeValue(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === 'string' ? block.value : '';
}

function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((tv) => `${ATTRIBUTE_NAMES[tv.type] ?? tv.type}=${attributeValue(tv.value)}`).join(', ');
}

function attribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const found = name.typesAndValues.find((tv) => tv.type === oid);
  return found ? attributeValue(found.value) || null : null;
}

const TAX_CODE = /^(?:[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]|[0-9]{11})$/;

/** `TINIT-RSSMRA80A01H501U` (ETSI EN 319 412-1) or `IT:RSSMRA80A01H501U` (older Italian profile). */
export function taxCodeFromSerialNumber(serialNumber: string | null): string | null {
  if (!serialNumber) return null;
  const match = /^(?:TINIT-|IT:)?([A-Z0-9]+)$/i.exec(serialNumber.trim());
  const code = match?.[1]?.toUpperCase();
  return code && TAX_CODE.test(code) ? code : null;
}

const hex = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex').toUpperCase();

/** DER as is; Base64 or PEM (some protocol systems store .p7m that way) decoded. */
function toDer(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0x30) return bytes;
  const text = Buffer.from(bytes).toString('latin1');
  const body = text.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
  if (body.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    const decoded = new Uint8Array(Buffer.from(body, 'base64'));
    if (decoded[0] === 0x30) return decoded;
  }
  throw new SignatureInputError('file', 'is not a CMS/CAdES signature: it is neither DER nor Base64 of DER');
}

function parseSignedData(bytes: Uint8Array): pkijs.SignedData {
  const der = toDer(bytes);
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw new SignatureInputError('file', `is not a CMS/CAdES signature: ${asn1.result.error || 'unreadable ASN.1'}`);
  try {
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== ID_SIGNED_DATA) {
      throw new SignatureInputError('file', `is a CMS structure of type ${info.contentType}, not signed data`);
    }
    return new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    if (error instanceof SignatureInputError) throw error;
    throw new SignatureInputError('file', `is not a CMS/CAdES signature: ${(error as Error).message}`);
  }
}

/** PEM text (one or more certificates) to certificates; throws on anything unreadable. */
export function certificatesFromPem(pem: string): pkijs.Certificate[] {
  const blocks = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)];
  if (blocks.length === 0) throw new Error('no PEM certificate found');
  return blocks.map((block) => pkijs.Certificate.fromBER(new Uint8Array(Buffer.from(block[1]!.replace(/\s+/g, ''), 'base64'))));
}

function signingTimeOf(signerInfo: pkijs.SignerInfo): Date | null {
  const attr = signerInfo.signedAttrs?.attributes.find((a) => a.type === ID_SIGNING_TIME);
  const value = attr?.values[0] as { toDate?: () => Date } | undefined;
  return typeof value?.toDate === 'function' ? value.toDate() : null;
}

const validAt = (certificate: pkijs.Certificate, at: Date) => certificate.notBefore.value <= at && at <= certificate.notAfter.value;

export interface VerifyInput {
  file: { name: string; bytes: Uint8Array };
  /** The signed file, for a detached signature. */
  content?: { name: string; bytes: Uint8Array } | null;
  trustedCertificates: readonly pkijs.Certificate[];
  now?: Date;
}

export async function verifySignature({ file, content, trustedCertificates, now = new Date() }: VerifyInput): Promise<VerificationReport> {
  const signedData = parseSignedData(file.bytes);
  const eContent = signedData.encapContentInfo.eContent;
  const detached = !eContent;
  if (detached && !content) throw new SignatureInputError('content', 'the signature is detached: send the signed file as content');
  if (!detached && content) throw new SignatureInputError('content', 'the signature already contains the signed file: leave content out');
  if (signedData.signerInfos.length === 0) throw new SignatureInputError('file', 'contains no signer');
  const data = detached ? content!.bytes : new Uint8Array(eContent!.getValue());
  const contentName = detached ? content!.name : file.name.replace(/\.p7m$/i, '') || file.name;
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);

  const signers: SignerReport[] = [];
  for (const [index, signerInfo] of signedData.signerInfos.entries()) {
    const problems: string[] = [];
    let intact = false;
    let certificate: pkijs.Certificate | null = null;
    try {
      const result = await signedData.verify(
        { signer: index, data: detached ? (data.slice().buffer as ArrayBuffer) : undefined, checkChain: false, extendedMode: true },
        crypto,
      );
      certificate = result.signerCertificate ?? null;
      intact = result.signatureVerified === true;
      if (!intact) problems.push('the signature does not match the signed data');
    } catch (error) {
      const failure = error as pkijs.SignedDataVerifyError;
      certificate = failure.signerCertificate ?? null;
      problems.push(/digest doesn't match/i.test(failure.message) ? 'the content was changed after signing (its digest does not match)' : failure.message);
    }
    if (!certificate) {
      throw new SignatureInputError('file', `signer ${index + 1}: ${problems[0] ?? 'its certificate is not in the file'}`);
    }
    const signingTime = signingTimeOf(signerInfo);
    const at = signingTime ?? now;
    const validThen = validAt(certificate, at);
    if (!validThen) {
      problems.push(
        `the certificate was not valid ${signingTime ? 'when it signed' : 'now (the signature carries no signing time)'}: valid from ${certificate.notBefore.value.toISOString()} to ${certificate.notAfter.value.toISOString()}`,
      );
    }
    // Trust is checked at a date inside the certificate's own validity, so that "expired" and
    // "untrusted" stay two separate answers.
    const chain = new pkijs.CertificateChainValidationEngine({
      trustedCerts: [...trustedCertificates],
      certs: [...certificates.filter((c) => c !== certificate), certificate],
      checkDate: validThen ? at : certificate.notBefore.value,
    });
    let trusted = false;
    try {
      const outcome = await chain.verify({}, crypto);
      trusted = outcome.result;
      if (!trusted) problems.push(`the certificate does not chain to a trusted CA (${outcome.resultMessage})`);
    } catch (error) {
      const message = (error as { resultMessage?: string }).resultMessage ?? (error as Error).message;
      problems.push(`the certificate does not chain to a trusted CA (${message})`);
    }
    const serial = attribute(certificate.subject, '2.5.4.5');
    signers.push({
      subject: distinguishedName(certificate.subject),
      commonName: attribute(certificate.subject, '2.5.4.3'),
      taxCode: taxCodeFromSerialNumber(serial),
      issuer: distinguishedName(certificate.issuer),
      serialNumber: hex(certificate.serialNumber.valueBlock.valueHexView),
      signingTime,
      certificateValidFrom: certificate.notBefore.value,
      certificateValidTo: certificate.notAfter.value,
      certificateValidAtSigningTime: validThen,
      intact,
      trusted,
      problems,
    });
  }
  return {
    detached,
    contentName,
    contentSize: data.byteLength,
    signers,
    valid: signers.every((s) => s.intact && s.trusted && s.certificateValidAtSigningTime),
  };
}
