// PEC and signatures' web part: mailboxes, messages, certificates and the verification form, and
// what expires soon on the dashboard.
import { defineWebPlugin, widget } from '@gea/web-kit/plugin';
import { pecSignaturesPermissions } from '../src/permissions.ts';
import { pecSignaturesOperations } from './operations.ts';

export default defineWebPlugin({
  key: 'pec-signatures',
  label: { it: 'PEC e firme', en: 'PEC and signatures' },
  permissions: pecSignaturesPermissions,
  operations: pecSignaturesOperations,
  routes: [
    {
      path: '/pec-signatures',
      load: () => import('./pec-page.tsx'),
      permission: 'pec-signatures:read',
      menu: { label: { it: 'PEC e firme', en: 'PEC and signatures' }, order: 30 },
    },
  ],
  widgets: [widget({ slot: 'dashboard.attention', load: () => import('./expiry-widget.tsx'), permission: 'pec-signatures:read', order: 20 })],
});
