// Gathers what the allocation needs, each from its owner: PCs from the inventory's service, the
// year's costs from procurement's, population from the core's history, the rule from this plugin.
import { InputError, type GeaContext } from '@gea/core';
import { countPersonalComputersInService } from '@gea/plugin-inventory';
import { costsOfYear, membersDuringYear, type YearCosts } from '@gea/plugin-procurement';
import { allocateCosts, AllocationInputError, type AllocationInput, type AllocationResult } from './allocation/index.ts';
import { allocationInputOf, isScenario, populationReferenceDate, STATUTE_PC_WEIGHT, type ScenarioOptions } from './rules/allocation-input.ts';
import type { CorrectiveSetting } from './rules/correctives.ts';
import { selectPopulations, type UsedFigure } from './population-figures.ts';

export interface AllocationContext {
  input: AllocationInput;
  costs: YearCosts;
  pcReferenceDate: Date;
  populationReferenceDate: Date;
  /** The figure used per body: at the reference date, or (scenarios only) the latest earlier one. */
  populations: ReadonlyMap<string, UsedFigure>;
  correctives: CorrectiveSetting[];
  scenario: boolean;
}

/** The allocation of an association's year, with what it was computed from. */
export interface ComputedAllocation extends AllocationContext {
  associationId: string;
  year: number;
  result: AllocationResult;
}

export async function loadAllocationContext(
  context: GeaContext,
  associationId: string,
  year: number,
  scenario: ScenarioOptions = {},
): Promise<AllocationContext> {
  const memberIds = await membersDuringYear(context, associationId, year);
  const populationDate = populationReferenceDate(year);
  const [rule, storedCorrectives, entities, populations, costs] = await Promise.all([
    context.prisma.costSharingRule.findUnique({ where: { associationId_year: { associationId, year } } }),
    context.prisma.costSharingCorrective.findMany({ where: { associationId, year }, orderBy: { position: 'asc' } }),
    context.prisma.entity.findMany({ where: { id: { in: memberIds } }, select: { id: true, name: true, istatCode: true }, orderBy: { name: 'asc' } }),
    // The latest figure on or before the reference date, per body (a scenario may use an earlier one).
    // The date as text: drivers return a `date` column as a Date or a string.
    context.prisma.$queryRaw<{ entityId: string; day: string; population: number }[]>`
      select distinct on ("entityId") "entityId"::text as "entityId", to_char("referenceDate", 'YYYY-MM-DD') as day, population
      from "EntityPopulation"
      where "entityId" = any(${memberIds}::uuid[]) and "referenceDate" <= ${populationDate}::date
      order by "entityId", "referenceDate" desc`,
    costsOfYear(context, associationId, year),
  ]);
  // Art. 13: the population at 31 December of the year before; an allocation without it for a body is refused.
  const figures = populations.map((row) => ({ entityId: row.entityId, population: row.population, referenceDate: new Date(`${row.day}T00:00:00Z`) }));
  const used = selectPopulations(entities, figures, populationDate, { year, allowEarlier: isScenario(scenario) });
  const pcReferenceDate = scenario.pcReferenceDate ?? rule?.pcReferenceDate ?? populationDate;
  const pcs = await Promise.all(entities.map((entity) => countPersonalComputersInService(context, entity.id, pcReferenceDate)));
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
  const members = entities.map((entity, index) => ({
    entityId: entity.id,
    name: entity.name,
    istatCode: entity.istatCode,
    pcs: pcs[index]!,
    population: used.get(entity.id)!.population,
  }));
  const pcWeightBasisPoints = scenario.pcWeightBasisPoints ?? rule?.pcWeightBasisPoints ?? STATUTE_PC_WEIGHT;
  return {
    costs,
    pcReferenceDate,
    populationReferenceDate: populationDate,
    populations: used,
    correctives,
    scenario: isScenario(scenario),
    input: allocationInputOf(members, costs, { pcWeightBasisPoints, correctives }, scenario.extraExpenses ?? []),
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
): Promise<ComputedAllocation> {
  const loaded = await loadAllocationContext(context, associationId, year, scenario);
  try {
    return { ...loaded, associationId, year, result: allocateCosts(loaded.input) };
  } catch (error) {
    throw allocationInputIssues(error);
  }
}
