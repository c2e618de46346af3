import { definePlugin } from '@gea/core';
import { WARRANTY_ENDING, warrantyEndingJob } from './jobs/warranty-ending.ts';
import { inventoryPermissions } from './permissions.ts';
import { addInventorySchema } from './schema/index.ts';
import { seedInventory } from './seed.ts';

export { assetIdsOfBodies, bodiesOfAssets, bodiesOfLicences, countPersonalComputersInService, PERSONAL_COMPUTER_KINDS, personalComputersInServiceOf, recordDemoAssets } from './services.ts';
export { assetKindEnum, assetStatusEnum, licenceKindEnum } from './schema/enums.ts';

export default definePlugin({
  key: 'inventory',
  name: 'Technology inventory',
  description: 'ICT equipment and software of every member body (art. 10), and the PC count used for cost sharing.',
  prismaSchema: 'prisma/schema/inventory.prisma',
  permissions: inventoryPermissions,
  schema: addInventorySchema,
  seed: seedInventory,
  // the CSV of an import is kept in the trail by its size only
  audit: { contentFields: ['csv'] },
  jobs: [warrantyEndingJob],
  notifications: {
    [WARRANTY_ENDING]: {
      description: 'The warranty of equipment in use ends within 30 days',
      label: { it: 'Garanzie in scadenza', en: 'Warranties ending' },
      permission: 'inventory:read',
      roles: ['ICT_HEAD', 'ICT_STAFF', 'REFERENT'],
    },
  },
});
