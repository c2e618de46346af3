// The providers screens of the connectivity module: routes, dashboard or body-page widgets, and the
// labels of their mutations for the audit trail (composed in ../index.ts).
import type { AnyWebWidget, Label, WebRoute } from '@gea/web-kit/plugin';

export const routes: readonly WebRoute[] = [];
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
