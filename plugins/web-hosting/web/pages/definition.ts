// The CMS screens of the web-hosting module, the editors' everyday tool: the sites to write for,
// each site's page tree, the page editor (its rich text editor is a chunk of its own) and the
// revision history with diff and restore; the labels of the content mutations for the audit trail.
import type { AnyWebWidget, Label, WebRoute } from '@gea/web-kit/plugin';

export const routes: readonly WebRoute[] = [
  {
    path: '/web-hosting/pages',
    load: () => import('./sites-page.tsx'),
    permission: 'web-hosting:content:read',
    menu: { label: { it: 'Pagine dei siti', en: 'Site pages' }, order: 61 },
  },
  { path: '/web-hosting/sites/:id/pages', load: () => import('./page-tree-page.tsx'), permission: 'web-hosting:content:read' },
  { path: '/web-hosting/pages/:id', load: () => import('./editor-page.tsx'), permission: 'web-hosting:content:read' },
  { path: '/web-hosting/pages/:id/revisions', load: () => import('./revisions-page.tsx'), permission: 'web-hosting:content:read' },
];
export const widgets: readonly AnyWebWidget[] = [];
// The content API's labels, for this branch alone: helper 2's web/content-labels and helper 3's
// web/preview label the same mutations, so at merge these go (or theirs do).
export const operations: Readonly<Record<string, Label>> = {
  createContentItem: { it: 'Creazione di una pagina di un sito', en: 'Create a site page' },
  saveContentRevision: { it: 'Salvataggio di una pagina di un sito', en: 'Save a site page' },
  restoreContentRevision: { it: 'Ripristino di una revisione di una pagina', en: 'Restore a page revision' },
  publishContentItem: { it: 'Pubblicazione di una pagina', en: 'Publish a page' },
  scheduleContentItem: { it: 'Programmazione della pubblicazione di una pagina', en: 'Schedule a page’s publication' },
  cancelContentSchedule: { it: 'Annullamento della programmazione di una pagina', en: 'Cancel a page’s schedule' },
  unpublishContentItem: { it: 'Ritiro di una pagina dal sito', en: 'Take a page down from the site' },
  submitContentForReview: { it: 'Invio di una pagina in revisione', en: 'Send a page for review' },
  rejectContentReview: { it: 'Rifiuto della revisione di una pagina', en: 'Reject a page’s review' },
  moveContentItem: { it: 'Spostamento di una pagina', en: 'Move a page' },
  deleteContentItem: { it: 'Eliminazione di una pagina mai pubblicata', en: 'Delete a never-published page' },
  uploadContentAttachment: { it: 'Caricamento di un allegato di una pagina', en: 'Upload a page attachment' },
  createPreviewLink: { it: 'Creazione di un collegamento di anteprima', en: 'Create a preview link' },
};
