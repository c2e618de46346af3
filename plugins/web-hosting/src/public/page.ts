// GET /web-hosting/public/sites/:site/path/<site path>: the home page, a list or a published page;
// with ?preview=<token>, the token's revision of its own page (never cached).
import type { PluginRouteCall } from '@gea/core';
import { isServed, readSiteHead } from './cache.ts';
import { findPreview } from './preview.ts';
import { renderPage } from './render-page.ts';
import { findPublishedPage, isDatedPath, listDefinition, readHome, readList } from './resolve-path.ts';
import { notFound, privateJson, publicRead } from './respond.ts';
import { loadPublicSite, publishedPathOf } from './site.ts';

const MAX_PATH = 500;

/** The site path after `/path`, without slashes at either end; null when it cannot be a path of a site. */
export function sitePathOf(url: URL, slug: string): string | null {
  const prefix = `/web-hosting/public/sites/${encodeURIComponent(slug)}/path`;
  if (!url.pathname.startsWith(prefix)) return null;
  let segments: string[];
  try {
    segments = url.pathname.slice(prefix.length).split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
  const path = segments.join('/');
  if (path.length > MAX_PATH || segments.some((s) => s === '.' || s === '..' || s.includes('/'))) return null;
  return path;
}

/** ?page=N: 1 when absent, null when not a page number. */
function pageNumber(url: URL): number | null {
  const raw = url.searchParams.get('page');
  if (raw === null) return 1;
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : null;
}

async function previewAnswer(call: PluginRouteCall, path: string, token: string): Promise<Response> {
  const head = await readSiteHead(call.context, call.params.site ?? '');
  if (!head || !isServed(head)) return notFound('No such site');
  const preview = await findPreview(call.context, head.id, token);
  // The token shows its own page only, at its path (the revision's or the published one).
  if (!preview) return notFound('No such preview: the link is wrong or has expired');
  const item = preview.item;
  const published = await call.context.db.contentItem.findUnique({ where: { id: item.id }, select: { status: true, publishedRevision: { select: { fields: true } } } });
  const paths = [publishedPathOf(item, preview.revision.fields), published?.publishedRevision ? publishedPathOf(item, published.publishedRevision.fields) : null];
  if (!paths.includes(path)) return notFound('No such preview: the link is wrong or has expired');
  const site = { ...(await loadPublicSite(call.context, head.id)), id: head.id };
  const page = await renderPage(call.context, site, item, preview.revision, { previewToken: token });
  return privateJson({ kind: 'page', page, preview: true });
}

export const pathRoute = {
  method: 'GET',
  path: '/public/sites/:site/path{/*rest}',
  access: 'public',
  handle: async (request: Request, call: PluginRouteCall) => {
    const path = sitePathOf(call.url, call.params.site ?? '');
    if (path === null) return notFound();
    const token = call.url.searchParams.get('preview');
    if (token !== null) return previewAnswer(call, path, token);
    return publicRead(request, call, isDatedPath(path), async ({ head }) => {
      if (path === '') return { json: { kind: 'home', home: await readHome(call.context, head.id) } };
      const list = listDefinition(path);
      if (list) {
        const page = pageNumber(call.url);
        if (page === null) return null;
        const answer = await readList(call.context, head.id, list, page);
        return page > answer.pageCount ? null : { json: { kind: 'list', list: answer } };
      }
      const found = await findPublishedPage(call.context, head.id, path);
      if (!found) return null;
      const site = { ...(await loadPublicSite(call.context, head.id)), id: head.id };
      return { json: { kind: 'page', page: await renderPage(call.context, site, found, found.publishedRevision!), preview: false } };
    });
  },
} as const;
