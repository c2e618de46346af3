// The shape every public read shares: find the site, answer 304 to a matching ETag before any
// other work, 404 as JSON for what is not there, the body as JSON with its ETag otherwise.
import type { PluginRouteCall } from '@gea/core';
import { cachedSiteHead, etagOf, isServed, matches, notModified, PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL, readSiteHead, type SiteHead } from './cache.ts';

export const notFound = (error = 'Not found') =>
  Response.json({ error }, { status: 404, headers: { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } });

export const jsonResponse = (body: unknown, headers: Record<string, string>) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers } });

/** A preview answer: for whoever holds the link only, never stored by a cache. */
export const privateJson = (body: unknown) => jsonResponse(body, { 'cache-control': PRIVATE_CACHE_CONTROL });

export interface PublicReadCall {
  request: Request;
  call: PluginRouteCall;
  head: SiteHead;
}

/** What a read answers: a JSON body, or a Response of its own (files), or null for 404. */
export type PublicAnswer = { json: unknown } | { response: Response } | null;

/**
 * A cacheable read of a served site. `datedByDay`: the answer changes with the Italian calendar
 * day (home, lists), so the day is part of its ETag.
 */
export async function publicRead(
  request: Request,
  call: PluginRouteCall,
  datedByDay: boolean,
  answer: (read: PublicReadCall) => Promise<PublicAnswer>,
): Promise<Response> {
  const slug = call.params.site ?? '';
  if (request.headers.has('if-none-match')) {
    const known = await cachedSiteHead(call.context, slug);
    if (known && isServed(known)) {
      const etag = etagOf(known, call.url, datedByDay);
      if (matches(request, etag)) return notModified(etag);
    }
  }
  const head = await readSiteHead(call.context, slug);
  if (!head || !isServed(head)) return notFound('No such site');
  const etag = etagOf(head, call.url, datedByDay);
  if (matches(request, etag)) return notModified(etag);
  const result = await answer({ request, call, head });
  if (!result) return notFound();
  if ('response' in result) {
    result.response.headers.set('etag', etag);
    result.response.headers.set('cache-control', PUBLIC_CACHE_CONTROL);
    return result.response;
  }
  return jsonResponse(result.json, { etag, 'cache-control': PUBLIC_CACHE_CONTROL });
}
