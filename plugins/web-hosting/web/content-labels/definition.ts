// The labels of the CMS's mutations for the audit trail (the page editor's screens add their own
// routes and widgets in their area).
import type { AnyWebWidget, Label, WebRoute } from '@gea/web-kit/plugin';

export const routes: readonly WebRoute[] = [];
export const widgets: readonly AnyWebWidget[] = [];
export const operations: Readonly<Record<string, Label>> = {
  createContentItem: { it: 'Creazione di una pagina del sito', en: 'Site page created' },
  saveContentRevision: { it: 'Salvataggio di una pagina del sito', en: 'Site page saved' },
  restoreContentRevision: { it: 'Ripristino di una versione di una pagina', en: 'Page revision restored' },
  publishContentItem: { it: 'Pubblicazione di una pagina del sito', en: 'Site page published' },
  scheduleContentItem: { it: 'Programmazione della pubblicazione di una pagina', en: 'Page publication scheduled' },
  cancelContentSchedule: { it: 'Annullamento della programmazione di una pagina', en: 'Page schedule cancelled' },
  unpublishContentItem: { it: 'Ritiro di una pagina dal sito', en: 'Site page unpublished' },
  submitContentForReview: { it: 'Invio di una pagina in revisione', en: 'Page submitted for review' },
  rejectContentReview: { it: 'Rinvio di una pagina al redattore', en: 'Page review rejected' },
  moveContentItem: { it: 'Spostamento di una pagina del sito', en: 'Site page moved' },
  deleteContentItem: { it: 'Eliminazione di una bozza di pagina', en: 'Draft page deleted' },
  uploadContentAttachment: { it: 'Caricamento di un allegato del sito', en: 'Site attachment uploaded' },
};
