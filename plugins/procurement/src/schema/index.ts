import type { GeaBuilder } from '@gea/core';
import { addContractType } from './contract.ts';
import { addContractCoverageMutation } from './contract-coverage.ts';
import { addContractDocumentType } from './contract-document.ts';
import { addExpenseType } from './expense.ts';
import { addExpenseGrantType } from './expense-grant.ts';
import { extendAsset } from './extends/asset.ts';
import { extendAssociation } from './extends/association.ts';
import { extendEntity } from './extends/entity.ts';
import { extendSoftwareLicence } from './extends/software-licence.ts';
import { addProjectType } from './project.ts';
import { addStaffSecondmentType } from './staff-secondment.ts';
import { addSupplierType } from './supplier.ts';

/** Procurement's slice of the schema: its types first, then what it adds to the core's and the inventory's. */
export function addProcurementSchema(builder: GeaBuilder): void {
  addSupplierType(builder);
  addContractType(builder);
  addContractCoverageMutation(builder);
  addContractDocumentType(builder);
  addProjectType(builder);
  addExpenseGrantType(builder);
  addExpenseType(builder);
  addStaffSecondmentType(builder);
  extendEntity(builder);
  extendAssociation(builder);
  extendAsset(builder);
  extendSoftwareLicence(builder);
}
