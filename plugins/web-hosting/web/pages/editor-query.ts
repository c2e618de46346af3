// The page editor's query and the types its parts share (editor-page.tsx, field-inputs.tsx,
// publication-panel.tsx).
import { graphql, type ResultOf } from '@gea/web-kit';

export const EditorQuery = graphql(`
  query WebHostingPageEditor($id: ID!) {
    node(id: $id) {
      ... on ContentItem {
        id version type slug title status hasUnpublishedChanges publishAt unpublishAt sitePath lastPublishedAt updatedAt
        site { id name slug reviewRequired entity { id } contents { id type title } }
        headRevision { id number title summary topics fields createdAt author { name } publicationIssues { path message code } }
        publishedRevision { id number }
        reviewRevision { id number }
        attachments { id fileName }
      }
    }
  }
`);

export type Item = Extract<NonNullable<ResultOf<typeof EditorQuery>['node']>, { headRevision: unknown }>;
export type SitePage = Item['site']['contents'][number];
export type Issue = { path: readonly (string | number)[]; message: string; code?: string | null };

/** `2026-12-24T08:30` in the browser's time zone, for datetime-local inputs. */
export const toLocalInput = (iso: string | null | undefined) => {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};
export const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);
