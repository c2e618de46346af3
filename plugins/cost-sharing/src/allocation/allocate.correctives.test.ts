import { describe, expect, it } from 'vitest';
import { allocateCosts, type AllocationInput, type AllocationResult, type Corrective } from './allocate.ts';

/**
 * The correctives of art. 13.3, each pinned body by body to figures worked out by hand. Every case
 * has one general pool (one CURRENT expense, no grants) and, unless said, population weight 100%,
 * so that a body's base amount is its population quota. Bodies are a, b, c... (order key = id).
 */
const body = (entityId: string, population: number, pcs = 0) => ({ entityId, name: entityId.toUpperCase(), order: entityId, pcs, population });
const inputOf = (bodies: ReturnType<typeof body>[], poolCents: number, correctives: Corrective[], pcBasisPoints = 0): AllocationInput => ({
  bodies,
  expenses: [{ id: 'x', grossCents: poolCents, grantsCents: 0, category: 'CURRENT', projectId: null }],
  projects: [],
  staff: [],
  weights: { pcBasisPoints, populationBasisPoints: 10_000 - pcBasisPoints },
  correctives,
});
const minPopulation = (id: string, minimumPopulation: number, appliesTo: Corrective['appliesTo']): Corrective => ({
  id,
  kind: 'MIN_POPULATION',
  minimumPopulation,
  appliesTo,
  label: `min ${minimumPopulation}`,
});
const share = (id: string, kind: 'MIN_SHARE' | 'MAX_SHARE', basisPoints: number, appliesTo: Corrective['appliesTo']): Corrective => ({
  id,
  kind,
  basisPoints,
  appliesTo,
  label: `${kind} ${basisPoints}`,
});
/** Per body: [base pc quota, base population quota, corrective lines as [id, cents]..., total]. */
const lines = (result: AllocationResult) =>
  result.bodies.map((b) => [b.pcQuotaCents, b.populationQuotaCents, ...b.correctives.map((c) => [c.correctiveId, c.amountCents]), b.totalCents]);

describe('MIN_POPULATION', () => {
  it('raises a named body below the minimum and never lowers a named body above it', () => {
    // a 9 000, b 900, c 100 residents; minimum 1 000 for a and c (a is named but above the minimum).
    // Base, 10 000 c over 9 000 : 900 : 100 → 9 000, 900, 100.
    // Corrected populations 9 000 : 900 : 1 000 (a stays at 9 000), W 10 900:
    //   a 90 000 000 / 10 900 = 8 256 rem 9 600
    //   b  9 000 000 / 10 900 =   825 rem 7 500
    //   c 10 000 000 / 10 900 =   917 rem 4 700
    //   floors 9 998, 2 cents left → a, b (largest remainders): 8 257, 826, 917.
    // Lines: a −743, b −74, c +817 (sum 0).
    const result = allocateCosts(inputOf([body('a', 9000), body('b', 900), body('c', 100)], 10_000, [minPopulation('m', 1000, { entityIds: ['a', 'c'] })]));
    expect(lines(result)).toEqual([
      [0, 9000, ['m', -743], 8257],
      [0, 900, ['m', -74], 826],
      [0, 100, ['m', 817], 917],
    ]);
  });

  it('leaves a body exactly at the population bound out of `populationBelow`', () => {
    // Bodies under 1 000 residents: c (999) only; b has exactly 1 000 and is not below it.
    // Base: 10 000 c over 8 001 : 1 000 : 999 (W 10 000) → 8 001, 1 000, 999 exactly.
    // c counted at 2 000: W 11 001:
    //   a 80 010 000 / 11 001 = 7 272 rem 10 728
    //   b 10 000 000 / 11 001 =   909 rem     91
    //   c 20 000 000 / 11 001 = 1 818 rem    182
    //   floors 9 999, 1 cent left → a: 7 273, 909, 1 818.
    // Lines: a −728, b −91, c +819.
    const result = allocateCosts(inputOf([body('a', 8001), body('b', 1000), body('c', 999)], 10_000, [minPopulation('m', 2000, { populationBelow: 1000 })]));
    expect(lines(result)).toEqual([
      [0, 8001, ['m', -728], 7273],
      [0, 1000, ['m', -91], 909],
      [0, 999, ['m', 819], 1818],
    ]);
  });

  it('a second MIN_POPULATION starts from the populations the first one set', () => {
    // a 9 000, b 900, c 100; first c counted at 2 000, then every body under 1 000 registered residents
    // (b and c) at 1 000 at least: c keeps 2 000 (its corrected count), b goes to 1 000.
    // Base: 9 000, 900, 100.
    // After the first (9 000 : 900 : 2 000, W 11 900):
    //   a 90 000 000 / 11 900 = 7 563 rem 300; b 9 000 000 / 11 900 = 756 rem 3 600;
    //   c 20 000 000 / 11 900 = 1 680 rem 8 000; 1 cent left → c: 7 563, 756, 1 681.
    //   Lines: a −1 437, b −144, c +1 581.
    // After the second (9 000 : 1 000 : 2 000, W 12 000):
    //   a 7 500 exactly; b 10 000 000 / 12 000 = 833 rem 4 000; c 20 000 000 / 12 000 = 1 666 rem 8 000;
    //   1 cent left → c: 7 500, 833, 1 667. Lines (against the first's result): a −63, b +77, c −14.
    const result = allocateCosts(
      inputOf([body('a', 9000), body('b', 900), body('c', 100)], 10_000, [
        minPopulation('first', 2000, { entityIds: ['c'] }),
        minPopulation('second', 1000, { populationBelow: 1000 }),
      ]),
    );
    expect(lines(result)).toEqual([
      [0, 9000, ['first', -1437], ['second', -63], 7500],
      [0, 900, ['first', -144], ['second', 77], 833],
      [0, 100, ['first', 1581], ['second', -14], 1667],
    ]);
  });

  it('does not touch the PC part, even when that part is split by population', () => {
    // Nobody has PCs; weights 50/50; a 3, b 1 residents; 1 000 c → parts 500 + 500.
    // PC part by population 3 : 1 → 375, 125; population part 375, 125.
    // b counted at 3: population part 500 over 3 : 3 → 250, 250: lines a −125, b +125. PC part unchanged.
    const result = allocateCosts(inputOf([body('a', 3), body('b', 1)], 1000, [minPopulation('m', 3, { entityIds: ['b'] })], 5000));
    expect(lines(result)).toEqual([
      [375, 375, ['m', -125], 625],
      [125, 125, ['m', 125], 375],
    ]);
    expect(result.generalPoolSplit).toEqual({ pcPartCents: 500, populationPartCents: 500, pcPartBasis: 'POPULATION', populationPartBasis: 'POPULATION' });
  });

  it('with no population even after correction, keeps splitting the population part by PCs', () => {
    // Population weight 100%, nobody has residents: the part goes by PCs 3 : 1 → 750, 250. A minimum of
    // 0 residents changes nothing, so there is no line.
    const result = allocateCosts(inputOf([body('a', 0, 3), body('b', 0, 1)], 1000, [minPopulation('m', 0, { populationBelow: 5 })]));
    expect(lines(result)).toEqual([
      [0, 750, 750],
      [0, 250, 250],
    ]);
  });
});

describe('MIN_SHARE', () => {
  it('raises a named body below the floor and never lowers a named body above it', () => {
    // a 7 000, b 2 000, c 1 000 of 10 000 c; floor 15% = 1 500 for b and c. b is above it: only c is
    // raised, by 500, taken from a and b in proportion to 7 000 : 2 000 (W 9 000):
    //   a 500 × 7 000 / 9 000 = 388 rem 8 000; b 500 × 2 000 / 9 000 = 111 rem 1 000; 1 cent left → a.
    // Lines: a −389, b −111, c +500; b ends at 1 889, still above the floor.
    const result = allocateCosts(inputOf([body('a', 7000), body('b', 2000), body('c', 1000)], 10_000, [share('f', 'MIN_SHARE', 1500, { entityIds: ['b', 'c'] })]));
    expect(lines(result)).toEqual([
      [0, 7000, ['f', -389], 6611],
      [0, 2000, ['f', -111], 1889],
      [0, 1000, ['f', 500], 1500],
    ]);
  });

  it('the floor is rounded down to the cent, and a body exactly at it is not raised', () => {
    // 10 001 c over 5 001 : 4 000 : 1 000 (W 10 001) → 5 001, 4 000, 1 000 exactly.
    // Floor 10% of 10 001 c = 1 000.1 → 1 000 (rounded down): c, the one body under 5 000 residents, is
    // exactly at the floor, so nobody moves and there is no line (a floor rounded up, 1 001, would raise c).
    const result = allocateCosts(inputOf([body('a', 5001), body('b', 4000), body('c', 1000)], 10_001, [share('f', 'MIN_SHARE', 1000, { populationBelow: 5000 })]));
    expect(lines(result)).toEqual([
      [0, 5001, 5001],
      [0, 4000, 4000],
      [0, 1000, 1000],
    ]);
  });

  it('floors adding up to 100% take everything the other bodies hold', () => {
    // c has every resident: 10 000 c → a 0, b 0, c 10 000. Floors of 50% (5 000) for a and b: raised by
    // 5 000 each, and c, the one payer, holds exactly the 10 000 to pay: it ends at 0.
    const result = allocateCosts(inputOf([body('a', 0), body('b', 0), body('c', 1)], 10_000, [share('f', 'MIN_SHARE', 5000, { entityIds: ['a', 'b'] })]));
    expect(lines(result)).toEqual([
      [0, 0, ['f', 5000], 5000],
      [0, 0, ['f', 5000], 5000],
      [0, 10_000, ['f', -10_000], 0],
    ]);
  });

  it('a body the floor does not apply to may pay down below the floor', () => {
    // a 6 000, b 2 500, c 1 500 of 10 000 c; floor 30% = 3 000 for c only. c raised by 1 500, paid by a and
    // b in proportion to 6 000 : 2 500 (W 8 500): a 9 000 000 / 8 500 = 1 058 rem 7 000; b 3 750 000 / 8 500
    // = 441 rem 1 500; 1 cent left → a: 1 059, 441. b ends at 2 059, under the floor, but the floor is not its.
    const result = allocateCosts(inputOf([body('a', 6000), body('b', 2500), body('c', 1500)], 10_000, [share('f', 'MIN_SHARE', 3000, { entityIds: ['c'] })]));
    expect(lines(result)).toEqual([
      [0, 6000, ['f', -1059], 4941],
      [0, 2500, ['f', -441], 2059],
      [0, 1500, ['f', 1500], 3000],
    ]);
  });

  it('a body that would fall below the floor by paying is raised as well, and pays nothing', () => {
    // a 6 000, b 2 100, c 1 900 of 10 000 c; floor 20% = 2 000 for b and c.
    // Round 1: c raised by 100, paid by a and b in proportion to 6 000 : 2 100 (W 8 100):
    //   a 100 × 6 000 / 8 100 = 74 rem 600; b 100 × 2 100 / 8 100 = 25 rem 7 500; 1 cent left → b: 74, 26.
    //   b would end at 2 074 ≥ 2 000: stays a payer. Lines: a −74, b −26, c +100.
    const result = allocateCosts(inputOf([body('a', 6000), body('b', 2100), body('c', 1900)], 10_000, [share('f', 'MIN_SHARE', 2000, { populationBelow: 3000 })]));
    expect(lines(result)).toEqual([
      [0, 6000, ['f', -74], 5926],
      [0, 2100, ['f', -26], 2074],
      [0, 1900, ['f', 100], 2000],
    ]);
    // a 6 090, b 2 010, c 1 900: same floor, b and c under 3 000 residents.
    // Round 1: c raised by 100, paid by a and b in proportion to 6 090 : 2 010 (W 8 100):
    //   a 609 000 / 8 100 = 75 rem 1 500; b 201 000 / 8 100 = 24 rem 6 600; 1 cent left → b: 75, 25.
    //   b would end at 1 985 < 2 000: b is raised too (to the floor) and the split is done again.
    // Round 2: raised c (+100) and b (2 000 − 2 010 = −10): 90 left to raise, all paid by a.
    // Lines: a −90, b −10, c +100.
    const second = allocateCosts(inputOf([body('a', 6090), body('b', 2010), body('c', 1900)], 10_000, [share('f', 'MIN_SHARE', 2000, { populationBelow: 3000 })]));
    expect(lines(second)).toEqual([
      [0, 6090, ['f', -90], 6000],
      [0, 2010, ['f', -10], 2000],
      [0, 1900, ['f', 100], 2000],
    ]);
  });
});

describe('MAX_SHARE', () => {
  it('lowers a named body above the cap and never raises a named body below it', () => {
    // a 6 000, b 3 000, c 1 000 of 10 000 c; cap 40% = 4 000 for a and c. c is below: only a is lowered,
    // by 2 000, given to b and c in proportion to 3 000 : 1 000 → 1 500, 500. b is not capped (4 500).
    const result = allocateCosts(inputOf([body('a', 600), body('b', 300), body('c', 100)], 10_000, [share('cap', 'MAX_SHARE', 4000, { entityIds: ['a', 'c'] })]));
    expect(lines(result)).toEqual([
      [0, 6000, ['cap', -2000], 4000],
      [0, 3000, ['cap', 1500], 4500],
      [0, 1000, ['cap', 500], 1500],
    ]);
  });

  it('gives the excess in equal parts when every receiver holds nothing', () => {
    // a has every resident: 101 c → a 101, b 0, c 0. Cap 50% of 101 = 50.5 → 50 for a: excess 51 to b and
    // c, who hold 0 each, so equally: 25.5 each → floors 25 + 25, 1 cent left; remainders and weights tie,
    // order key "b" < "c" → b 26, c 25.
    const result = allocateCosts(inputOf([body('a', 1), body('b', 0), body('c', 0)], 101, [share('cap', 'MAX_SHARE', 5000, { entityIds: ['a'] })]));
    expect(lines(result)).toEqual([
      [0, 101, ['cap', -51], 50],
      [0, 0, ['cap', 26], 26],
      [0, 0, ['cap', 25], 25],
    ]);
  });

  it('leaves a body exactly at the cap alone', () => {
    // 10 000 c over 5 000 : 5 000, cap 50% = 5 000 for both: nobody is above it, no line.
    const result = allocateCosts(inputOf([body('a', 1), body('b', 1)], 10_000, [share('cap', 'MAX_SHARE', 5000, { populationBelow: 10 })]));
    expect(lines(result)).toEqual([
      [0, 5000, 5000],
      [0, 5000, 5000],
    ]);
  });
});

describe('correctives after a MIN_POPULATION that left a body below zero', () => {
  it('count negative amounts as nothing when they split a cap', () => {
    // a 100, b 100, c 0 residents, 10 000 c → a 5 000, b 5 000, c 0.
    // 1. MIN_SHARE 50% for c: c raised by 5 000, paid by a and b 2 500 each → a 2 500, b 2 500, c 5 000.
    // 2. MIN_POPULATION c counted at 9 800: population part 10 000 over 100 : 100 : 9 800 (W 10 000)
    //    → 100, 100, 9 800; lines against the base 5 000, 5 000, 0: a −4 900, b −4 900, c +9 800.
    //    General amounts now a −2 400, b −2 400, c 14 800.
    // 3. MAX_SHARE 60% = 6 000 for c: excess 8 800 to a and b, who hold less than nothing: they count as
    //    0 each, so the excess is split equally, 4 400 each → a 2 000, b 2 000, c 6 000.
    const result = allocateCosts(
      inputOf([body('a', 100), body('b', 100), body('c', 0)], 10_000, [
        share('floor', 'MIN_SHARE', 5000, { entityIds: ['c'] }),
        minPopulation('pop', 9800, { entityIds: ['c'] }),
        share('cap', 'MAX_SHARE', 6000, { entityIds: ['c'] }),
      ]),
    );
    expect(lines(result)).toEqual([
      [0, 5000, ['floor', -2500], ['pop', -4900], ['cap', 4400], 2000],
      [0, 5000, ['floor', -2500], ['pop', -4900], ['cap', 4400], 2000],
      [0, 0, ['floor', 5000], ['pop', 9800], ['cap', -8800], 6000],
    ]);
  });

  it('count negative amounts as nothing when they pay a floor', () => {
    // Steps 1 and 2 as above: a −2 400, b −2 400, c 14 800.
    // 3. MIN_SHARE 5% = 500 for a: a raised by 2 900, paid by b and c in proportion to their amounts,
    //    b's counting as 0: c pays it all. a 500, b −2 400 (its negative amount stays), c 11 900.
    const result = allocateCosts(
      inputOf([body('a', 100), body('b', 100), body('c', 0)], 10_000, [
        share('floor', 'MIN_SHARE', 5000, { entityIds: ['c'] }),
        minPopulation('pop', 9800, { entityIds: ['c'] }),
        share('floor2', 'MIN_SHARE', 500, { entityIds: ['a'] }),
      ]),
    );
    expect(lines(result)).toEqual([
      [0, 5000, ['floor', -2500], ['pop', -4900], ['floor2', 2900], 500],
      [0, 5000, ['floor', -2500], ['pop', -4900], -2400],
      [0, 0, ['floor', 5000], ['pop', 9800], ['floor2', -2900], 11900],
    ]);
  });
});
