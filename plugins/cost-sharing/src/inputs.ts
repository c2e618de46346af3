// Gathers what the allocation needs, each from its owner: PCs from the inventory's service, the
// year's costs from procurement's, population from the core's history, the rule from this plugin.
import type { GeaContext } from '@gea/core';
import type { CorrectiveKind } from '@gea/db';
import { countPersonalComputersInService } from '@gea/plugin-inventory';
import { costsOfYear, membersDuringYear, type YearCosts } from '@gea/plugin-procurement';
import type { AllocationInput, Corrective } from './allocation/index.ts';

export const STATUTE_PC_WEIGHT = 5000;

export interface ScenarioOptions {
  pcWeightBasisPoints?: number | null;
  pcReferenceDate?: Date | null;
  /** Replaces the stored correctives when given (an empty list: none). */
  correctives?: CorrectiveSetting[] | null;
  /** Expenses added to the year's, for a what-if (never saved). */
  extraExpenses?: { description: string; category: 'CURRENT' | 'CAPITAL'; grossCents: number; grantsCents: number; projectId: string | null }[] | null;
}

export interface CorrectiveSetting {
  kind: CorrectiveKind;
  label: string;
  basisPoints?: number | null;
  minimumPopulation?: number | null;
  populationBelow?: number | null;
  entityIds?: string[] | null;
}

export interface AllocationContext {
  input: AllocationInput;
  costs: YearCosts;
  pcReferenceDate: Date;
  populationReferenceDate: Date;
  correctives: CorrectiveSetting[];
  scenario: boolean;
}

/** 31 December of the year before: the statute's reference date for population (art. 13.1). */
export const lastDayOfPreviousYear = (year: number) => new Date(`${year - 1}-12-31`);

export function toCorrective(setting: CorrectiveSetting, index: number): Corrective {
  const appliesTo = setting.entityIds?.length ? { entityIds: setting.entityIds } : { populationBelow: setting.populationBelow ?? Number.MAX_SAFE_INTEGER };
  const id = `corrective-${index + 1}`;
  if (setting.kind === 'MIN_POPULATION') {
    return { id, kind: 'MIN_POPULATION', minimumPopulation: setting.minimumPopulation ?? 0, appliesTo, label: setting.label };
  }
  return { id, kind: setting.kind, basisPoints: setting.basisPoints ?? 0, appliesTo, label: setting.label };
}

export async function loadAllocationContext(
  context: GeaContext,
  associationId: string,
  year: number,
  scenario: ScenarioOptions = {},
): Promise<AllocationContext> {
  const memberIds = await membersDuringYear(context, associationId, year);
  const members = new Set(memberIds);
  const populationReferenceDate = lastDayOfPreviousYear(year);
  const [rule, storedCorrectives, entities, populations, costs] = await Promise.all([
    context.prisma.costSharingRule.findUnique({ where: { associationId_year: { associationId, year } } }),
    context.prisma.costSharingCorrective.findMany({ where: { associationId, year }, orderBy: { position: 'asc' } }),
    context.prisma.entity.findMany({ where: { id: { in: memberIds } }, select: { id: true, name: true, istatCode: true }, orderBy: { name: 'asc' } }),
    // The latest figure on or before the reference date, per body.
    context.prisma.$queryRaw<{ entityId: string; population: number }[]>`
      select distinct on ("entityId") "entityId"::text as "entityId", population
      from "EntityPopulation"
      where "entityId" = any(${memberIds}::uuid[]) and "referenceDate" <= ${populationReferenceDate}::date
      order by "entityId", "referenceDate" desc`,
    costsOfYear(context, associationId, year),
  ]);
  const pcReferenceDate = scenario.pcReferenceDate ?? rule?.pcReferenceDate ?? populationReferenceDate;
  const pcs = await Promise.all(entities.map((entity) => countPersonalComputersInService(context, entity.id, pcReferenceDate)));
  const populationOf = new Map(populations.map((row) => [row.entityId, row.population]));
  const pcWeight = scenario.pcWeightBasisPoints ?? rule?.pcWeightBasisPoints ?? STATUTE_PC_WEIGHT;
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
  const expenses = [
    ...costs.expenses.map((expense) => ({
      id: expense.id,
      grossCents: expense.grossCents,
      grantsCents: expense.grantsCents,
      category: expense.category,
      projectId: expense.projectId,
    })),
    ...(scenario.extraExpenses ?? []).map((expense, index) => ({ ...expense, id: `scenario-${index + 1}` })),
  ];
  return {
    costs,
    pcReferenceDate,
    populationReferenceDate,
    correctives,
    scenario: Boolean(scenario.pcWeightBasisPoints != null || scenario.pcReferenceDate || scenario.correctives || scenario.extraExpenses?.length),
    input: {
      bodies: entities.map((entity, index) => ({
        entityId: entity.id,
        name: entity.name,
        // ISTAT code first: the tie-break of the rounding follows the official order of municipalities.
        order: entity.istatCode ?? `~${entity.name}`,
        pcs: pcs[index]!,
        population: populationOf.get(entity.id) ?? 0,
      })),
      expenses,
      // Only projects with capital expenses this year matter; the engine ignores the others.
      projects: costs.projects
        .filter((project) => expenses.some((expense) => expense.projectId === project.id))
        .map((project) => ({ id: project.id, name: project.name, participantIds: project.participantIds.filter((id) => members.has(id)) })),
      staff: costs.staff.map((row) => ({ id: row.id, lendingEntityId: row.lendingEntityId, personName: row.personName, costCents: row.costCents })),
      weights: { pcBasisPoints: pcWeight, populationBasisPoints: 10_000 - pcWeight },
      // Population floors first: they change an input of the rule, and would otherwise undo a share floor or cap applied before them.
      correctives: [...correctives.filter((c) => c.kind === 'MIN_POPULATION'), ...correctives.filter((c) => c.kind !== 'MIN_POPULATION')].map(toCorrective),
    },
  };
}
