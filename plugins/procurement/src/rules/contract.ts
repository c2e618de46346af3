// What a contract must say, what it may cover, and which bodies it must keep serving.
import type { FieldIssue } from '@gea/core';

export interface ContractTerms {
  /** The bodies it serves (possibly repeated). */
  entityIds: readonly string[];
  startsOn: Date;
  endsOn: Date;
  renewableUntil?: Date | null;
}

/** Every problem of a contract's terms. */
export function contractIssues(terms: ContractTerms): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (terms.entityIds.length === 0) issues.push({ path: ['input', 'entityIds'], message: 'name at least one body', code: 'REQUIRED' as const });
  if (terms.endsOn < terms.startsOn) issues.push({ path: ['input', 'endsOn'], message: 'cannot be before the start', code: 'INVALID_DATE_RANGE' as const });
  if (terms.renewableUntil && terms.renewableUntil < terms.endsOn) {
    issues.push({ path: ['input', 'renewableUntil'], message: 'cannot be before the end of the contract', code: 'INVALID_DATE_RANGE' as const });
  }
  return issues;
}

export interface CoverageRequest {
  /** The bodies the contract serves. */
  served: ReadonlySet<string>;
  /** Assets and licences to add, each once. */
  addAssets: readonly string[];
  addLicences: readonly string[];
  /** Whether the request named something twice or named something that is not an asset or licence. */
  repeated: boolean;
  /** The body of each asset to add that exists. */
  assetBodies: ReadonlyMap<string, string>;
  /** The bodies of each licence to add that exists. */
  licenceBodies: ReadonlyMap<string, readonly string[]>;
}

/**
 * Problems of adding assets and licences to a contract. An asset or licence of a body the contract
 * does not serve is refused like a missing one, so nobody learns what other bodies have.
 */
export function coverageIssues(request: CoverageRequest): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (request.repeated) issues.push({ path: ['addAssetIds'], message: 'list each asset or licence once, by its id' });
  const assetServed = (id: string) => request.served.has(request.assetBodies.get(id) ?? '');
  if (!request.addAssets.every(assetServed)) {
    issues.push({ path: ['addAssetIds'], message: 'every asset must belong to a body the contract serves' });
  }
  const licenceServed = (id: string) => (request.licenceBodies.get(id) ?? []).some((entityId) => request.served.has(entityId));
  if (!request.addLicences.every(licenceServed)) {
    issues.push({ path: ['addLicenceIds'], message: 'every licence must serve a body the contract serves' });
  }
  return issues;
}

/** Covered assets (one body each) whose body the contract would no longer serve. */
export function strandedAssets(coveredAssetBodies: readonly string[], entityIds: readonly string[]): number {
  return coveredAssetBodies.filter((entityId) => !entityIds.includes(entityId)).length;
}
