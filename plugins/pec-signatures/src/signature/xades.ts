import type * as pkijs from 'pkijs';
import { SignatureInputError } from './errors.ts';
import type { VerificationReport } from './verify.ts';

export async function verifyXml(_input: {
  file: { name: string; bytes: Uint8Array };
  content: { name: string; bytes: Uint8Array } | null;
  trustedCertificates: readonly pkijs.Certificate[];
  now: Date;
}): Promise<VerificationReport> {
  throw new SignatureInputError('file', 'UNSUPPORTED_FORMAT', { format: 'XAdES (XML)' });
}
