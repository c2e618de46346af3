// The hosted sites screens of the web-hosting module: routes, the dashboard widget and the labels
// of their mutations for the audit trail (composed in ../index.ts).
import { widget, type AnyWebWidget, type Label, type WebRoute } from '@gea/web-kit/plugin';

export const routes: readonly WebRoute[] = [
  {
    path: '/web-hosting/sites',
    load: () => import('./sites-page.tsx'),
    permission: 'web-hosting:read',
    menu: { label: { it: 'Siti web', en: 'Web sites' }, order: 50 },
  },
  { path: '/web-hosting/sites/new', load: () => import('./site-page.tsx'), permission: 'web-hosting:sites:write' },
  { path: '/web-hosting/sites/:id', load: () => import('./site-page.tsx'), permission: 'web-hosting:read' },
  { path: '/web-hosting/cms-policies', load: () => import('./cms-policies-page.tsx'), permission: 'web-hosting:read' },
];
export const widgets: readonly AnyWebWidget[] = [
  widget({ slot: 'dashboard.attention', load: () => import('./attention-widget.tsx'), permission: 'web-hosting:read', order: 50 }),
];
export const operations: Readonly<Record<string, Label>> = {
  createHostedSite: { it: 'Registrazione di un sito ospitato', en: 'Record a hosted site' },
  updateHostedSite: { it: 'Modifica di un sito ospitato', en: 'Change a hosted site' },
  setSiteLink: { it: 'Collegamento obbligatorio di un sito', en: 'Set a required link of a site' },
  clearSiteLink: { it: 'Rimozione di un collegamento obbligatorio', en: 'Remove a required link of a site' },
  setCmsVersionPolicy: { it: 'Versioni supportate di un CMS', en: 'Set the supported versions of a CMS' },
};
