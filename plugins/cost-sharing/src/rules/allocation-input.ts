// What the allocation engine is given for a year: the rule's weights and correctives, the members'
// PCs and population, the year's costs, and a scenario's changes on top.
import { endOfYear } from '@gea/core';
import type { ExpenseCategory } from '@gea/db';
import type { YearCosts } from '@gea/plugin-procurement';
import type { AllocationInput } from '../allocation/index.ts';
import { engineCorrectives, type CorrectiveSetting } from './correctives.ts';

/** Art. 13.2: PCs and population weigh half each unless the rule says otherwise. */
export const STATUTE_PC_WEIGHT = 5000;

/** 31 December of the year before: the statute's reference date for population (art. 13.1). */
export const populationReferenceDate = (year: number): Date => endOfYear(year - 1);

export interface ScenarioExpense {
  description: string;
  category: ExpenseCategory;
  grossCents: number;
  grantsCents: number;
  projectId: string | null;
}

/** A what-if: each option given replaces what is stored; nothing is saved. */
export interface ScenarioOptions {
  pcWeightBasisPoints?: number | null;
  pcReferenceDate?: Date | null;
  /** Replaces the stored correctives when given (an empty list: none). */
  correctives?: CorrectiveSetting[] | null;
  /** Expenses added to the year's, for a what-if (never saved). */
  extraExpenses?: ScenarioExpense[] | null;
}

export const isScenario = (scenario: ScenarioOptions): boolean =>
  Boolean(scenario.pcWeightBasisPoints != null || scenario.pcReferenceDate || scenario.correctives || scenario.extraExpenses?.length);

export interface MemberFacts {
  entityId: string;
  name: string;
  istatCode: string | null;
  pcs: number;
  population: number;
}

/** The engine's input from the members (in name order), the year's costs, and the weight and correctives in force. */
export function allocationInputOf(
  members: readonly MemberFacts[],
  costs: YearCosts,
  rule: { pcWeightBasisPoints: number; correctives: readonly CorrectiveSetting[] },
  extraExpenses: readonly ScenarioExpense[] = [],
): AllocationInput {
  const memberIds = new Set(members.map((member) => member.entityId));
  const expenses = [
    ...costs.expenses.map((expense) => ({
      id: expense.id,
      grossCents: expense.grossCents,
      grantsCents: expense.grantsCents,
      category: expense.category,
      projectId: expense.projectId,
    })),
    ...extraExpenses.map((expense, index) => ({ ...expense, id: `scenario-${index + 1}` })),
  ];
  return {
    bodies: members.map((member) => ({
      entityId: member.entityId,
      name: member.name,
      // ISTAT code first: the tie-break of the rounding follows the official order of municipalities.
      order: member.istatCode ?? `~${member.name}`,
      pcs: member.pcs,
      population: member.population,
    })),
    expenses,
    // Only projects with capital expenses this year matter; the engine ignores the others.
    projects: costs.projects
      .filter((project) => expenses.some((expense) => expense.projectId === project.id))
      .map((project) => ({ id: project.id, name: project.name, participantIds: project.participantIds.filter((id) => memberIds.has(id)) })),
    staff: costs.staff.map((row) => ({ id: row.id, lendingEntityId: row.lendingEntityId, personName: row.personName, costCents: row.costCents })),
    weights: { pcBasisPoints: rule.pcWeightBasisPoints, populationBasisPoints: 10_000 - rule.pcWeightBasisPoints },
    correctives: engineCorrectives(rule.correctives),
  };
}
