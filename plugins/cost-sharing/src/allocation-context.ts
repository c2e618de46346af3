// Gathers what the allocation needs, each from its owner: PCs from the inventory's service, the
// year's costs from procurement's, population from the core's history, the rule from this plugin.
import { InputError, type GeaContext } from '@gea/core';
import { countPersonalComputersInService } from '@gea/plugin-inventory';
import { costsOfYear, membersDuringYear, type YearCosts } from '@gea/plugin-procurement';
import { allocateCosts, AllocationInputError, type AllocationInput, type AllocationResult } from './allocation/index.ts';
import { allocationInputOf, isScenario, populationReferenceDate, STATUTE_PC_WEIGHT, type ScenarioOptions } from './rules/allocation-input.ts';
import type { CorrectiveSetting } from './rules/correctives.ts';

export interface AllocationContext {
  input: AllocationInput;
  costs: YearCosts;
  pcReferenceDate: Date;
  populationReferenceDate: Date;
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
    // The latest figure on or before the reference date, per body.
    context.prisma.$queryRaw<{ entityId: string; population: number }[]>`
      select distinct on ("entityId") "entityId"::text as "entityId", population
      from "EntityPopulation"
      where "entityId" = any(${memberIds}::uuid[]) and "referenceDate" <= ${populationDate}::date
      order by "entityId", "referenceDate" desc`,
    costsOfYear(context, associationId, year),
  ]);
  const pcReferenceDate = scenario.pcReferenceDate ?? rule?.pcReferenceDate ?? populationDate;
  const pcs = await Promise.all(entities.map((entity) => countPersonalComputersInService(context, entity.id, pcReferenceDate)));
  const populationOf = new Map(populations.map((row) => [row.entityId, row.population]));
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
    population: populationOf.get(entity.id) ?? 0,
  }));
  const pcWeightBasisPoints = scenario.pcWeightBasisPoints ?? rule?.pcWeightBasisPoints ?? STATUTE_PC_WEIGHT;
  return {
    costs,
    pcReferenceDate,
    populationReferenceDate: populationDate,
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
