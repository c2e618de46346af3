import { modelRef, perBuilder } from '@gea/core';
import { expenseCategoryEnum } from '@gea/plugin-procurement';
import { z } from 'zod';
import type { ScenarioOptions } from '../rules/allocation-input.ts';
import { correctiveSettings } from '../rules/correctives.ts';
import { correctiveInputType, requestedCorrectives } from './corrective-input.ts';

const cents = z.number().int().min(0).max(1_000_000_000_00);

export const allocationScenarioType = perBuilder((builder) => {
  const ScenarioExpense = builder.inputType('ScenarioExpenseInput', {
    fields: (t) => ({
      description: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      category: t.field({ type: expenseCategoryEnum(builder), required: true }),
      grossCents: t.field({ type: 'Cents', required: true, validate: cents }),
      grantsCents: t.field({ type: 'Cents', required: false, validate: cents }),
      projectId: t.globalID({ required: false, for: modelRef(builder, 'Project') }),
    }),
  });
  return builder.inputType('AllocationScenario', {
    description: 'What to change for a simulation. Nothing is saved.',
    fields: (t) => ({
      pcWeightBasisPoints: t.int({ required: false, description: 'Weight of PCs, 10000 = 100%; population weighs the rest.', validate: z.number().int().min(0).max(10_000) }),
      pcReferenceDate: t.field({ type: 'Date', required: false }),
      correctives: t.field({ type: [correctiveInputType(builder)], required: false, description: 'Replaces the year\'s correctives (empty: none).' }),
      extraExpenses: t.field({ type: [ScenarioExpense], required: false }),
    }),
  });
});

type AllocationScenario = ReturnType<typeof allocationScenarioType>['$inferInput'];

/** The simulation a scenario asks for; its correctives checked as a rule's would be. */
export function scenarioOptions(scenario: AllocationScenario | null | undefined): ScenarioOptions {
  if (!scenario) return {};
  return {
    pcWeightBasisPoints: scenario.pcWeightBasisPoints,
    pcReferenceDate: scenario.pcReferenceDate,
    correctives: scenario.correctives ? correctiveSettings(requestedCorrectives(scenario.correctives), ['scenario', 'correctives']) : null,
    extraExpenses: scenario.extraExpenses?.map((expense) => ({
      description: expense.description,
      category: expense.category,
      grossCents: expense.grossCents,
      grantsCents: expense.grantsCents ?? 0,
      projectId: expense.projectId?.id ?? null,
    })),
  };
}
