// One saved state of a page: who wrote it and when, what it says, and what stops it being published.
import { defineLoader, perBuilder, type FieldIssue, type GeaBuilder } from '@gea/core';
import type { ContentType } from '@gea/db';
import { pagePath } from '../model/menus.ts';
import type { ContentTypeName } from '../model/content-types.ts';
import { checkPublishable } from '../rules/revision-check.ts';
import { referencesOf } from '../rules/revision-check.ts';
import { contentScopes } from '../scopes.ts';
import { revisionContent } from '../services/content.ts';
import { revisionKindEnum } from './enums.ts';

/** A person as the CMS shows them next to their work: the name, nothing else of their account. */
export const contentAuthorRef = perBuilder((builder) =>
  builder.objectRef<{ id: string; name: string }>('ContentAuthor').implement({
    description: 'The person who wrote a revision or created a page (art. 11.1: every change is attributed).',
    // Only ever reached through a page or revision the reader may read.
    authScopes: { permissionOnSomeBody: contentScopes.read },
    fields: (t) => ({
      id: t.globalID({ description: 'The User id.', resolve: (person) => ({ type: 'User', id: person.id }) }),
      name: t.exposeString('name'),
    }),
  }),
);

/** Status and site of the pages revisions point at, in one query per request. */
const pageFacts = defineLoader<string, { siteId: string; type: ContentType; status: string; title: string } | null>('webHosting.pageFacts', async (ids, context) => {
  const rows = await context.prisma.contentItem.findMany({ where: { id: { in: [...ids] } }, select: { id: true, siteId: true, type: true, status: true, title: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
});
const attachmentSites = defineLoader<string, string | null>('webHosting.attachmentSite', async (ids, context) => {
  const rows = await context.prisma.contentAttachment.findMany({ where: { id: { in: [...ids] } }, select: { id: true, siteId: true } });
  const byId = new Map(rows.map((row) => [row.id, row.siteId]));
  return ids.map((id) => byId.get(id) ?? null);
});

/** What a revision's scopes and its own fields read of its page: include it when loading a revision outside a relation. */
export const revisionPageSelect = { item: { select: { siteId: true, type: true, slug: true, site: { select: { entityId: true } } } } } as const;

export function addContentRevisionType(builder: GeaBuilder) {
  const RevisionKind = revisionKindEnum(builder);
  const ContentAuthor = contentAuthorRef(builder);

  return builder.prismaNode('ContentRevision', {
    description: 'One saved state of a page, with its author and time. Revisions are never changed, except an autosave that its own author\'s next autosave replaces.',
    id: { field: 'id' },
    nullable: true,
    // A revision is its page's: readable by whoever may read the drafts of the page's site's body.
    select: { itemId: true, ...revisionPageSelect },
    authScopes: (revision) => contentScopes.readOn(revision.item.site.entityId),
    fields: (t) => ({
      number: t.exposeInt('number', { description: '1, 2, 3... per page.' }),
      kind: t.expose('kind', { type: RevisionKind }),
      restoredFrom: t.exposeInt('restoredFrom', { nullable: true, description: 'For a RESTORE: the number of the revision it copied.' }),
      title: t.exposeString('title'),
      summary: t.exposeString('summary', { description: 'Descrizione breve.' }),
      topics: t.exposeStringList('topics', { description: 'Argomenti: keys of the topics vocabulary.' }),
      fields: t.field({
        type: 'JSONObject',
        description: "The type's own fields by key (src/model/content-types.ts); rich text as the editor's JSON documents.",
        select: { fields: true },
        resolve: (revision) => (revision.fields ?? {}) as Record<string, unknown>,
      }),
      sitePath: t.string({
        nullable: true,
        description: 'Where this revision would be on the site once published (null for contact points).',
        select: { fields: true },
        resolve: (revision) => pagePath(revision.item.type as ContentTypeName, revision.item.slug, (revision.fields ?? {}) as Record<string, unknown>),
      }),
      author: t.field({
        type: ContentAuthor,
        select: { author: { select: { id: true, name: true } } },
        resolve: (revision) => revision.author,
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      publicationIssues: t.field({
        type: ['FieldIssue' as never],
        description: 'What stops this revision being published now: required sections and fields, and pages it points to that are not published. Empty: it can be published.',
        select: { title: true, summary: true, topics: true, fields: true },
        resolve: async (revision, _args, context) => {
          const type = revision.item.type as ContentTypeName;
          const content = revisionContent(revision);
          const issues: FieldIssue[] = checkPublishable(type, content);
          const { pages, attachments } = referencesOf(type, content.fields);
          const [pageRows, attachmentRows] = await Promise.all([
            Promise.all(pages.map((page) => pageFacts(context).load(page.id))),
            Promise.all(attachments.map((attachment) => attachmentSites(context).load(attachment.id))),
          ]);
          pages.forEach((page, i) => {
            const row = pageRows[i];
            if (!row || row.siteId !== revision.item.siteId) issues.push({ path: ['fields', page.key], message: `no page ${page.id} on this site`, code: 'INVALID_VALUE' });
            else if (row.status !== 'PUBLISHED') issues.push({ path: ['fields', page.key], message: `the page "${row.title}" it points to is not published: publish it first`, code: 'INVALID_VALUE' });
          });
          attachments.forEach((attachment, i) => {
            if (attachmentRows[i] !== revision.item.siteId) issues.push({ path: ['fields', attachment.key], message: `no attachment ${attachment.id} on this site`, code: 'INVALID_VALUE' });
          });
          return issues as never;
        },
      }),
    }),
  });
}
