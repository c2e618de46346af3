// The network screens of the connectivity module: the network view (/connectivity), each body's
// connectivity sheet, the widget on the core's body page, and the labels of their mutations for the
// audit trail (composed in ../index.ts).
import { widget, type AnyWebWidget, type Label, type WebRoute } from '@gea/web-kit/plugin';
import type {} from './slot.ts';

export const routes: readonly WebRoute[] = [
  {
    path: '/connectivity',
    load: () => import('./network-page.tsx'),
    permission: 'connectivity:read',
    menu: { label: { it: 'Rete', en: 'Network' }, order: 30 },
  },
  { path: '/connectivity/bodies/:id', load: () => import('./body-sheet-page.tsx'), permission: 'connectivity:read' },
];

export const widgets: readonly AnyWebWidget[] = [
  widget({ slot: 'entity.page', load: () => import('./body-widget.tsx'), permission: 'connectivity:read', order: 30 }),
];

export const operations: Readonly<Record<string, Label>> = {
  setConnectivityHub: { it: 'Impostazione del centro servizi della rete', en: 'Setting of the network hub' },
};
