import { bigintArithmetic, type ExactArithmetic } from './exact-arithmetic.ts';

/** One recipient of a largest-remainder apportionment. */
export interface ApportionShare<T extends number | bigint = bigint> {
  /** Non-negative weight (PCs, population, basis points, cents already owed...). */
  weight: T;
  /** Caller's stable ordering key (ISTAT code, name...): third tie-break. */
  order: string;
  /** Unique id (entity id): last tie-break, so the ranking is total. */
  id: string;
}

/** Ordering by UTF-16 code units: the same on every machine, unlike localeCompare (ICU data). */
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The full ranking of two shares (see apportion): larger remainder, larger weight, smaller order key, smaller id. */
function ranksBefore<T extends number | bigint>(shares: readonly ApportionShare<T>[], remainders: readonly T[], a: number, b: number): number {
  const ra = remainders[a]!;
  const rb = remainders[b]!;
  if (ra !== rb) return ra > rb ? -1 : 1;
  const wa = shares[a]!.weight;
  const wb = shares[b]!.weight;
  if (wa !== wb) return wa > wb ? -1 : 1;
  return compareKeys(shares[a]!.order, shares[b]!.order) || compareKeys(shares[a]!.id, shares[b]!.id);
}

/**
 * The indices of the `count` first shares in the ranking, without ranking them all: the count-th
 * largest remainder is found by sorting the remainders alone (a typed-array sort for numbers, no
 * comparator call per pair); every share above it is in, and only the shares tied at it are ranked
 * by the full order. The same shares as sorting everything (thousands of bodies: most of the
 * engine's time went to that sort's comparator).
 */
function firstRanked<T extends number | bigint>(A: ExactArithmetic<T>, shares: readonly ApportionShare<T>[], remainders: readonly T[], count: number): number[] {
  const n = remainders.length;
  if (count > n) throw new Error(`largestRemainder: ${count} cents left over for ${n} shares`);
  const threshold = (
    A.kind === 'number'
      ? Float64Array.from(remainders as readonly number[]).sort()[n - count]
      : [...remainders].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[n - count]
  ) as T;
  const chosen: number[] = [];
  const tied: number[] = [];
  for (let index = 0; index < n; index++) {
    const remainder = remainders[index]!;
    if (remainder > threshold) chosen.push(index);
    else if (remainder === threshold) tied.push(index);
  }
  tied.sort((a, b) => ranksBefore(shares, remainders, a, b));
  for (let k = 0; chosen.length < count; k++) chosen.push(tied[k]!);
  return chosen;
}

/**
 * Splits `amount` cents over `shares` in proportion to their weights by the largest-remainder
 * (Hamilton) method, exactly (BigInt: amount × weight never overflows nor loses precision).
 *
 * 1. Each share gets floor(amount × weight / W), W = Σ weight; its remainder is
 *    amount × weight mod W (the fractional part of its exact share, times W).
 * 2. The cents left over, amount − Σ floors, go one each to the shares ranked first by
 *    a. larger remainder;
 *    b. then larger weight;
 *    c. then smaller `order` key (compared by UTF-16 code units, not by locale);
 *    d. then smaller `id`.
 *    The ranking is total and depends only on the shares' own data, never on their position in
 *    the input: shuffling the input changes nobody's amount.
 *
 * The leftover cents are fewer than the shares with a non-zero remainder (their fractional parts,
 * each below 1, add up to the leftover), so every share ends less than one cent from its exact
 * share and a share with no remainder (in particular one of weight 0) gets no extra cent.
 *
 * Throws when the amount or a weight is negative, when all weights are 0 (unless the amount is 0,
 * then everybody gets 0), and if the shares did not add up to the amount (cannot happen; the
 * check guards the arithmetic above against future edits).
 */
export function largestRemainder(amount: bigint, shares: readonly ApportionShare[]): bigint[] {
  return apportion(bigintArithmetic, amount, shares);
}

/**
 * largestRemainder in either arithmetic (exact-arithmetic.ts): the same quotas, as numbers when the
 * caller has proven that the sums involved fit (the products check themselves).
 */
export function apportion<T extends number | bigint>(A: ExactArithmetic<T>, amount: T, shares: readonly ApportionShare<T>[]): T[] {
  const zero = A.zero;
  if (amount < zero) throw new Error(`largestRemainder: negative amount ${amount}`);
  let total = zero;
  for (const share of shares) {
    if (share.weight < zero) throw new Error(`largestRemainder: negative weight for ${share.id}`);
    total = A.add(total, share.weight);
  }
  if (total === zero) {
    if (amount === zero) return shares.map(() => zero);
    throw new Error('largestRemainder: nothing to split over (all weights are 0)');
  }
  const quotas: T[] = [];
  const remainders: T[] = [];
  let assigned = zero;
  for (const share of shares) {
    const [quota, remainder] = A.mulDivMod(amount, share.weight, total);
    quotas.push(quota);
    remainders.push(remainder);
    assigned = A.add(assigned, quota);
  }
  const leftover = A.sub(amount, assigned);
  if (leftover > zero) {
    for (const index of firstRanked(A, shares, remainders, Number(leftover))) quotas[index] = A.add(quotas[index]!, A.one);
  }
  const sum = quotas.reduce((s, q) => A.add(s, q), zero);
  if (sum !== amount) throw new Error(`largestRemainder: distributed ${sum} of ${amount} cents`);
  return quotas;
}
