// HTTP caching of the public API. Every answer's ETag is weak and built from what can change it:
// the site's publication stamp (raised by every publish, unpublish and change of required links),
// the site's and its body's row versions (name, domain, status, PEC), the path and query, and for
// answers that depend on the date (home, lists, menu counts of upcoming events) the Italian
// calendar day. Answers carry both languages ({ it, en } labels), so the language needs no key of
// its own: a front end that asks for one language puts it in the query, which is part of the key.
//
// Cache-Control: public, max-age=30, must-revalidate. A browser or proxy reuses an answer for 30 s
// at most (a publish shows within half a minute), then asks again with If-None-Match; an unchanged
// site answers 304 with no body after one cheap statement (the site's head row below), or none when
// this process read that row in the last second (STAMP_TTL_MS): the in-process cache of site heads.
// Every full answer reads the head again and refreshes that cache, so a stale 304 is possible only
// within that second after a publish made by another request.
import { createHash } from 'node:crypto';
import type { GeaContext } from '@gea/core';
import type { HostedSiteStatus } from '@gea/db';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=30, must-revalidate';
export const PRIVATE_CACHE_CONTROL = 'private, no-store';
/** How long this process trusts a site head it read, for 304 answers only. */
export const STAMP_TTL_MS = 1_000;
const MAX_SITES = 1_000;

/** What the ETag of every answer about a site is built from, and what decides whether it is served. */
export interface SiteHead {
  id: string;
  slug: string;
  status: HostedSiteStatus;
  /** Publication stamp, site row version, body row version. */
  stamp: number;
  version: number;
  entityVersion: number;
}

/** Suspended and decommissioned sites are not served: the public API answers 404 as for an unknown site. */
export const isServed = (head: Pick<SiteHead, 'status'>) => head.status === 'ACTIVE' || head.status === 'MAINTENANCE';

const heads = new Map<string, { head: SiteHead | null; at: number }>();

function remember(slug: string, head: SiteHead | null) {
  heads.delete(slug);
  heads.set(slug, { head, at: Date.now() });
  // Bounded: the oldest entries go first (a Map iterates in insertion order).
  while (heads.size > MAX_SITES) heads.delete(heads.keys().next().value!);
}

/** The site's head row: one statement (the stamp and the body's version joined in). */
export async function readSiteHead(context: Pick<GeaContext, 'db'>, slug: string): Promise<SiteHead | null> {
  const row = await context.db.hostedSite.findUnique({
    where: { slug },
    relationLoadStrategy: 'join',
    select: { id: true, slug: true, status: true, version: true, entity: { select: { version: true } }, publication: { select: { stamp: true } } },
  });
  const head = row
    ? { id: row.id, slug: row.slug, status: row.status, version: row.version, entityVersion: row.entity.version, stamp: row.publication?.stamp ?? 0 }
    : null;
  remember(slug, head);
  return head;
}

/** The head for a conditional request: this process's copy when fresh, else read. */
export async function cachedSiteHead(context: Pick<GeaContext, 'db'>, slug: string): Promise<SiteHead | null> {
  const known = heads.get(slug);
  if (known && Date.now() - known.at < STAMP_TTL_MS) return known.head;
  return readSiteHead(context, slug);
}

/** Forgets what this process knows of a site (after a change made in this process). */
export function forgetSiteHead(slug?: string) {
  if (slug === undefined) heads.clear();
  else heads.delete(slug);
}

/** The calendar day in Italy, YYYY-MM-DD. */
export const italianDay = (now = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(now);

/** The weak ETag of an answer. */
export function etagOf(head: SiteHead, url: URL, datedByDay: boolean): string {
  const query = [...url.searchParams].filter(([name]) => name !== 'preview').sort(([a], [b]) => a.localeCompare(b));
  const key = [head.id, head.stamp, head.version, head.entityVersion, url.pathname, new URLSearchParams(query).toString(), datedByDay ? italianDay() : ''].join('\n');
  return `W/"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;
}

/** Whether If-None-Match names this ETag (weak comparison, as RFC 9110 asks for If-None-Match). */
export function matches(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

export const notModified = (etag: string) => new Response(null, { status: 304, headers: { etag, 'cache-control': PUBLIC_CACHE_CONTROL } });
