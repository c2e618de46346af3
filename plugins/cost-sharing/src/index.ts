import { definePlugin } from '@gea/core';
import { planDocumentFileRoute } from './http/plan-document-files.ts';
import { costSharingPermissions } from './permissions.ts';
import { addCostSharingSchema } from './schema/index.ts';
import { seedCostSharing } from './seed.ts';

export { allocateCosts, explainAllocation, AllocationInputError } from './allocation/index.ts';

export default definePlugin({
  key: 'cost-sharing',
  name: 'Cost sharing',
  description: 'Shares the ICT office\'s yearly costs among the member bodies (art. 13) and issues the annual documents (art. 10).',
  dependsOn: ['inventory', 'procurement'],
  prismaSchema: 'prisma/schema/cost-sharing.prisma',
  permissions: costSharingPermissions,
  schema: addCostSharingSchema,
  http: [planDocumentFileRoute],
  seed: seedCostSharing,
});
