// Writes a published page as the services do (src/services/content.ts), in fewer statements: the item,
// its first revision by an author, head and published revision set, the public lists' columns. The
// seed's pages pass checkPublishable; a page that does not is a bug of the seed and stops it.
import type { SeedContext } from '@gea/core';
import type { ContentTypeName } from '../model/content-types.ts';
import { checkPublishable, type RevisionContent } from '../rules/revision-check.ts';
// the services' own hash and sort date, so a seeded page reads as one an editor saved and published
import { contentHashOf, sortDateOf } from '../services/content.ts';

type Tx = SeedContext['prisma'];

export interface DemoPage extends RevisionContent {
  type: ContentTypeName;
  slug: string;
  parentId?: string | null;
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
      publishedSortDate: sortDateOf(page.type, page.fields),
    },
  });
  return item.id;
}
