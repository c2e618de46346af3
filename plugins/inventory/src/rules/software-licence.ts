// What a licence must say, and how far it may change while installations use it.
import type { FieldIssue } from '@gea/core';
import type { LicenceKind } from '@gea/db';

export interface LicenceTerms {
  kind: LicenceKind;
  validFrom?: Date | null;
  validUntil?: Date | null;
  /** The bodies it is for (ids, possibly repeated). */
  entityIds: readonly string[];
}

/** Every problem of a licence's terms. */
export function licenceIssues(terms: LicenceTerms): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (terms.entityIds.length === 0) issues.push({ path: ['input', 'entityIds'], message: 'name at least one body', code: 'REQUIRED' as const });
  if (terms.validFrom && terms.validUntil && terms.validUntil < terms.validFrom) {
    issues.push({ path: ['input', 'validUntil'], message: 'cannot be before the start of validity', code: 'INVALID_DATE_RANGE' as const });
  }
  if (terms.kind === 'SUBSCRIPTION' && !terms.validUntil) {
    issues.push({ path: ['input', 'validUntil'], message: 'a subscription has an end date' });
  }
  return issues;
}

/**
 * Why a licence in use cannot take its new seats and bodies (a conflict the writer resolves by
 * removing installations first), or null. `bodiesInUse` has one body per installation holding a seat.
 */
export function licenceChangeConflict(bodiesInUse: readonly string[], change: { seats?: number | null; entityIds: readonly string[] }): string | null {
  if (change.seats != null && bodiesInUse.length > change.seats) {
    return `${bodiesInUse.length} seats are in use: remove installations before lowering the seats to ${change.seats}`;
  }
  const dropped = new Set(bodiesInUse.filter((entityId) => !change.entityIds.includes(entityId)));
  if (dropped.size > 0) return `the licence is installed in ${dropped.size === 1 ? 'a body' : `${dropped.size} bodies`} it would no longer serve`;
  return null;
}
