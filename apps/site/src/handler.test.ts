import { describe, expect, it } from 'vitest';
import { createSiteHandler, SITE_CONTENT_SECURITY_POLICY } from './handler.ts';
import { servicePage, siteJson } from './testing/fixtures.ts';

interface Call {
  path: string;
  init?: RequestInit;
}

/** A stand-in of the public API answering from the fixtures, recording what it was asked. */
function fixtureApi() {
  const calls: Call[] = [];
  const etag = 'W/"site-7"';
  const fetchApi = async (path: string, init?: RequestInit) => {
    calls.push({ path, init });
    const headers = new Headers(init?.headers);
    if (path === '/web-hosting/public/sites/pelago') return Response.json(siteJson, { headers: { etag, 'cache-control': 'public, max-age=60' } });
    if (path.startsWith('/web-hosting/public/sites/pelago/path/servizi/anagrafe-e-stato-civile/carta-di-identita-elettronica')) {
      if (headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag, 'cache-control': 'public, max-age=60' } });
      const preview = new URL(path, 'http://x').searchParams.get('preview');
      if (preview) return Response.json({ ...servicePage, preview: true }, { headers: { 'cache-control': 'private, no-store' } });
      return Response.json(servicePage, { headers: { etag, 'cache-control': 'public, max-age=60' } });
    }
    if (path === '/web-hosting/public/sites/pelago/feedback') return new Response(null, { status: 204 });
    return Response.json({ errors: [{ message: 'Not found' }] }, { status: 404 });
  };
  return { calls, fetchApi };
}

const PAGE = 'http://localhost/sites/pelago/servizi/anagrafe-e-stato-civile/carta-di-identita-elettronica';

describe('createSiteHandler', () => {
  it('leaves other paths alone and serves a page with a strict CSP and the API cache headers', async () => {
    const { fetchApi } = fixtureApi();
    const handle = createSiteHandler({ fetchApi, basePath: '/sites' });
    expect(await handle(new Request('http://localhost/graphql'))).toBeNull();
    expect(await handle(new Request('http://localhost/sitesx'))).toBeNull();
    const response = (await handle(new Request(PAGE)))!;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(SITE_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{10}-site-7"$/);
    expect(await response.text()).toContain('data-element="service-title">Carta d&#39;identità elettronica</h1>');
  });

  it("forwards the visitor's If-None-Match to the API and answers its 304", async () => {
    const { fetchApi, calls } = fixtureApi();
    const handle = createSiteHandler({ fetchApi, basePath: '/sites' });
    const etag = (await handle(new Request(PAGE)))!.headers.get('etag')!;
    calls.length = 0;
    const again = (await handle(new Request(PAGE, { headers: { 'if-none-match': etag } })))!;
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(calls).toHaveLength(1);
    expect(new Headers(calls[0]!.init?.headers).get('if-none-match')).toBe('W/"site-7"');
    // A tag of another rendering is not sent on.
    calls.length = 0;
    expect((await handle(new Request(PAGE, { headers: { 'if-none-match': 'W/"0000000000-site-7"' } })))!.status).toBe(200);
    expect(new Headers(calls[0]!.init?.headers).get('if-none-match')).toBeNull();
  });

  it('passes a preview token to the API and shows the banner, never cached', async () => {
    const { fetchApi, calls } = fixtureApi();
    const handle = createSiteHandler({ fetchApi, basePath: '/sites' });
    const response = (await handle(new Request(`${PAGE}?preview=tok123`, { headers: { 'if-none-match': 'W/"x"' } })))!;
    expect(response.status).toBe(200);
    expect(calls[0]!.path).toContain('?preview=tok123');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect(await response.text()).toContain('<strong>Anteprima</strong>');
  });

  it('answers 404 pages for unknown sites and paths, and redirects the site root to its slash', async () => {
    const { fetchApi } = fixtureApi();
    const handle = createSiteHandler({ fetchApi, basePath: '/sites' });
    const unknownSite = (await handle(new Request('http://localhost/sites/x/')))!;
    expect(unknownSite.status).toBe(404);
    expect(await unknownSite.text()).toContain('Pagina non trovata');
    const unknownPage = (await handle(new Request('http://localhost/sites/pelago/servizi/nessuno')))!;
    expect(unknownPage.status).toBe(404);
    expect(await unknownPage.text()).toContain('data-element="management"');
    expect((await handle(new Request('http://localhost/sites/Bad..Slug/')))!.status).toBe(404);
    const root = (await handle(new Request('http://localhost/sites/pelago')))!;
    expect(root.status).toBe(308);
    expect(root.headers.get('location')).toBe('/sites/pelago/');
  });

  it('serves Bootstrap Italia and the fonts with long cache headers', async () => {
    const { fetchApi } = fixtureApi();
    const handle = createSiteHandler({ fetchApi, basePath: '/sites' });
    const html = await (await handle(new Request(PAGE)))!.text();
    const css = /href="(\/sites\/_assets\/[^"]+\/css\/bootstrap-italia\.min\.css)"/.exec(html)![1]!;
    const response = (await handle(new Request(`http://localhost${css}`, { headers: { 'accept-encoding': 'gzip' } })))!;
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const fonts = await (await handle(new Request(`http://localhost${css.replace('css/bootstrap-italia.min.css', 'fonts.css')}`)))!.text();
    for (const family of ['Titillium Web', 'Lora', 'Roboto Mono']) expect(fonts).toContain(`font-family:'${family}'`);
    const font = /url\('([^']+\.woff2)'\)/.exec(fonts)![1]!;
    expect((await handle(new Request(`http://localhost${font}`)))!.headers.get('content-type')).toBe('font/woff2');
    expect((await handle(new Request(`http://localhost${css.replace('css/bootstrap-italia.min.css', 'svg/sprites.svg')}`)))!.status).toBe(200);
    expect((await handle(new Request('http://localhost/sites/_assets/v/../../package.json')))!.status).toBe(404);
  });

  it('posts the feedback form to the public feedback route as JSON and goes back to the page', async () => {
    const { fetchApi, calls } = fixtureApi();
    const handle = createSiteHandler({ fetchApi, basePath: '/sites' });
    const body = new URLSearchParams({ path: servicePage.page.path, rating: '2', 'reason-negative': 'Ho avuto problemi tecnici', 'reason-positive': 'Altro', comment: 'Pagina lenta' });
    const response = (await handle(new Request('http://localhost/sites/pelago/_feedback', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })))!;
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/sites/pelago/${servicePage.page.path}?feedback=grazie#feedback`);
    expect(calls[0]!.path).toBe('/web-hosting/public/sites/pelago/feedback');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ path: servicePage.page.path, rating: 2, reason: 'Ho avuto problemi tecnici', comment: 'Pagina lenta' });
    const thanks = (await handle(new Request(`http://localhost${response.headers.get('location')}`)))!;
    expect(thanks.headers.get('cache-control')).toBe('private, no-store');
    expect(await thanks.text()).toContain('Grazie, il tuo giudizio');
  });

  it('answers 404 when the API route is missing (another handler answered) and 503 when the API fails', async () => {
    const html = createSiteHandler({ fetchApi: async () => new Response('<!doctype html><p>client</p>', { headers: { 'content-type': 'text/html' } }) });
    const missing = (await html(new Request('http://localhost/sites/pelago/')))!;
    expect(missing.status).toBe(404);
    const failing = createSiteHandler({
      fetchApi: async () => {
        throw new Error('secret stack');
      },
    });
    const response = (await failing(new Request('http://localhost/sites/pelago/')))!;
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('secret stack');
    const down = createSiteHandler({ fetchApi: async () => new Response(null, { status: 500 }) });
    expect((await down(new Request('http://localhost/sites/pelago/')))!.status).toBe(503);
  });
});
