// PAdES: signed PDF files. Each signature dictionary's /ByteRange [a b c d] names the two signed
// ranges of the file (ISO 32000-1 §12.8.1): from a for b bytes, and from c for d bytes; between them
// sits /Contents, the hex-encoded detached CMS signature. Every signature in the file is checked as
// a CAdES signature over its ranges; then whether its ranges cover its revision of the file whole
// (only the /Contents hex string left out), and whether anything was added after the last one.
// Written here over the raw bytes, as the standard defines signatures over bytes and not over parsed
// objects; no maintained JavaScript library verifies PDF signatures.
import type * as pkijs from 'pkijs';
import { checkSigners, parseSignedData, type SignerReport } from './cms.ts';
import { SignatureInputError } from './errors.ts';
import { issue } from './messages.ts';
import { statusOf, type VerificationReport } from './report.ts';

interface Placement {
  range: [number, number, number, number];
  contents: Uint8Array;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** Each /ByteRange in the file with the signature it brackets. */
function placements(bytes: Uint8Array): Placement[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found: Placement[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    const range = match.slice(1, 5).map(Number) as [number, number, number, number];
    const [a, b, c, d] = range;
    if (![a, b, c, d].every(Number.isSafeInteger) || a + b > c || c + d > bytes.byteLength) {
      throw new SignatureInputError('file', 'PDF_UNREADABLE', { detail: `/ByteRange [${range.join(' ')}] lies outside the file (${bytes.byteLength} bytes)` });
    }
    // The gap between the ranges is the /Contents hex string, angle brackets included.
    const gap = text.slice(a + b, c);
    const hex = /^<([0-9A-Fa-f\s]*)>$/.exec(gap)?.[1];
    if (hex === undefined) throw new SignatureInputError('file', 'PDF_UNREADABLE', { detail: `the gap of /ByteRange [${range.join(' ')}] is not a /Contents hex string` });
    const clean = hex.replace(/\s+/g, '');
    found.push({ range, contents: new Uint8Array(Buffer.from(clean.length % 2 ? `${clean}0` : clean, 'hex')) });
  }
  return found;
}

/** The file's length without trailing end-of-line characters after its last %%EOF. */
function endOf(bytes: Uint8Array, end: number): number {
  let at = end;
  while (at > 0 && (bytes[at - 1] === 0x0a || bytes[at - 1] === 0x0d || bytes[at - 1] === 0x20 || bytes[at - 1] === 0x00)) at -= 1;
  return at;
}

export async function verifyPdf({
  file,
  trustedCertificates,
  now,
}: {
  file: { name: string; bytes: Uint8Array };
  trustedCertificates: readonly pkijs.Certificate[];
  now: Date;
}): Promise<VerificationReport> {
  const bytes = file.bytes;
  const found = placements(bytes).sort((x, y) => x.range[2] + x.range[3] - (y.range[2] + y.range[3]));
  if (found.length === 0) throw new SignatureInputError('file', 'PDF_NOT_SIGNED', { detail: 'no /ByteRange' });
  const fileEnd = endOf(bytes, bytes.byteLength);
  const signers: SignerReport[] = [];
  let lastEnd = 0;
  for (const [index, placement] of found.entries()) {
    const [a, b, c, d] = placement.range;
    const data = new Uint8Array(b + d);
    data.set(bytes.subarray(a, a + b), 0);
    data.set(bytes.subarray(c, c + d), b);
    let signedData: pkijs.SignedData;
    try {
      signedData = parseSignedData(placement.contents);
    } catch (error) {
      if (error instanceof SignatureInputError) {
        throw new SignatureInputError('file', 'PDF_UNREADABLE', { detail: `signature ${index + 1}: ${error.message}` });
      }
      throw error;
    }
    const end = c + d;
    lastEnd = Math.max(lastEnd, end);
    const coversWholeRevision = a === 0;
    const coversWholeDocument = coversWholeRevision && endOf(bytes, end) >= fileEnd;
    for (const signer of checkSigners({ signedData, data, trustedCertificates, now })) {
      if (!coversWholeRevision) {
        signer.issues.push(issue('PARTIAL_COVERAGE', { covered: `${a}-${a + b - 1}, ${c}-${end - 1}`, total: bytes.byteLength }));
      }
      signer.problems = signer.issues.map((i) => i.messageEn);
      signers.push({ ...signer, pdf: { byteRange: [...placement.range], revision: index + 1, coversWholeRevision, coversWholeDocument } });
    }
  }
  const bytesAfterLastSignature = Math.max(0, fileEnd - endOf(bytes, lastEnd));
  const modifiedAfterLastSignature = bytesAfterLastSignature > 0;
  if (modifiedAfterLastSignature) {
    for (const signer of signers.filter((s) => s.pdf?.revision === found.length)) {
      signer.issues.push(issue('MODIFIED_AFTER_SIGNING', { added: bytesAfterLastSignature }));
      signer.problems = signer.issues.map((i) => i.messageEn);
    }
  }
  const status = statusOf(signers, modifiedAfterLastSignature);
  return {
    format: 'PADES',
    detached: false,
    contentName: file.name,
    contentSize: bytes.byteLength,
    signers,
    valid: status === 'VALID',
    status,
    pdf: { signatures: found.length, modifiedAfterLastSignature, bytesAfterLastSignature },
  };
}
