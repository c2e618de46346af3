import { definePlugin } from '@gea/core';
import { inventoryPermissions } from './permissions.ts';
import { addAssetSchema } from './schema/assets.ts';
import { addAssetImportSchema } from './schema/asset-import.ts';
import { addRenewalSchema } from './schema/renewal.ts';
import { addSoftwareSchema } from './schema/software.ts';
import { seedInventory } from './seed.ts';

export { inventoryRefs, type InventoryRefs } from './schema/refs.ts';
export { countPersonalComputersInService, PERSONAL_COMPUTER_KINDS } from './services.ts';

export default definePlugin({
  key: 'inventory',
  name: 'Technology inventory',
  description: 'ICT equipment and software of every member body (art. 10), and the PC count used for cost sharing.',
  prismaSchema: 'prisma/schema/inventory.prisma',
  permissions: inventoryPermissions,
  schema: (builder) => {
    addAssetSchema(builder);
    addAssetImportSchema(builder);
    addSoftwareSchema(builder);
    addRenewalSchema(builder);
  },
  seed: seedInventory,
});
