/**
 * The cost-allocation engine of art. 13 of the union's regulation: pure, no database, no GraphQL.
 *
 * Each year's expenses of the ICT office, net of the grants obtained for them, are split among the
 * member bodies by the configured weights (normally 50% by share of personal computers in service,
 * 50% by share of resident population at 31 December of the previous year).
 *
 * - General pool = net of every expense that is not a CAPITAL expense of a project + every cost of
 *   staff lent in kind (a cost of the office like any other). The body lending the staff gets a
 *   credit line of minus that cost, so the bodies' totals add up to the net total of the expenses.
 * - Each project with CAPITAL expenses has its own pool (net of those expenses), split by the same
 *   rule among its participants only. A CURRENT expense of a project goes to the general pool.
 * - A pool is first split into a PC part and a population part by largest remainder over the two
 *   weights (basis points); each part is then split over the bodies concerned by largest remainder
 *   over their PCs (resp. population). When none of the bodies concerned has a PC, the PC part goes
 *   by population (and vice versa); when they have neither, the part is split equally.
 * - Correctives (general pool only, in the order given, each on the result of the previous ones)
 *   each yield one line per body they touch; the lines of a corrective add up to zero.
 *   MIN_POPULATION recomputes the population part with the corrected populations (earlier
 *   MIN_POPULATION correctives included); MIN_SHARE / MAX_SHARE move money between the bodies'
 *   current general amounts (base + earlier correctives), see raiseToFloor and lowerToCap. A
 *   MIN_POPULATION listed after a share corrective can undo part of it (even leave a body that paid
 *   for a floor with a negative general amount): configurations should list it first.
 *
 * Money is integer cents, handled inside as BigInt, or as plain numbers when a bound computed from the
 * input proves that every sum stays within Number.MAX_SAFE_INTEGER (numbersSuffice; the results are
 * the same, property-tested), and returned as safe-integer numbers. Every pool is distributed exactly (see largest-remainder.ts for the rounding and its tie-break), and the
 * engine checks it: an internal inconsistency throws an Error, never returns a wrong total.
 */
import { bigintArithmetic, numberArithmetic, type ExactArithmetic } from './exact-arithmetic.ts';
import { apportion, type ApportionShare } from './largest-remainder.ts';

export interface AllocationBody {
  entityId: string;
  name: string;
  /** Stable ordering key (ISTAT code, name...): tie-break of the rounding, see largestRemainder. */
  order: string;
  /** Personal computers in service. */
  pcs: number;
  /** Resident population at 31 December of the previous year. */
  population: number;
}

export interface AllocationExpense {
  id: string;
  /** Amount + VAT, in cents. */
  grossCents: number;
  /** Grants obtained for this expense, in cents (at most grossCents). */
  grantsCents: number;
  category: 'CURRENT' | 'CAPITAL';
  projectId: string | null;
}

export interface AllocationProject {
  id: string;
  name: string;
  participantIds: string[];
}

export interface StaffLoan {
  id: string;
  lendingEntityId: string;
  personName: string;
  costCents: number;
}

/** Bodies listed by id, or bodies whose (registry, uncorrected) population is strictly below. */
export type CorrectiveAppliesTo = { entityIds: string[] } | { populationBelow: number };

export type Corrective =
  | { id: string; kind: 'MIN_POPULATION'; minimumPopulation: number; appliesTo: CorrectiveAppliesTo; label: string }
  | { id: string; kind: 'MIN_SHARE'; basisPoints: number; appliesTo: CorrectiveAppliesTo; label: string }
  | { id: string; kind: 'MAX_SHARE'; basisPoints: number; appliesTo: CorrectiveAppliesTo; label: string };

export interface AllocationInput {
  bodies: AllocationBody[];
  expenses: AllocationExpense[];
  projects: AllocationProject[];
  staff: StaffLoan[];
  /** Basis points; they must add up to 10000. */
  weights: { pcBasisPoints: number; populationBasisPoints: number };
  correctives: Corrective[];
}

/**
 * What each part of a pool was split by. PCS / POPULATION as configured; the other one when none of
 * the bodies concerned has any PC (resp. population); EQUAL when they have neither.
 */
export type SplitBasis = 'PCS' | 'POPULATION' | 'EQUAL';

export interface PoolSplit {
  pcPartCents: number;
  populationPartCents: number;
  pcPartBasis: SplitBasis;
  populationPartBasis: SplitBasis;
}

export interface BodyAllocation {
  entityId: string;
  name: string;
  pcs: number;
  population: number;
  /** Fractions 0..1 of the members' totals (for display only; 0 when the total is 0). */
  pcShare: number;
  populationShare: number;
  /** Base rule on the general pool. */
  pcQuotaCents: number;
  populationQuotaCents: number;
  /** One per corrective touching this body (non-zero amount), in the order of the correctives. */
  correctives: readonly { correctiveId: string; label: string; amountCents: number }[];
  /** One per project pool this body participates in (even when its amount is 0), in project order. */
  projects: readonly { projectId: string; name: string; pcQuotaCents: number; populationQuotaCents: number; amountCents: number }[];
  /** Sum of `staffLoans` amounts: <= 0. */
  staffReimbursementCents: number;
  /** One credit line per staff loan of this body: minus its cost. */
  staffLoans: readonly { staffLoanId: string; personName: string; amountCents: number }[];
  /** = pcQuota + populationQuota + Σ correctives + Σ projects.amount + staffReimbursement. */
  totalCents: number;
}

export interface AllocationResult {
  grossTotalCents: number;
  grantsCents: number;
  /** grossTotal − grants: what the bodies' totals add up to. */
  netTotalCents: number;
  staffCostsCents: number;
  generalPoolCents: number;
  generalPoolSplit: PoolSplit;
  /** One per project with at least one CAPITAL expense (even when its net is 0), in project order. */
  projectPools: { projectId: string; name: string; cents: number; participantIds: string[]; split: PoolSplit }[];
  /** In input order. */
  bodies: BodyAllocation[];
}

export interface AllocationIssue {
  path: string[];
  message: string;
}

export class AllocationInputError extends Error {
  constructor(readonly issues: AllocationIssue[]) {
    super(`Invalid cost allocation input: ${issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ')}`);
    this.name = 'AllocationInputError';
  }
}

export const BASIS_POINTS = 10_000;

// ---------------------------------------------------------------------------------------------
// Validation

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const listOf = <T>(value: T[] | undefined, path: string, issues: AllocationIssue[]): T[] => {
  if (Array.isArray(value)) return value;
  issues.push({ path: [path], message: 'must be a list' });
  return [];
};

/** Bodies a corrective applies to, as a mask over input.bodies (which must be valid). */
function appliesMask(appliesTo: CorrectiveAppliesTo, bodies: readonly AllocationBody[]): boolean[] {
  if ('entityIds' in appliesTo) {
    const ids = new Set(appliesTo.entityIds);
    return bodies.map((body) => ids.has(body.entityId));
  }
  return bodies.map((body) => body.population < appliesTo.populationBelow);
}

/** Every problem of the input, each with its path (indices as strings). Empty when valid. */
export function validateAllocationInput(input: AllocationInput): AllocationIssue[] {
  const issues: AllocationIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path: path.map(String), message });
  const count = (value: unknown, path: (string | number)[], what = 'a whole number of cents') => {
    if (typeof value !== 'number' || !Number.isFinite(value)) add(path, `must be ${what}`);
    else if (value < 0) add(path, `must not be negative (got ${value})`);
    else if (!Number.isInteger(value)) add(path, `must be ${what} (got ${value})`);
    else if (!Number.isSafeInteger(value)) add(path, `is too large (over ${Number.MAX_SAFE_INTEGER})`);
  };
  const uniqueIds = (items: readonly { id?: unknown }[], list: string, what: string) => {
    const seen = new Map<unknown, number>();
    items.forEach((item, index) => {
      if (!isNonEmptyString(item?.id)) add([list, index, 'id'], `${what} id must be a non-empty string`);
      else if (seen.has(item.id)) add([list, index, 'id'], `duplicate ${what} id "${item.id}" (also ${list}[${seen.get(item.id)}])`);
      else seen.set(item.id, index);
    });
  };

  // Bodies
  const bodies = listOf(input.bodies, 'bodies', issues);
  if (Array.isArray(input.bodies) && bodies.length === 0) add(['bodies'], 'there must be at least one member body');
  const bodyIndex = new Map<string, number>();
  bodies.forEach((body, index) => {
    if (!isNonEmptyString(body?.entityId)) add(['bodies', index, 'entityId'], 'body id must be a non-empty string');
    else if (bodyIndex.has(body.entityId)) add(['bodies', index, 'entityId'], `duplicate body id "${body.entityId}" (also bodies[${bodyIndex.get(body.entityId)}])`);
    else bodyIndex.set(body.entityId, index);
    if (typeof body?.name !== 'string') add(['bodies', index, 'name'], 'must be a string');
    if (typeof body?.order !== 'string') add(['bodies', index, 'order'], 'must be a string');
    // (the issue's path is built only when there is one: thousands of bodies are checked)
    if (!isCount(body?.pcs)) count(body?.pcs, ['bodies', index, 'pcs'], 'a whole number of PCs');
    if (!isCount(body?.population)) count(body?.population, ['bodies', index, 'population'], 'a whole number of residents');
  });
  const isMember = (id: unknown) => typeof id === 'string' && bodyIndex.has(id);

  // Weights
  const weights = input.weights;
  if (typeof weights !== 'object' || weights === null) add(['weights'], 'must give pcBasisPoints and populationBasisPoints');
  else {
    const pc = weights.pcBasisPoints;
    const population = weights.populationBasisPoints;
    count(pc, ['weights', 'pcBasisPoints'], 'a whole number of basis points');
    count(population, ['weights', 'populationBasisPoints'], 'a whole number of basis points');
    if (isCount(pc) && isCount(population) && pc + population !== BASIS_POINTS) {
      add(['weights'], `pcBasisPoints + populationBasisPoints must be ${BASIS_POINTS} (got ${pc} + ${population} = ${pc + population})`);
    }
  }

  // Projects
  const projects = listOf(input.projects, 'projects', issues);
  uniqueIds(projects, 'projects', 'project');
  const projectIds = new Set(projects.map((project) => project?.id));
  projects.forEach((project, index) => {
    if (typeof project?.name !== 'string') add(['projects', index, 'name'], 'must be a string');
    if (!Array.isArray(project?.participantIds)) {
      add(['projects', index, 'participantIds'], 'must be a list');
      return;
    }
    const seen = new Set<string>();
    let members = 0;
    project.participantIds.forEach((id, position) => {
      if (!isMember(id)) add(['projects', index, 'participantIds', position], `"${id}" is not a member body`);
      else if (seen.has(id)) add(['projects', index, 'participantIds', position], `"${id}" is listed twice`);
      else members += 1;
      seen.add(id);
    });
    if (members === 0) add(['projects', index, 'participantIds'], 'the project has no participant among the member bodies');
  });

  // Expenses
  const expenses = listOf(input.expenses, 'expenses', issues);
  uniqueIds(expenses, 'expenses', 'expense');
  let money = 0n;
  expenses.forEach((expense, index) => {
    count(expense?.grossCents, ['expenses', index, 'grossCents']);
    count(expense?.grantsCents, ['expenses', index, 'grantsCents']);
    if (isCount(expense?.grossCents)) money += BigInt(expense.grossCents);
    if (isCount(expense?.grossCents) && isCount(expense?.grantsCents) && expense.grantsCents > expense.grossCents) {
      add(['expenses', index, 'grantsCents'], `grants (${expense.grantsCents} cents) exceed the gross amount (${expense.grossCents} cents)`);
    }
    if (expense?.category !== 'CURRENT' && expense?.category !== 'CAPITAL') {
      add(['expenses', index, 'category'], `must be CURRENT or CAPITAL (got ${String(expense?.category)})`);
    }
    if (expense?.projectId !== null && !projectIds.has(expense?.projectId)) {
      add(['expenses', index, 'projectId'], `unknown project "${String(expense?.projectId)}"`);
    }
  });

  // Staff lent in kind
  const staff = listOf(input.staff, 'staff', issues);
  uniqueIds(staff, 'staff', 'staff loan');
  staff.forEach((loan, index) => {
    if (!isMember(loan?.lendingEntityId)) add(['staff', index, 'lendingEntityId'], `"${String(loan?.lendingEntityId)}" is not a member body`);
    if (typeof loan?.personName !== 'string') add(['staff', index, 'personName'], 'must be a string');
    count(loan?.costCents, ['staff', index, 'costCents']);
    if (isCount(loan?.costCents)) money += BigInt(loan.costCents);
  });
  if (money > BigInt(Number.MAX_SAFE_INTEGER)) {
    add([], `expenses and staff costs add up to ${money} cents, more than ${Number.MAX_SAFE_INTEGER}`);
  }

  // Correctives
  const correctives = listOf(input.correctives, 'correctives', issues);
  uniqueIds(correctives, 'correctives', 'corrective');
  const bodiesValid = issues.every((issue) => issue.path[0] !== 'bodies');
  correctives.forEach((corrective, index) => {
    const path = ['correctives', index];
    if (typeof corrective?.label !== 'string') add([...path, 'label'], 'must be a string');
    const appliesTo = corrective?.appliesTo as unknown;
    let appliesOk = false;
    if (typeof appliesTo !== 'object' || appliesTo === null || ('entityIds' in appliesTo) === ('populationBelow' in appliesTo)) {
      add([...path, 'appliesTo'], 'must be either { entityIds } or { populationBelow }');
    } else if ('entityIds' in appliesTo) {
      const ids = appliesTo.entityIds;
      if (!Array.isArray(ids)) add([...path, 'appliesTo', 'entityIds'], 'must be a list');
      else {
        appliesOk = true;
        ids.forEach((id, position) => {
          if (!isMember(id)) {
            add([...path, 'appliesTo', 'entityIds', position], `"${String(id)}" is not a member body`);
            appliesOk = false;
          }
        });
      }
    } else {
      const below = (appliesTo as { populationBelow: unknown }).populationBelow;
      const before = issues.length;
      count(below, [...path, 'appliesTo', 'populationBelow'], 'a whole number of residents');
      appliesOk = issues.length === before;
    }
    const applying = appliesOk && bodiesValid ? appliesMask(corrective.appliesTo, bodies).filter(Boolean).length : null;

    switch (corrective?.kind) {
      case 'MIN_POPULATION':
        count(corrective.minimumPopulation, [...path, 'minimumPopulation'], 'a whole number of residents');
        break;
      case 'MIN_SHARE':
      case 'MAX_SHARE': {
        const bp = corrective.basisPoints;
        const before = issues.length;
        count(bp, [...path, 'basisPoints'], 'a whole number of basis points');
        if (issues.length === before && bp > BASIS_POINTS) add([...path, 'basisPoints'], `must be at most ${BASIS_POINTS} (100%)`);
        if (issues.length !== before || applying === null) break;
        if (corrective.kind === 'MIN_SHARE' && applying * bp > BASIS_POINTS) {
          add([...path, 'basisPoints'], `floors of ${applying} bodies at ${bp} basis points each add up to more than 100% of the pool`);
        }
        if (corrective.kind === 'MAX_SHARE' && applying === bodies.length && applying * bp < BASIS_POINTS) {
          add([...path, 'basisPoints'], `caps of all ${applying} bodies at ${bp} basis points each add up to less than 100% of the pool`);
        }
        break;
      }
      default:
        add([...path, 'kind'], `must be MIN_POPULATION, MIN_SHARE or MAX_SHARE (got ${String((corrective as { kind?: unknown })?.kind)})`);
    }
  });

  return issues;
}

// ---------------------------------------------------------------------------------------------
// Splitting (generic over the arithmetic: T is bigint or number, see exact-arithmetic.ts)

type Int = number | bigint;

interface Member<T extends Int> {
  index: number;
  entityId: string;
  order: string;
  pcs: T;
  population: T;
}

/** The engine's helpers bound to one arithmetic. */
function helpers<T extends Int>(A: ExactArithmetic<T>) {
  // Indexed: a for-of here allocated an iterator result per value (megabytes per allocation of thousands of bodies).
  const sum = (values: readonly T[]) => {
    let total = A.zero;
    for (let i = 0; i < values.length; i++) total = A.add(total, values[i]!);
    return total;
  };
  const max0 = (value: T) => (value > A.zero ? value : A.zero);
  const shares = (members: readonly Member<T>[], weights: readonly T[]): ApportionShare<T>[] =>
    members.map((member, k) => ({ weight: weights[k]!, order: member.order, id: member.entityId }));
  return { sum, max0, shares };
}

/** Internal invariant: a broken one is a bug of this file, not an input problem. */
function invariant(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`cost allocation: ${message}`);
}

interface SplitPart<T extends Int> {
  quotas: T[];
  basis: SplitBasis;
}

/**
 * Splits one part of a pool over `members` by `primary` weights, or by `secondary` ones when the
 * primary weights are all 0, or equally when both are all 0. Quotas are in the order of `members`.
 */
function splitPart<T extends Int>(
  A: ExactArithmetic<T>,
  amount: T,
  members: readonly Member<T>[],
  primary: readonly T[],
  secondary: readonly T[],
  bases: [SplitBasis, SplitBasis],
): SplitPart<T> {
  const { sum, shares } = helpers(A);
  if (sum(primary) > A.zero) return { quotas: apportion(A, amount, shares(members, primary)), basis: bases[0] };
  if (sum(secondary) > A.zero) return { quotas: apportion(A, amount, shares(members, secondary)), basis: bases[1] };
  return { quotas: apportion(A, amount, shares(members, members.map(() => A.one))), basis: 'EQUAL' };
}

interface SplitPool<T extends Int> {
  pcPart: T;
  populationPart: T;
  pc: SplitPart<T>;
  population: SplitPart<T>;
}

/**
 * The base rule on one pool. The pool is split into its PC and population parts by largest
 * remainder over the two weights; on a tie (an odd cent with equal weights) the PC part comes first.
 */
function splitPool<T extends Int>(A: ExactArithmetic<T>, pool: T, members: readonly Member<T>[], weights: AllocationInput['weights']): SplitPool<T> {
  const { sum } = helpers(A);
  const [pcPart, populationPart] = apportion(A, pool, [
    { weight: A.of(weights.pcBasisPoints), order: '0', id: 'pc' },
    { weight: A.of(weights.populationBasisPoints), order: '1', id: 'population' },
  ]) as [T, T];
  const pcs = members.map((member) => member.pcs);
  const populations = members.map((member) => member.population);
  const pc = splitPart(A, pcPart, members, pcs, populations, ['PCS', 'POPULATION']);
  const population = splitPart(A, populationPart, members, populations, pcs, ['POPULATION', 'PCS']);
  invariant(A.add(sum(pc.quotas), sum(population.quotas)) === pool, `pool of ${pool} cents not distributed exactly`);
  return { pcPart, populationPart, pc, population };
}

// ---------------------------------------------------------------------------------------------
// Correctives (on the general pool's amounts, one entry per body in input order)

/**
 * MIN_SHARE: every applicable body below `floor` is raised to it; the raise is taken from all the
 * bodies not raised, by largest remainder in proportion to their current general amounts (negative
 * amounts count as 0). A body that pays its part never goes below zero (its part is at most its
 * amount, since the total raise never exceeds what the others hold), but an applicable body that
 * pays could fall below the floor: it is then raised too, and the split is done again from the
 * amounts before this corrective, until no applicable body is below the floor. The set of raised
 * bodies only grows, so this ends after at most as many rounds as there are bodies.
 *
 * Feasible whenever (applicable bodies) × floor <= pool, which validation guarantees through
 * (applicable bodies) × basisPoints <= 10000 (floor is rounded down).
 */
function raiseToFloor<T extends Int>(A: ExactArithmetic<T>, current: readonly T[], applies: readonly boolean[], floor: T, members: readonly Member<T>[]): T[] {
  const { sum, max0, shares } = helpers(A);
  const raised = new Set<number>();
  current.forEach((amount, i) => {
    if (applies[i] && amount < floor) raised.add(i);
  });
  for (;;) {
    const delta = current.map(() => A.zero);
    let raise = A.zero;
    for (const i of raised) {
      delta[i] = A.sub(floor, current[i]!);
      raise = A.add(raise, delta[i]!);
    }
    const payers = members.filter((member) => !raised.has(member.index));
    if (raise > A.zero) {
      const weights = payers.map((member) => max0(current[member.index]!));
      invariant(sum(weights) >= raise, `minimum share: ${raise} cents to raise, only ${sum(weights)} held by the others`);
      apportion(A, raise, shares(payers, weights)).forEach((part, k) => {
        delta[payers[k]!.index] = A.sub(A.zero, part);
      });
    }
    const newlyBelow = payers.filter((member) => applies[member.index] && A.add(current[member.index]!, delta[member.index]!) < floor);
    if (newlyBelow.length === 0) return delta;
    for (const member of newlyBelow) raised.add(member.index);
  }
}

/**
 * MAX_SHARE: every applicable body above `cap` is lowered to it (cap = floor of the exact cap, so
 * the cap is never exceeded); the excess goes to all the bodies not capped, by largest remainder in
 * proportion to their current general amounts (negative amounts count as 0; equally when they all
 * hold 0). An applicable body pushed above the cap by what it receives is capped too, and the split
 * is done again from the amounts before this corrective, until no applicable body is above the cap.
 * Returns null when every body ends capped and the excess has nowhere to go.
 */
function lowerToCap<T extends Int>(A: ExactArithmetic<T>, current: readonly T[], applies: readonly boolean[], cap: T, members: readonly Member<T>[]): T[] | null {
  const { sum, max0, shares } = helpers(A);
  const capped = new Set<number>();
  current.forEach((amount, i) => {
    if (applies[i] && amount > cap) capped.add(i);
  });
  for (;;) {
    const delta = current.map(() => A.zero);
    let excess = A.zero;
    for (const i of capped) {
      delta[i] = A.sub(cap, current[i]!);
      excess = A.sub(excess, delta[i]!);
    }
    const receivers = members.filter((member) => !capped.has(member.index));
    if (excess > A.zero) {
      if (receivers.length === 0) return null;
      let weights = receivers.map((member) => max0(current[member.index]!));
      if (sum(weights) === A.zero) weights = receivers.map(() => A.one);
      apportion(A, excess, shares(receivers, weights)).forEach((part, k) => {
        delta[receivers[k]!.index] = part;
      });
    }
    const newlyAbove = receivers.filter((member) => applies[member.index] && A.add(current[member.index]!, delta[member.index]!) > cap);
    if (newlyAbove.length === 0) return delta;
    for (const member of newlyAbove) capped.add(member.index);
  }
}

// ---------------------------------------------------------------------------------------------
// Choosing the arithmetic

/**
 * Whether plain numbers give exact results for this (valid) input: a bound on every sum the engine
 * forms, computed from the input, is within Number.MAX_SAFE_INTEGER. With M the money (expenses'
 * gross and staff costs), every pool and part is at most M, and S_k, a bound on the sum of the
 * absolute general amounts after k correctives, starts at M and grows per corrective to at most
 * 3 S_k + 2 M (MIN_POPULATION moves at most 2 M in absolute value; MIN_SHARE raises at most
 * M + S_k and takes as much; MAX_SHARE moves at most S_k each way). Every sum of amounts (corrective
 * lines, current amounts, body totals, the grand total) is within 3 M + 3 Σ S_k; the weights of a
 * split add up to at most the PCs, the (corrected) population, the bodies, 10000 basis points or S_k.
 * Products are not bounded here: the number arithmetic checks each one (mulDivMod).
 *
 * The bound is computed in floating point: for non-negative values, sums and products are exact
 * while they stay below 2^53 and at least 2^53 once the exact value is (rounding is monotonic), so
 * comparing the computed bound with MAX_SAFE_INTEGER is exact.
 */
export function numbersSuffice(input: AllocationInput): boolean {
  let money = 0;
  for (const expense of input.expenses) money += expense.grossCents;
  for (const loan of input.staff) money += loan.costCents;
  let pcs = 0;
  let population = 0;
  for (const body of input.bodies) {
    pcs += body.pcs;
    population += body.population;
  }
  let minimumPopulation = 0;
  let amounts = money;
  let amountsSum = money;
  for (const corrective of input.correctives) {
    if (corrective.kind === 'MIN_POPULATION') minimumPopulation = Math.max(minimumPopulation, corrective.minimumPopulation);
    amounts = 3 * amounts + 2 * money;
    amountsSum += amounts;
  }
  const weights = Math.max(pcs, population + input.bodies.length * minimumPopulation, input.bodies.length, BASIS_POINTS);
  return weights <= Number.MAX_SAFE_INTEGER && 3 * money + 3 * amountsSum <= Number.MAX_SAFE_INTEGER;
}

// ---------------------------------------------------------------------------------------------
// The engine

/** Applies art. 13 to one year's figures. Throws AllocationInputError listing every problem of the input. */
export function allocateCosts(input: AllocationInput): AllocationResult {
  const issues = validateAllocationInput(input);
  if (issues.length > 0) throw new AllocationInputError(issues);
  return numbersSuffice(input) ? allocate(numberArithmetic, input) : allocate(bigintArithmetic, input);
}

/**
 * allocateCosts in the arithmetic asked for (tests compare the two): 'number' is refused when
 * numbersSuffice does not hold for the input.
 */
export function allocateCostsIn(arithmetic: 'bigint' | 'number', input: AllocationInput): AllocationResult {
  const issues = validateAllocationInput(input);
  if (issues.length > 0) throw new AllocationInputError(issues);
  if (arithmetic === 'bigint') return allocate(bigintArithmetic, input);
  if (!numbersSuffice(input)) throw new Error('cost allocation: these amounts need BigInt arithmetic');
  return allocate(numberArithmetic, input);
}

type Mutable<L> = L extends readonly (infer E)[] ? E[] : never;
const NO_LINES: readonly never[] = Object.freeze([]);

function allocate<T extends Int>(A: ExactArithmetic<T>, input: AllocationInput): AllocationResult {
  const { sum } = helpers(A);
  const toNumber = A.toNumber;
  const toSplit = (split: SplitPool<T>): PoolSplit => ({
    pcPartCents: toNumber(split.pcPart),
    populationPartCents: toNumber(split.populationPart),
    pcPartBasis: split.pc.basis,
    populationPartBasis: split.population.basis,
  });

  const members: Member<T>[] = input.bodies.map((body, index) => ({
    index,
    entityId: body.entityId,
    order: body.order,
    pcs: A.of(body.pcs),
    population: A.of(body.population),
  }));
  const n = members.length;

  // Pools
  let grossTotal = A.zero;
  let grantsTotal = A.zero;
  let generalExpenses = A.zero;
  const capitalByProject = new Map<string, T>();
  for (const expense of input.expenses) {
    const net = A.sub(A.of(expense.grossCents), A.of(expense.grantsCents));
    grossTotal = A.add(grossTotal, A.of(expense.grossCents));
    grantsTotal = A.add(grantsTotal, A.of(expense.grantsCents));
    if (expense.category === 'CAPITAL' && expense.projectId !== null) {
      capitalByProject.set(expense.projectId, A.add(capitalByProject.get(expense.projectId) ?? A.zero, net));
    } else {
      generalExpenses = A.add(generalExpenses, net);
    }
  }
  const netTotal = A.sub(grossTotal, grantsTotal);
  const staffCosts = sum(input.staff.map((loan) => A.of(loan.costCents)));
  const generalPool = A.add(generalExpenses, staffCosts);

  // Base rule on the general pool
  const general = splitPool(A, generalPool, members, input.weights);
  let current = members.map((_, i) => A.add(general.pc.quotas[i]!, general.population.quotas[i]!));

  // Correctives
  const correctiveLines: T[][] = [];
  let effectivePopulation = members.map((member) => member.population);
  let populationQuotas = general.population.quotas;
  input.correctives.forEach((corrective, k) => {
    const applies = appliesMask(corrective.appliesTo, input.bodies);
    let delta: T[];
    switch (corrective.kind) {
      case 'MIN_POPULATION': {
        // The population part of the general pool again, with the applicable bodies counted at
        // (at least) the minimum; the line is the difference with the population part before.
        // `appliesTo.populationBelow` looks at the registry population; the PC part (even when it
        // falls back on population because nobody has PCs) is not touched.
        const minimum = A.of(corrective.minimumPopulation);
        const corrected = effectivePopulation.map((population, i) => (applies[i] && population < minimum ? minimum : population));
        const after = splitPart(A, general.populationPart, members, corrected, members.map((member) => member.pcs), ['POPULATION', 'PCS']).quotas;
        delta = after.map((quota, i) => A.sub(quota, populationQuotas[i]!));
        populationQuotas = after;
        effectivePopulation = corrected;
        break;
      }
      case 'MIN_SHARE': {
        const [floor] = A.mulDivMod(generalPool, A.of(corrective.basisPoints), A.of(BASIS_POINTS));
        delta = raiseToFloor(A, current, applies, floor, members);
        break;
      }
      case 'MAX_SHARE': {
        const [cap] = A.mulDivMod(generalPool, A.of(corrective.basisPoints), A.of(BASIS_POINTS));
        const lowered = lowerToCap(A, current, applies, cap, members);
        if (lowered === null) {
          throw new AllocationInputError([
            {
              path: ['correctives', String(k)],
              message: `every body would be capped at ${cap} cents (${corrective.basisPoints} basis points of ${generalPool}, rounded down), leaving part of the pool unallocated`,
            },
          ]);
        }
        delta = lowered;
        break;
      }
    }
    invariant(sum(delta) === A.zero, `corrective ${corrective.id} lines add up to ${sum(delta)}, not 0`);
    current = current.map((amount, i) => A.add(amount, delta[i]!));
    correctiveLines.push(delta);
  });
  invariant(sum(current) === generalPool, 'general pool not distributed exactly after the correctives');

  // Project pools (capital expenses of a project, among its participants only)
  const projectPools = input.projects
    .filter((project) => capitalByProject.has(project.id))
    .map((project) => {
      const cents = capitalByProject.get(project.id)!;
      const participating = new Set(project.participantIds);
      const participants = members.filter((member) => participating.has(member.entityId));
      const split = splitPool(A, cents, participants, input.weights);
      const byBody = new Map(participants.map((member, k) => [member.index, { pc: split.pc.quotas[k]!, population: split.population.quotas[k]! }]));
      return { project, cents, participants, split, byBody };
    });

  // Staff lent in kind
  const loansByBody = new Map<string, StaffLoan[]>();
  for (const loan of input.staff) {
    const loans = loansByBody.get(loan.lendingEntityId);
    if (loans) loans.push(loan);
    else loansByBody.set(loan.lendingEntityId, [loan]);
  }

  const totalPcs = sum(members.map((member) => member.pcs));
  const totalPopulation = sum(members.map((member) => member.population));
  const fraction = (part: T, whole: T) => (whole === A.zero ? 0 : Number(part) / Number(whole));

  let grandTotal = A.zero;
  const bodies = input.bodies.map((body, i): BodyAllocation => {
    const pcQuota = general.pc.quotas[i]!;
    const populationQuota = general.population.quotas[i]!;
    let total = A.add(pcQuota, populationQuota);
    // Plain loops: this runs once per body (thousands), where a closure per body and corrective showed.
    // Most bodies have no corrective, project or loan line: they share one frozen empty list, since
    // thousands of empty lists alive until the response made every young-generation collection longer.
    let correctives: Mutable<BodyAllocation['correctives']> | undefined;
    for (let k = 0; k < input.correctives.length; k++) {
      const amount = correctiveLines[k]![i]!;
      total = A.add(total, amount);
      if (amount !== A.zero) (correctives ??= []).push({ correctiveId: input.correctives[k]!.id, label: input.correctives[k]!.label, amountCents: toNumber(amount) });
    }
    let projects: Mutable<BodyAllocation['projects']> | undefined;
    for (const { project, byBody } of projectPools) {
      const quotas = byBody.get(i);
      if (quotas === undefined) continue;
      const amount = A.add(quotas.pc, quotas.population);
      total = A.add(total, amount);
      (projects ??= []).push({
        projectId: project.id,
        name: project.name,
        pcQuotaCents: toNumber(quotas.pc),
        populationQuotaCents: toNumber(quotas.population),
        amountCents: toNumber(amount),
      });
    }
    const loans: readonly StaffLoan[] = loansByBody.get(body.entityId) ?? NO_LINES;
    let lent = A.zero;
    for (const loan of loans) lent = A.add(lent, A.of(loan.costCents));
    const reimbursement = A.sub(A.zero, lent);
    total = A.add(total, reimbursement);
    grandTotal = A.add(grandTotal, total);
    return {
      entityId: body.entityId,
      name: body.name,
      pcs: body.pcs,
      population: body.population,
      pcShare: fraction(members[i]!.pcs, totalPcs),
      populationShare: fraction(members[i]!.population, totalPopulation),
      pcQuotaCents: toNumber(pcQuota),
      populationQuotaCents: toNumber(populationQuota),
      correctives: correctives ?? NO_LINES,
      projects: projects ?? NO_LINES,
      staffReimbursementCents: toNumber(reimbursement),
      staffLoans: loans.length === 0 ? NO_LINES : loans.map((loan) => ({ staffLoanId: loan.id, personName: loan.personName, amountCents: toNumber(A.sub(A.zero, A.of(loan.costCents))) })),
      totalCents: toNumber(total),
    };
  });
  invariant(grandTotal === netTotal, `bodies' totals add up to ${grandTotal}, net total is ${netTotal}`);
  invariant(n === bodies.length, 'one allocation per body');

  return {
    grossTotalCents: toNumber(grossTotal),
    grantsCents: toNumber(grantsTotal),
    netTotalCents: toNumber(netTotal),
    staffCostsCents: toNumber(staffCosts),
    generalPoolCents: toNumber(generalPool),
    generalPoolSplit: toSplit(general),
    projectPools: projectPools.map(({ project, cents, participants, split }) => ({
      projectId: project.id,
      name: project.name,
      cents: toNumber(cents),
      participantIds: participants.map((member) => member.entityId),
      split: toSplit(split),
    })),
    bodies,
  };
}
