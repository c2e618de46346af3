import { describe, expect, it } from 'vitest';
import { contractIssues, coverageIssues, strandedAssets, type CoverageRequest } from './contract.ts';

describe('contract terms', () => {
  it('needs a body and a term in order, reporting every problem at once', () => {
    const term = { startsOn: new Date('2025-01-01'), endsOn: new Date('2027-12-31') };
    expect(contractIssues({ ...term, entityIds: ['a'], renewableUntil: new Date('2027-12-31') })).toEqual([]);
    expect(contractIssues({ entityIds: [], startsOn: new Date('2025-01-01'), endsOn: new Date('2024-12-31'), renewableUntil: new Date('2024-12-30') })).toEqual([
      { path: ['input', 'entityIds'], message: 'name at least one body', code: 'REQUIRED' },
      { path: ['input', 'endsOn'], message: 'cannot be before the start', code: 'INVALID_DATE_RANGE' },
      { path: ['input', 'renewableUntil'], message: 'cannot be before the end of the contract', code: 'INVALID_DATE_RANGE' },
    ]);
  });
});

describe('contract coverage', () => {
  const request: CoverageRequest = {
    served: new Set(['a', 'b']),
    addAssets: ['pc-a', 'pc-b'],
    addLicences: ['office-ac'],
    repeated: false,
    assetBodies: new Map([['pc-a', 'a'], ['pc-b', 'b'], ['pc-c', 'c']]),
    licenceBodies: new Map([['office-ac', ['a', 'c']], ['cad-c', ['c']]]),
  };

  it('covers assets of the bodies served and licences serving one of them', () => {
    expect(coverageIssues(request)).toEqual([]);
    expect(coverageIssues({ ...request, addAssets: [], addLicences: [] })).toEqual([]);
  });

  it('refuses another body\'s asset or licence like a missing one, and a repeated id', () => {
    const asset = { path: ['addAssetIds'], message: 'every asset must belong to a body the contract serves' };
    const licence = { path: ['addLicenceIds'], message: 'every licence must serve a body the contract serves' };
    expect(coverageIssues({ ...request, addAssets: ['pc-a', 'pc-c'] })).toEqual([asset]);
    expect(coverageIssues({ ...request, addAssets: ['pc-a', 'missing'] })).toEqual([asset]);
    expect(coverageIssues({ ...request, addLicences: ['cad-c'] })).toEqual([licence]);
    expect(coverageIssues({ ...request, addLicences: ['missing'] })).toEqual([licence]);
    expect(coverageIssues({ ...request, repeated: true })).toEqual([{ path: ['addAssetIds'], message: 'list each asset or licence once, by its id' }]);
  });

  it('counts the covered assets a change of bodies would strand', () => {
    expect(strandedAssets(['a', 'a', 'b', 'c'], ['a', 'b'])).toBe(1);
    expect(strandedAssets(['a', 'a', 'b'], ['b'])).toBe(2);
    expect(strandedAssets([], [])).toBe(0);
  });
});
