import type { GeaBuilder } from '@gea/core';
import type { addExpenseSchema } from './expenses.ts';

export type ProcurementRefs = ReturnType<typeof addExpenseSchema>;

const refsByBuilder = new WeakMap<GeaBuilder, ProcurementRefs>();

export function registerProcurementRefs(builder: GeaBuilder, refs: ProcurementRefs): void {
  refsByBuilder.set(builder, refs);
}

/** The procurement plugin's type refs for a builder, for plugins that point at its types. */
export function procurementRefs(builder: GeaBuilder): ProcurementRefs {
  const refs = refsByBuilder.get(builder);
  if (!refs) throw new Error('procurementRefs: the procurement schema has not been added to this builder yet');
  return refs;
}
