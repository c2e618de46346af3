import { definePlugin } from '@gea/core';
import { costSharingPermissions } from './permissions.ts';
import { addAllocationSchema } from './schema/allocation.ts';
import { addDocumentSchema } from './schema/documents.ts';
import { seedCostSharing } from './seed.ts';

export { allocateCosts, explainAllocation, AllocationInputError } from './allocation/index.ts';

export default definePlugin({
  key: 'cost-sharing',
  name: 'Cost sharing',
  description: 'Shares the ICT office\'s yearly costs among the member bodies (art. 13) and issues the annual documents (art. 10).',
  dependsOn: ['inventory', 'procurement'],
  prismaSchema: 'prisma/schema/cost-sharing.prisma',
  permissions: costSharingPermissions,
  schema: (builder) => {
    addAllocationSchema(builder);
    addDocumentSchema(builder);
  },
  seed: seedCostSharing,
});
