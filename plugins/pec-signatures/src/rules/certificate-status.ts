// Where a signature certificate stands: its stored status, and expiry computed from its validity.
import { DAY_MS, today, type FieldIssue } from '@gea/core';
import type { Prisma, SignatureCertificateStatus } from '@gea/db';

export type CertificateStatus = SignatureCertificateStatus | 'EXPIRED';

/** Active certificates past their validity are EXPIRED; the other statuses were set by hand. */
export function certificateStatus(certificate: { status: SignatureCertificateStatus; validTo: Date }, now = new Date()): CertificateStatus {
  return certificate.status === 'ACTIVE' && certificate.validTo < now ? 'EXPIRED' : certificate.status;
}

/** The certificates in any of these statuses (none given: all of them). */
export function certificateStatusWhere(statuses: readonly CertificateStatus[] | null | undefined, now = new Date()): Prisma.SignatureCertificateWhereInput {
  if (!statuses?.length) return {};
  return {
    OR: statuses.map((status) =>
      status === 'EXPIRED'
        ? { status: 'ACTIVE' as const, validTo: { lt: now } }
        : status === 'ACTIVE'
          ? { status: 'ACTIVE' as const, validTo: { gte: now } }
          : { status },
    ),
  };
}

/** Whole days from today to the last instant of validity (negative once expired; the day it ends counts as 0). */
export const daysToExpiry = (validTo: Date, from = today()): number => Math.floor((validTo.getTime() - from.getTime()) / DAY_MS);

export function validityIssues(validity: { validFrom: Date; validTo: Date }): FieldIssue[] {
  return validity.validTo <= validity.validFrom ? [{ path: ['input', 'validTo'], message: 'must be after the start of validity', code: 'INVALID_DATE_RANGE' as const }] : [];
}

/** A revoked certificate stays revoked: why a change of status is refused, or null. */
export function statusChangeRefusal(current: SignatureCertificateStatus, next: SignatureCertificateStatus): string | null {
  return current === 'REVOKED' && next !== 'REVOKED' ? 'a revoked certificate cannot be reactivated or suspended' : null;
}
