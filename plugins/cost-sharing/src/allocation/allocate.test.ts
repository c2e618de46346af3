import { describe, expect, it } from 'vitest';
import { AllocationInputError, allocateCosts, type AllocationInput, type AllocationIssue, type BodyAllocation, type Corrective } from './allocate.ts';
import { workedExample } from './worked-example.fixture.ts';

/**
 * Worked example, computed by hand.
 *
 * Bodies (order key = ISTAT code):
 *   Pontassieve  300 PCs  20 000 residents
 *   Pelago       150 PCs   8 000 residents
 *   San Godenzo   50 PCs   2 000 residents
 *   totals       500 PCs  30 000 residents    weights 50% / 50% (5000 / 5000 basis points)
 *
 * Expenses:
 *   e1 CURRENT, no project:  gross 12 200,01 € (1 220 001 c), grants 2 200,00 € (220 000 c) → net 1 000 001 c
 *   e2 CAPITAL, project SUAP: gross 6 100,00 € (610 000 c),  grants 1 099,99 € (109 999 c) → net   500 001 c
 *   gross total 1 830 001 c, grants 329 999 c, net total 1 500 002 c
 * Staff lent in kind: Pelago lends Mario Rossi, 15 000,00 € (1 500 000 c).
 *
 * General pool = 1 000 001 (e1) + 1 500 000 (staff) = 2 500 001 c.
 *   PC / population parts: 2 500 001 × 5000/10000 = 1 250 000.5 each → floors 1 250 000 + 1 250 000,
 *   1 cent left, remainders and weights equal → the PC part comes first: PC 1 250 001, population 1 250 000.
 *   PC part over 300:150:50 (W 500):
 *     Pontassieve 1 250 001 × 300/500 = 750 000.6 → 750 000 (rem .6)
 *     Pelago      1 250 001 × 150/500 = 375 000.3 → 375 000 (rem .3)
 *     San Godenzo 1 250 001 ×  50/500 = 125 000.1 → 125 000 (rem .1)
 *     floors 1 250 000, 1 left → largest remainder: Pontassieve 750 001.
 *   Population part over 20 000:8 000:2 000 (W 30 000):
 *     Pontassieve 1 250 000 × 2/3  = 833 333.33 → 833 333
 *     Pelago      1 250 000 × 8/30 = 333 333.33 → 333 333
 *     San Godenzo 1 250 000 × 1/15 =  83 333.33 →  83 333
 *     floors 1 249 999, 1 left; the three remainders are equal (10 000/30 000), so the larger weight
 *     wins: Pontassieve 833 334.
 *   Base: Pontassieve 1 583 335, Pelago 708 333, San Godenzo 208 333 (sum 2 500 001).
 *
 * Corrective MIN_SHARE 10% (1000 bp) for bodies under 5 000 residents (San Godenzo only):
 *   floor = floor(2 500 001 × 1000 / 10000) = floor(250 000.1) = 250 000; San Godenzo 208 333 → +41 667.
 *   Taken from Pontassieve and Pelago in proportion to 1 583 335 : 708 333 (S 2 291 668):
 *     Pontassieve 41 667 × 1 583 335 / 2 291 668 = 65 972 819 445 / 2 291 668 = 28 788 rem   281 061
 *     Pelago      41 667 ×   708 333 / 2 291 668 = 29 514 111 111 / 2 291 668 = 12 878 rem 2 010 607
 *     floors 41 666, 1 left → Pelago (larger remainder): Pontassieve −28 788, Pelago −12 879.
 *
 * Project SUAP pool = 500 001 c, participants Pontassieve and San Godenzo (Pelago does not join):
 *   parts: 250 000.5 each → PC 250 001, population 250 000 (tie → PC part first).
 *   PC part over 300:50 (W 350): Pontassieve 214 286.57 → 214 286, San Godenzo 35 714.43 → 35 714;
 *     1 left → Pontassieve (rem .57): 214 287 / 35 714.
 *   Population part over 20 000:2 000 (W 22 000): Pontassieve 227 272.73 → 227 272,
 *     San Godenzo 22 727.27 → 22 727; 1 left → Pontassieve: 227 273 / 22 727.
 *   Pontassieve 441 560, San Godenzo 58 441 (sum 500 001).
 *
 * Totals:
 *   Pontassieve 750 001 + 833 334 − 28 788 + 441 560            =  1 996 107
 *   Pelago      375 000 + 333 333 − 12 879 − 1 500 000          =   −804 546
 *   San Godenzo 125 000 +  83 333 + 41 667 +  58 441            =    308 441
 *   sum = 1 500 002 = net total.
 *
 * The input is in worked-example.fixture.ts (explain.test.ts uses it too).
 */

const pop = (entityId: string, population: number, pcs = 0) => ({ entityId, name: entityId, order: entityId, pcs, population });
const populationOnly = (populations: number[], poolCents: number, correctives: Corrective[]): AllocationInput => ({
  bodies: populations.map((population, i) => pop(String.fromCharCode(97 + i), population)),
  expenses: [{ id: 'x', grossCents: poolCents, grantsCents: 0, category: 'CURRENT', projectId: null }],
  projects: [],
  staff: [],
  weights: { pcBasisPoints: 0, populationBasisPoints: 10_000 },
  correctives,
});
const general = (body: BodyAllocation) => body.pcQuotaCents + body.populationQuotaCents + body.correctives.reduce((s, c) => s + c.amountCents, 0);

describe('allocateCosts: worked example', () => {
  const result = allocateCosts(workedExample);

  it('computes the totals and the pools', () => {
    expect(result).toMatchObject({
      grossTotalCents: 1_830_001,
      grantsCents: 329_999,
      netTotalCents: 1_500_002,
      staffCostsCents: 1_500_000,
      generalPoolCents: 2_500_001,
      generalPoolSplit: { pcPartCents: 1_250_001, populationPartCents: 1_250_000, pcPartBasis: 'PCS', populationPartBasis: 'POPULATION' },
      projectPools: [
        {
          projectId: 'suap',
          name: 'SUAP associato',
          cents: 500_001,
          participantIds: ['pontassieve', 'san-godenzo'],
          split: { pcPartCents: 250_001, populationPartCents: 250_000, pcPartBasis: 'PCS', populationPartBasis: 'POPULATION' },
        },
      ],
    });
  });

  it('computes every line of every body', () => {
    expect(result.bodies).toEqual([
      {
        entityId: 'pontassieve',
        name: 'Pontassieve',
        pcs: 300,
        population: 20_000,
        pcShare: 0.6,
        populationShare: 20_000 / 30_000,
        pcQuotaCents: 750_001,
        populationQuotaCents: 833_334,
        correctives: [{ correctiveId: 'floor10', label: 'Quota minima 10%', amountCents: -28_788 }],
        projects: [{ projectId: 'suap', name: 'SUAP associato', pcQuotaCents: 214_287, populationQuotaCents: 227_273, amountCents: 441_560 }],
        staffReimbursementCents: 0,
        staffLoans: [],
        totalCents: 1_996_107,
      },
      {
        entityId: 'pelago',
        name: 'Pelago',
        pcs: 150,
        population: 8_000,
        pcShare: 0.3,
        populationShare: 8_000 / 30_000,
        pcQuotaCents: 375_000,
        populationQuotaCents: 333_333,
        correctives: [{ correctiveId: 'floor10', label: 'Quota minima 10%', amountCents: -12_879 }],
        projects: [],
        staffReimbursementCents: -1_500_000,
        staffLoans: [{ staffLoanId: 's1', personName: 'Mario Rossi', amountCents: -1_500_000 }],
        totalCents: -804_546,
      },
      {
        entityId: 'san-godenzo',
        name: 'San Godenzo',
        pcs: 50,
        population: 2_000,
        pcShare: 0.1,
        populationShare: 2_000 / 30_000,
        pcQuotaCents: 125_000,
        populationQuotaCents: 83_333,
        correctives: [{ correctiveId: 'floor10', label: 'Quota minima 10%', amountCents: 41_667 }],
        projects: [{ projectId: 'suap', name: 'SUAP associato', pcQuotaCents: 35_714, populationQuotaCents: 22_727, amountCents: 58_441 }],
        staffReimbursementCents: 0,
        staffLoans: [],
        totalCents: 308_441,
      },
    ]);
    expect(result.bodies.reduce((s, b) => s + b.totalCents, 0)).toBe(1_500_002);
  });

  it('does not depend on the order of the bodies in the input', () => {
    const reversed = allocateCosts({ ...workedExample, bodies: [...workedExample.bodies].reverse() });
    expect(reversed.bodies).toEqual([...result.bodies].reverse());
  });
});

describe('allocateCosts: rule details', () => {
  it('MIN_POPULATION counts small bodies at the minimum in the population part', () => {
    // 10 000 c over 9 000 : 900 : 100 → 9 000, 900, 100. With b and c at 1 000 (W 11 000):
    // a 8 181.82 → 8 181 (+1, largest remainder) = 8 182, b 909.09 → 909, c 909.09 → 909.
    const result = allocateCosts(
      populationOnly([9000, 900, 100], 10_000, [{ id: 'm', kind: 'MIN_POPULATION', minimumPopulation: 1000, appliesTo: { populationBelow: 1000 }, label: 'Min 1000' }]),
    );
    expect(result.bodies.map((b) => b.populationQuotaCents)).toEqual([9000, 900, 100]);
    expect(result.bodies.map((b) => b.correctives.map((c) => c.amountCents))).toEqual([[-818], [9], [809]]);
    expect(result.bodies.map((b) => b.totalCents)).toEqual([8182, 909, 909]);
  });

  it('MAX_SHARE caps a body and, when the excess pushes another capped body over, caps it too', () => {
    // 10 000 c over 600 : 300 : 100 → 6 000, 3 000, 1 000; cap 40% = 4 000 for everybody.
    // a is lowered by 2 000 (to 4 000); b and c would get 1 500 and 500 → b at 4 500 over the cap, so b is
    // capped too (+1 000 to 4 000) and the remaining excess 1 000 goes to c → 2 000.
    const result = allocateCosts(
      populationOnly([600, 300, 100], 10_000, [{ id: 'cap', kind: 'MAX_SHARE', basisPoints: 4000, appliesTo: { populationBelow: 1_000_000 }, label: 'Tetto 40%' }]),
    );
    expect(result.bodies.map((b) => b.correctives.map((c) => c.amountCents))).toEqual([[-2000], [1000], [1000]]);
    expect(result.bodies.map((b) => b.totalCents)).toEqual([4000, 4000, 2000]);
    // Only a capped: the excess goes to b and c in proportion to 3 000 : 1 000.
    const only = allocateCosts(
      populationOnly([600, 300, 100], 10_000, [{ id: 'cap', kind: 'MAX_SHARE', basisPoints: 4000, appliesTo: { entityIds: ['a'] }, label: 'Tetto 40%' }]),
    );
    expect(only.bodies.map((b) => b.totalCents)).toEqual([4000, 4500, 1500]);
  });

  it('MIN_SHARE raises a body and raises too any small body that paying would push below the floor', () => {
    // 10 000 c over 7 100 : 1 000 : 1 000 : 900; floor 10% = 1 000 for bodies under 5 000 residents.
    // d is raised by 100; b and c, at the floor, would pay part of it and fall below: they are exempted,
    // and a pays the whole 100. b and c have no line (their amount does not change).
    const result = allocateCosts(
      populationOnly([7100, 1000, 1000, 900], 10_000, [{ id: 'f', kind: 'MIN_SHARE', basisPoints: 1000, appliesTo: { populationBelow: 5000 }, label: 'Minimo 10%' }]),
    );
    expect(result.bodies.map((b) => b.correctives.map((c) => c.amountCents))).toEqual([[-100], [], [], [100]]);
    expect(result.bodies.map(general)).toEqual([7000, 1000, 1000, 1000]);
  });

  it('correctives apply in order, each on the result of the previous ones', () => {
    // Cap a at 50% (6 000 → 5 000: b +750, c +250), then floor c at 20% (1 250 → 2 000: +750, taken from
    // a 5 000 and b 3 750 in proportion: 428.57 → 428 (+1 remainder .57 > .43) = 429, b 321).
    const result = allocateCosts(
      populationOnly([600, 300, 100], 10_000, [
        { id: 'cap', kind: 'MAX_SHARE', basisPoints: 5000, appliesTo: { entityIds: ['a'] }, label: 'Tetto 50%' },
        { id: 'floor', kind: 'MIN_SHARE', basisPoints: 2000, appliesTo: { entityIds: ['c'] }, label: 'Minimo 20%' },
      ]),
    );
    expect(result.bodies.map((b) => b.correctives.map((c) => [c.correctiveId, c.amountCents]))).toEqual([
      [['cap', -1000], ['floor', -429]],
      [['cap', 750], ['floor', -321]],
      [['cap', 250], ['floor', 750]],
    ]);
    expect(result.bodies.map((b) => b.totalCents)).toEqual([4571, 3429, 2000]);
  });

  it('splits the PC part by population when no body has PCs, and equally when nobody has either', () => {
    const noPcs = allocateCosts(populationOnly([3, 1], 1000, []));
    expect(noPcs.bodies.map((b) => b.populationQuotaCents)).toEqual([750, 250]);
    const weighted = allocateCosts({ ...populationOnly([3, 1], 1000, []), weights: { pcBasisPoints: 5000, populationBasisPoints: 5000 } });
    expect(weighted.generalPoolSplit).toEqual({ pcPartCents: 500, populationPartCents: 500, pcPartBasis: 'POPULATION', populationPartBasis: 'POPULATION' });
    expect(weighted.bodies.map((b) => [b.pcQuotaCents, b.populationQuotaCents])).toEqual([[375, 375], [125, 125]]);
    const nothing = allocateCosts({ ...populationOnly([0, 0, 0], 1000, []), weights: { pcBasisPoints: 5000, populationBasisPoints: 5000 } });
    expect(nothing.generalPoolSplit).toMatchObject({ pcPartBasis: 'EQUAL', populationPartBasis: 'EQUAL' });
    // Each part, 500 c over three: 166.67 each, floors 498; remainders and weights tie → a and b (order).
    expect(nothing.bodies.map((b) => [b.pcQuotaCents, b.populationQuotaCents])).toEqual([[167, 167], [167, 167], [166, 166]]);
    expect(nothing.bodies.map((b) => [b.pcShare, b.populationShare])).toEqual([[0, 0], [0, 0], [0, 0]]);
  });

  it('puts current expenses of a project in the general pool, and lists capital pools of zero', () => {
    const result = allocateCosts({
      ...populationOnly([1, 1], 0, []),
      expenses: [
        { id: 'current', grossCents: 100, grantsCents: 0, category: 'CURRENT', projectId: 'p' },
        { id: 'capital', grossCents: 50, grantsCents: 50, category: 'CAPITAL', projectId: 'p' },
        { id: 'general-capital', grossCents: 10, grantsCents: 0, category: 'CAPITAL', projectId: null },
      ],
      projects: [
        { id: 'p', name: 'P', participantIds: ['a'] },
        { id: 'q', name: 'Q', participantIds: ['b'] },
      ],
    });
    expect(result.generalPoolCents).toBe(110);
    expect(result.projectPools.map((p) => [p.projectId, p.cents])).toEqual([['p', 0]]);
    expect(result.bodies.map((b) => b.projects.map((p) => [p.projectId, p.amountCents]))).toEqual([[['p', 0]], []]);
  });
});

describe('allocateCosts: input errors', () => {
  const issuesOf = (input: AllocationInput): AllocationIssue[] => {
    try {
      allocateCosts(input);
    } catch (error) {
      expect(error).toBeInstanceOf(AllocationInputError);
      return (error as AllocationInputError).issues;
    }
    throw new Error('expected an AllocationInputError');
  };
  const base = workedExample;
  const withBody = (i: number, change: object) => ({ ...base, bodies: base.bodies.map((b, k) => (k === i ? { ...b, ...change } : b)) });
  const withExpense = (i: number, change: object) => ({ ...base, expenses: base.expenses.map((e, k) => (k === i ? { ...e, ...change } : e)) });

  it.each([
    ['negative gross', withExpense(0, { grossCents: -1 }), ['expenses', '0', 'grossCents'], 'must not be negative (got -1)'],
    ['negative grants', withExpense(1, { grantsCents: -5 }), ['expenses', '1', 'grantsCents'], 'must not be negative (got -5)'],
    ['grants over gross', withExpense(0, { grantsCents: 1_220_002 }), ['expenses', '0', 'grantsCents'], 'grants (1220002 cents) exceed the gross amount (1220001 cents)'],
    ['non-integer cents', withExpense(0, { grossCents: 10.5 }), ['expenses', '0', 'grossCents'], 'must be a whole number of cents (got 10.5)'],
    ['NaN cents', withExpense(0, { grossCents: Number.NaN }), ['expenses', '0', 'grossCents'], 'must be a whole number of cents'],
    ['unsafe integer', withExpense(0, { grossCents: 2 ** 53 }), ['expenses', '0', 'grossCents'], `is too large (over ${Number.MAX_SAFE_INTEGER})`],
    ['unknown category', withExpense(0, { category: 'OTHER' }), ['expenses', '0', 'category'], 'must be CURRENT or CAPITAL (got OTHER)'],
    ['unknown project', withExpense(1, { projectId: 'nope' }), ['expenses', '1', 'projectId'], 'unknown project "nope"'],
    ['duplicate expense id', withExpense(1, { id: 'e1' }), ['expenses', '1', 'id'], 'duplicate expense id "e1" (also expenses[0])'],
    [
      'project without participants',
      { ...base, projects: [{ id: 'suap', name: 'SUAP', participantIds: [] }] },
      ['projects', '0', 'participantIds'],
      'the project has no participant among the member bodies',
    ],
    [
      'project participant not a member',
      { ...base, projects: [{ id: 'suap', name: 'SUAP', participantIds: ['pelago', 'firenze'] }] },
      ['projects', '0', 'participantIds', '1'],
      '"firenze" is not a member body',
    ],
    [
      'staff loan from a non-member',
      { ...base, staff: [{ id: 's1', lendingEntityId: 'firenze', personName: 'Mario Rossi', costCents: 1 }] },
      ['staff', '0', 'lendingEntityId'],
      '"firenze" is not a member body',
    ],
    [
      'negative staff cost',
      { ...base, staff: [{ id: 's1', lendingEntityId: 'pelago', personName: 'Mario Rossi', costCents: -1 }] },
      ['staff', '0', 'costCents'],
      'must not be negative (got -1)',
    ],
    [
      'weights not summing to 10000',
      { ...base, weights: { pcBasisPoints: 5000, populationBasisPoints: 4000 } },
      ['weights'],
      'pcBasisPoints + populationBasisPoints must be 10000 (got 5000 + 4000 = 9000)',
    ],
    ['non-integer weight', { ...base, weights: { pcBasisPoints: 5000.5, populationBasisPoints: 5000 } }, ['weights', 'pcBasisPoints'], 'must be a whole number of basis points (got 5000.5)'],
    ['duplicate body ids', { ...base, bodies: [...base.bodies, { ...base.bodies[0]!, name: 'Copia' }] }, ['bodies', '3', 'entityId'], 'duplicate body id "pontassieve" (also bodies[0])'],
    ['negative pcs', withBody(1, { pcs: -3 }), ['bodies', '1', 'pcs'], 'must not be negative (got -3)'],
    ['negative population', withBody(1, { population: -3 }), ['bodies', '1', 'population'], 'must not be negative (got -3)'],
    ['fractional population', withBody(1, { population: 1.5 }), ['bodies', '1', 'population'], 'must be a whole number of residents (got 1.5)'],
    ['no bodies', { ...base, bodies: [], expenses: [], projects: [], staff: [], correctives: [] }, ['bodies'], 'there must be at least one member body'],
    [
      'floors over 100%',
      { ...base, correctives: [{ id: 'f', kind: 'MIN_SHARE', basisPoints: 3400, appliesTo: { populationBelow: 1_000_000 }, label: 'x' }] },
      ['correctives', '0', 'basisPoints'],
      'floors of 3 bodies at 3400 basis points each add up to more than 100% of the pool',
    ],
    [
      'caps under 100%',
      { ...base, correctives: [{ id: 'c', kind: 'MAX_SHARE', basisPoints: 3333, appliesTo: { entityIds: ['pelago', 'pontassieve', 'san-godenzo'] }, label: 'x' }] },
      ['correctives', '0', 'basisPoints'],
      'caps of all 3 bodies at 3333 basis points each add up to less than 100% of the pool',
    ],
    [
      'basis points over 100%',
      { ...base, correctives: [{ id: 'c', kind: 'MAX_SHARE', basisPoints: 10_001, appliesTo: { entityIds: ['pelago'] }, label: 'x' }] },
      ['correctives', '0', 'basisPoints'],
      'must be at most 10000 (100%)',
    ],
    [
      'corrective for a non-member',
      { ...base, correctives: [{ id: 'c', kind: 'MIN_SHARE', basisPoints: 100, appliesTo: { entityIds: ['firenze'] }, label: 'x' }] },
      ['correctives', '0', 'appliesTo', 'entityIds', '0'],
      '"firenze" is not a member body',
    ],
    [
      'negative minimum population',
      { ...base, correctives: [{ id: 'c', kind: 'MIN_POPULATION', minimumPopulation: -1, appliesTo: { populationBelow: 10 }, label: 'x' }] },
      ['correctives', '0', 'minimumPopulation'],
      'must not be negative (got -1)',
    ],
    [
      'duplicate corrective id',
      { ...base, correctives: [base.correctives[0]!, base.correctives[0]!] },
      ['correctives', '1', 'id'],
      'duplicate corrective id "floor10" (also correctives[0])',
    ],
    [
      'totals beyond safe integers',
      withExpense(0, { grossCents: Number.MAX_SAFE_INTEGER, grantsCents: 0 }),
      [],
      `expenses and staff costs add up to ${BigInt(Number.MAX_SAFE_INTEGER) + 610_000n + 1_500_000n} cents, more than ${Number.MAX_SAFE_INTEGER}`,
    ],
  ] as [string, AllocationInput, string[], string][])('%s', (_, input, path, message) => {
    expect(issuesOf(input)).toEqual([{ path, message }]);
  });

  it('reports every issue at once', () => {
    const issues = issuesOf({
      ...base,
      bodies: [base.bodies[0]!, { ...base.bodies[1]!, pcs: -1 }, { ...base.bodies[2]!, entityId: 'pontassieve' }],
      expenses: [{ ...base.expenses[0]!, grantsCents: 2_000_000 }, base.expenses[1]!],
      staff: [{ ...base.staff[0]!, lendingEntityId: 'san-godenzo' }],
      weights: { pcBasisPoints: 6000, populationBasisPoints: 5000 },
    });
    expect(issues.map((issue) => issue.path.join('.'))).toEqual([
      'bodies.1.pcs',
      'bodies.2.entityId',
      'weights',
      'projects.0.participantIds.1',
      'expenses.0.grantsCents',
      'staff.0.lendingEntityId',
    ]);
  });

  it('refuses caps that, rounded down to the cent, cannot hold the whole pool', () => {
    // Two bodies capped at 50% of 1 001 c: 500 each, 1 cent would be left over.
    const input = populationOnly([1, 1], 1001, [{ id: 'half', kind: 'MAX_SHARE', basisPoints: 5000, appliesTo: { populationBelow: 10 }, label: 'Tetto 50%' }]);
    expect(issuesOf(input)).toEqual([
      {
        path: ['correctives', '0'],
        message: 'every body would be capped at 500 cents (5000 basis points of 1001, rounded down), leaving part of the pool unallocated',
      },
    ]);
    expect(allocateCosts({ ...input, expenses: [{ ...input.expenses[0]!, grossCents: 1000 }] }).bodies.map((b) => b.totalCents)).toEqual([500, 500]);
  });
});
