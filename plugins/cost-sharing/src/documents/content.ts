import { isoDate } from '@gea/core';
import type { ExpensePlan } from '@gea/db';
import { allocateCosts, explainAllocation } from '../allocation/index.ts';
import type { AllocationContext } from '../allocation-context.ts';
import { populationLine } from '../population-figures.ts';

/** What an issued document says, frozen at issue: later changes to expenses never alter it. */
export interface PlanDocumentContent {
  associationName: string;
  year: number;
  plan: ExpensePlan;
  version: number;
  issuedAt: string;
  pcReferenceDate: string;
  populationReferenceDate: string;
  pcWeightBasisPoints: number;
  expenses: { description: string; category: string; grossCents: number; grantsCents: number; netCents: number; cig: string | null; cup: string | null }[];
  staff: { personName: string; lendingBody: string; costCents: number }[];
  totals: { grossCents: number; grantsCents: number; netCents: number; staffCostsCents: number };
  quotas: {
    entityId: string;
    name: string;
    pcs: number;
    population: number;
    /** The date of the population figure used (documents issued before it was recorded lack it). */
    populationDate?: string;
    pcQuotaCents: number;
    populationQuotaCents: number;
    correctivesCents: number;
    projectsCents: number;
    staffReimbursementCents: number;
    totalCents: number;
    explanation: string[];
  }[];
}

export const PLAN_TITLES: Record<ExpensePlan, { it: string; en: string }> = {
  PURCHASES: { it: 'Piano degli acquisti informatici', en: 'ICT purchase plan' },
  SOFTWARE_INTEGRATION: { it: 'Piano di integrazione dei servizi informatici', en: 'Software integration plan' },
  RUNNING_SERVICES: { it: 'Riepilogo dei costi dei servizi in essere', en: 'Summary of running service costs' },
};

/**
 * The document's expenses and each body's quota of them: the year's allocation restricted to the
 * plan's expenses (and, for running costs, the staff lent to the office).
 */
export function buildPlanContent(
  loaded: AllocationContext,
  meta: { associationName: string; year: number; plan: ExpensePlan; version: number; issuedAt: Date },
): PlanDocumentContent {
  const planExpenses = loaded.costs.expenses.filter((expense) => expense.plan === meta.plan);
  const withStaff = meta.plan === 'RUNNING_SERVICES';
  const ids = new Set(planExpenses.map((expense) => expense.id));
  const input = {
    ...loaded.input,
    expenses: loaded.input.expenses.filter((expense) => ids.has(expense.id)),
    projects: loaded.input.projects.filter((project) => planExpenses.some((expense) => expense.projectId === project.id)),
    staff: withStaff ? loaded.input.staff : [],
  };
  const result = allocateCosts(input);
  const names = new Map(loaded.input.bodies.map((body) => [body.entityId, body.name]));
  return {
    associationName: meta.associationName,
    year: meta.year,
    plan: meta.plan,
    version: meta.version,
    issuedAt: meta.issuedAt.toISOString(),
    pcReferenceDate: isoDate(loaded.pcReferenceDate),
    populationReferenceDate: isoDate(loaded.populationReferenceDate),
    pcWeightBasisPoints: input.weights.pcBasisPoints,
    expenses: planExpenses.map((expense) => ({
      description: expense.description,
      category: expense.category,
      grossCents: expense.grossCents,
      grantsCents: expense.grantsCents,
      netCents: expense.grossCents - expense.grantsCents,
      cig: expense.cig,
      cup: expense.cup,
    })),
    staff: input.staff.map((row) => ({ personName: row.personName, lendingBody: names.get(row.lendingEntityId) ?? '', costCents: row.costCents })),
    totals: { grossCents: result.grossTotalCents, grantsCents: result.grantsCents, netCents: result.netTotalCents, staffCostsCents: result.staffCostsCents },
    quotas: result.bodies.map((body) => ({
      entityId: body.entityId,
      name: body.name,
      pcs: body.pcs,
      population: body.population,
      populationDate: isoDate(loaded.populations.get(body.entityId)!.referenceDate),
      pcQuotaCents: body.pcQuotaCents,
      populationQuotaCents: body.populationQuotaCents,
      correctivesCents: body.correctives.reduce((sum, line) => sum + line.amountCents, 0),
      projectsCents: body.projects.reduce((sum, line) => sum + line.amountCents, 0),
      staffReimbursementCents: body.staffReimbursementCents,
      totalCents: body.totalCents,
      explanation: [populationLine('it', loaded.populations.get(body.entityId)!, loaded.populationReferenceDate), ...explainAllocation(body, result, 'it')],
    })),
  };
}
