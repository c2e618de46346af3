import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContractTerms } from '../rules/contract-term.ts';
import { termOn } from '../rules/contract-term.ts';
import { contractTerms, deadlinesOf } from './connectivity-data.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const terms = (over: Partial<ContractTerms> = {}): ContractTerms => ({
  termEndsOn: d('2027-06-30'),
  renewal: 'TACIT',
  renewalMonths: 12,
  noticePeriodDays: 90,
  noticeGivenOn: null,
  renewableUntil: null,
  frameworkEndsOn: null,
  ...over,
});
const list = (items: { kind: string; on: Date }[]) => items.map((item) => `${item.kind} ${iso(item.on)}`);

describe('deadlines of a connectivity contract in a range', () => {
  it('a tacit contract: the notice date of each term in the range; only the current one when asked', () => {
    expect(list(deadlinesOf(terms(), d('2027-01-01'), d('2029-12-31')))).toEqual(['NOTICE_DATE 2027-04-01', 'NOTICE_DATE 2028-04-01', 'NOTICE_DATE 2029-04-01']);
    expect(list(deadlinesOf(terms(), d('2027-01-01'), d('2029-12-31'), { currentTermOnly: true }))).toEqual(['NOTICE_DATE 2027-04-01']);
  });

  it('renewals stop at renewableUntil: the last term ends, with its notice date before; the framework end shows too', () => {
    const limited = terms({ renewableUntil: d('2028-06-30'), frameworkEndsOn: d('2028-12-31') });
    expect(list(deadlinesOf(limited, d('2027-01-01'), d('2029-12-31')))).toEqual([
      'NOTICE_DATE 2027-04-01',
      'NOTICE_DATE 2028-04-01',
      'TERM_END 2028-06-30',
      'FRAMEWORK_END 2028-12-31',
    ]);
  });

  it('notice given: no notice date, the term ends', () => {
    expect(list(deadlinesOf(terms({ noticeGivenOn: d('2027-02-01') }), d('2027-03-01'), d('2027-12-31')))).toEqual(['TERM_END 2027-06-30']);
  });

  it('a passed notice date of a contract that does not renew is not reported', () => {
    expect(list(deadlinesOf(terms({ renewal: 'NONE' }), d('2027-05-01'), d('2027-12-31')))).toEqual(['TERM_END 2027-06-30']);
  });

  it('the term is the later of procurement\'s end and the last express renewal', () => {
    const row = { currentTermEndsOn: d('2027-06-30'), renewal: 'EXPRESS' as const, renewalMonths: 12, noticePeriodDays: 30, noticeGivenOn: null, frameworkEndsOn: null };
    expect(iso(contractTerms(row, { endsOn: d('2026-06-30'), renewableUntil: null }).termEndsOn)).toBe('2027-06-30');
    expect(iso(contractTerms(row, { endsOn: d('2028-06-30'), renewableUntil: null }).termEndsOn)).toBe('2028-06-30');
  });

  it('property: every notice date reported is one termOn gives on some day of the range, and none is before the range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 200 }),
        fc.constantFrom(1, 6, 12),
        (offset, length, notice, months) => {
          const t = terms({ noticePeriodDays: notice, renewalMonths: months });
          const from = new Date(d('2026-01-01').getTime() + offset * 86_400_000);
          const to = new Date(from.getTime() + length * 86_400_000);
          const found = deadlinesOf(t, from, to).filter((x) => x.kind === 'NOTICE_DATE');
          for (const item of found) {
            if (item.on < from || item.on > to) return false;
            // On the notice date itself, notice may still be given for that term.
            const term = termOn(t, item.on);
            if (iso(term.noticeDate) !== iso(item.on) || term.state !== 'ACTIVE') return false;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});
