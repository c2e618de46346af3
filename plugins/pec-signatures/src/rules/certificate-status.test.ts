import { describe, expect, it } from 'vitest';
import { certificateStatus, certificateStatusWhere, daysToExpiry, statusChangeRefusal, validityIssues } from './certificate-status.ts';

const now = new Date('2026-05-10T12:00:00Z');

describe('certificateStatus', () => {
  it('turns an active certificate past its validity into EXPIRED', () => {
    expect(certificateStatus({ status: 'ACTIVE', validTo: new Date('2026-05-10T11:59:59Z') }, now)).toBe('EXPIRED');
    expect(certificateStatus({ status: 'ACTIVE', validTo: new Date('2026-05-10T12:00:00Z') }, now)).toBe('ACTIVE');
  });

  it('keeps statuses set by hand', () => {
    expect(certificateStatus({ status: 'REVOKED', validTo: new Date('2020-01-01') }, now)).toBe('REVOKED');
    expect(certificateStatus({ status: 'SUSPENDED', validTo: new Date('2030-01-01') }, now)).toBe('SUSPENDED');
  });
});

describe('certificateStatusWhere', () => {
  it('filters nothing without statuses', () => {
    expect(certificateStatusWhere(null, now)).toEqual({});
    expect(certificateStatusWhere([], now)).toEqual({});
  });

  it('splits active from expired by validity', () => {
    expect(certificateStatusWhere(['EXPIRED', 'ACTIVE', 'REVOKED'], now)).toEqual({
      OR: [{ status: 'ACTIVE', validTo: { lt: now } }, { status: 'ACTIVE', validTo: { gte: now } }, { status: 'REVOKED' }],
    });
  });
});

describe('daysToExpiry', () => {
  const from = new Date('2026-05-10');

  it('counts whole days, rounding down', () => {
    expect(daysToExpiry(new Date('2026-05-12T23:59:59Z'), from)).toBe(2);
    expect(daysToExpiry(new Date('2026-05-10T08:00:00Z'), from)).toBe(0);
    expect(daysToExpiry(new Date('2026-05-09T23:00:00Z'), from)).toBe(-1);
  });
});

describe('validityIssues', () => {
  it('wants the end after the start', () => {
    expect(validityIssues({ validFrom: new Date('2026-01-01'), validTo: new Date('2027-01-01') })).toEqual([]);
    expect(validityIssues({ validFrom: new Date('2026-01-01'), validTo: new Date('2026-01-01') })).toEqual([
      { path: ['input', 'validTo'], message: 'must be after the start of validity', code: 'INVALID_DATE_RANGE' },
    ]);
  });
});

describe('statusChangeRefusal', () => {
  it('never brings a revoked certificate back', () => {
    expect(statusChangeRefusal('REVOKED', 'ACTIVE')).not.toBeNull();
    expect(statusChangeRefusal('REVOKED', 'SUSPENDED')).not.toBeNull();
    expect(statusChangeRefusal('REVOKED', 'REVOKED')).toBeNull();
    expect(statusChangeRefusal('SUSPENDED', 'ACTIVE')).toBeNull();
  });
});
