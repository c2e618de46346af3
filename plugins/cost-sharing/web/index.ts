// Cost sharing's web part: an association's allocation of a year, the simulation and the documents.
import { defineWebPlugin } from '@gea/web-kit/plugin';
import { costSharingPermissions } from '../src/permissions.ts';
import { costSharingOperations } from './operations.ts';

export default defineWebPlugin({
  key: 'cost-sharing',
  label: { it: 'Ripartizione costi', en: 'Cost sharing' },
  permissions: costSharingPermissions,
  operations: costSharingOperations,
  routes: [
    {
      path: '/cost-sharing',
      load: () => import('./cost-sharing-page.tsx'),
      permission: 'cost-sharing:read',
      menu: { label: { it: 'Ripartizione costi', en: 'Cost sharing' }, order: 40 },
    },
  ],
});
