// The shares of a connectivity contract: one per body the procurement contract serves, each a whole
// number of basis points, adding up to 10000 (100%).
import type { FieldIssue } from '@gea/core';

export const WHOLE = 10_000;

export interface Share {
  entityId: string;
  basisPoints: number;
}

/** What is wrong with the shares of a contract serving `servedIds` (empty when nothing). */
export function shareIssues(servedIds: readonly string[], shares: readonly Share[], path: readonly string[] = ['input', 'shares']): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const given = shares.map((share) => share.entityId);
  const duplicates = given.filter((id, index) => given.indexOf(id) !== index);
  if (duplicates.length > 0) issues.push({ path: [...path], message: 'names a body more than once' });
  const served = new Set(servedIds);
  const extra = given.filter((id) => !served.has(id));
  const missing = servedIds.filter((id) => !given.includes(id));
  if (extra.length > 0) issues.push({ path: [...path], message: `names ${extra.length} body(ies) the contract does not serve` });
  if (missing.length > 0) issues.push({ path: [...path], message: `leaves out ${missing.length} body(ies) the contract serves: every body served needs a share` });
  shares.forEach((share, index) => {
    if (!Number.isInteger(share.basisPoints) || share.basisPoints < 1 || share.basisPoints > WHOLE) {
      issues.push({ path: [...path, String(index), 'basisPoints'], message: 'must be a whole number of basis points from 1 to 10000 (a body served pays a share)' });
    }
  });
  const total = shares.reduce((sum, share) => sum + share.basisPoints, 0);
  if (total !== WHOLE) issues.push({ path: [...path], message: `add up to ${total} basis points, not 10000 (100%)` });
  return issues;
}
