import type { ContentTypeName } from '../model/content-types.ts';

/** A page another page points at, as visitors see it: a contact point comes with its details. */
export interface PublicReference {
  type: ContentTypeName;
  title: string;
  summary: string;
  path: string | null;
  contact?: Record<string, string>;
}
