/** One recipient of a largest-remainder apportionment. */
export interface ApportionShare {
  /** Non-negative weight (PCs, population, basis points, cents already owed...). */
  weight: bigint;
  /** Caller's stable ordering key (ISTAT code, name...): third tie-break. */
  order: string;
  /** Unique id (entity id): last tie-break, so the ranking is total. */
  id: string;
}

/** Ordering by UTF-16 code units: the same on every machine, unlike localeCompare (ICU data). */
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
  if (amount < 0n) throw new Error(`largestRemainder: negative amount ${amount}`);
  let total = 0n;
  for (const share of shares) {
    if (share.weight < 0n) throw new Error(`largestRemainder: negative weight for ${share.id}`);
    total += share.weight;
  }
  if (total === 0n) {
    if (amount === 0n) return shares.map(() => 0n);
    throw new Error('largestRemainder: nothing to split over (all weights are 0)');
  }
  const quotas: bigint[] = [];
  const remainders: bigint[] = [];
  let assigned = 0n;
  for (const share of shares) {
    const product = amount * share.weight;
    const quota = product / total; // BigInt division truncates; both operands are >= 0, so it is floor
    quotas.push(quota);
    remainders.push(product % total);
    assigned += quota;
  }
  let leftover = amount - assigned;
  if (leftover > 0n) {
    const ranking = shares.map((_, index) => index);
    ranking.sort((a, b) => {
      const ra = remainders[a]!;
      const rb = remainders[b]!;
      if (ra !== rb) return ra > rb ? -1 : 1;
      const wa = shares[a]!.weight;
      const wb = shares[b]!.weight;
      if (wa !== wb) return wa > wb ? -1 : 1;
      return compareKeys(shares[a]!.order, shares[b]!.order) || compareKeys(shares[a]!.id, shares[b]!.id);
    });
    for (const index of ranking) {
      if (leftover === 0n) break;
      quotas[index]! += 1n;
      leftover -= 1n;
    }
  }
  const sum = quotas.reduce((s, q) => s + q, 0n);
  if (sum !== amount) throw new Error(`largestRemainder: distributed ${sum} of ${amount} cents`);
  return quotas;
}
