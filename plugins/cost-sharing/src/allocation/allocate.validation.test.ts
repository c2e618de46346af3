import { describe, expect, it } from 'vitest';
import { AllocationInputError, allocateCosts, validateAllocationInput, type AllocationInput, type AllocationIssue } from './allocate.ts';
import { workedExample } from './worked-example.fixture.ts';

/**
 * Every refusal of the engine's input check, each pinned to its path and message (allocate.test.ts
 * has the first ones). Inputs come from callers in JavaScript too (scenarios, imports), so the
 * wrong types are checked as well as the wrong values.
 */
const base = workedExample;
const issuesOf = (input: unknown): AllocationIssue[] => {
  const issues = validateAllocationInput(input as AllocationInput);
  let thrown: unknown;
  try {
    allocateCosts(input as AllocationInput);
  } catch (error) {
    thrown = error;
  }
  // allocateCosts refuses exactly what validateAllocationInput reports.
  expect(thrown).toBeInstanceOf(AllocationInputError);
  expect((thrown as AllocationInputError).issues).toEqual(issues);
  return issues;
};
/** The check on an input built loosely on purpose (wrong types included). */
const validate = (input: unknown) => validateAllocationInput(input as AllocationInput);
const only = (input: unknown, path: string[], message: string) => expect(issuesOf(input)).toEqual([{ path, message }]);
const empty = { bodies: base.bodies, expenses: [], projects: [], staff: [], weights: base.weights, correctives: [] };
const withBody = (i: number, change: object) => ({ ...empty, bodies: base.bodies.map((b, k) => (k === i ? { ...b, ...change } : b)) });
const withExpense = (change: object) => ({ ...base, expenses: [base.expenses[0]!, { ...base.expenses[1]!, ...change }] });
const withProject = (change: object) => ({ ...base, projects: [{ ...base.projects[0]!, ...change }] });
const withStaff = (change: object) => ({ ...base, staff: [{ ...base.staff[0]!, ...change }] });
const withCorrective = (corrective: unknown) => ({ ...empty, correctives: [corrective] });
const floor = (basisPoints: unknown, appliesTo: unknown = { entityIds: ['pelago'] }) => ({ id: 'f', kind: 'MIN_SHARE', basisPoints, appliesTo, label: 'f' });
const cap = (basisPoints: unknown, appliesTo: unknown) => ({ id: 'c', kind: 'MAX_SHARE', basisPoints, appliesTo, label: 'c' });
const all = ['pontassieve', 'pelago', 'san-godenzo'];

describe('input check: lists', () => {
  it.each(['bodies', 'expenses', 'projects', 'staff', 'correctives'])('%s must be a list', (key) => {
    only({ ...empty, [key]: { 0: 'x' } }, [key], 'must be a list');
  });

  it('the error names every issue with its path, "(input)" for the input as a whole', () => {
    const error = new AllocationInputError([
      { path: ['bodies', '0', 'pcs'], message: 'must not be negative (got -1)' },
      { path: [], message: 'too much' },
    ]);
    expect(error.name).toBe('AllocationInputError');
    expect(error.message).toBe('Invalid cost allocation input: bodies.0.pcs: must not be negative (got -1); (input): too much');
  });
});

describe('input check: bodies', () => {
  it.each([
    ['an empty id', { entityId: '' }, 'entityId', 'body id must be a non-empty string'],
    ['a numeric id', { entityId: 7 }, 'entityId', 'body id must be a non-empty string'],
    ['a name that is not a string', { name: null }, 'name', 'must be a string'],
    ['an order key that is not a string', { order: 48033 }, 'order', 'must be a string'],
    ['infinite PCs', { pcs: Number.POSITIVE_INFINITY }, 'pcs', 'must be a whole number of PCs'],
    ['PCs as a string', { pcs: '300' }, 'pcs', 'must be a whole number of PCs'],
    ['fractional PCs', { pcs: 0.5 }, 'pcs', 'must be a whole number of PCs (got 0.5)'],
    ['population beyond safe integers', { population: 2 ** 53 }, 'population', `is too large (over ${Number.MAX_SAFE_INTEGER})`],
  ])('refuses %s', (_, change, field, message) => {
    only(withBody(1, change), ['bodies', '1', field], message);
  });

  it('refuses a missing body with one issue per field', () => {
    expect(issuesOf({ ...empty, bodies: [base.bodies[0], null] }).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['bodies.1.entityId', 'body id must be a non-empty string'],
      ['bodies.1.name', 'must be a string'],
      ['bodies.1.order', 'must be a string'],
      ['bodies.1.pcs', 'must be a whole number of PCs'],
      ['bodies.1.population', 'must be a whole number of residents'],
    ]);
  });

  it('takes 0 PCs, 0 residents, an empty name and the largest safe counts', () => {
    expect(validate(withBody(0, { pcs: 0, population: 0, name: '', order: '' }))).toEqual([]);
    expect(validate(withBody(0, { pcs: Number.MAX_SAFE_INTEGER, population: Number.MAX_SAFE_INTEGER }))).toEqual([]);
  });
});

describe('input check: weights', () => {
  it.each([
    ['missing', undefined],
    ['null', null],
    ['a number', 5000],
  ])('refuses weights %s', (_, weights) => {
    only({ ...empty, weights }, ['weights'], 'must give pcBasisPoints and populationBasisPoints');
  });

  it.each([
    [{ pcBasisPoints: 0, populationBasisPoints: 9999 }, 'got 0 + 9999 = 9999'],
    [{ pcBasisPoints: 9999, populationBasisPoints: 0 }, 'got 9999 + 0 = 9999'],
    [{ pcBasisPoints: 0, populationBasisPoints: 0 }, 'got 0 + 0 = 0'],
    [{ pcBasisPoints: 10_000, populationBasisPoints: 1 }, 'got 10000 + 1 = 10001'],
  ])('refuses weights %o that do not add up to 10000', (weights, got) => {
    only({ ...empty, weights }, ['weights'], `pcBasisPoints + populationBasisPoints must be 10000 (${got})`);
  });

  it('checks each weight, and the sum only when both are whole', () => {
    only({ ...empty, weights: { pcBasisPoints: 10_001, populationBasisPoints: -1 } }, ['weights', 'populationBasisPoints'], 'must not be negative (got -1)');
    only({ ...empty, weights: { populationBasisPoints: 10_000 } }, ['weights', 'pcBasisPoints'], 'must be a whole number of basis points');
  });

  it('takes all the weight on one criterion', () => {
    expect(validate({ ...empty, weights: { pcBasisPoints: 10_000, populationBasisPoints: 0 } })).toEqual([]);
    expect(validate({ ...empty, weights: { pcBasisPoints: 0, populationBasisPoints: 10_000 } })).toEqual([]);
  });
});

describe('input check: projects', () => {
  it('refuses a participant listed twice, counting it once', () => {
    only(withProject({ participantIds: ['pontassieve', 'san-godenzo', 'pontassieve'] }), ['projects', '0', 'participantIds', '2'], '"pontassieve" is listed twice');
    // Listed twice and alone: still one participant, so the project is not empty.
    only(withProject({ participantIds: ['pelago', 'pelago'] }), ['projects', '0', 'participantIds', '1'], '"pelago" is listed twice');
  });

  it('refuses a project whose only participants are not members', () => {
    expect(issuesOf(withProject({ participantIds: ['firenze', 'firenze'] })).map((i) => [i.path.join('.'), i.message])).toEqual([
      ['projects.0.participantIds.0', '"firenze" is not a member body'],
      ['projects.0.participantIds.1', '"firenze" is not a member body'],
      ['projects.0.participantIds', 'the project has no participant among the member bodies'],
    ]);
  });

  it.each([
    ['an empty id', { id: '' }, ['projects', '0', 'id'], 'project id must be a non-empty string'],
    ['a name that is not a string', { name: 3 }, ['projects', '0', 'name'], 'must be a string'],
    ['participants that are not a list', { participantIds: 'pontassieve' }, ['projects', '0', 'participantIds'], 'must be a list'],
  ])('refuses %s', (_, change, path, message) => {
    // An empty project id also leaves the SUAP expense without its project.
    const issues = issuesOf(withProject(change));
    expect(issues[0]).toEqual({ path, message });
  });

  it('refuses a duplicate project id', () => {
    only(
      { ...base, projects: [base.projects[0]!, { id: 'suap', name: 'Altro', participantIds: ['pelago'] }] },
      ['projects', '1', 'id'],
      'duplicate project id "suap" (also projects[0])',
    );
  });
});

describe('input check: expenses and staff', () => {
  it.each([
    ['a missing id', { id: undefined }, ['expenses', '1', 'id'], 'expense id must be a non-empty string'],
    ['a missing gross amount', { grossCents: undefined }, ['expenses', '1', 'grossCents'], 'must be a whole number of cents'],
    ['missing grants', { grantsCents: undefined }, ['expenses', '1', 'grantsCents'], 'must be a whole number of cents'],
    ['a missing category', { category: undefined }, ['expenses', '1', 'category'], 'must be CURRENT or CAPITAL (got undefined)'],
    ['a lower-case category', { category: 'capital' }, ['expenses', '1', 'category'], 'must be CURRENT or CAPITAL (got capital)'],
    ['a missing project', { projectId: undefined }, ['expenses', '1', 'projectId'], 'unknown project "undefined"'],
  ])('refuses an expense with %s', (_, change, path, message) => {
    only(withExpense(change), path, message);
  });

  it('takes grants equal to the gross amount, and a CAPITAL expense of no project', () => {
    expect(validate(withExpense({ grantsCents: 610_000 }))).toEqual([]);
    expect(validate(withExpense({ projectId: null }))).toEqual([]);
  });

  it('checks grants against the gross amount only when both are whole', () => {
    only(withExpense({ grossCents: -1, grantsCents: 5 }), ['expenses', '1', 'grossCents'], 'must not be negative (got -1)');
  });

  it.each([
    ['a duplicate id', { id: 's1' }, ['staff', '1', 'id'], 'duplicate staff loan id "s1" (also staff[0])'],
    ['no lender', { lendingEntityId: undefined }, ['staff', '1', 'lendingEntityId'], '"undefined" is not a member body'],
    ['a person name that is not a string', { personName: null }, ['staff', '1', 'personName'], 'must be a string'],
    ['a fractional cost', { costCents: 1.5 }, ['staff', '1', 'costCents'], 'must be a whole number of cents (got 1.5)'],
  ])('refuses a staff loan with %s', (_, change, path, message) => {
    only({ ...base, staff: [base.staff[0]!, { ...base.staff[0]!, id: 's2', ...change }] }, path, message);
  });

  it('refuses a missing expense, staff loan or project with one issue per field', () => {
    expect(issuesOf({ ...empty, expenses: [null] }).map((i) => i.path.join('.'))).toEqual([
      'expenses.0.id',
      'expenses.0.grossCents',
      'expenses.0.grantsCents',
      'expenses.0.category',
      'expenses.0.projectId',
    ]);
    expect(issuesOf({ ...empty, staff: [null] }).map((i) => i.path.join('.'))).toEqual(['staff.0.id', 'staff.0.lendingEntityId', 'staff.0.personName', 'staff.0.costCents']);
    expect(issuesOf({ ...empty, projects: [null] }).map((i) => i.path.join('.'))).toEqual(['projects.0.id', 'projects.0.name', 'projects.0.participantIds']);
  });

  it('credits a lender with a loan of the largest safe amount exactly', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const result = allocateCosts({ ...empty, bodies: [base.bodies[1]!], staff: [{ id: 's', lendingEntityId: 'pelago', personName: 'P', costCents: max }] });
    expect(result.bodies[0]).toMatchObject({ pcQuotaCents: Math.ceil(max / 2), populationQuotaCents: Math.floor(max / 2), staffReimbursementCents: -max, totalCents: 0 });
  });

  it('takes money up to the largest safe integer in all, staff costs included, and not a cent more', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const input = {
      ...empty,
      expenses: [{ id: 'e', grossCents: max - 10, grantsCents: 0, category: 'CURRENT', projectId: null }],
      staff: [{ id: 's', lendingEntityId: 'pelago', personName: 'P', costCents: 10 }],
    };
    expect(validate(input)).toEqual([]);
    expect(allocateCosts(input as AllocationInput).generalPoolCents).toBe(max);
    only({ ...input, staff: [{ ...input.staff[0], costCents: 11 }] }, [], `expenses and staff costs add up to ${BigInt(max) + 1n} cents, more than ${max}`);
  });
});

describe('input check: correctives', () => {
  it.each([
    ['a missing id', { ...floor(100), id: '' }, ['correctives', '0', 'id'], 'corrective id must be a non-empty string'],
    ['a label that is not a string', { ...floor(100), label: undefined }, ['correctives', '0', 'label'], 'must be a string'],
    ['no bodies named', floor(100, null), ['correctives', '0', 'appliesTo'], 'must be either { entityIds } or { populationBelow }'],
    ['an empty appliesTo', floor(100, {}), ['correctives', '0', 'appliesTo'], 'must be either { entityIds } or { populationBelow }'],
    ['both ways of naming bodies', floor(100, { entityIds: ['pelago'], populationBelow: 10 }), ['correctives', '0', 'appliesTo'], 'must be either { entityIds } or { populationBelow }'],
    ['appliesTo as a string', floor(100, 'pelago'), ['correctives', '0', 'appliesTo'], 'must be either { entityIds } or { populationBelow }'],
    ['entityIds that are not a list', floor(100, { entityIds: 'pelago' }), ['correctives', '0', 'appliesTo', 'entityIds'], 'must be a list'],
    ['a negative population bound', floor(100, { populationBelow: -1 }), ['correctives', '0', 'appliesTo', 'populationBelow'], 'must not be negative (got -1)'],
    ['a fractional population bound', floor(100, { populationBelow: 0.5 }), ['correctives', '0', 'appliesTo', 'populationBelow'], 'must be a whole number of residents (got 0.5)'],
    ['an unknown kind', { ...floor(100), kind: 'MIN' }, ['correctives', '0', 'kind'], 'must be MIN_POPULATION, MIN_SHARE or MAX_SHARE (got MIN)'],
    ['no basis points', floor(undefined), ['correctives', '0', 'basisPoints'], 'must be a whole number of basis points'],
    ['negative basis points', cap(-1, { entityIds: ['pelago'] }), ['correctives', '0', 'basisPoints'], 'must not be negative (got -1)'],
    ['floor basis points over 100%', floor(10_001), ['correctives', '0', 'basisPoints'], 'must be at most 10000 (100%)'],
    [
      'no minimum population',
      { id: 'm', kind: 'MIN_POPULATION', appliesTo: { populationBelow: 10 }, label: 'm' },
      ['correctives', '0', 'minimumPopulation'],
      'must be a whole number of residents',
    ],
  ])('refuses %s', (_, corrective, path, message) => {
    only(withCorrective(corrective), path, message);
  });

  it('refuses a missing corrective with one issue per field', () => {
    expect(issuesOf(withCorrective(null)).map((i) => i.path.join('.'))).toEqual([
      'correctives.0.id',
      'correctives.0.label',
      'correctives.0.appliesTo',
      'correctives.0.kind',
    ]);
  });

  it('takes floors that add up to exactly 100%, and refuses one basis point more', () => {
    expect(validate(withCorrective(floor(3333, { populationBelow: 1_000_000 })))).toEqual([]);
    expect(validate(withCorrective(floor(5000, { entityIds: ['pelago', 'san-godenzo'] })))).toEqual([]);
    only(withCorrective(floor(5001, { entityIds: ['pelago', 'san-godenzo'] })), ['correctives', '0', 'basisPoints'], 'floors of 2 bodies at 5001 basis points each add up to more than 100% of the pool');
    expect(validate(withCorrective(floor(10_000)))).toEqual([]);
  });

  it('counts the bodies a floor applies to by their registry population, strictly below the bound', () => {
    // Under 8 001 residents: Pelago (8 000) and San Godenzo (2 000); Pontassieve (20 000) is not.
    only(withCorrective(floor(5001, { populationBelow: 8001 })), ['correctives', '0', 'basisPoints'], 'floors of 2 bodies at 5001 basis points each add up to more than 100% of the pool');
    // Under 8 000: San Godenzo alone (Pelago, at 8 000, is not below it), so 100% fits.
    expect(validate(withCorrective(floor(10_000, { populationBelow: 8000 })))).toEqual([]);
  });

  it('refuses caps on every body that add up to less than 100%, but not caps on some bodies', () => {
    expect(validate(withCorrective(cap(3334, { entityIds: all })))).toEqual([]);
    only(withCorrective(cap(3333, { populationBelow: 20_001 })), ['correctives', '0', 'basisPoints'], 'caps of all 3 bodies at 3333 basis points each add up to less than 100% of the pool');
    expect(validate(withCorrective(cap(1, { entityIds: ['pelago', 'san-godenzo'] })))).toEqual([]);
    expect(validate(withCorrective(cap(10_000, { entityIds: all })))).toEqual([]);
    only(withCorrective(cap(10_001, { entityIds: all })), ['correctives', '0', 'basisPoints'], 'must be at most 10000 (100%)');
  });

  it('checks floors and caps against the bodies only when the bodies and the corrective are valid', () => {
    // The floors would add up to 3 × 4 000 = 120%: not said while the bodies or the bodies named are wrong.
    only({ ...withBody(0, { pcs: -1 }), correctives: [floor(4000, { entityIds: all })] }, ['bodies', '0', 'pcs'], 'must not be negative (got -1)');
    only(withCorrective(floor(4000, { entityIds: [...all, 'firenze'] })), ['correctives', '0', 'appliesTo', 'entityIds', '3'], '"firenze" is not a member body');
    only(withCorrective(floor(4000, { entityIds: ['firenze', ...all] })), ['correctives', '0', 'appliesTo', 'entityIds', '0'], '"firenze" is not a member body');
    only(withCorrective(floor(4000, { populationBelow: -5 })), ['correctives', '0', 'appliesTo', 'populationBelow'], 'must not be negative (got -5)');
    only(withCorrective(floor(4000.5, { entityIds: all })), ['correctives', '0', 'basisPoints'], 'must be a whole number of basis points (got 4000.5)');
    only(withCorrective(cap(3333.5, { entityIds: all })), ['correctives', '0', 'basisPoints'], 'must be a whole number of basis points (got 3333.5)');
    // The body check looks at the bodies only: a wrong expense does not hide a wrong floor.
    expect(issuesOf({ ...withCorrective(floor(4000, { entityIds: all })), expenses: [{ id: 'e', grossCents: -1, grantsCents: 0, category: 'CURRENT', projectId: null }] }).map((i) => i.path.join('.'))).toEqual([
      'expenses.0.grossCents',
      'correctives.0.basisPoints',
    ]);
  });

  it('takes a minimum population of 0 and bounds of 0', () => {
    expect(validate(withCorrective({ id: 'm', kind: 'MIN_POPULATION', minimumPopulation: 0, appliesTo: { populationBelow: 0 }, label: '' }))).toEqual([]);
    expect(validate(withCorrective(floor(0, { entityIds: [] })))).toEqual([]);
  });
});
