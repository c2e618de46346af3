import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circuitCostOfYear, daysInServiceDuring, daysInYear, mulDivRoundHalfUp, type CircuitCostTerms } from './circuit-costs.ts';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const circuit = (over: Partial<CircuitCostTerms> = {}): CircuitCostTerms => ({
  monthlyCostCents: 10_000n,
  yearlyCostCents: 0n,
  oneOffCostCents: 0n,
  vatRateBasisPoints: 2200,
  installedOn: null,
  terminatedOn: null,
  status: 'ACTIVE',
  ...over,
});

describe('the cost of a circuit in a year', () => {
  it('a full year is the nominal yearly total, with VAT on it', () => {
    const cost = circuitCostOfYear(circuit({ yearlyCostCents: 5_000n, installedOn: d('2020-03-01') }), 2026);
    expect(cost).toMatchObject({ daysInService: 365, recurringCents: 125_000n, oneOffCents: 0n, amountCents: 125_000n, vatCents: 27_500n });
  });

  it('pro rata by the days in service, installation day and termination day included, plus the one-off in the installation year', () => {
    // 1 July to 31 December 2026: 184 days of 365.
    const installed = circuitCostOfYear(circuit({ installedOn: d('2026-07-01'), oneOffCostCents: 20_000n }), 2026);
    expect(installed.daysInService).toBe(184);
    // 120000 × 184 / 365 = 60493.15... → 60493
    expect(installed.recurringCents).toBe(60_493n);
    expect(installed.oneOffCents).toBe(20_000n);
    // VAT per component: 60493 × 22% = 13308.46 → 13308; 20000 × 22% = 4400.
    expect(installed.vatCents).toBe(13_308n + 4_400n);
    expect(circuitCostOfYear(circuit({ installedOn: d('2026-07-01'), oneOffCostCents: 20_000n }), 2027).oneOffCents).toBe(0n);
    // terminated on 31 January: 31 days.
    expect(daysInServiceDuring(circuit({ terminatedOn: d('2026-01-31'), status: 'DECOMMISSIONED' }), 2026)).toBe(31);
    expect(daysInServiceDuring(circuit({ installedOn: d('2026-05-10'), terminatedOn: d('2026-05-10') }), 2026)).toBe(1);
  });

  it('nothing for a circuit not yet installed, ended before the year, or ceased on an unknown day', () => {
    expect(circuitCostOfYear(circuit({ status: 'ORDERED' }), 2026).amountCents).toBe(0n);
    expect(circuitCostOfYear(circuit({ installedOn: d('2027-01-01') }), 2026).amountCents).toBe(0n);
    expect(circuitCostOfYear(circuit({ terminatedOn: d('2025-12-31'), status: 'DECOMMISSIONED' }), 2026).amountCents).toBe(0n);
    expect(circuitCostOfYear(circuit({ status: 'DECOMMISSIONED' }), 2026).amountCents).toBe(0n);
  });

  it('leap years have 366 days', () => {
    expect(daysInYear(2028)).toBe(366);
    expect(circuitCostOfYear(circuit(), 2028).recurringCents).toBe(120_000n);
  });

  it('rounds half up', () => {
    expect(mulDivRoundHalfUp(1n, 1n, 2n)).toBe(1n);
    expect(mulDivRoundHalfUp(1n, 1n, 3n)).toBe(0n);
    expect(mulDivRoundHalfUp(5n, 1n, 2n)).toBe(3n);
  });
});

const cents = fc.bigInt({ min: 0n, max: 10_000_000_000n });
const year = fc.integer({ min: 2000, max: 2060 });
const rate = fc.integer({ min: 0, max: 10_000 });

describe('for every circuit and year', () => {
  it('never negative; the recurring part never exceeds the nominal total, and equals it for a full year', () => {
    fc.assert(
      fc.property(cents, cents, cents, rate, year, fc.integer({ min: -400, max: 800 }), fc.option(fc.integer({ min: 0, max: 800 })), (monthly, yearly, oneOff, vat, y, installOffset, termOffset) => {
        const installedOn = new Date(Date.UTC(y, 0, 1 + installOffset));
        const terminatedOn = termOffset === null ? null : new Date(installedOn.getTime() + termOffset * 86_400_000);
        const cost = circuitCostOfYear({ monthlyCostCents: monthly, yearlyCostCents: yearly, oneOffCostCents: oneOff, vatRateBasisPoints: vat, installedOn, terminatedOn, status: 'ACTIVE' }, y);
        for (const value of [cost.recurringCents, cost.oneOffCents, cost.amountCents, cost.vatCents]) expect(value >= 0n).toBe(true);
        expect(cost.recurringCents <= cost.nominalYearlyCents).toBe(true);
        expect(cost.daysInService).toBeGreaterThanOrEqual(0);
        expect(cost.daysInService).toBeLessThanOrEqual(cost.daysInYear);
        if (cost.daysInService === cost.daysInYear) expect(cost.recurringCents).toBe(monthly * 12n + yearly);
        // VAT rounded per component: within a cent of the exact VAT of the whole amount.
        const exactTimes10000 = cost.amountCents * BigInt(vat);
        const diff = cost.vatCents * 10_000n - exactTimes10000;
        expect(diff <= 10_000n && diff >= -10_000n).toBe(true);
      }),
    );
  });

  it('splitting a year into two service periods loses or gains at most one cent of rounding', () => {
    fc.assert(
      fc.property(cents, cents, year, fc.integer({ min: 0, max: 364 }), (monthly, yearly, y, splitAfter) => {
        const last = new Date(Date.UTC(y, 0, 1 + splitAfter));
        const next = new Date(last.getTime() + 86_400_000);
        const base = { monthlyCostCents: monthly, yearlyCostCents: yearly, oneOffCostCents: 0n, vatRateBasisPoints: 0, status: 'ACTIVE' as const };
        const first = circuitCostOfYear({ ...base, installedOn: null, terminatedOn: last }, y);
        const second = circuitCostOfYear({ ...base, installedOn: next, terminatedOn: null }, y);
        const whole = circuitCostOfYear({ ...base, installedOn: null, terminatedOn: null }, y);
        expect(first.daysInService + second.daysInService).toBe(whole.daysInService);
        const gap = first.recurringCents + second.recurringCents - whole.recurringCents;
        expect(gap >= -1n && gap <= 1n).toBe(true);
      }),
    );
  });

  it('more days in service never cost less', () => {
    fc.assert(
      fc.property(cents, year, fc.integer({ min: 0, max: 365 }), fc.integer({ min: 0, max: 365 }), (monthly, y, a, b) => {
        const cost = (days: number) =>
          circuitCostOfYear({ monthlyCostCents: monthly, yearlyCostCents: 0n, oneOffCostCents: 0n, vatRateBasisPoints: 2200, installedOn: null, terminatedOn: new Date(Date.UTC(y, 0, days)), status: 'ACTIVE' }, y);
        const [short, long] = a <= b ? [cost(a), cost(b)] : [cost(b), cost(a)];
        expect(short.recurringCents <= long.recurringCents).toBe(true);
      }),
    );
  });
});
