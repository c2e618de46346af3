// Writes a published page as the services will (src/services/content.ts, not here yet): the item,
// its first revision by an author, head and published revision set, the public lists' columns. The
// seed's pages pass checkPublishable; a page that does not is a bug of the seed and stops it.
import { createHash } from 'node:crypto';
import type { SeedContext } from '@gea/core';
import { contentTypeDefinitions, type ContentTypeName } from '../model/content-types.ts';
import { checkPublishable, type RevisionContent } from '../rules/revision-check.ts';

type Tx = SeedContext['prisma'];

export interface DemoPage extends RevisionContent {
  type: ContentTypeName;
  slug: string;
  parentId?: string | null;
}

/** SHA-256 of what a revision says: an unchanged save writes nothing. */
export function contentHashOf(content: RevisionContent): string {
  const { title, summary, fields, topics } = content;
  return createHash('sha256').update(JSON.stringify({ title, summary, fields, topics })).digest('hex');
}

/** The date the public lists sort a page by: its own date (news, events, documents), else its publication. */
export function sortDateOf(type: ContentTypeName, fields: Readonly<Record<string, unknown>>, publishedAt: Date): Date {
  const key = contentTypeDefinitions[type].sortDateField;
  const value = key ? fields[key] : undefined;
  if (typeof value === 'string') {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return publishedAt;
}

export async function writePublishedPage(
  prisma: Tx,
  { siteId, authorId, publishedAt }: { siteId: string; authorId: string; publishedAt: Date },
  page: DemoPage,
): Promise<string> {
  const issues = checkPublishable(page.type, page);
  if (issues.length > 0) {
    throw new Error(`web-hosting demo seed: page "${page.slug}" cannot be published: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const item = await prisma.contentItem.create({
    data: { siteId, type: page.type, slug: page.slug, title: page.title, parentId: page.parentId ?? null, createdById: authorId, createdAt: publishedAt },
  });
  const revision = await prisma.contentRevision.create({
    data: {
      itemId: item.id,
      number: 1,
      kind: 'SAVE',
      title: page.title,
      summary: page.summary,
      fields: page.fields as object,
      topics: [...page.topics],
      contentHash: contentHashOf(page),
      authorId,
      createdAt: publishedAt,
    },
  });
  await prisma.contentItem.update({
    where: { id: item.id },
    data: {
      status: 'PUBLISHED',
      headRevisionId: revision.id,
      publishedRevisionId: revision.id,
      firstPublishedAt: publishedAt,
      lastPublishedAt: publishedAt,
      publishedTopics: [...page.topics],
      publishedSortDate: sortDateOf(page.type, page.fields, publishedAt),
    },
  });
  return item.id;
}
