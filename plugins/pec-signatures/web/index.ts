// PEC and signatures' web part: mailboxes, registry offices, messages, certificates and the
// verification form, the pages of each record, and what expires soon on the dashboard.
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
    // `new` in place of the id opens an empty form (for those who may write).
    { path: '/pec-signatures/mailboxes/:id', load: () => import('./mailbox-page.tsx'), permission: 'pec-signatures:read' },
    { path: '/pec-signatures/offices/:id', load: () => import('./office-page.tsx'), permission: 'pec-signatures:read' },
    { path: '/pec-signatures/certificates/:id', load: () => import('./certificate-page.tsx'), permission: 'pec-signatures:read' },
    { path: '/pec-signatures/messages/:id', load: () => import('./message-page.tsx'), permission: 'pec-signatures:read' },
  ],
  widgets: [widget({ slot: 'dashboard.attention', load: () => import('./expiry-widget.tsx'), permission: 'pec-signatures:read', order: 20 })],
});
