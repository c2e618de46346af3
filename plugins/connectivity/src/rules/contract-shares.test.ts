import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareIssues } from './contract-shares.ts';

describe('the shares of a connectivity contract', () => {
  it('accepts one share per body served adding up to 10000', () => {
    expect(shareIssues(['a', 'b'], [{ entityId: 'a', basisPoints: 6000 }, { entityId: 'b', basisPoints: 4000 }])).toEqual([]);
  });

  it('refuses missing, extra or repeated bodies, and a total other than 10000', () => {
    expect(shareIssues(['a', 'b'], [{ entityId: 'a', basisPoints: 10_000 }]).map((i) => i.message)).toEqual([
      'leaves out 1 body(ies) the contract serves: every body served needs a share',
    ]);
    expect(shareIssues(['a'], [{ entityId: 'a', basisPoints: 5000 }, { entityId: 'c', basisPoints: 5000 }]).map((i) => i.message)).toEqual([
      'names 1 body(ies) the contract does not serve',
    ]);
    expect(shareIssues(['a'], [{ entityId: 'a', basisPoints: 5000 }, { entityId: 'a', basisPoints: 5000 }]).map((i) => i.message)).toEqual(['names a body more than once']);
    expect(shareIssues(['a', 'b'], [{ entityId: 'a', basisPoints: 6000 }, { entityId: 'b', basisPoints: 3000 }]).map((i) => i.message)).toEqual([
      'add up to 9000 basis points, not 10000 (100%)',
    ]);
    expect(shareIssues(['a'], [{ entityId: 'a', basisPoints: 0 }])[0]!.path).toEqual(['input', 'shares', '0', 'basisPoints']);
  });

  it('for any shares of the served bodies: accepted exactly when they are whole, in range and add up to 10000', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10, max: 10_010 }), { minLength: 1, maxLength: 8 }), (points) => {
        const served = points.map((_, i) => `body-${i}`);
        const shares = points.map((basisPoints, i) => ({ entityId: served[i]!, basisPoints }));
        const ok = points.every((p) => p >= 1 && p <= 10_000) && points.reduce((s, p) => s + p, 0) === 10_000;
        expect(shareIssues(served, shares).length === 0).toBe(ok);
      }),
    );
  });
});
