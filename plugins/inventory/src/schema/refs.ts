import type { GeaBuilder } from '@gea/core';
import type { addAssetSchema } from './assets.ts';
import type { addSoftwareSchema } from './software.ts';

export type InventoryRefs = ReturnType<typeof addAssetSchema> & ReturnType<typeof addSoftwareSchema>;

const refsByBuilder = new WeakMap<GeaBuilder, Partial<InventoryRefs>>();

export function registerInventoryRefs(builder: GeaBuilder, refs: Partial<InventoryRefs>): void {
  refsByBuilder.set(builder, { ...refsByBuilder.get(builder), ...refs });
}

/** The inventory's type refs for a builder, for plugins that extend or point at its types. */
export function inventoryRefs(builder: GeaBuilder): InventoryRefs {
  const refs = refsByBuilder.get(builder);
  if (!refs?.Asset || !refs.SoftwareLicence) throw new Error('inventoryRefs: the inventory schema has not been added to this builder yet');
  return refs as InventoryRefs;
}
