import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AllocationInputError,
  allocateCosts,
  type AllocationBody,
  type AllocationInput,
  type AllocationResult,
  type Corrective,
  type CorrectiveAppliesTo,
  type PoolSplit,
} from './allocate.ts';

/** Cases per property; fewer under mutation testing (vitest.mutation.config.ts). */
const RUNS = Number(process.env.GEA_PROPERTY_RUNS) || 500;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** A count that is 0 often enough to hit bodies with nothing. */
const count = (max: number) => fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 0, max }) });

const appliesMask = (appliesTo: CorrectiveAppliesTo, bodies: readonly AllocationBody[]) =>
  'entityIds' in appliesTo ? bodies.map((b) => appliesTo.entityIds.includes(b.entityId)) : bodies.map((b) => b.population < appliesTo.populationBelow);

const correctiveArb = (n: number) =>
  fc.record({
    kind: fc.constantFrom('MIN_POPULATION', 'MIN_SHARE', 'MAX_SHARE'),
    appliesTo: fc.oneof(
      fc.record({ ids: fc.subarray(range(n)) }),
      fc.record({ below: fc.oneof(fc.integer({ min: 0, max: 400_000 }), fc.constant(1_000_000)) }),
    ),
    minimumPopulation: fc.integer({ min: 0, max: 100_000 }),
    // Low values often, so that caps bite.
    basisPoints: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 1500 })),
    bump: fc.integer({ min: 0, max: 2 }),
  });

/** Random valid inputs: 1..40 bodies, 0..30 expenses, 0..4 projects, 0..5 staff loans, 0..4 correctives. */
const inputArb: fc.Arbitrary<AllocationInput> = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc
    .record({
      zero: fc.constantFrom('none', 'none', 'none', 'pcs', 'population', 'both'),
      pcs: fc.array(count(5000), { minLength: n, maxLength: n }),
      populations: fc.array(count(400_000), { minLength: n, maxLength: n }),
      orders: fc.uniqueArray(fc.integer({ min: 0, max: 999_999 }), { minLength: n, maxLength: n }),
      projects: fc.array(fc.subarray(range(n), { minLength: 1 }), { maxLength: 4 }),
      expenses: fc.array(
        fc.record({
          gross: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1_000_000_000 })),
          grantPermille: fc.oneof(fc.constant(0), fc.constant(1000), fc.integer({ min: 0, max: 1000 })),
          capital: fc.boolean(),
          project: fc.option(fc.nat(), { nil: null }),
        }),
        { maxLength: 30 },
      ),
      staff: fc.array(fc.record({ lender: fc.nat({ max: n - 1 }), cost: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000_000 })) }), { maxLength: 5 }),
      pcBasisPoints: fc.oneof(fc.constantFrom(0, 5000, 10_000), fc.integer({ min: 0, max: 10_000 })),
      correctives: fc.array(correctiveArb(n), { maxLength: 4 }),
    })
    .map((raw): AllocationInput => {
      const bodies: AllocationBody[] = range(n).map((i) => ({
        entityId: `b${i}`,
        name: `Body ${i}`,
        order: String(raw.orders[i]).padStart(6, '0'),
        pcs: raw.zero === 'pcs' || raw.zero === 'both' ? 0 : raw.pcs[i]!,
        population: raw.zero === 'population' || raw.zero === 'both' ? 0 : raw.populations[i]!,
      }));
      const projects = raw.projects.map((members, p) => ({ id: `p${p}`, name: `Project ${p}`, participantIds: members.map((i) => `b${i}`) }));
      const correctives = raw.correctives.map((c, k): Corrective => {
        const appliesTo: CorrectiveAppliesTo = 'ids' in c.appliesTo ? { entityIds: c.appliesTo.ids.map((i) => `b${i}`) } : { populationBelow: c.appliesTo.below };
        const applying = appliesMask(appliesTo, bodies).filter(Boolean).length;
        const common = { id: `c${k}`, label: `Corrective ${k}`, appliesTo };
        if (c.kind === 'MIN_POPULATION') return { ...common, kind: 'MIN_POPULATION', minimumPopulation: c.minimumPopulation };
        // Floors that fit in 100% (validation refuses the others, see the input-error tests).
        if (c.kind === 'MIN_SHARE') return { ...common, kind: 'MIN_SHARE', basisPoints: Math.floor(c.basisPoints / Math.max(1, applying)) };
        // Caps on every body must add up to at least 100%; at exactly 100% rounding may still leave a cent.
        const minimum = applying === n ? Math.min(10_000, Math.ceil(10_000 / n) + c.bump) : 0;
        return { ...common, kind: 'MAX_SHARE', basisPoints: Math.max(minimum, c.basisPoints) };
      });
      return {
        bodies,
        expenses: raw.expenses.map((e, x) => ({
          id: `e${x}`,
          grossCents: e.gross,
          grantsCents: Math.floor((e.gross * e.grantPermille) / 1000),
          category: e.capital ? 'CAPITAL' : 'CURRENT',
          projectId: e.project !== null && projects.length > 0 ? `p${e.project % projects.length}` : null,
        })),
        projects,
        staff: raw.staff.map((s, k) => ({ id: `s${k}`, lendingEntityId: `b${s.lender}`, personName: `Person ${k}`, costCents: s.cost })),
        weights: { pcBasisPoints: raw.pcBasisPoints, populationBasisPoints: 10_000 - raw.pcBasisPoints },
        correctives,
      };
    }),
);

/** The general pool, computed here independently of the engine. */
const generalPoolOf = (input: AllocationInput) =>
  input.expenses.filter((e) => !(e.category === 'CAPITAL' && e.projectId !== null)).reduce((s, e) => s + BigInt(e.grossCents - e.grantsCents), 0n) +
  input.staff.reduce((s, loan) => s + BigInt(loan.costCents), 0n);

/**
 * Allocates, or checks that the refusal is the one case the generator cannot rule out: caps on
 * every body whose sum, each rounded down to the cent, is below the pool.
 */
function run(input: AllocationInput): AllocationResult | null {
  try {
    return allocateCosts(input);
  } catch (error) {
    if (!(error instanceof AllocationInputError)) throw error;
    expect(error.issues).toHaveLength(1);
    const corrective = input.correctives[Number(error.issues[0]!.path[1])]!;
    expect(corrective.kind).toBe('MAX_SHARE');
    if (corrective.kind !== 'MAX_SHARE') return null;
    const pool = generalPoolOf(input);
    expect(appliesMask(corrective.appliesTo, input.bodies).every(Boolean)).toBe(true);
    expect(BigInt(input.bodies.length) * ((pool * BigInt(corrective.basisPoints)) / 10_000n) < pool).toBe(true);
    return null;
  }
}

const check = (predicate: (input: AllocationInput, result: AllocationResult) => void) =>
  fc.assert(
    fc.property(inputArb, (input) => {
      const result = run(input);
      if (result) predicate(input, result);
    }),
    { numRuns: RUNS },
  );

const sumOf = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
const lineOf = (body: AllocationResult['bodies'][number], correctiveId: string) => body.correctives.find((c) => c.correctiveId === correctiveId)?.amountCents ?? 0;

/** Weights a part of a pool was split by, over the given bodies. */
const basisWeights = (basis: PoolSplit['pcPartBasis'], bodies: readonly AllocationBody[]) =>
  bodies.map((b) => BigInt(basis === 'PCS' ? b.pcs : basis === 'POPULATION' ? b.population : 1));

/** |quota − part × w / W| < 1 for every quota, in exact integers: |quota × W − part × w| < W. */
function expectWithinACent(part: number, quotas: readonly number[], weights: readonly bigint[]) {
  const total = weights.reduce((s, w) => s + w, 0n);
  quotas.forEach((quota, i) => {
    const error = BigInt(quota) * total - BigInt(part) * weights[i]!;
    expect(error < total && error > -total, `quota ${quota} of ${part} with weight ${weights[i]}/${total}`).toBe(true);
  });
}

describe('allocateCosts properties', () => {
  it('(a) every body’s lines add up to its total', () => {
    check((input, result) => {
      for (const body of result.bodies) {
        const projects = body.projects.map((p) => {
          expect(p.pcQuotaCents + p.populationQuotaCents).toBe(p.amountCents);
          return p.amountCents;
        });
        const loans = input.staff.filter((loan) => loan.lendingEntityId === body.entityId);
        expect(body.staffLoans.map((l) => [l.staffLoanId, l.amountCents])).toEqual(loans.map((l) => [l.id, -l.costCents || 0]));
        expect(body.staffReimbursementCents).toBe(sumOf(body.staffLoans.map((l) => l.amountCents)));
        expect(body.staffReimbursementCents).toBeLessThanOrEqual(0);
        expect(body.totalCents).toBe(
          body.pcQuotaCents + body.populationQuotaCents + sumOf(body.correctives.map((c) => c.amountCents)) + sumOf(projects) + body.staffReimbursementCents,
        );
        expect(Number.isSafeInteger(body.totalCents)).toBe(true);
      }
    });
  });

  it('(b) the totals add up exactly to the net total', () => {
    check((input, result) => {
      const gross = sumOf(input.expenses.map((e) => e.grossCents));
      const grants = sumOf(input.expenses.map((e) => e.grantsCents));
      expect([result.grossTotalCents, result.grantsCents, result.netTotalCents]).toEqual([gross, grants, gross - grants]);
      expect(result.staffCostsCents).toBe(sumOf(input.staff.map((s) => s.costCents)));
      expect(sumOf(result.bodies.map((b) => b.totalCents))).toBe(result.netTotalCents);
    });
  });

  it('(c) each pool is distributed exactly', () => {
    check((input, result) => {
      expect(BigInt(result.generalPoolCents)).toBe(generalPoolOf(input));
      const split = result.generalPoolSplit;
      expect(split.pcPartCents + split.populationPartCents).toBe(result.generalPoolCents);
      expect(sumOf(result.bodies.map((b) => b.pcQuotaCents))).toBe(split.pcPartCents);
      expect(sumOf(result.bodies.map((b) => b.populationQuotaCents))).toBe(split.populationPartCents);
      expect(sumOf(result.bodies.map((b) => b.pcQuotaCents + b.populationQuotaCents + sumOf(b.correctives.map((c) => c.amountCents))))).toBe(
        result.generalPoolCents,
      );
      for (const pool of result.projectPools) {
        const capital = input.expenses.filter((e) => e.category === 'CAPITAL' && e.projectId === pool.projectId);
        expect(pool.cents).toBe(sumOf(capital.map((e) => e.grossCents - e.grantsCents)));
        const lines = result.bodies.flatMap((b) => b.projects.filter((p) => p.projectId === pool.projectId));
        expect(sumOf(lines.map((p) => p.amountCents))).toBe(pool.cents);
        expect(sumOf(lines.map((p) => p.pcQuotaCents))).toBe(pool.split.pcPartCents);
        expect(sumOf(lines.map((p) => p.populationQuotaCents))).toBe(pool.split.populationPartCents);
      }
      const withCapital = input.projects.filter((p) => input.expenses.some((e) => e.category === 'CAPITAL' && e.projectId === p.id));
      expect(result.projectPools.map((p) => p.projectId)).toEqual(withCapital.map((p) => p.id));
    });
  });

  it('(d) a non-participant gets nothing from a project', () => {
    check((input, result) => {
      for (const pool of result.projectPools) {
        const participants = new Set(input.projects.find((p) => p.id === pool.projectId)!.participantIds);
        expect(new Set(pool.participantIds)).toEqual(participants);
        for (const body of result.bodies) {
          expect(body.projects.some((p) => p.projectId === pool.projectId)).toBe(participants.has(body.entityId));
        }
      }
    });
  });

  it('(e) each corrective’s lines add up to zero', () => {
    check((input, result) => {
      for (const corrective of input.correctives) {
        expect(sumOf(result.bodies.map((b) => lineOf(b, corrective.id)))).toBe(0);
      }
      for (const body of result.bodies) {
        expect(body.correctives.every((c) => c.amountCents !== 0)).toBe(true);
        expect(body.correctives.map((c) => c.correctiveId)).toEqual(input.correctives.map((c) => c.id).filter((id) => lineOf(body, id) !== 0));
      }
    });
  });

  it('(f) right after each share corrective, floors and caps hold, and nobody it touches goes below zero', () => {
    check((input, result) => {
      const pool = BigInt(result.generalPoolCents);
      const general = result.bodies.map((b) => BigInt(b.pcQuotaCents + b.populationQuotaCents));
      for (const corrective of input.correctives) {
        const before = [...general];
        result.bodies.forEach((b, i) => {
          general[i]! += BigInt(lineOf(b, corrective.id));
        });
        if (corrective.kind === 'MIN_POPULATION') continue;
        const limit = (pool * BigInt(corrective.basisPoints)) / 10_000n;
        appliesMask(corrective.appliesTo, input.bodies).forEach((applies, i) => {
          if (applies && corrective.kind === 'MIN_SHARE') expect(general[i]! >= limit).toBe(true);
          if (applies && corrective.kind === 'MAX_SHARE') expect(general[i]! <= limit).toBe(true);
          if (before[i]! >= 0n) expect(general[i]! >= 0n).toBe(true);
        });
      }
    });
  });

  it('(g) without correctives, a body with more PCs and more population never pays less from the general pool', () => {
    fc.assert(
      fc.property(inputArb, (withCorrectives) => {
        const input = { ...withCorrectives, correctives: [] };
        const result = allocateCosts(input);
        const general = result.bodies.map((b) => b.pcQuotaCents + b.populationQuotaCents);
        input.bodies.forEach((a, i) => {
          input.bodies.forEach((b, j) => {
            if (a.pcs > b.pcs && a.population > b.population) expect(general[i]).toBeGreaterThanOrEqual(general[j]!);
          });
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('(h) no base quota is a cent or more away from its exact share', () => {
    check((input, result) => {
      const weights = input.weights;
      const pools = [
        { cents: result.generalPoolCents, split: result.generalPoolSplit, bodies: input.bodies, lines: result.bodies },
        ...result.projectPools.map((pool) => ({
          cents: pool.cents,
          split: pool.split,
          bodies: input.bodies.filter((b) => pool.participantIds.includes(b.entityId)),
          lines: result.bodies.flatMap((b) => b.projects.filter((p) => p.projectId === pool.projectId)),
        })),
      ];
      for (const { cents, split, bodies, lines } of pools) {
        expect(lines).toHaveLength(bodies.length);
        expectWithinACent(cents, [split.pcPartCents, split.populationPartCents], [BigInt(weights.pcBasisPoints), BigInt(weights.populationBasisPoints)]);
        expectWithinACent(split.pcPartCents, lines.map((l) => l.pcQuotaCents), basisWeights(split.pcPartBasis, bodies));
        expectWithinACent(split.populationPartCents, lines.map((l) => l.populationQuotaCents), basisWeights(split.populationPartBasis, bodies));
        const pcBasis = bodies.some((b) => b.pcs > 0) ? 'PCS' : bodies.some((b) => b.population > 0) ? 'POPULATION' : 'EQUAL';
        const populationBasis = bodies.some((b) => b.population > 0) ? 'POPULATION' : bodies.some((b) => b.pcs > 0) ? 'PCS' : 'EQUAL';
        expect([split.pcPartBasis, split.populationPartBasis]).toEqual([pcBasis, populationBasis]);
      }
    });
  });

  it('(i) shuffling the bodies changes nobody’s amounts (distinct order keys)', () => {
    fc.assert(
      fc.property(inputArb, fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (input, keys) => {
        const permutation = input.bodies.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
        const shuffled = { ...input, bodies: permutation.map((i) => input.bodies[i]!) };
        const result = run(input);
        const other = run(shuffled);
        expect(other === null).toBe(result === null);
        if (!result || !other) return;
        const byId = (r: AllocationResult) => Object.fromEntries(r.bodies.map((b) => [b.entityId, b]));
        expect(byId(other)).toEqual(byId(result));
        expect(other.bodies.map((b) => b.entityId)).toEqual(shuffled.bodies.map((b) => b.entityId));
        const pools = (r: AllocationResult) => r.projectPools.map((p) => ({ ...p, participantIds: [...p.participantIds].sort() }));
        expect(pools(other)).toEqual(pools(result));
        expect({ ...other, bodies: [], projectPools: [] }).toEqual({ ...result, bodies: [], projectPools: [] });
      }),
      { numRuns: RUNS },
    );
  });

  it('(j) MIN_POPULATION is the rule applied to the corrected populations: named bodies below the minimum counted at it, nobody lowered', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 200_000 }), fc.boolean(), (input, minimumPopulation, byList) => {
        const n = input.bodies.length;
        // Bodies picked by a rule of their position (a mix of below and above the minimum), or by a bound
        // around the minimum (below, equal or above it).
        const appliesTo: CorrectiveAppliesTo = byList
          ? { entityIds: input.bodies.filter((_, i) => (i * 7 + minimumPopulation) % 3 !== 0).map((b) => b.entityId) }
          : { populationBelow: Math.max(0, minimumPopulation + ((minimumPopulation % 5) - 2) * 1000) };
        const corrected = allocateCosts({ ...input, correctives: [{ id: 'm', kind: 'MIN_POPULATION', minimumPopulation, appliesTo, label: 'm' }] });
        const applies = appliesMask(appliesTo, input.bodies);
        // The same input with the populations written up by hand, and no corrective.
        const raised = allocateCosts({
          ...input,
          bodies: input.bodies.map((b, i) => ({ ...b, population: applies[i] ? Math.max(b.population, minimumPopulation) : b.population })),
          correctives: [],
        });
        expect(corrected.bodies).toHaveLength(n);
        corrected.bodies.forEach((b, i) => {
          expect(b.populationQuotaCents + lineOf(b, 'm')).toBe(raised.bodies[i]!.populationQuotaCents);
        });
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });

  it('(k) naming in a MIN_POPULATION a body at or above the minimum changes nothing', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 200_000 }), (input, minimumPopulation) => {
        const below = input.bodies.filter((b) => b.population < minimumPopulation).map((b) => b.entityId);
        const run = (entityIds: string[]) =>
          allocateCosts({ ...input, correctives: [{ id: 'm', kind: 'MIN_POPULATION', minimumPopulation, appliesTo: { entityIds }, label: 'm' }] });
        expect(run(input.bodies.map((b) => b.entityId))).toEqual(run(below));
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });

  it('(l) shuffling bodies that share one order key changes nobody’s amounts: the id breaks the ties', () => {
    fc.assert(
      fc.property(inputArb, fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (raw, keys) => {
        const input = { ...raw, bodies: raw.bodies.map((b) => ({ ...b, order: 'same' })) };
        const permutation = input.bodies.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
        const result = run(input);
        const other = run({ ...input, bodies: permutation.map((i) => input.bodies[i]!) });
        expect(other === null).toBe(result === null);
        if (!result || !other) return;
        const byId = (r: AllocationResult) => Object.fromEntries(r.bodies.map((b) => [b.entityId, b]));
        expect(byId(other)).toEqual(byId(result));
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });

  it('keeps amounts exact near the top of the safe range', () => {
    // 40 bodies, pools close to 2^53 cents: BigInt inside, and every result a safe integer.
    const bodies = range(40).map((i) => ({ entityId: `b${i}`, name: `B${i}`, order: String(i).padStart(2, '0'), pcs: 999_999_937 - i, population: 1_000_000_000 - 7 * i }));
    const result = allocateCosts({
      bodies,
      expenses: [
        { id: 'big', grossCents: 4_000_000_000_000_001, grantsCents: 3, category: 'CURRENT', projectId: null },
        { id: 'cap', grossCents: 4_000_000_000_000_003, grantsCents: 0, category: 'CAPITAL', projectId: 'p' },
      ],
      projects: [{ id: 'p', name: 'P', participantIds: bodies.filter((_, i) => i % 3 === 0).map((b) => b.entityId) }],
      staff: [{ id: 's', lendingEntityId: 'b7', personName: 'X', costCents: 1_000_000_000_000_000 }],
      weights: { pcBasisPoints: 3333, populationBasisPoints: 6667 },
      correctives: [{ id: 'cap', kind: 'MAX_SHARE', basisPoints: 250, appliesTo: { entityIds: ['b0', 'b1'] }, label: 'cap' }],
    });
    expect(result.netTotalCents).toBe(8_000_000_000_000_001);
    expect(result.bodies.reduce((s, b) => s + BigInt(b.totalCents), 0n)).toBe(8_000_000_000_000_001n);
    expect(result.bodies.every((b) => Number.isSafeInteger(b.totalCents))).toBe(true);
  });
});
