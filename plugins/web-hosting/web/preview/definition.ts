// Preview links and visitors' ratings: no screens of their own (the page editor shows the preview
// button, the site page the ratings); the labels of their mutations for the audit trail.
import type { AnyWebWidget, Label, WebRoute } from '@gea/web-kit/plugin';

export const routes: readonly WebRoute[] = [];
export const widgets: readonly AnyWebWidget[] = [];
export const operations: Readonly<Record<string, Label>> = {
  createPreviewLink: { it: 'Creazione di un link di anteprima', en: 'Preview link created' },
};
