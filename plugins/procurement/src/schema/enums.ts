// Enums several procurement files (and other plugins) use: defined once per builder.
import { modelRef, perBuilder, type GeaBuilder } from '@gea/core';
import { ContractKind, ExpenseCategory, ExpensePlan, GrantSource } from '@gea/db';

export const contractKindEnum = perBuilder((builder) => builder.enumType(ContractKind, { name: 'ContractKind' }));
export const expenseCategoryEnum = perBuilder((builder) => builder.enumType(ExpenseCategory, { name: 'ExpenseCategory' }));
export const expensePlanEnum = perBuilder((builder) => builder.enumType(ExpensePlan, { name: 'ExpensePlan' }));
export const grantSourceEnum = perBuilder((builder) => builder.enumType(GrantSource, { name: 'GrantSource' }));

/**
 * The procurement types other plugins point at, as they were reached before the plugin kit: models
 * by name (modelRef), enums once per builder. New code may call modelRef and the enum functions directly.
 */
export function procurementRefs(builder: GeaBuilder) {
  return {
    Project: modelRef(builder, 'Project'),
    Expense: modelRef(builder, 'Expense'),
    StaffSecondment: modelRef(builder, 'StaffSecondment'),
    ExpensePlan: expensePlanEnum(builder),
    ExpenseCategory: expenseCategoryEnum(builder),
  };
}
export type ProcurementRefs = ReturnType<typeof procurementRefs>;
