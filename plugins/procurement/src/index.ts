import { definePlugin } from '@gea/core';
import { procurementPermissions } from './permissions.ts';
import { addContractSchema } from './schema/contracts.ts';
import { addExpenseSchema } from './schema/expenses.ts';
import { addSupplierSchema } from './schema/suppliers.ts';
import { seedProcurement } from './seed.ts';

export { costsOfYear, membersDuringYear, type YearCosts } from './services.ts';
export { procurementRefs, type ProcurementRefs } from './schema/refs.ts';
export { cigFor, isValidCig, isValidCup, isValidVatNumber } from './codes.ts';

export default definePlugin({
  key: 'procurement',
  name: 'Procurement',
  description: 'Suppliers and contracts of the ICT office, for one or several bodies (art. 3.11-12, 10.5).',
  dependsOn: ['inventory'],
  prismaSchema: 'prisma/schema/procurement.prisma',
  permissions: procurementPermissions,
  schema: (builder) => {
    const suppliers = addSupplierSchema(builder);
    const contracts = addContractSchema(builder, suppliers);
    addExpenseSchema(builder, contracts);
  },
  seed: seedProcurement,
});
