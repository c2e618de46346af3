import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberArithmetic } from './exact-arithmetic.ts';
import { apportion, largestRemainder, type ApportionShare } from './largest-remainder.ts';

const share = (id: string, weight: number | bigint, order = id): ApportionShare => ({ id, order, weight: BigInt(weight) });

describe('largestRemainder', () => {
  it('gives the floors, then the leftover cents to the largest remainders', () => {
    // 100 over 1:1:1 → 33.33 each: floors 99, one cent left; equal remainders and weights → order "a".
    expect(largestRemainder(100n, [share('a', 1), share('b', 1), share('c', 1)])).toEqual([34n, 33n, 33n]);
    // 10 over 6:3:1 (W 10) exact → 6, 3, 1.
    expect(largestRemainder(10n, [share('a', 6), share('b', 3), share('c', 1)])).toEqual([6n, 3n, 1n]);
    // 7 over 5:3:2 → 3.5, 2.1, 1.4: floors 3, 2, 1 (6); remainders .5, .1, .4 → "a" gets the cent.
    expect(largestRemainder(7n, [share('a', 5), share('b', 3), share('c', 2)])).toEqual([4n, 2n, 1n]);
  });

  it('breaks ties by larger weight, then smaller order key, then smaller id, whatever the input order', () => {
    // 5 over 3:3:1:1 (W 8): 1.875 1.875 0.625 0.625 → floors 1 1 0 0, 3 cents left. Remainders 7/8 (a, b)
    // come first; then c and d tie at 5/8 with equal weights: d has the smaller order key ("k3" < "k4").
    const shares = [share('a', 3, 'k2'), share('b', 3, 'k1'), share('c', 1, 'k4'), share('d', 1, 'k3')];
    expect(largestRemainder(5n, shares)).toEqual([2n, 2n, 0n, 1n]);
    expect(largestRemainder(5n, [...shares].reverse())).toEqual([1n, 0n, 2n, 2n]);
    // 2 over 1:3 (W 4): 0.5 and 1.5 → floors 0 and 1, remainders both 2/4: the larger weight wins, even
    // against a smaller order key.
    expect(largestRemainder(2n, [share('a', 1, '0'), share('b', 3, '9')])).toEqual([0n, 2n]);
    // 1 over 1:1: everything ties but the order key; with equal order keys, the smaller id.
    expect(largestRemainder(1n, [share('x', 1, 'B'), share('y', 1, 'A')])).toEqual([0n, 1n]);
    expect(largestRemainder(1n, [share('y', 1, 'same'), share('x', 1, 'same')])).toEqual([0n, 1n]);
    // Order keys compare by UTF-16 code units ("Z" < "a"), not by locale.
    expect(largestRemainder(1n, [share('p', 1, 'a'), share('q', 1, 'Z')])).toEqual([0n, 1n]);
  });

  it('is exact with amounts of 10^15 cents and weights of 10^9', () => {
    const amount = 10n ** 15n + 7n;
    const quotas = largestRemainder(amount, [share('a', 999_999_999), share('b', 1), share('c', 333_333_333)]);
    expect(quotas.reduce((s, q) => s + q, 0n)).toBe(amount);
    // W = 1 333 333 333. Floors: a 749 999 999 437 505 (remainder 333 145 828), b 750 000 (250 007),
    // c 249 999 999 812 501 (999 937 498); they add up to 10^15 + 6, and the last cent goes to c.
    expect(quotas).toEqual([749_999_999_437_505n, 750_000n, 249_999_999_812_502n]);
  });

  it('gives nothing to a weight of 0, and 0 of nothing', () => {
    expect(largestRemainder(5n, [share('a', 0), share('b', 3)])).toEqual([0n, 5n]);
    expect(largestRemainder(0n, [share('a', 0), share('b', 0)])).toEqual([0n, 0n]);
    expect(() => largestRemainder(1n, [share('a', 0)])).toThrow(/all weights are 0/);
    expect(() => largestRemainder(-1n, [share('a', 1)])).toThrow(/negative amount/);
  });

  it('property: exact total, every quota less than a cent from its exact share, independent of input order', () => {
    const weights = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 1_000_000_000 })), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), weights, fc.integer({ min: 0, max: 2 ** 31 }), (amount, raw, seed) => {
        const list = raw.map((weight, i) => share(`id${i}`, weight, `o${(i * 7919 + seed) % 1000}`));
        const total = list.reduce((s, x) => s + x.weight, 0n);
        fc.pre(total > 0n);
        const quotas = largestRemainder(amount, list);
        expect(quotas.reduce((s, q) => s + q, 0n)).toBe(amount);
        quotas.forEach((quota, i) => {
          const error = quota * total - amount * list[i]!.weight; // (quota − exact) × W
          expect(error < total && error > -total).toBe(true);
          if (list[i]!.weight === 0n) expect(quota).toBe(0n);
        });
        const reversed = largestRemainder(amount, [...list].reverse());
        expect([...reversed].reverse()).toEqual(quotas);
      }),
      { numRuns: Number(process.env.GEA_PROPERTY_RUNS) || 1000 },
    );
  });

  it('ties on everything but the id go to the smaller ids, in every input order', () => {
    // 5 cents over six equal shares with the same order key: 0.83 each, floors 0, remainders all 5/6:
    // the five smallest ids ("a".."e") get a cent, "f" none, however the input is ordered.
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }), (order) => {
        const quotas = largestRemainder(5n, order.map((id) => share(id, 1, 'same')));
        expect(Object.fromEntries(order.map((id, i) => [id, quotas[i]]))).toEqual({ a: 1n, b: 1n, c: 1n, d: 1n, e: 1n, f: 0n });
      }),
    );
  });

  it('property: every permutation of the input gives every share the same amount, with ties on remainder, weight and order key', () => {
    // Few distinct weights and order keys, so that the leftover cents are decided by each tie-break in turn.
    const shareArb = fc.record({ weight: fc.integer({ min: 0, max: 3 }), order: fc.constantFrom('A', 'B', 'B') });
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 50n }),
        fc.array(shareArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        (amount, raw, keys) => {
          const list = raw.map((r, i) => share(`id${String(i).padStart(2, '0')}`, r.weight, r.order));
          const total = list.reduce((s, x) => s + x.weight, 0n);
          fc.pre(total > 0n);
          const permutation = list.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
          const byId = (shares: readonly ApportionShare[], quotas: bigint[]) => Object.fromEntries(shares.map((x, i) => [x.id, quotas[i]]));
          const shuffled = permutation.map((i) => list[i]!);
          const expected = byId(list, largestRemainder(amount, list));
          expect(byId(shuffled, largestRemainder(amount, shuffled))).toEqual(expected);
          // Who got a leftover cent: ranked by remainder, then weight, then order key, then id.
          const floors = list.map((x) => (amount * x.weight) / total);
          const ranked = list
            .map((x, i) => ({ x, remainder: (amount * x.weight) % total, i }))
            .sort((p, q) =>
              p.remainder !== q.remainder ? (p.remainder > q.remainder ? -1 : 1) : p.x.weight !== q.x.weight ? (p.x.weight > q.x.weight ? -1 : 1) : p.x.order < q.x.order ? -1 : p.x.order > q.x.order ? 1 : p.x.id < q.x.id ? -1 : 1,
            );
          const leftover = amount - floors.reduce((s, f) => s + f, 0n);
          const winners = new Set(ranked.slice(0, Number(leftover)).map((r) => r.i));
          list.forEach((x, i) => expect(expected[x.id]).toBe(floors[i]! + (winners.has(i) ? 1n : 0n)));
        },
      ),
      { numRuns: Number(process.env.GEA_PROPERTY_RUNS) || 300 },
    );
  });

  it('property: in plain numbers, the same quotas as in BigInt, ties included', () => {
    // The number path picks the leftover cents by the count-th largest remainder (a typed-array sort)
    // and ranks only the ties; BigInt is the reference. Small weights make many ties of every kind.
    const shareArb = fc.record({ weight: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 100_000 })), order: fc.constantFrom('A', 'B', 'C') });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(shareArb, { minLength: 1, maxLength: 60 }), (amount, raw) => {
        const list = raw.map((r, i) => share(`id${String((i * 37) % 61).padStart(2, '0')}`, r.weight, r.order));
        fc.pre(list.some((x) => x.weight > 0n));
        const asNumbers = list.map((x) => ({ ...x, weight: Number(x.weight) }));
        expect(apportion(numberArithmetic, amount, asNumbers)).toEqual(largestRemainder(BigInt(amount), list).map(Number));
      }),
      { numRuns: Number(process.env.GEA_PROPERTY_RUNS) || 500 },
    );
  });

  it('refuses a negative weight, naming the share', () => {
    expect(() => largestRemainder(1n, [share('a', 1), share('b', -1)])).toThrow('largestRemainder: negative weight for b');
    expect(() => largestRemainder(1n, [share('a', 0)])).toThrow('largestRemainder: nothing to split over (all weights are 0)');
    expect(() => largestRemainder(-1n, [share('a', 1)])).toThrow('largestRemainder: negative amount -1');
    expect(largestRemainder(0n, [share('a', 0)])).toEqual([0n]);
    expect(largestRemainder(0n, [])).toEqual([]);
  });
});
