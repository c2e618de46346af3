// A PEC receipt as protocol systems keep it: the provider's whole message (.eml), an S/MIME signed
// envelope (DM 2/11/2005 technical rules) carrying a text part, `daticert.xml` and, for complete
// receipts and transport envelopes, `postacert.eml`. MIME is parsed with mailparser; the provider's
// signature is checked by the plugin's CMS verifier (signature/verify.ts).
import * as asn1js from 'asn1js';
import { simpleParser, type Attachment, type HeaderValue } from 'mailparser';
import * as pkijs from 'pkijs';

/** A receipt is a few kilobytes; a complete one carries the original message, up to a mailbox's size limit. */
export const MAX_RECEIPT_EML_BYTES = 50 * 1024 * 1024;

export interface EmlIssue {
  path: string;
  message: string;
}

export interface ReceiptEnvelope {
  format: 'multipart/signed' | 'application/pkcs7-mime';
  /** The CMS SignedData (smime.p7s, or the opaque smime.p7m). */
  signature: Uint8Array;
  /** For multipart/signed: the signed first body part in canonical form (CRLF line ends). */
  signedContent: Uint8Array | null;
  daticert: string;
  /** The provider's headers (technical rules, section 3): X-Ricevuta on receipts, X-Trasporto on transport envelopes. */
  headers: { ricevuta: string | null; trasporto: string | null; riferimentoMessageId: string | null };
}

export type EmlResult = { ok: true; envelope: ReceiptEnvelope } | { ok: false; issues: EmlIssue[] };

const SIGNATURE_TYPES = ['application/pkcs7-signature', 'application/x-pkcs7-signature'];
const OPAQUE_TYPES = ['application/pkcs7-mime', 'application/x-pkcs7-mime'];
const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';

const headerText = (value: HeaderValue | undefined): string | null => {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value.trim() || null;
  return null;
};

const contentTypeOf = (value: HeaderValue | undefined): { value: string; params: Record<string, string> } => {
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') {
    return { value: value.value.toLowerCase(), params: (value as { params?: Record<string, string> }).params ?? {} };
  }
  return { value: typeof value === 'string' ? value.toLowerCase() : 'text/plain', params: {} };
};

/**
 * The first body part of a multipart/signed message, as the signer signed it (RFC 1847 section
 * 2.1, RFC 8551 section 3.1.1: the exact bytes between the first delimiter line and the CRLF before
 * the next, in canonical form). Written here because mailparser decodes parts and gives no raw
 * bytes of a part. The message is handled as latin1 text so that every byte stays itself.
 */
export function firstSignedPart(raw: Uint8Array, boundary: string): Uint8Array | null {
  const text = Buffer.from(raw).toString('latin1');
  const headerEnd = /\r?\n\r?\n/.exec(text);
  if (!headerEnd) return null;
  const body = text.slice(headerEnd.index + headerEnd[0].length);
  const delimiter = `--${boundary}`;
  // A delimiter starts a line (the body's first line, or after a line break) and may carry trailing blanks.
  const lines = new RegExp(`(?:^|\\r?\\n)${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
  const first = lines.exec(body);
  if (!first || first[1]) return null;
  const start = first.index + first[0].length;
  const afterBreak = /^\r?\n/.exec(body.slice(start));
  const second = lines.exec(body);
  if (!afterBreak || !second) return null;
  // The line break before the second delimiter belongs to the delimiter, not to the part.
  const part = body.slice(start + afterBreak[0].length, second.index);
  return new Uint8Array(Buffer.from(part.replace(/\r?\n/g, '\r\n'), 'latin1'));
}

/** The content inside an opaque (application/pkcs7-mime) signature, or null if it is not one. */
export function encapsulatedContent(der: Uint8Array): Uint8Array | null {
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) return null;
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== ID_SIGNED_DATA) return null;
    const eContent = new pkijs.SignedData({ schema: info.content }).encapContentInfo.eContent;
    return eContent ? new Uint8Array(eContent.getValue()) : null;
  } catch {
    return null;
  }
}

/** The daticert.xml among the parts of the envelope's own entity (not inside postacert.eml). */
function daticertOf(attachments: readonly Attachment[]): Attachment | undefined {
  return attachments.find((a) => a.filename?.toLowerCase() === 'daticert.xml' && /xml/i.test(a.contentType));
}

/** Reads a receipt .eml: its envelope format, signature, signed bytes and daticert.xml. Never throws on bad input. */
export async function readReceiptEml(raw: Uint8Array): Promise<EmlResult> {
  const fail = (path: string, message: string): EmlResult => ({ ok: false, issues: [{ path, message }] });
  if (raw.byteLength > MAX_RECEIPT_EML_BYTES) return fail('', `is larger than ${MAX_RECEIPT_EML_BYTES / 1024 / 1024} MB`);
  if (raw.byteLength === 0) return fail('', 'is empty');
  const outer = await simpleParser(Buffer.from(raw), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const headers = {
    ricevuta: headerText(outer.headers.get('x-ricevuta')),
    trasporto: headerText(outer.headers.get('x-trasporto')),
    riferimentoMessageId: headerText(outer.headers.get('x-riferimento-message-id')),
  };
  const contentType = contentTypeOf(outer.headers.get('content-type'));
  let format: ReceiptEnvelope['format'];
  let signature: Uint8Array;
  let signedContent: Uint8Array | null = null;
  let parts: readonly Attachment[];
  if (contentType.value === 'multipart/signed') {
    const boundary = contentType.params.boundary;
    const p7s = outer.attachments.find((a) => SIGNATURE_TYPES.includes(a.contentType.toLowerCase()));
    if (!boundary) return fail('Content-Type', 'multipart/signed without a boundary');
    if (!p7s) return fail('', 'the multipart/signed envelope has no signature part (application/pkcs7-signature)');
    signedContent = firstSignedPart(raw, boundary);
    if (!signedContent) return fail('', 'the multipart/signed envelope has no signed part');
    format = 'multipart/signed';
    signature = new Uint8Array(p7s.content);
    parts = outer.attachments;
  } else if (OPAQUE_TYPES.includes(contentType.value)) {
    const p7m = outer.attachments[0];
    const inner = p7m ? encapsulatedContent(new Uint8Array(p7m.content)) : null;
    if (!p7m || !inner) return fail('', 'the application/pkcs7-mime envelope holds no signed content');
    format = 'application/pkcs7-mime';
    signature = new Uint8Array(p7m.content);
    parts = (await simpleParser(Buffer.from(inner), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true })).attachments;
  } else {
    return fail('Content-Type', `is ${contentType.value}: a PEC receipt is an S/MIME signed message (multipart/signed or application/pkcs7-mime)`);
  }
  const daticert = daticertOf(parts);
  if (!daticert) return fail('daticert.xml', 'is missing: the envelope carries no daticert.xml');
  return { ok: true, envelope: { format, signature, signedContent, daticert: daticert.content.toString('utf8'), headers } };
}
