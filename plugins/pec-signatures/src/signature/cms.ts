// CMS SignedData (CAdES, and the signatures inside a PDF): parsing within the size limits, and the
// check of each signer: integrity with node:crypto (algorithms.ts), certificate validity at the
// signing time, trust (chain.ts).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { digest, verifyWithCertificate } from './algorithms.ts';
import type { X509Certificate } from 'node:crypto';
import { chainToAnchor, toX509 } from './chain.ts';
import { SignatureInputError } from './errors.ts';
import { MAX_ASN1_NODES, MAX_SIGNATURE_BYTES } from './limits.ts';
import { issue, type SignatureIssue } from './messages.ts';
import { withoutUnreadParts } from './skeleton.ts';

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

export type Integrity = 'INTACT' | 'NOT_INTACT' | 'CANNOT_BE_CHECKED';

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
  /** INTACT, NOT_INTACT (changed, or a signature that does not verify), CANNOT_BE_CHECKED (an algorithm not supported). */
  integrity: Integrity;
  /** integrity === 'INTACT'. */
  intact: boolean;
  trusted: boolean;
  /** The signature algorithm, e.g. "RSASSA-PSS with SHA256", "ECDSA with SHA3-256". */
  algorithm: string;
  issues: SignatureIssue[];
  /** The issues in English (kept for API clients of the first version). */
  problems: string[];
  /** PAdES only: the signature's /ByteRange and whether it covers the whole file as it was then. */
  pdf?: { byteRange: number[]; revision: number; coversWholeRevision: boolean; coversWholeDocument: boolean };
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

export function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((tv) => `${ATTRIBUTE_NAMES[tv.type] ?? tv.type}=${attributeValue(tv.value)}`).join(', ');
}

export function nameAttribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
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

/** BER within the verifier's limits; a structure beyond them is refused by name, not as "not CMS". */
export function parseBer(der: Uint8Array, maxNodes = MAX_ASN1_NODES): asn1js.AsnType {
  if (der.byteLength > MAX_SIGNATURE_BYTES) throw new SignatureInputError('file', 'TOO_LARGE', { limit: MAX_SIGNATURE_BYTES / 1024 / 1024 });
  const asn1 = asn1js.fromBER(der, { maxNodes, maxContentLength: MAX_SIGNATURE_BYTES });
  if (asn1.offset === -1) {
    const error = asn1.result.error || 'unreadable ASN.1';
    if (/node count/i.test(error)) throw new SignatureInputError('file', 'TOO_COMPLEX', { limit: maxNodes.toLocaleString('en') });
    throw new SignatureInputError('file', 'NOT_A_SIGNATURE', { detail: error });
  }
  return asn1.result;
}

export function parseSignedData(der: Uint8Array): pkijs.SignedData {
  if (der.byteLength > MAX_SIGNATURE_BYTES) throw new SignatureInputError('file', 'TOO_LARGE', { limit: MAX_SIGNATURE_BYTES / 1024 / 1024 });
  const asn1 = parseBer(withoutUnreadParts(der).bytes);
  try {
    const info = new pkijs.ContentInfo({ schema: asn1 });
    if (info.contentType !== ID_SIGNED_DATA) throw new SignatureInputError('file', 'NOT_SIGNED_DATA', { detail: info.contentType });
    return new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    if (error instanceof SignatureInputError) throw error;
    throw new SignatureInputError('file', 'NOT_A_SIGNATURE', { detail: (error as Error).message });
  }
}

function signingTimeOf(signerInfo: pkijs.SignerInfo): Date | null {
  const attr = signerInfo.signedAttrs?.attributes.find((a) => a.type === ID_SIGNING_TIME);
  const value = attr?.values[0] as { toDate?: () => Date } | undefined;
  return typeof value?.toDate === 'function' ? value.toDate() : null;
}

/** The signer's certificate among those in the file, by issuer and serial or by key identifier. */
function signerCertificate(signerInfo: pkijs.SignerInfo, certificates: readonly pkijs.Certificate[]): pkijs.Certificate | undefined {
  const sid = signerInfo.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  }
  const keyId = hex((sid as asn1js.Primitive).valueBlock.valueHexView);
  return certificates.find((c) => {
    const ski = c.extensions?.find((e) => e.extnID === '2.5.29.14')?.parsedValue as asn1js.OctetString | undefined;
    return ski ? hex(ski.valueBlock.valueHexView) === keyId : false;
  });
}

const iso = (date: Date) => date.toISOString();

export interface SignerCheckInput {
  signedData: pkijs.SignedData;
  /** The signed content (encapsulated or detached, or a PDF's byte ranges). */
  data: Uint8Array;
  trustedCertificates: readonly pkijs.Certificate[];
  now: Date;
}

/** Every signer of a SignedData, checked. */
export function checkSigners({ signedData, data, trustedCertificates, now }: SignerCheckInput): SignerReport[] {
  if (signedData.signerInfos.length === 0) throw new SignatureInputError('file', 'NO_SIGNER');
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const anchors = trustedCertificates.map(toX509).filter((c) => c !== null);
  const pool = certificates.map(toX509).filter((c) => c !== null);
  return signedData.signerInfos.map((signerInfo, index) => {
    const certificate = signerCertificate(signerInfo, certificates);
    if (!certificate) throw new SignatureInputError('file', 'SIGNER_CERTIFICATE_MISSING', { index: index + 1 });
    const issues: SignatureIssue[] = [];
    const digestOid = signerInfo.digestAlgorithm.algorithmId;

    // Integrity: the content's digest against the message-digest attribute, then the signature.
    let integrity: Integrity = 'INTACT';
    let signed = data;
    let algorithm = signerInfo.signatureAlgorithm.algorithmId;
    if (signerInfo.signedAttrs) {
      const contentDigest = digest(digestOid, data);
      const attr = signerInfo.signedAttrs.attributes.find((a) => a.type === ID_MESSAGE_DIGEST);
      const expected = (attr?.values[0] as asn1js.OctetString | undefined)?.valueBlock?.valueHexView;
      if (!contentDigest) {
        integrity = 'CANNOT_BE_CHECKED';
        issues.push(issue('CANNOT_BE_CHECKED', { detail: `digest algorithm ${digestOid}` }));
      } else if (!expected) {
        integrity = 'NOT_INTACT';
        issues.push(issue('MESSAGE_DIGEST_MISSING'));
      } else if (!contentDigest.equals(Buffer.from(expected))) {
        integrity = 'NOT_INTACT';
        issues.push(issue('CONTENT_CHANGED'));
      }
      signed = new Uint8Array(signerInfo.signedAttrs.encodedValue);
    }
    const check = verifyWithCertificate(certificate, signerInfo.signatureAlgorithm, digestOid, signed, signerInfo.signature.valueBlock.valueHexView);
    algorithm = check.algorithm;
    if (check.outcome === 'UNSUPPORTED') {
      if (integrity === 'INTACT') integrity = 'CANNOT_BE_CHECKED';
      if (!issues.some((i) => i.code === 'CANNOT_BE_CHECKED')) issues.push(issue('CANNOT_BE_CHECKED', { detail: check.reason }));
    } else if (check.outcome === 'FAILED' && integrity !== 'NOT_INTACT') {
      integrity = 'NOT_INTACT';
      issues.push(issue('SIGNATURE_MISMATCH'));
    }

    return describeSigner({ certificate, signingTime: signingTimeOf(signerInfo), integrity, algorithm, issues, pool, anchors, now });
  });
}

/** The report on one signer once its integrity is known: certificate validity then, and trust. */
export function describeSigner({
  certificate,
  signingTime,
  integrity,
  algorithm,
  issues,
  pool,
  anchors,
  now,
}: {
  certificate: pkijs.Certificate;
  signingTime: Date | null;
  integrity: Integrity;
  algorithm: string;
  issues: SignatureIssue[];
  pool: readonly X509Certificate[];
  anchors: readonly X509Certificate[];
  now: Date;
}): SignerReport {
    const at = signingTime ?? now;
    const from = certificate.notBefore.value;
    const to = certificate.notAfter.value;
    const validThen = from <= at && at <= to;
    if (!validThen) issues.push(issue(signingTime ? 'CERTIFICATE_NOT_VALID_AT_SIGNING_TIME' : 'CERTIFICATE_NOT_VALID_NOW', { from: iso(from), to: iso(to) }));

    // Trust is checked at a date inside the certificate's own validity, so that "expired" and
    // "untrusted" stay two separate answers.
    const leaf = toX509(certificate);
    const chain = leaf ? chainToAnchor(leaf, pool, anchors, validThen ? at : from) : { trusted: false, reason: 'the certificate cannot be read', path: [] };
    if (!chain.trusted) issues.push(issue('UNTRUSTED', { detail: chain.reason ?? 'no path' }));

    return {
      subject: distinguishedName(certificate.subject),
      commonName: nameAttribute(certificate.subject, '2.5.4.3'),
      taxCode: taxCodeFromSerialNumber(nameAttribute(certificate.subject, '2.5.4.5')),
      issuer: distinguishedName(certificate.issuer),
      serialNumber: hex(certificate.serialNumber.valueBlock.valueHexView),
      signingTime,
      certificateValidFrom: from,
      certificateValidTo: to,
      certificateValidAtSigningTime: validThen,
      integrity,
      intact: integrity === 'INTACT',
      trusted: chain.trusted,
      algorithm,
      issues,
      problems: issues.map((i) => i.messageEn),
    };
}
