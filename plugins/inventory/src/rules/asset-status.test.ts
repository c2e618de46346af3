import { describe, expect, it } from 'vitest';
import { statusChangeIssue } from './asset-status.ts';

const today = new Date('2025-06-10');
const latest = { status: 'IN_SERVICE' as const, effectiveOn: new Date('2025-03-01') };

describe('asset status changes', () => {
  it('accepts a new status from the last change\'s date up to today', () => {
    expect(statusChangeIssue({ latest, status: 'UNDER_REPAIR', effectiveOn: new Date('2025-03-01'), today })).toBeNull();
    expect(statusChangeIssue({ latest, status: 'RETIRED', effectiveOn: today, today })).toBeNull();
    expect(statusChangeIssue({ latest: null, status: 'IN_SERVICE', effectiveOn: new Date('2000-01-01'), today })).toBeNull();
  });

  it('refuses the future, going back in time, repeating the status and anything after disposal', () => {
    expect(statusChangeIssue({ latest, status: 'SPARE', effectiveOn: new Date('2025-06-11'), today })?.message).toBe('cannot be in the future');
    expect(statusChangeIssue({ latest, status: 'SPARE', effectiveOn: new Date('2025-02-28'), today })).toEqual({
      path: ['effectiveOn'],
      message: 'must be on or after 2025-03-01, the date of the last change',
    });
    expect(statusChangeIssue({ latest, status: 'IN_SERVICE', effectiveOn: today, today })).toEqual({
      path: ['status'],
      message: 'the asset is already IN_SERVICE',
    });
    const disposed = { status: 'DISPOSED' as const, effectiveOn: new Date('2025-03-01') };
    expect(statusChangeIssue({ latest: disposed, status: 'IN_SERVICE', effectiveOn: today, today })?.path).toEqual(['status']);
  });

  it('reports the future before anything else, as the API always did', () => {
    const disposed = { status: 'DISPOSED' as const, effectiveOn: new Date('2025-03-01') };
    expect(statusChangeIssue({ latest: disposed, status: 'DISPOSED', effectiveOn: new Date('2026-01-01'), today })?.path).toEqual(['effectiveOn']);
  });
});
