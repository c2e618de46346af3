// The providers screens of the connectivity module: routes, dashboard or body-page widgets, and the
// labels of their mutations for the audit trail (composed in ../index.ts).
import type { AnyWebWidget, Label, WebRoute } from '@gea/web-kit/plugin';

export const routes: readonly WebRoute[] = [
  {
    path: '/connectivity/providers',
    load: () => import('./providers-page.tsx'),
    permission: 'connectivity:read',
    menu: { label: { it: 'Fornitori di connettività', en: 'Connectivity providers' }, order: 34 },
  },
  { path: '/connectivity/providers/:id', load: () => import('./provider-page.tsx'), permission: 'connectivity:read' },
  {
    path: '/connectivity/virtual-circuits',
    load: () => import('./virtual-circuits-page.tsx'),
    permission: 'connectivity:read',
    menu: { label: { it: 'Circuiti virtuali', en: 'Virtual circuits' }, order: 35 },
  },
  { path: '/connectivity/virtual-circuits/:id', load: () => import('./virtual-circuit-page.tsx'), permission: 'connectivity:read' },
];
export const widgets: readonly AnyWebWidget[] = [];
export const operations: Readonly<Record<string, Label>> = {
  createConnectivityProvider: { it: 'Nuovo fornitore di connettività', en: 'New connectivity provider' },
  updateConnectivityProvider: { it: 'Modifica di un fornitore di connettività', en: 'Connectivity provider changed' },
  createProviderAccount: { it: 'Nuovo conto presso un fornitore', en: 'New provider account' },
  updateProviderAccount: { it: 'Modifica di un conto presso un fornitore', en: 'Provider account changed' },
  createProviderNetwork: { it: 'Nuova rete di un fornitore', en: 'New provider network' },
  updateProviderNetwork: { it: 'Modifica di una rete di un fornitore', en: 'Provider network changed' },
  createVirtualCircuit: { it: 'Nuovo circuito virtuale', en: 'New virtual circuit' },
  updateVirtualCircuit: { it: 'Modifica di un circuito virtuale', en: 'Virtual circuit changed' },
  setVirtualCircuitTerminations: { it: 'Membri di un circuito virtuale', en: 'Virtual circuit members set' },
};
