// The contracts screens of the connectivity module: routes, dashboard or body-page widgets, and the
// labels of their mutations for the audit trail (composed in ../index.ts).
import { widget, type AnyWebWidget, type Label, type WebRoute } from '@gea/web-kit/plugin';
import './slot.ts';

export const routes: readonly WebRoute[] = [
  {
    path: '/connectivity/contracts',
    load: () => import('./contracts-page.tsx'),
    permission: 'connectivity:read',
    menu: { label: { it: 'Contratti di connettività', en: 'Connectivity contracts' }, order: 32 },
  },
  { path: '/connectivity/contracts/:contractId', load: () => import('./contract-page.tsx'), permission: 'connectivity:read' },
  {
    path: '/connectivity/costs',
    load: () => import('./costs-page.tsx'),
    permission: 'connectivity:read',
    menu: { label: { it: 'Costi della connettività', en: 'Connectivity costs' }, order: 36 },
  },
];
export const widgets: readonly AnyWebWidget[] = [
  widget({ slot: 'connectivity.body', load: () => import('./body-contracts-widget.tsx'), permission: 'connectivity:read', order: 30 }),
];
export const operations: Readonly<Record<string, Label>> = {
  setConnectivityContractTerms: { it: 'Condizioni di un contratto di connettività', en: 'Connectivity contract terms set' },
  recordContractNotice: { it: 'Disdetta di un contratto di connettività', en: 'Connectivity contract notice recorded' },
  withdrawContractNotice: { it: 'Ritiro della disdetta di un contratto di connettività', en: 'Connectivity contract notice withdrawn' },
  renewConnectivityContract: { it: 'Rinnovo espresso di un contratto di connettività', en: 'Connectivity contract renewed' },
  postConnectivityCosts: { it: 'Spese della connettività registrate', en: 'Connectivity costs posted' },
};
