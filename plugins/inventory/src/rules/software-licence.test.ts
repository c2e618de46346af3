import { describe, expect, it } from 'vitest';
import { licenceChangeConflict, licenceIssues } from './software-licence.ts';

describe('licence terms', () => {
  it('needs a body, a term in order and an end date for a subscription, reporting every problem at once', () => {
    expect(licenceIssues({ kind: 'PERPETUAL', entityIds: ['a'] })).toEqual([]);
    expect(licenceIssues({ kind: 'SUBSCRIPTION', entityIds: [], validFrom: new Date('2025-02-01'), validUntil: null })).toEqual([
      { path: ['input', 'entityIds'], message: 'name at least one body', code: 'REQUIRED' },
      { path: ['input', 'validUntil'], message: 'a subscription has an end date' },
    ]);
    expect(licenceIssues({ kind: 'SUBSCRIPTION', entityIds: ['a'], validFrom: new Date('2025-02-01'), validUntil: new Date('2025-01-31') })).toEqual([
      { path: ['input', 'validUntil'], message: 'cannot be before the start of validity', code: 'INVALID_DATE_RANGE' },
    ]);
  });
});

describe('changing a licence in use', () => {
  it('never lowers the seats below those in use (null seats: unlimited)', () => {
    expect(licenceChangeConflict(['a', 'a', 'b'], { seats: 2, entityIds: ['a', 'b'] })).toBe(
      '3 seats are in use: remove installations before lowering the seats to 2',
    );
    expect(licenceChangeConflict(['a', 'a', 'b'], { seats: 3, entityIds: ['a', 'b'] })).toBeNull();
    expect(licenceChangeConflict(['a', 'a', 'b'], { seats: null, entityIds: ['a', 'b'] })).toBeNull();
  });

  it('never drops a body that still has installations, counting each body once', () => {
    expect(licenceChangeConflict(['a', 'b', 'b'], { entityIds: ['a'] })).toBe('the licence is installed in a body it would no longer serve');
    expect(licenceChangeConflict(['a', 'b', 'c'], { entityIds: ['a'] })).toBe('the licence is installed in 2 bodies it would no longer serve');
    expect(licenceChangeConflict([], { seats: 0, entityIds: [] })).toBeNull();
  });
});
