import type { GeaBuilder } from '@gea/core';
import { addCostAllocation } from './cost-allocation.ts';
import { extendAssociation } from './extends/association.ts';
import { addPlanDocument } from './plan-document.ts';

/** The plugin's GraphQL schema: the allocation (with its parts and inputs) and the annual documents. */
export function addCostSharingSchema(builder: GeaBuilder) {
  addCostAllocation(builder);
  addPlanDocument(builder);
  extendAssociation(builder);
}
