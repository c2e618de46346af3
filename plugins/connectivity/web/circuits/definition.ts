// The circuits screens of the connectivity module: routes, dashboard or body-page widgets, and the
// labels of their mutations for the audit trail (composed in ../index.ts).
import type { AnyWebWidget, Label, WebRoute } from '@gea/web-kit/plugin';

export const routes: readonly WebRoute[] = [
  {
    path: '/connectivity/circuits',
    load: () => import('./circuits-page.tsx'),
    permission: 'connectivity:read',
    menu: { label: { it: 'Circuiti', en: 'Circuits' }, order: 31 },
  },
  { path: '/connectivity/circuits/import', load: () => import('./import-page.tsx'), permission: 'connectivity:write' },
  { path: '/connectivity/circuits/new', load: () => import('./circuit-page.tsx'), permission: 'connectivity:write' },
  { path: '/connectivity/circuits/:id', load: () => import('./circuit-page.tsx'), permission: 'connectivity:read' },
];
export const widgets: readonly AnyWebWidget[] = [];
export const operations: Readonly<Record<string, Label>> = {
  createCircuit: { it: 'Registrazione di un circuito', en: 'Record a circuit' },
  updateCircuit: { it: 'Modifica di un circuito', en: 'Change a circuit' },
  setCircuitStatus: { it: 'Cambio di stato di un circuito', en: 'Change the status of a circuit' },
  setCircuitTermination: { it: 'Terminazione di un circuito', en: 'Set a circuit termination' },
  removeCircuitTermination: { it: 'Rimozione della terminazione di un circuito', en: 'Remove a circuit termination' },
  createRedundancyGroup: { it: 'Registrazione di un gruppo di ridondanza', en: 'Record a redundancy group' },
  updateRedundancyGroup: { it: 'Modifica di un gruppo di ridondanza', en: 'Change a redundancy group' },
  setRedundancyGroupMembers: { it: 'Circuiti di un gruppo di ridondanza', en: 'Set the circuits of a redundancy group' },
  importCircuits: { it: 'Importazione di circuiti da CSV', en: 'Import circuits from CSV' },
};
