// Procurement's web part: contracts (list, page with coverage and documents, new), suppliers, the
// office's expenses with their grants, projects and lent staff; the contracts ending soon on the
// dashboard, and the contracts covering an asset on the inventory's asset page.
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
    { path: '/procurement/contracts/new', load: () => import('./contract-new-page.tsx'), permission: 'procurement:write' },
    { path: '/procurement/contracts/:id', load: () => import('./contract-page.tsx'), permission: 'procurement:read' },
    {
      path: '/procurement/suppliers',
      load: () => import('./suppliers-page.tsx'),
      permission: 'procurement:read',
      menu: { label: { it: 'Fornitori', en: 'Suppliers' }, order: 21 },
    },
    {
      path: '/procurement/expenses',
      load: () => import('./expenses-page.tsx'),
      permission: 'procurement:read',
      menu: { label: { it: 'Spese e contributi', en: 'Expenses and grants' }, order: 22 },
    },
    {
      path: '/procurement/projects',
      load: () => import('./projects-page.tsx'),
      permission: 'procurement:read',
      menu: { label: { it: 'Progetti', en: 'Projects' }, order: 23 },
    },
    {
      path: '/procurement/staff',
      load: () => import('./staff-page.tsx'),
      permission: 'procurement:read',
      menu: { label: { it: 'Personale comandato', en: 'Lent staff' }, order: 24 },
    },
  ],
  widgets: [
    widget({ slot: 'dashboard.attention', load: () => import('./ending-widget.tsx'), permission: 'procurement:read', order: 10 }),
    widget({ slot: 'inventory.asset', load: () => import('./asset-contracts-widget.tsx'), permission: 'procurement:read' }),
  ],
});
