// A site's header and footer: its name, its body, the required links, and its menu.
import type { GeaContext, PluginRouteCall } from '@gea/core';
import type { ContentTypeName } from '../model/content-types.ts';
import { pagePath, requiredLinks } from '../model/menus.ts';
import { buildMenu, publishedCounts } from './menu.ts';
import { publicRead } from './respond.ts';

export interface PublicSite {
  slug: string;
  name: string;
  primaryDomain: string;
  body: { name: string; ipaCode: string | null; pecAddress: string | null };
}

/** The site as visitors see it (no ids, no server, no notes). */
export async function loadPublicSite(context: Pick<GeaContext, 'db'>, siteId: string): Promise<PublicSite> {
  const site = await context.db.hostedSite.findUniqueOrThrow({
    where: { id: siteId },
    relationLoadStrategy: 'join',
    select: { slug: true, name: true, primaryDomain: true, entity: { select: { name: true, ipaCode: true, pecAddress: true } } },
  });
  return { slug: site.slug, name: site.name, primaryDomain: site.primaryDomain, body: site.entity };
}

const fieldsOf = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The path of a published page on its site (null for contact points). */
export const publishedPathOf = (item: { type: ContentTypeName; slug: string }, fields: unknown) => pagePath(item.type, item.slug, fieldsOf(fields));

/** The required links that lead somewhere: an address, or a published page of the site. */
export async function siteLinks(context: Pick<GeaContext, 'db'>, siteId: string) {
  const rows = await context.db.siteLink.findMany({
    where: { siteId },
    select: {
      kind: true,
      url: true,
      contentItem: { select: { type: true, slug: true, status: true, siteId: true, publishedRevision: { select: { fields: true } } } },
    },
  });
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  return requiredLinks.flatMap((link) => {
    const row = byKind.get(link.kind);
    if (!row) return [];
    const page = row.contentItem;
    const href =
      row.url ??
      (page && page.siteId === siteId && page.status === 'PUBLISHED' && page.publishedRevision ? publishedPathOf(page, page.publishedRevision.fields) : null);
    return href === null ? [] : [{ kind: link.kind, label: link.label, dataElement: link.dataElement, href }];
  });
}

export const siteRoute = {
  method: 'GET',
  path: '/public/sites/:site',
  access: 'public',
  handle: (request: Request, call: PluginRouteCall) =>
    publicRead(request, call, false, async ({ head }) => {
      const [site, links, counts] = await Promise.all([loadPublicSite(call.context, head.id), siteLinks(call.context, head.id), publishedCounts(call.context, head.id)]);
      return { json: { site: { ...site, links }, menu: buildMenu(counts) } };
    }),
} as const;
