// The inventory's web part: the assets list, registering an asset and an asset's page, the warranties widget on the
// dashboard, and the `inventory.asset` slot that other plugins fill on the asset's page.
import { defineWebPlugin, widget } from '@gea/web-kit/plugin';
import { inventoryPermissions } from '../src/permissions.ts';
import { inventoryOperations } from './operations.ts';

declare module '@gea/web-kit/plugin' {
  interface WidgetSlots {
    /** The page of one asset, below its details. */
    'inventory.asset': { assetId: string; entityId: string };
  }
}

export default defineWebPlugin({
  key: 'inventory',
  label: { it: 'Inventario', en: 'Inventory' },
  permissions: inventoryPermissions,
  operations: inventoryOperations,
  routes: [
    {
      path: '/inventory',
      load: () => import('./assets-page.tsx'),
      permission: 'inventory:read',
      menu: { label: { it: 'Inventario', en: 'Inventory' }, order: 10 },
    },
    // Before the asset's page, so that `new` is not read as an id.
    { path: '/inventory/assets/new', load: () => import('./asset-new-page.tsx'), permission: 'inventory:write' },
    { path: '/inventory/assets/:id', load: () => import('./asset-page.tsx'), permission: 'inventory:read' },
    { path: '/inventory/import', load: () => import('./asset-import-page.tsx'), permission: 'inventory:write' },
    {
      path: '/inventory/software',
      load: () => import('./software-products-page.tsx'),
      permission: 'inventory:read',
      menu: { label: { it: 'Software e licenze', en: 'Software and licences' }, order: 11 },
    },
    { path: '/inventory/software/licences', load: () => import('./software-licences-page.tsx'), permission: 'inventory:read' },
    { path: '/inventory/software/licences/new', load: () => import('./software-licence-new-page.tsx'), permission: 'inventory:write' },
    { path: '/inventory/software/licences/:id', load: () => import('./software-licence-page.tsx'), permission: 'inventory:read' },
    { path: '/inventory/software/renewals', load: () => import('./software-renewals-page.tsx'), permission: 'inventory:read' },
  ],
  widgets: [
    widget({ slot: 'dashboard.attention', load: () => import('./warranty-widget.tsx'), permission: 'inventory:read', order: 30 }),
    widget({ slot: 'inventory.asset', load: () => import('./software-asset-widget.tsx'), permission: 'inventory:read', order: 20 }),
  ],
});
