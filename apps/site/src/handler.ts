// The site handler: `/sites/<slug>/<site path>` rendered from the public API, the assets under
// `/sites/_assets/`, and the feedback form's POST. Conditional requests are passed through: the
// visitor's If-None-Match goes to the API, whose 304 becomes ours; a preview is never cached.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PathJson, SiteJson, TaxonomiesJson } from './api-types.ts';
import { createSiteAssets } from './assets.ts';
import type { FeedbackNotice, RenderContext } from './layout.ts';
import { renderContentPage } from './pages/content.ts';
import { renderHomePage } from './pages/home.ts';
import { renderListPage } from './pages/list.ts';
import { renderNotFoundPage, renderUnavailablePage } from './pages/not-found.ts';
import { renderTopicsPage } from './pages/topics.ts';

/** The site's pages run only their own files and post only to themselves. */
export const SITE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export interface SiteHandlerOptions {
  /**
   * Calls the public API (`/web-hosting/public/...`), in-process or over HTTP. `context` is the
   * second argument the handler was called with (the server's context of the visitor's request).
   */
  fetchApi(path: string, init?: RequestInit, context?: unknown): Promise<Response>;
  /** Where the sites are mounted: "/sites". */
  basePath?: string;
  /** The public API's sites (default "/web-hosting/public/sites"). */
  apiBase?: string;
}

export type SiteHandler = (request: Request, context?: unknown) => Promise<Response | null>;

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62})$/;
const PATH_SEGMENT = /^[a-z0-9][a-z0-9._-]{0,199}$/i;
const FEEDBACK_NOTICES = new Set(['grazie', 'errore', 'troppe']);
const FEEDBACK_MAX_BYTES = 4096;

/** Changes when the renderer's code or assets change, so an ETag of an older rendering never matches. */
function rendererVersion(assetsVersion: string): string {
  const hash = createHash('sha256').update(assetsVersion);
  const root = dirname(fileURLToPath(import.meta.url));
  for (const file of (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
    hash.update(file).update(readFileSync(join(root, file)));
  }
  return hash.digest('hex').slice(0, 10);
}

function parseEtag(tag: string): { weak: boolean; opaque: string } | null {
  const match = /^(W\/)?"([^"]*)"$/.exec(tag.trim());
  return match ? { weak: Boolean(match[1]), opaque: match[2]! } : null;
}

export function createSiteHandler({ fetchApi, basePath = '/sites', apiBase = '/web-hosting/public/sites' }: SiteHandlerOptions): SiteHandler {
  const assets = createSiteAssets(basePath);
  const version = rendererVersion(assets.prefix);

  const ourEtag = (apiEtag: string | null): string | null => {
    const parsed = apiEtag ? parseEtag(apiEtag) : null;
    return parsed ? `W/"${version}-${parsed.opaque}"` : null;
  };
  /** The visitor's tags that came from this renderer, as the API wrote them. */
  const apiIfNoneMatch = (header: string | null): string | null => {
    if (!header) return null;
    const tags = header.split(',').flatMap((tag) => {
      const parsed = parseEtag(tag);
      if (!parsed || !parsed.opaque.startsWith(`${version}-`)) return [];
      return [`W/"${parsed.opaque.slice(version.length + 1)}"`];
    });
    return tags.length > 0 ? tags.join(', ') : null;
  };

  const htmlResponse = (request: Request, status: number, body: string, headers: Record<string, string> = {}) =>
    new Response(request.method === 'HEAD' ? null : body, {
      status,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': SITE_CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'cache-control': 'no-cache',
        ...headers,
      },
    });

  const getJson = async <T>(path: string, context: unknown, headers: Record<string, string> = {}) => {
    const response = await fetchApi(path, { method: 'GET', headers: { accept: 'application/json', ...headers } }, context);
    // Anything but JSON (no such route: another handler's page) is no answer of the API.
    if (response.status !== 200 || !/^application\/(?:[\w.+-]+\+)?json\b/i.test(response.headers.get('content-type') ?? '')) {
      await response.body?.cancel();
      return { response, json: null as T | null };
    }
    return { response, json: italianLabels(await response.json()) as T };
  };

  const notFound = (request: Request, context: RenderContext | null) =>
    htmlResponse(request, 404, renderNotFoundPage(context, assets.prefix), { 'cache-control': 'no-cache' });
  const unavailable = (request: Request) =>
    htmlResponse(request, 503, renderUnavailablePage(assets.prefix), { 'cache-control': 'no-store', 'retry-after': '60' });

  async function feedback(request: Request, slug: string, serverContext: unknown): Promise<Response> {
    const length = Number(request.headers.get('content-length') ?? '0');
    if (length > FEEDBACK_MAX_BYTES) return new Response('Richiesta troppo grande', { status: 413 });
    const text = await request.text();
    if (text.length > FEEDBACK_MAX_BYTES) return new Response('Richiesta troppo grande', { status: 413 });
    const form = new URLSearchParams(text);
    const rawPath = (form.get('path') ?? '').replace(/^\/+|\/+$/g, '');
    const path = rawPath.split('/').every((segment) => segment === '' || PATH_SEGMENT.test(segment)) && rawPath.length <= 500 ? rawPath : '';
    const rating = Number(form.get('rating'));
    const reason = form.get(Number.isInteger(rating) && rating >= 4 ? 'reason-positive' : 'reason-negative')?.trim() || undefined;
    const comment = form.get('comment')?.trim() || undefined;
    const response = await fetchApi(
      `${apiBase}/${slug}/feedback`,
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ path, rating, reason, comment }) },
      serverContext,
    );
    await response.body?.cancel();
    if (response.status === 404 && !path) return notFound(request, null);
    const notice = response.ok ? 'grazie' : response.status === 429 ? 'troppe' : 'errore';
    const target = `${basePath}/${slug}/${path ? `${path.split('/').map(encodeURIComponent).join('/')}` : ''}?feedback=${notice}#feedback`;
    return new Response(null, { status: 303, headers: { location: target, 'cache-control': 'no-store' } });
  }

  return async function handle(request, serverContext) {
    try {
      return await respond(request, serverContext);
    } catch (error) {
      // Never a stack trace to a visitor; the operator gets it in the log.
      console.error(`site: unexpected error in ${request.method} ${new URL(request.url).pathname}:`, error);
      return unavailable(request);
    }
  };

  async function respond(request: Request, serverContext: unknown): Promise<Response | null> {
    const url = new URL(request.url);
    if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return null;
    const rest = url.pathname.slice(basePath.length + 1);
    if (rest.startsWith('_assets/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
      return assets.serve(request, rest.slice('_assets/'.length)) ?? new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    const [slug = '', ...segments] = rest.split('/');
    if (!SLUG.test(slug)) return notFound(request, null);
    if (url.pathname === `${basePath}/${slug}`) {
      return new Response(null, { status: 308, headers: { location: `${basePath}/${slug}/${url.search}` } });
    }
    let parts: string[];
    try {
      parts = segments.filter((segment) => segment !== '').map((segment) => decodeURIComponent(segment));
    } catch {
      return notFound(request, null);
    }
    if (parts.length === 1 && parts[0] === '_feedback') {
      if (request.method !== 'POST') return new Response(null, { status: 405, headers: { allow: 'POST' } });
      return feedback(request, slug, serverContext);
    }
    if (!parts.every((segment) => PATH_SEGMENT.test(segment))) return notFound(request, null);
    const path = parts.join('/');
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });

    const preview = url.searchParams.get('preview');
    const notice = url.searchParams.get('feedback');
    const feedbackNotice = (notice && FEEDBACK_NOTICES.has(notice) ? notice : null) as FeedbackNotice;
    const pageNumber = url.searchParams.get('page');
    const query = new URLSearchParams();
    if (pageNumber && /^\d{1,5}$/.test(pageNumber)) query.set('page', pageNumber);
    if (preview) query.set('preview', preview);
    const personal = Boolean(preview) || feedbackNotice !== null;

    const encoded = parts.map(encodeURIComponent).join('/');
    const topicsPage = path === 'argomenti';
    const apiPath = topicsPage ? `${apiBase}/${slug}/taxonomies` : `${apiBase}/${slug}/path/${encoded}${query.size > 0 ? `?${query}` : ''}`;
    const ifNoneMatch = personal ? null : apiIfNoneMatch(request.headers.get('if-none-match'));

    const content = await getJson<PathJson | TaxonomiesJson>(apiPath, serverContext, ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {});
    const cacheControl = personal ? 'private, no-store' : (content.response.headers.get('cache-control') ?? 'no-cache');
    const etag = personal ? null : ourEtag(content.response.headers.get('etag'));
    if (content.response.status === 304) {
      return new Response(null, { status: 304, headers: { 'cache-control': cacheControl, ...(etag ? { etag } : {}) } });
    }
    if (content.response.status >= 500) return unavailable(request);

    const site = await getJson<SiteJson>(`${apiBase}/${slug}`, serverContext);
    if (site.response.status >= 500) return unavailable(request);
    if (!site.json) return notFound(request, null);
    const context: RenderContext = {
      site: site.json,
      assets: assets.prefix,
      root: `${basePath}/${slug}/`,
      path,
      preview: Boolean(preview),
      feedback: feedbackNotice,
    };
    if (!content.json) return notFound(request, context);

    let body: string;
    if (topicsPage) {
      body = renderTopicsPage(context, (content.json as TaxonomiesJson).topics ?? []);
    } else {
      const json = content.json as PathJson;
      context.preview = Boolean(preview) || json.preview === true;
      if (json.kind === 'home') body = renderHomePage(context, json.home);
      else if (json.kind === 'list') body = renderListPage(context, json.list);
      else if (json.kind === 'page') body = renderContentPage(context, json.page);
      else return notFound(request, context);
    }
    const headers: Record<string, string> = { 'cache-control': context.preview ? 'private, no-store' : cacheControl };
    if (etag && !context.preview) headers.etag = etag;
    if (context.preview) headers['x-robots-tag'] = 'noindex';
    return htmlResponse(request, 200, body, headers);
  }
}

/**
 * The public API gives every label in both languages (`{ it, en }`); this site is Italian, so each
 * such pair becomes its Italian text once, here, and the pages deal in plain strings.
 */
export function italianLabels(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(italianLabels);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 2 && typeof (value as { it?: unknown }).it === 'string' && typeof (value as { en?: unknown }).en === 'string') {
    return (value as { it: string }).it;
  }
  return Object.fromEntries(entries.map(([key, inner]) => [key, key === 'jsonLd' ? inner : italianLabels(inner)]));
}
