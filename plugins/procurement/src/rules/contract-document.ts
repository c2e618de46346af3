// What may be attached to a contract: a PDF (signed PAdES or not) or a CAdES envelope (.p7m), at
// most 15 MiB. The type comes from the bytes; the name only has to agree with them.
import type { FieldIssue } from '@gea/core';

/**
 * 15 MiB: as base64 in a JSON body that is 21 MB, under the 25 MB the API accepts per request
 * (graphql-yoga's maxRequestBodySize), so a file just over the limit still gets a field issue
 * rather than a bare HTTP 413.
 */
export const MAX_DOCUMENT_BYTES = 15 * 1024 * 1024;
/** Base64 text of MAX_DOCUMENT_BYTES: refused before it is decoded. */
export const MAX_DOCUMENT_BASE64 = Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4;

export type DocumentType = { mediaType: 'application/pdf' | 'application/pkcs7-mime'; signed: boolean };

// OID 1.2.840.113549.1.7.2 (CMS signedData), DER-encoded with its tag and length.
const SIGNED_DATA_OID = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);

/** The type the content has, whatever its name says: null when it is neither a PDF nor a CMS SignedData. */
export function sniffDocument(bytes: Buffer): DocumentType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    // A PAdES signature is a signature dictionary whose /ByteRange covers the rest of the file.
    const text = bytes.toString('latin1');
    const signed = /\/ByteRange\s*\[/.test(text) && /\/Type\s*\/Sig\b/.test(text);
    return { mediaType: 'application/pdf', signed };
  }
  // DER SEQUENCE whose first element is the signedData content type (within the first bytes).
  if (bytes[0] === 0x30 && bytes.subarray(0, 32).indexOf(SIGNED_DATA_OID) > 0) return { mediaType: 'application/pkcs7-mime', signed: true };
  return null;
}

/** A file name without folders or control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

const EXTENSIONS: Record<DocumentType['mediaType'], RegExp> = {
  'application/pdf': /\.pdf$/i,
  // a signed PDF may be enveloped again: name.pdf.p7m
  'application/pkcs7-mime': /\.p7m$/i,
};

export type CheckedDocument = { bytes: Buffer; fileName: string } & DocumentType;

/** The decoded, checked document, or every issue with it (paths under `input`). */
export function checkDocument(input: { fileName: string; contentBase64: string }): CheckedDocument | FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fileName = cleanFileName(input.fileName);
  if (fileName.length === 0) issues.push({ path: ['input', 'fileName'], message: 'is empty', code: 'REQUIRED' });
  else if (fileName.length > 200) issues.push({ path: ['input', 'fileName'], message: 'is longer than 200 characters', code: 'TOO_LONG', maximum: 200 });
  else if (!/\.(pdf|p7m)$/i.test(fileName)) {
    issues.push({ path: ['input', 'fileName'], message: 'must end in .pdf or .p7m (PDF, PAdES or CAdES signed files)', code: 'INVALID_FORMAT' });
  }
  const text = input.contentBase64.replace(/\s+/g, '');
  if (text.length === 0) {
    issues.push({ path: ['input', 'contentBase64'], message: 'is empty', code: 'REQUIRED' });
    return issues;
  }
  if (text.length > MAX_DOCUMENT_BASE64) {
    issues.push({ path: ['input', 'contentBase64'], message: `is larger than ${MAX_DOCUMENT_BYTES} bytes (15 MiB)`, code: 'TOO_BIG', maximum: MAX_DOCUMENT_BYTES });
    return issues;
  }
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    issues.push({ path: ['input', 'contentBase64'], message: 'is not base64 text', code: 'INVALID_FORMAT' });
    return issues;
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    issues.push({ path: ['input', 'contentBase64'], message: `is larger than ${MAX_DOCUMENT_BYTES} bytes (15 MiB)`, code: 'TOO_BIG', maximum: MAX_DOCUMENT_BYTES });
    return issues;
  }
  const type = sniffDocument(bytes);
  if (!type) {
    issues.push({ path: ['input', 'contentBase64'], message: 'is neither a PDF nor a signed .p7m file (CAdES)', code: 'INVALID_FORMAT' });
    return issues;
  }
  if (issues.length === 0 && !EXTENSIONS[type.mediaType].test(fileName)) {
    const is = type.mediaType === 'application/pdf' ? 'a PDF: name it .pdf' : 'a signed .p7m envelope: name it .p7m';
    issues.push({ path: ['input', 'fileName'], message: `does not match the content, which is ${is}`, code: 'INVALID_FORMAT' });
  }
  return issues.length > 0 ? issues : { bytes, fileName, ...type };
}
