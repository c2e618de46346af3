// Procurement's web part: the contracts list, the contracts ending soon on the dashboard, and the
// contracts covering an asset on the inventory's asset page.
import type {} from '@gea/plugin-inventory/web';
import { defineWebPlugin, widget } from '@gea/web-kit/plugin';
import { procurementPermissions } from '../src/permissions.ts';
import { procurementOperations } from './operations.ts';

export default defineWebPlugin({
  key: 'procurement',
  label: { it: 'Contratti', en: 'Contracts' },
  permissions: procurementPermissions,
  operations: procurementOperations,
  routes: [
    {
      path: '/procurement/contracts',
      load: () => import('./contracts-page.tsx'),
      permission: 'procurement:read',
      menu: { label: { it: 'Contratti', en: 'Contracts' }, order: 20 },
    },
  ],
  widgets: [
    widget({ slot: 'dashboard.attention', load: () => import('./ending-widget.tsx'), permission: 'procurement:read', order: 10 }),
    widget({ slot: 'inventory.asset', load: () => import('./asset-contracts-widget.tsx'), permission: 'procurement:read' }),
  ],
});
