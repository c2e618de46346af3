// What visitors said of a site's pages, for its editors: HostedSite.feedbackSummary (average and
// count per rating, overall and per page) and HostedSite.feedback (the latest answers with their
// comments). Needs web-hosting:feedback:read on the site's body.
import { modelRef, type GeaBuilder } from '@gea/core';
import { feedbackScopes } from '../scopes.ts';

interface RatingStats {
  count: number;
  average: number | null;
  /** Answers with 1, 2, 3, 4, 5 stars. */
  ratings: number[];
}
interface PageStats extends RatingStats {
  path: string;
  title: string | null;
  reasons: { key: string; count: number }[];
}
interface FeedbackSummary extends RatingStats {
  pages: PageStats[];
}
interface FeedbackEntry {
  path: string;
  rating: number;
  reason: string | null;
  comment: string | null;
  createdAt: Date;
}

const stats = (ratings: number[]): RatingStats => {
  const count = ratings.reduce((a, b) => a + b, 0);
  const sum = ratings.reduce((a, n, i) => a + n * (i + 1), 0);
  return { count, average: count === 0 ? null : Math.round((sum / count) * 100) / 100, ratings };
};

export function addPageFeedback(builder: GeaBuilder) {
  const HostedSite = modelRef(builder, 'HostedSite');
  const statsFields = (t: { exposeInt: any; exposeFloat: any; exposeIntList: any }) => ({
    count: t.exposeInt('count'),
    average: t.exposeFloat('average', { nullable: true, description: 'Mean stars, two decimals; null without answers.' }),
    ratings: t.exposeIntList('ratings', { description: 'Answers with 1, 2, 3, 4 and 5 stars, in this order.' }),
  });
  const Reason = builder.objectRef<{ key: string; count: number }>('FeedbackReasonCount').implement({
    authScopes: feedbackScopes.readSome,
    fields: (t) => ({ key: t.exposeString('key'), count: t.exposeInt('count') }),
  });
  const PageRef = builder.objectRef<PageStats>('PageFeedbackSummary').implement({
    authScopes: feedbackScopes.readSome,
    description: "Visitors' ratings of one page (or list) of a site.",
    fields: (t) => ({
      path: t.exposeString('path', { description: 'The site path rated ("" for the home page).' }),
      title: t.exposeString('title', { nullable: true, description: 'Title of the page as published; null for the home page and lists.' }),
      ...statsFields(t as never),
      reasons: t.field({ type: [Reason], description: 'How often each follow-up answer was chosen, most chosen first.', resolve: (p) => p.reasons }),
    }),
  });
  const SummaryRef = builder.objectRef<FeedbackSummary>('FeedbackSummary').implement({
    authScopes: feedbackScopes.readSome,
    description: "Visitors' ratings of a site's pages (\"Quanto sono chiare le informazioni su questa pagina?\").",
    fields: (t) => ({
      ...statsFields(t as never),
      pages: t.field({ type: [PageRef], description: 'Per page, the least satisfied first.', resolve: (s) => s.pages }),
    }),
  });
  const EntryRef = builder.objectRef<FeedbackEntry>('PageFeedbackEntry').implement({
    authScopes: feedbackScopes.readSome,
    description: 'One visitor answer; nothing identifies the visitor.',
    fields: (t) => ({
      path: t.exposeString('path'),
      rating: t.exposeInt('rating'),
      reason: t.exposeString('reason', { nullable: true }),
      comment: t.exposeString('comment', { nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaObjectFields(HostedSite, (t) => ({
    feedbackSummary: t.field({
      type: SummaryRef,
      description: 'Ratings of the pages, overall and per page, since a day (default: all).',
      args: { since: t.arg({ type: 'Date', required: false }) },
      authScopes: (site) => feedbackScopes.readOn(site.entityId),
      select: { id: true, entityId: true },
      resolve: async (site, { since }, context) => {
        const where = { siteId: site.id, ...(since ? { createdAt: { gte: since } } : {}) };
        const [byRating, byReason] = await Promise.all([
          context.prisma.pageFeedback.groupBy({ by: ['path', 'itemId', 'rating'], where, _count: { _all: true } }),
          context.prisma.pageFeedback.groupBy({ by: ['path', 'reason'], where: { ...where, reason: { not: null } }, _count: { _all: true } }),
        ]);
        const itemIds = [...new Set(byRating.flatMap((row) => (row.itemId ? [row.itemId] : [])))];
        const items = itemIds.length
          ? await context.prisma.contentItem.findMany({ where: { id: { in: itemIds }, siteId: site.id }, select: { id: true, title: true, publishedRevision: { select: { title: true } } } })
          : [];
        const titles = new Map(items.map((item) => [item.id, item.publishedRevision?.title ?? item.title]));
        const pages = new Map<string, { ratings: number[]; title: string | null; reasons: { key: string; count: number }[] }>();
        const total = [0, 0, 0, 0, 0];
        for (const row of byRating) {
          const page = pages.get(row.path) ?? { ratings: [0, 0, 0, 0, 0], title: null, reasons: [] };
          page.ratings[row.rating - 1]! += row._count._all;
          total[row.rating - 1]! += row._count._all;
          if (row.itemId && titles.has(row.itemId)) page.title = titles.get(row.itemId)!;
          pages.set(row.path, page);
        }
        for (const row of byReason) pages.get(row.path)?.reasons.push({ key: row.reason!, count: row._count._all });
        const perPage = [...pages].map(([path, page]) => ({
          path,
          title: page.title,
          ...stats(page.ratings),
          reasons: page.reasons.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
        }));
        perPage.sort((a, b) => (a.average ?? 0) - (b.average ?? 0) || b.count - a.count || a.path.localeCompare(b.path));
        return { ...stats(total), pages: perPage };
      },
    }),
    feedback: t.field({
      type: [EntryRef],
      description: 'The latest answers, newest first (at most `first`, default 50, up to 200).',
      args: { first: t.arg.int({ required: false }), path: t.arg.string({ required: false, description: 'Of one site path only.' }) },
      authScopes: (site) => feedbackScopes.readOn(site.entityId),
      select: { id: true, entityId: true },
      resolve: (site, { first, path }, context) =>
        context.prisma.pageFeedback.findMany({
          where: { siteId: site.id, ...(path !== null && path !== undefined ? { path } : {}) },
          select: { path: true, rating: true, reason: true, comment: true, createdAt: true },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: Math.min(Math.max(first ?? 50, 1), 200),
        }),
    }),
  }));
}
