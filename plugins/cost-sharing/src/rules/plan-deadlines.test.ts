import { describe, expect, it } from 'vitest';
import { deadlines, issuedOnTime } from './plan-deadlines.ts';

describe('deadlines', () => {
  it('wants the integration plan by 15 January, the others by 31 January, all revised by 30 September', () => {
    expect(deadlines('SOFTWARE_INTEGRATION', 2026).firstIssue.toISOString().slice(0, 10)).toBe('2026-01-15');
    expect(deadlines('PURCHASES', 2026).firstIssue.toISOString().slice(0, 10)).toBe('2026-01-31');
    expect(deadlines('RUNNING_SERVICES', 2026).revision.toISOString().slice(0, 10)).toBe('2026-09-30');
  });
});

describe('issuedOnTime', () => {
  it('holds the first version to the first deadline, the day itself included', () => {
    expect(issuedOnTime({ plan: 'PURCHASES', year: 2026, version: 1, issuedAt: new Date('2026-01-31T23:59:00Z') })).toBe(true);
    expect(issuedOnTime({ plan: 'PURCHASES', year: 2026, version: 1, issuedAt: new Date('2026-02-01T00:00:00Z') })).toBe(false);
    expect(issuedOnTime({ plan: 'SOFTWARE_INTEGRATION', year: 2026, version: 1, issuedAt: new Date('2026-01-20T10:00:00Z') })).toBe(false);
  });

  it('holds revisions to 30 September', () => {
    expect(issuedOnTime({ plan: 'SOFTWARE_INTEGRATION', year: 2026, version: 2, issuedAt: new Date('2026-09-30T12:00:00Z') })).toBe(true);
    expect(issuedOnTime({ plan: 'PURCHASES', year: 2026, version: 3, issuedAt: new Date('2026-10-01T08:00:00Z') })).toBe(false);
  });
});
