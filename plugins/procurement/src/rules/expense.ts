// What an expense, a project and a secondment must respect (art. 13).
import type { FieldIssue } from '@gea/core';
import { z } from 'zod';

/** Euro cents: whole, not negative, at most a billion euros. */
export const money = z.number().int().min(0).max(1_000_000_000_00);
/** The years the office's accounts cover. */
export const accountingYear = z.number().int().min(2000).max(2100);

/** Grants cannot exceed what the office spends (amount plus VAT): the net shared is never negative. */
export function grantsIssue(expense: { amountCents: number; vatCents?: number | null; grants?: readonly { amountCents: number }[] | null }): FieldIssue | null {
  const gross = expense.amountCents + (expense.vatCents ?? 0);
  const grants = (expense.grants ?? []).reduce((sum, grant) => sum + grant.amountCents, 0);
  return grants > gross ? { path: ['input', 'grants'], message: `the grants (${grants} cents) exceed the expense with VAT (${gross} cents)` } : null;
}

/** A project's participants: at least one, each a member of its association. The ids once each, or null when refused. */
export function projectParticipants(memberIds: readonly string[], participantIds: readonly string[]): string[] | null {
  const members = new Set(memberIds);
  const ids = [...new Set(participantIds)];
  return ids.length === 0 || ids.some((id) => !members.has(id)) ? null : ids;
}
