// What a circuit costs in a calendar year, for the expense posted to procurement (and then shared
// among the member bodies by cost sharing, art. 13). Pure: integers in, integer cents out, exact
// BigInt arithmetic.
//
// - Recurring cost: monthly fee × 12 + yearly fee, pro rata by the days the circuit was in service
//   in the year over the days of the year (365 or 366). In service from `installedOn` (or from 1
//   January when it was installed earlier, or when the date is unknown but the circuit is, or was,
//   working) to `terminatedOn` inclusive (or 31 December).
// - One-off (activation) cost: in full, in the year of `installedOn`.
// - VAT at the circuit's rate (a public body bears it).
// - Rounding: ROUND HALF UP, PER COMPONENT of each circuit: the pro-rata recurring amount is rounded
//   once; the VAT of the recurring amount and the VAT of the one-off amount are each rounded once.
//   The one-off amount itself needs no rounding. So a circuit's taxable amount is off by at most half
//   a cent from the exact one, and its VAT by at most one cent.
import type { CircuitStatus } from '@gea/db';

export interface CircuitCostTerms {
  monthlyCostCents: bigint;
  yearlyCostCents: bigint;
  oneOffCostCents: bigint;
  vatRateBasisPoints: number;
  installedOn: Date | null;
  terminatedOn: Date | null;
  status: CircuitStatus;
}

export interface CircuitYearCost {
  /** Days in service in the year (0 to daysInYear). */
  daysInService: number;
  daysInYear: number;
  /** Monthly × 12 + yearly: the cost of a full year. */
  nominalYearlyCents: bigint;
  /** The recurring cost of the days in service, rounded half up. */
  recurringCents: bigint;
  /** The one-off cost, when installed in the year. */
  oneOffCents: bigint;
  /** Taxable amount: recurring + one-off. */
  amountCents: bigint;
  /** VAT of the recurring part plus VAT of the one-off part, each rounded half up. */
  vatCents: bigint;
}

const DAY_MS = 86_400_000;
const yearStart = (year: number) => Date.UTC(year, 0, 1);
const yearEnd = (year: number) => Date.UTC(year, 11, 31);
export const daysInYear = (year: number) => Math.round((yearEnd(year) - yearStart(year)) / DAY_MS) + 1;

/** Statuses of a circuit that works or has worked: with no installation date, it counts from 1 January. */
const HAS_WORKED: ReadonlySet<CircuitStatus> = new Set(['ACTIVE', 'OFFLINE', 'DEPROVISIONING', 'DECOMMISSIONED']);

/** n × numerator / denominator rounded half up, for n, numerator ≥ 0 and denominator > 0. */
export function mulDivRoundHalfUp(n: bigint, numerator: bigint, denominator: bigint): bigint {
  if (n < 0n || numerator < 0n || denominator <= 0n) throw new RangeError('mulDivRoundHalfUp: non-negative values and a positive denominator');
  return (n * numerator * 2n + denominator) / (denominator * 2n);
}

/** Days of the year in which the circuit was in service (both ends inclusive). */
export function daysInServiceDuring(terms: Pick<CircuitCostTerms, 'installedOn' | 'terminatedOn' | 'status'>, year: number): number {
  let from: number;
  if (terms.installedOn) from = Math.max(terms.installedOn.getTime(), yearStart(year));
  else if (HAS_WORKED.has(terms.status)) from = yearStart(year);
  else return 0;
  let to: number;
  if (terms.terminatedOn) to = Math.min(terms.terminatedOn.getTime(), yearEnd(year));
  // Ceased on a day nobody recorded: no period can be costed.
  else if (terms.status === 'DECOMMISSIONED') return 0;
  else to = yearEnd(year);
  return to < from ? 0 : Math.round((to - from) / DAY_MS) + 1;
}

/** The cost of a circuit in a calendar year (see the rules at the top of the file). */
export function circuitCostOfYear(terms: CircuitCostTerms, year: number): CircuitYearCost {
  const days = daysInServiceDuring(terms, year);
  const ofYear = daysInYear(year);
  const nominalYearlyCents = terms.monthlyCostCents * 12n + terms.yearlyCostCents;
  const recurringCents = mulDivRoundHalfUp(nominalYearlyCents, BigInt(days), BigInt(ofYear));
  const oneOffCents = terms.installedOn && terms.installedOn.getUTCFullYear() === year ? terms.oneOffCostCents : 0n;
  const rate = BigInt(terms.vatRateBasisPoints);
  const vatCents = mulDivRoundHalfUp(recurringCents, rate, 10_000n) + mulDivRoundHalfUp(oneOffCents, rate, 10_000n);
  return { daysInService: days, daysInYear: ofYear, nominalYearlyCents, recurringCents, oneOffCents, amountCents: recurringCents + oneOffCents, vatCents };
}
