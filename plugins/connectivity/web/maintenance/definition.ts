// The maintenance screens of the connectivity module: routes, dashboard or body-page widgets, and the
// labels of their mutations for the audit trail (composed in ../index.ts).
import { widget, type AnyWebWidget, type Label, type WebRoute } from '@gea/web-kit/plugin';
import './slot.ts';

export const routes: readonly WebRoute[] = [
  {
    path: '/connectivity/maintenance',
    load: () => import('./maintenance-page.tsx'),
    permission: 'connectivity:read',
    menu: { label: { it: 'Manutenzioni', en: 'Maintenance' }, order: 33 },
  },
  {
    path: '/connectivity/calendar',
    load: () => import('./calendar-page.tsx'),
    permission: 'connectivity:read',
    menu: { label: { it: 'Calendario', en: 'Calendar' }, order: 34 },
  },
];
export const widgets: readonly AnyWebWidget[] = [
  widget({ slot: 'dashboard.attention', load: () => import('./attention-widget.tsx'), permission: 'connectivity:read', order: 33 }),
  widget({ slot: 'connectivity.body', load: () => import('./body-widget.tsx'), permission: 'connectivity:read', order: 30 }),
];
export const operations: Readonly<Record<string, Label>> = {
  createMaintenanceEvent: { it: 'Registrazione di una manutenzione', en: 'Maintenance recorded' },
  updateMaintenanceEvent: { it: 'Modifica di una manutenzione', en: 'Maintenance changed' },
  cancelMaintenanceEvent: { it: 'Annullamento di una manutenzione', en: 'Maintenance cancelled' },
};
