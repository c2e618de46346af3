// The online services screens of the web-hosting module (art. 11.4): the catalogue of which body
// offers which service, and the board of service proposals with their votes. Routes and the labels
// of their mutations for the audit trail (composed in ../index.ts).
import type { AnyWebWidget, Label, WebRoute } from '@gea/web-kit/plugin';

export const routes: readonly WebRoute[] = [
  {
    path: '/web-hosting/proposals',
    load: () => import('./proposals-page.tsx'),
    permission: 'web-hosting:services:read',
    menu: { label: { it: 'Proposte di servizi online', en: 'Online service proposals' }, order: 62 },
  },
  {
    path: '/web-hosting/services',
    load: () => import('./services-page.tsx'),
    permission: 'web-hosting:services:read',
    menu: { label: { it: 'Catalogo dei servizi online', en: 'Online services catalogue' }, order: 63 },
  },
];
export const widgets: readonly AnyWebWidget[] = [];
export const operations: Readonly<Record<string, Label>> = {
  proposeOnlineService: { it: 'Proposta di un nuovo servizio online', en: 'New online service proposed' },
  voteOnServiceProposal: { it: 'Voto su una proposta di servizio online', en: 'Vote on an online service proposal' },
  withdrawServiceProposal: { it: 'Ritiro di una proposta di servizio online', en: 'Online service proposal withdrawn' },
  createOnlineService: { it: 'Nuovo servizio online nel catalogo', en: 'New online service in the catalogue' },
  setServiceOffering: { it: 'Servizio online offerto da un ente', en: 'Online service offered by a body' },
  removeServiceOffering: { it: 'Servizio online non più offerto da un ente', en: 'Online service no longer offered by a body' },
};
