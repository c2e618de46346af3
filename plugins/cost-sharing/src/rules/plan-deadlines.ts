// When the three annual documents are due (art. 10), and whether an issued version met its deadline.
import { isoDate } from '@gea/core';
import type { ExpensePlan } from '@gea/db';

/** Art. 10: the purchase plan by the end of January, the integration plan early in the year (taken as
 * 15 January), the running costs with the budget (end of January); all three again by 30 September. */
export function deadlines(plan: ExpensePlan, year: number): { firstIssue: Date; revision: Date } {
  return {
    firstIssue: new Date(plan === 'SOFTWARE_INTEGRATION' ? `${year}-01-15` : `${year}-01-31`),
    revision: new Date(`${year}-09-30`),
  };
}

/** The first version by the first deadline, a revision by 30 September (the day itself counts, UTC). */
export function issuedOnTime(document: { plan: ExpensePlan; year: number; version: number; issuedAt: Date }): boolean {
  const { firstIssue, revision } = deadlines(document.plan, document.year);
  const limit = document.version === 1 ? firstIssue : revision;
  return isoDate(document.issuedAt) <= isoDate(limit);
}
