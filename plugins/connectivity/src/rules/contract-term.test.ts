import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, termOn, type ContractTerms } from './contract-term.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const tacit = (over: Partial<ContractTerms> = {}): ContractTerms => ({
  termEndsOn: d('2026-12-31'),
  renewal: 'TACIT',
  renewalMonths: 12,
  noticePeriodDays: 90,
  noticeGivenOn: null,
  renewableUntil: null,
  frameworkEndsOn: null,
  ...over,
});

describe('addMonths', () => {
  it('keeps the last day of a month the last day, and clamps other days', () => {
    expect(iso(addMonths(d('2026-01-31'), 1))).toBe('2026-02-28');
    expect(iso(addMonths(d('2027-02-28'), 12))).toBe('2028-02-29');
    expect(iso(addMonths(d('2028-02-29'), 12))).toBe('2029-02-28');
    expect(iso(addMonths(d('2026-01-30'), 1))).toBe('2026-02-28');
    expect(iso(addMonths(d('2026-03-15'), -3))).toBe('2025-12-15');
  });
});

describe('the term of a connectivity contract on a day', () => {
  it('the notice date is the term minus the notice period', () => {
    const term = termOn(tacit(), d('2026-06-01'));
    expect(iso(term.noticeDate)).toBe('2026-10-02');
    expect(term).toMatchObject({ state: 'ACTIVE', tacitRenewals: 0, renewsTacitly: true });
  });

  it('a tacit contract renews the day after its notice date passes without notice', () => {
    expect(termOn(tacit(), d('2026-10-02')).tacitRenewals).toBe(0);
    const renewed = termOn(tacit(), d('2026-10-03'));
    expect(iso(renewed.termEndsOn)).toBe('2027-12-31');
    expect(iso(renewed.noticeDate)).toBe('2027-10-02');
    expect(renewed).toMatchObject({ tacitRenewals: 1, state: 'ACTIVE' });
    expect(termOn(tacit(), d('2029-01-15')).tacitRenewals).toBe(3);
  });

  it('notice given by the notice date stops it at the term; a late notice counts for the next term', () => {
    const onTime = tacit({ noticeGivenOn: d('2026-10-02') });
    expect(termOn(onTime, d('2026-11-01'))).toMatchObject({ state: 'NOTICE_GIVEN', tacitRenewals: 0, renewsTacitly: false });
    expect(termOn(onTime, d('2027-01-01')).state).toBe('ENDED');
    const late = tacit({ noticeGivenOn: d('2026-10-03') });
    const after = termOn(late, d('2026-11-01'));
    expect(iso(after.termEndsOn)).toBe('2027-12-31');
    expect(after).toMatchObject({ state: 'NOTICE_GIVEN', tacitRenewals: 1, renewsTacitly: false });
    expect(termOn(late, d('2028-01-01')).state).toBe('ENDED');
  });

  it('does not renew past the last renewable date or the framework end', () => {
    const limited = tacit({ renewableUntil: d('2027-12-31') });
    expect(iso(termOn(limited, d('2027-11-01')).termEndsOn)).toBe('2027-12-31');
    expect(termOn(limited, d('2027-11-01'))).toMatchObject({ renewsTacitly: false, state: 'NOTICE_DATE_PASSED' });
    expect(termOn(limited, d('2028-01-01')).state).toBe('ENDED');
    const framework = tacit({ frameworkEndsOn: d('2027-06-30') });
    expect(termOn(framework, d('2026-11-01'))).toMatchObject({ tacitRenewals: 0, renewsTacitly: false, state: 'NOTICE_DATE_PASSED' });
  });

  it('contracts without tacit renewal end at their term', () => {
    for (const renewal of ['NONE', 'EXPRESS'] as const) {
      const terms = tacit({ renewal, renewalMonths: renewal === 'NONE' ? null : 12 });
      expect(termOn(terms, d('2026-12-31')).state).toBe('NOTICE_DATE_PASSED');
      expect(termOn(terms, d('2027-01-01'))).toMatchObject({ state: 'ENDED', tacitRenewals: 0 });
    }
  });

  it('for every day and terms: the day is within the term or after it only when the contract ended, and the notice date precedes the term by the period', () => {
    const day = fc.integer({ min: 0, max: 4000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000));
    fc.assert(
      fc.property(
        day,
        day,
        fc.constantFrom('NONE', 'TACIT', 'EXPRESS' as const),
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 0, max: 365 }),
        fc.option(day),
        (termEndsOn, onDay, renewal, renewalMonths, noticePeriodDays, noticeGivenOn) => {
          const term = termOn({ termEndsOn, renewal, renewalMonths, noticePeriodDays, noticeGivenOn, renewableUntil: null, frameworkEndsOn: null }, onDay);
          expect(Math.round((term.termEndsOn.getTime() - term.noticeDate.getTime()) / 86_400_000)).toBe(noticePeriodDays);
          expect(term.termEndsOn.getTime() >= termEndsOn.getTime()).toBe(true);
          if (renewal !== 'TACIT') expect(term.tacitRenewals).toBe(0);
          // a tacit contract with no notice never ends
          if (renewal === 'TACIT' && noticeGivenOn === null) expect(term.state).not.toBe('ENDED');
          expect(term.state === 'ENDED').toBe(onDay.getTime() > term.termEndsOn.getTime());
        },
      ),
    );
  });
});
