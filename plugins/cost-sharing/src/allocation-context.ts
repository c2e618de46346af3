// Gathers what the allocation needs, each from its owner: PCs from the inventory's service, the
// year's costs from procurement's, population from the core's history, the rule from this plugin.
import { InputError, jsonTuples, type GeaContext } from '@gea/core';
import { Prisma } from '@gea/db';
import { personalComputersInServiceOf } from '@gea/plugin-inventory';
import { costsOfYear, membersDuringYearSql, type YearCosts } from '@gea/plugin-procurement';
import { allocateCosts, AllocationInputError, type AllocationInput, type AllocationResult } from './allocation/index.ts';
import { allocationInputOf, isScenario, populationReferenceDate, STATUTE_PC_WEIGHT, type ScenarioOptions } from './rules/allocation-input.ts';
import type { CorrectiveSetting } from './rules/correctives.ts';
import { selectPopulations, type StoredFigure, type UsedFigure } from './population-figures.ts';
import { scopes } from './scopes.ts';

export type EntityRow = Prisma.EntityGetPayload<object>;

export interface AllocationContext {
  input: AllocationInput;
  costs: YearCosts;
  pcReferenceDate: Date;
  populationReferenceDate: Date;
  /** The figure used per body: at the reference date, or (scenarios only) the latest earlier one. */
  populations: ReadonlyMap<string, UsedFigure>;
  correctives: CorrectiveSetting[];
  scenario: boolean;
  /** With `readableIds`: the members whose cost sharing the reader may see (module on). */
  readableIds?: ReadonlySet<string>;
}

/** The allocation of an association's year, with what it was computed from. */
export interface ComputedAllocation extends AllocationContext {
  associationId: string;
  year: number;
  result: AllocationResult;
}

/**
 * Everything the allocation of a year needs, in a number of statements that does not grow with the
 * members: the members, the rule, the correctives, the costs, every member's name and population
 * figure and, with `readableIds`, whether the reader may see it (one statement), their PCs (one
 * statement).
 */
export async function loadAllocationContext(
  context: GeaContext,
  associationId: string,
  year: number,
  scenario: ScenarioOptions = {},
  options: { readableIds?: boolean } = {},
): Promise<AllocationContext> {
  const populationDate = populationReferenceDate(year);
  // Everything starts at once, the members being read by each statement that needs them
  // (membersDuringYearSql); only the PCs wait for the rule's PC date, when a scenario gives none.
  const memberBodies = membersDuringYearSql(associationId, year);
  const rulePromise = context.prisma.costSharingRule.findUnique({ where: { associationId_year: { associationId, year } } });
  const pcReferenceDatePromise = rulePromise.then((rule) => scenario.pcReferenceDate ?? rule?.pcReferenceDate ?? populationDate);
  const [rule, pcReferenceDate, pcs, storedCorrectives, entities, costs] = await Promise.all([
    rulePromise,
    pcReferenceDatePromise,
    (scenario.pcReferenceDate ? Promise.resolve(scenario.pcReferenceDate) : pcReferenceDatePromise).then((date) => personalComputersInServiceOf(context, memberBodies, date)),
    context.prisma.costSharingCorrective.findMany({ where: { associationId, year }, orderBy: { position: 'asc' } }),
    // Each member with the latest figure on or before the reference date (a scenario may use an
    // earlier one), and whether the reader may see its line, in name order.
    jsonTuples<[id: string, name: string, istatCode: string | null, day: string | null, population: number | null, readable: boolean]>(
      context.prisma,
      ['id', 'name', 'istatCode', 'day', 'population', 'readable'],
      Prisma.sql`
        select e."id", e."name", e."istatCode", p."referenceDate" as day, p.population,
          ${options.readableIds ? scopes.readableEntitiesSql(context, Prisma.sql`e."id"`) : Prisma.sql`false`} as readable
        from "Entity" e
        left join lateral (
          select f."referenceDate", f.population
          from "EntityPopulation" f
          where f."entityId" = e."id" and f."referenceDate" <= ${populationDate}::date
          order by f."referenceDate" desc
          limit 1
        ) p on true
        where e."id" in (${memberBodies})`,
      Prisma.sql`r."name", r."id"`,
    ),
    costsOfYear(context, associationId, year),
  ]);
  // Art. 13: the population at 31 December of the year before; an allocation without it for a body is refused.
  // One pass over the rows. Members share a handful of dates: one Date per distinct day, not one per member.
  const days = new Map<string, Date>();
  const named: { id: string; name: string }[] = [];
  const figures: StoredFigure[] = [];
  const readableIds = new Set<string>();
  // Indexed, not destructured: destructuring an array goes through its iterator, an object per row.
  for (const row of entities) {
    const id = row[0];
    const name = row[1];
    const day = row[3];
    const population = row[4];
    const readable = row[5];
    named.push({ id, name });
    if (readable) readableIds.add(id);
    if (day === null) continue;
    let date = days.get(day);
    if (date === undefined) days.set(day, (date = new Date(`${day}T00:00:00Z`)));
    figures.push({ entityId: id, population: population!, referenceDate: date });
  }
  const used = selectPopulations(named, figures, populationDate, { year, allowEarlier: isScenario(scenario) });
  const correctives: CorrectiveSetting[] =
    scenario.correctives ??
    storedCorrectives.map((row) => ({
      kind: row.kind,
      label: row.label,
      basisPoints: row.basisPoints,
      minimumPopulation: row.minimumPopulation,
      populationBelow: row.populationBelow,
      entityIds: row.entityIds,
    }));
  const members = entities.map((row) => ({ entityId: row[0], name: row[1], istatCode: row[2], pcs: pcs.get(row[0]) ?? 0, population: used.get(row[0])!.population }));
  const pcWeightBasisPoints = scenario.pcWeightBasisPoints ?? rule?.pcWeightBasisPoints ?? STATUTE_PC_WEIGHT;
  return {
    costs,
    pcReferenceDate,
    populationReferenceDate: populationDate,
    populations: used,
    correctives,
    scenario: isScenario(scenario),
    input: allocationInputOf(members, costs, { pcWeightBasisPoints, correctives }, scenario.extraExpenses ?? []),
    ...(options.readableIds ? { readableIds } : {}),
  };
}

/** Bad stored or scenario data, as the engine reports it, in field issues under `allocation`. */
export function allocationInputIssues(error: unknown): unknown {
  if (error instanceof AllocationInputError) return new InputError(error.issues.map((issue) => ({ ...issue, path: ['allocation', ...issue.path] })));
  return error;
}

/** Runs the allocation; bad stored or scenario data comes back as field issues. */
export async function computeAllocation(
  context: GeaContext,
  associationId: string,
  year: number,
  scenario: ScenarioOptions = {},
  options: { readableIds?: boolean } = {},
): Promise<ComputedAllocation> {
  const loaded = await loadAllocationContext(context, associationId, year, scenario, options);
  try {
    return { ...loaded, associationId, year, result: allocateCosts(loaded.input) };
  } catch (error) {
    throw allocationInputIssues(error);
  }
}
