// What a verification answers, shared by the CAdES, PAdES and XAdES verifiers (apart from verify.ts,
// which calls them, so that they need not import it back).
import type { SignerReport } from './cms.ts';

export type SignatureFormat = 'CADES' | 'PADES' | 'XADES';
/** VALID: every signer intact, trusted, valid then. CANNOT_BE_CHECKED: nothing found wrong, but some signer's algorithm cannot be checked. */
export type VerificationStatus = 'VALID' | 'NOT_VALID' | 'CANNOT_BE_CHECKED';

export interface VerificationReport {
  format: SignatureFormat;
  detached: boolean;
  contentName: string;
  contentSize: number;
  signers: SignerReport[];
  /** Every signer intact, trusted and with a certificate valid when it signed (and, for a PDF, nothing added after the last signature). */
  valid: boolean;
  status: VerificationStatus;
  /** PAdES only. */
  pdf?: { signatures: number; modifiedAfterLastSignature: boolean; bytesAfterLastSignature: number };
}

export function statusOf(signers: readonly SignerReport[], documentProblem = false): VerificationStatus {
  const definitelyBad = documentProblem || signers.some((s) => s.integrity === 'NOT_INTACT' || !s.trusted || !s.certificateValidAtSigningTime || (s.pdf && !s.pdf.coversWholeRevision));
  if (definitelyBad) return 'NOT_VALID';
  return signers.some((s) => s.integrity === 'CANNOT_BE_CHECKED') ? 'CANNOT_BE_CHECKED' : 'VALID';
}
