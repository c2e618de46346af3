import { definePlugin } from '@gea/core';
import { contractDocumentRoute } from './http/contract-document.ts';
import { CONTRACT_ENDING, contractEndingJob } from './jobs/contract-ending.ts';
import { procurementPermissions } from './permissions.ts';
import { addProcurementSchema } from './schema/index.ts';
import { seedProcurement } from './seed.ts';

export {
  contractFacts,
  costsOfYear,
  findProject,
  findSupplier,
  membersDuringYear,
  membersDuringYearSql,
  recordDemoContract,
  recordDemoSuppliers,
  replaceSourcedExpenses,
  type ContractFacts,
  type SourcedExpense,
  type SourcedExpensesReplaced,
  type YearCosts,
} from './services.ts';
export { procurementRefs, contractKindEnum, expenseCategoryEnum, expensePlanEnum, grantSourceEnum, type ProcurementRefs } from './schema/enums.ts';
export { cigFor, isValidCig, isValidCup, isValidVatNumber } from './codes.ts';

export default definePlugin({
  key: 'procurement',
  name: 'Procurement',
  description: 'Suppliers and contracts of the ICT office, for one or several bodies (art. 3.11-12, 10.5).',
  dependsOn: ['inventory'],
  prismaSchema: 'prisma/schema/procurement.prisma',
  permissions: procurementPermissions,
  schema: addProcurementSchema,
  seed: seedProcurement,
  http: [contractDocumentRoute],
  // Attached files are recorded in the audit trail by size, never verbatim.
  audit: { contentFields: ['contentBase64'] },
  jobs: [contractEndingJob],
  notifications: {
    [CONTRACT_ENDING]: {
      description: 'A contract for the body ends within 60 days (again within 15)',
      label: { it: 'Contratti in scadenza', en: 'Contracts ending' },
      permission: 'procurement:read',
      roles: ['ICT_HEAD', 'ICT_STAFF', 'REFERENT'],
    },
  },
});
