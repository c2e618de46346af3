/**
 * The integer arithmetic the allocation engine runs on, in two kinds with the same results:
 * - BigInt: exact for any amounts (the reference);
 * - plain numbers: exact as long as every sum stays within ±Number.MAX_SAFE_INTEGER, which the engine
 *   proves from its input before choosing it (numbersSuffice in allocate.ts), and several times
 *   faster for thousands of bodies (no BigInt allocated per value).
 * A product (an amount times a weight, in the largest-remainder split) is formed by `mulDivMod`,
 * which checks its own size: see numberArithmetic.
 */
export interface ExactArithmetic<T extends number | bigint> {
  readonly kind: 'bigint' | 'number';
  readonly zero: T;
  readonly one: T;
  /** From a safe integer. */
  of(value: number): T;
  /** To a number; throws when outside ±Number.MAX_SAFE_INTEGER. */
  toNumber(value: T): number;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  /** [floor(a × b / c), (a × b) mod c], exactly, for a, b >= 0 and c > 0. */
  mulDivMod(a: T, b: T, c: T): [T, T];
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

export const bigintArithmetic: ExactArithmetic<bigint> = {
  kind: 'bigint',
  zero: 0n,
  one: 1n,
  of: (value) => BigInt(value),
  toNumber: (value) => {
    if (value > MAX || value < -MAX) throw new Error(`cost allocation: ${value} cents out of the safe range`);
    return Number(value);
  },
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mulDivMod: (a, b, c) => {
    const product = a * b;
    return [product / c, product % c]; // both operands >= 0: division truncates, which is floor
  },
};

export const numberArithmetic: ExactArithmetic<number> = {
  kind: 'number',
  zero: 0,
  one: 1,
  of: (value) => value,
  toNumber: (value) => {
    if (!Number.isSafeInteger(value)) throw new Error(`cost allocation: ${value} cents out of the safe range`);
    return value;
  },
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mulDivMod: (a, b, c) => {
    // For non-negative integers the floating-point product is exact when the true product is at most
    // MAX_SAFE_INTEGER, and at least 2^53 when it is larger (2^53 is representable and rounding is
    // monotonic): this comparison tells the two cases apart exactly.
    const product = a * b;
    if (product <= Number.MAX_SAFE_INTEGER) {
      const remainder = product % c; // exact for floating-point operands
      return [(product - remainder) / c, remainder]; // an exact multiple of c: the quotient is exact
    }
    // Rare: the products whose size the input cannot bound usefully in advance (money a corrective
    // moves, times a body's current amount: a pool of two million euros squared is 4e16 cents²). The
    // quotient is at most a (b <= c where the engine splits) and the remainder below c: both safe.
    const wide = BigInt(a) * BigInt(b);
    const divisor = BigInt(c);
    return [Number(wide / divisor), Number(wide % divisor)];
  },
};
