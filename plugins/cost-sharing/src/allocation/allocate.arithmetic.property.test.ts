import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateCosts,
  allocateCostsIn,
  numbersSuffice,
  type AllocationBody,
  type AllocationInput,
  type Corrective,
  type CorrectiveAppliesTo,
} from './allocate.ts';
import { bigintArithmetic, numberArithmetic } from './exact-arithmetic.ts';

/**
 * The engine runs on plain numbers when numbersSuffice proves from the input that every sum fits in
 * Number.MAX_SAFE_INTEGER, and on BigInt otherwise. Both must give the same allocation, cent for cent
 * and line for line, or the same refusal: compared here over random inputs, many of them with money
 * right at the bound or just past it, ties in remainders, zero weights, correctives, projects that
 * only some bodies join, and lent staff.
 */
const RUNS = Number(process.env.GEA_PROPERTY_RUNS) || 400;
const MAX = Number.MAX_SAFE_INTEGER;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The sum factor of numbersSuffice for k correctives: money × this must stay within MAX_SAFE_INTEGER. */
const sumFactor = (k: number) => {
  let amounts = 1;
  let total = 1;
  for (let i = 0; i < k; i++) {
    amounts = 3 * amounts + 2;
    total += amounts;
  }
  return 3 + 3 * total;
};

const appliesMask = (appliesTo: CorrectiveAppliesTo, bodies: readonly AllocationBody[]) =>
  'entityIds' in appliesTo ? bodies.map((b) => appliesTo.entityIds.includes(b.entityId)) : bodies.map((b) => b.population < appliesTo.populationBelow);

const inputArb: fc.Arbitrary<AllocationInput> = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc
    .record({
      // Small domains make equal weights and equal remainders (ties) frequent.
      pcs: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 100_000 })), { minLength: n, maxLength: n }),
      populations: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3_000_000 })), { minLength: n, maxLength: n }),
      zero: fc.constantFrom('none', 'none', 'pcs', 'population', 'both'),
      sameOrder: fc.boolean(),
      projects: fc.array(fc.subarray(range(n), { minLength: 1 }), { maxLength: 3 }),
      expenses: fc.array(
        fc.record({
          gross: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1_000_000_000 })),
          grantPermille: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
          capital: fc.boolean(),
          project: fc.option(fc.nat(), { nil: null }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      staff: fc.array(fc.record({ lender: fc.nat({ max: n - 1 }), cost: fc.integer({ min: 0, max: 1_000_000_000 }) }), { maxLength: 3 }),
      pcBasisPoints: fc.oneof(fc.constantFrom(0, 5000, 10_000), fc.integer({ min: 0, max: 10_000 })),
      correctives: fc.array(
        fc.record({
          kind: fc.constantFrom('MIN_POPULATION', 'MIN_SHARE', 'MAX_SHARE'),
          ids: fc.option(fc.subarray(range(n)), { nil: null }),
          below: fc.integer({ min: 0, max: 3_000_000 }),
          minimumPopulation: fc.integer({ min: 0, max: 1_000_000 }),
          basisPoints: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 1500 })),
        }),
        { maxLength: 3 },
      ),
      // How large the money is: as generated; right at the bound of numbersSuffice; one cent past it.
      scale: fc.constantFrom('as generated', 'as generated', 'at the bound', 'past the bound'),
    })
    .map((raw): AllocationInput => {
      const bodies: AllocationBody[] = range(n).map((i) => ({
        entityId: `b${i}`,
        name: `Body ${i}`,
        order: raw.sameOrder ? 'same' : String(i).padStart(3, '0'),
        pcs: raw.zero === 'pcs' || raw.zero === 'both' ? 0 : raw.pcs[i]!,
        population: raw.zero === 'population' || raw.zero === 'both' ? 0 : raw.populations[i]!,
      }));
      const projects = raw.projects.map((members, p) => ({ id: `p${p}`, name: `Project ${p}`, participantIds: members.map((i) => `b${i}`) }));
      const correctives = raw.correctives.map((c, k): Corrective => {
        const appliesTo: CorrectiveAppliesTo = c.ids ? { entityIds: c.ids.map((i) => `b${i}`) } : { populationBelow: c.below };
        const applying = appliesMask(appliesTo, bodies).filter(Boolean).length;
        const common = { id: `c${k}`, label: `Corrective ${k}`, appliesTo };
        if (c.kind === 'MIN_POPULATION') return { ...common, kind: 'MIN_POPULATION', minimumPopulation: c.minimumPopulation };
        if (c.kind === 'MIN_SHARE') return { ...common, kind: 'MIN_SHARE', basisPoints: Math.floor(c.basisPoints / Math.max(1, applying)) };
        const minimum = applying === n ? Math.min(10_000, Math.ceil(10_000 / n) + 1) : 0;
        return { ...common, kind: 'MAX_SHARE', basisPoints: Math.max(minimum, c.basisPoints) };
      });
      const expenses = raw.expenses.map((e, x) => ({
        id: `e${x}`,
        grossCents: e.gross,
        grantsCents: Math.floor((e.gross * e.grantPermille) / 1000),
        category: e.capital ? ('CAPITAL' as const) : ('CURRENT' as const),
        projectId: e.project !== null && projects.length > 0 ? `p${e.project % projects.length}` : null,
      }));
      const staff = raw.staff.map((s, k) => ({ id: `s${k}`, lendingEntityId: `b${s.lender}`, personName: `Person ${k}`, costCents: s.cost }));
      if (raw.scale !== 'as generated') {
        // The first expense takes up what is left to the bound (or one cent more): the money is then
        // exactly the largest numbersSuffice accepts with these correctives, or the smallest it refuses.
        const limit = Math.floor(MAX / sumFactor(correctives.length));
        const others = expenses.slice(1).reduce((s, e) => s + e.grossCents, 0) + staff.reduce((s, l) => s + l.costCents, 0);
        const gross = Math.max(0, limit - others) + (raw.scale === 'past the bound' ? 1 : 0);
        expenses[0] = { ...expenses[0]!, grossCents: gross, grantsCents: Math.floor(gross / 3) };
      }
      return {
        bodies,
        expenses,
        projects,
        staff,
        weights: { pcBasisPoints: raw.pcBasisPoints, populationBasisPoints: 10_000 - raw.pcBasisPoints },
        correctives,
      };
    }),
);

const outcome = (allocate: () => unknown) => {
  try {
    return { result: allocate() };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
};

describe('the number arithmetic gives the BigInt engine\'s allocation', () => {
  it('cent for cent and line for line, or the same refusal, whenever numbersSuffice holds; BigInt otherwise', () => {
    let compared = 0;
    let nearBound = 0;
    fc.assert(
      fc.property(inputArb, (input) => {
        const exact = outcome(() => allocateCostsIn('bigint', input));
        expect(outcome(() => allocateCosts(input))).toEqual(exact);
        if (numbersSuffice(input)) {
          compared += 1;
          const money = input.expenses.reduce((s, e) => s + e.grossCents, 0) + input.staff.reduce((s, l) => s + l.costCents, 0);
          if (money > MAX / sumFactor(input.correctives.length) / 2) nearBound += 1;
          expect(outcome(() => allocateCostsIn('number', input))).toEqual(exact);
        } else {
          expect(() => allocateCostsIn('number', input)).toThrow('need BigInt');
        }
      }),
      { numRuns: RUNS },
    );
    // The generator reaches both sides of the bound, and the fast path near it.
    expect(compared).toBeGreaterThan(RUNS / 3);
    expect(nearBound).toBeGreaterThan(RUNS / 20);
    expect(compared).toBeLessThan(RUNS);
  });

  it('numbersSuffice holds exactly up to the money its bound allows', () => {
    const body = (i: number): AllocationBody => ({ entityId: `b${i}`, name: `B${i}`, order: `${i}`, pcs: 1, population: 1 });
    const withMoney = (gross: number, correctives: Corrective[] = []): AllocationInput => ({
      bodies: [body(0), body(1)],
      expenses: [{ id: 'e', grossCents: gross, grantsCents: 0, category: 'CURRENT', projectId: null }],
      projects: [],
      staff: [],
      weights: { pcBasisPoints: 5000, populationBasisPoints: 5000 },
      correctives,
    });
    const cap: Corrective = { id: 'c', kind: 'MAX_SHARE', basisPoints: 6000, appliesTo: { populationBelow: 10 }, label: 'cap' };
    expect(numbersSuffice(withMoney(Math.floor(MAX / 6)))).toBe(true);
    expect(numbersSuffice(withMoney(Math.floor(MAX / 6) + 1))).toBe(false);
    expect(numbersSuffice(withMoney(Math.floor(MAX / 21), [cap]))).toBe(true);
    expect(numbersSuffice(withMoney(Math.floor(MAX / 21) + 1, [cap]))).toBe(false);
    // A national association: 7,900 bodies, 20 million euros, a corrective: well within.
    expect(numbersSuffice({ ...withMoney(2_000_000_000, [cap]), bodies: range(7900).map(body) })).toBe(true);
  });

  it('mulDivMod gives BigInt\'s quotient and remainder, below and above 2^53 products', () => {
    const operand = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 27 }), fc.integer({ min: 0, max: MAX }));
    fc.assert(
      fc.property(operand, operand, operand, (a, b, c) => {
        // As the engine calls it: b is a weight, c the total of the weights (b <= c, c > 0).
        const [weight, total] = b <= c ? [b, c] : [c, b];
        if (total === 0) return;
        const [q, r] = numberArithmetic.mulDivMod(a, weight, total);
        const [bq, br] = bigintArithmetic.mulDivMod(BigInt(a), BigInt(weight), BigInt(total));
        expect([q, r]).toEqual([Number(bq), Number(br)]);
      }),
      { numRuns: RUNS * 5 },
    );
    // Right at the edge: 2^53 - 1 = 6361 × 69431 × 20394401, and one more.
    expect(numberArithmetic.mulDivMod(6361 * 69431, 20394401, 20394401 + 7)).toEqual(
      bigintArithmetic.mulDivMod(BigInt(6361 * 69431), 20394401n, 20394408n).map(Number),
    );
    expect(numberArithmetic.mulDivMod(2 ** 26 + 1, 2 ** 27, 2 ** 27 + 3)).toEqual(
      bigintArithmetic.mulDivMod(BigInt(2 ** 26 + 1), 2n ** 27n, 2n ** 27n + 3n).map(Number),
    );
  });
});
