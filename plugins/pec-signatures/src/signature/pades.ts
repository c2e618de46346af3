import type * as pkijs from 'pkijs';
import { SignatureInputError } from './errors.ts';
import type { VerificationReport } from './verify.ts';

export async function verifyPdf(_input: { file: { name: string; bytes: Uint8Array }; trustedCertificates: readonly pkijs.Certificate[]; now: Date }): Promise<VerificationReport> {
  throw new SignatureInputError('file', 'UNSUPPORTED_FORMAT', { format: 'PAdES (PDF)' });
}
