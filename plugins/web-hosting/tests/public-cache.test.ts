import webHosting from '@gea/plugin-web-hosting';
import { useTestApi } from '@gea/test-kit/api.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { forgetSiteHead, STAMP_TTL_MS } from '../src/public/cache.ts';
import { createPage, createSite, get, publish, text, type FixtureSite } from './public-fixtures.ts';

const t = useTestApi([webHosting]);
let site: FixtureSite;
let pageId: string;
const PAGE = 'cache/path/note-legali';
const content = (title: string) => ({ title, summary: 'Note', fields: { body: text(`Testo di ${title}`) } });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  site = await createSite(t.db, 'cache');
  pageId = (await createPage(t.db, site, 'PAGINA', 'note-legali', content('Note legali'))).id;
});

describe('HTTP caching of the public API', () => {
  it('gives a weak ETag and public, short-lived caching; answers 304 with no body to a matching If-None-Match', async () => {
    const first = await get(t.api, PAGE);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=30, must-revalidate');
    const again = await get(t.api, PAGE, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // another path, query or site answers with another ETag
    const home = await get(t.api, 'cache/path');
    const menu = await get(t.api, 'cache/menu');
    const paged = await get(t.api, 'cache/path/servizi?page=1');
    expect(new Set([etag, home.headers.get('etag'), menu.headers.get('etag'), paged.headers.get('etag')]).size).toBe(4);
    expect((await get(t.api, 'cache/menu', { 'if-none-match': `"x", ${menu.headers.get('etag')}` })).status).toBe(304);
    expect((await get(t.api, 'cache/menu', { 'if-none-match': etag })).status).toBe(200);
  });

  it('answers a 304 with one statement at most, none while this process knows the stamp', async () => {
    const etag = (await get(t.api, PAGE)).headers.get('etag')!;
    forgetSiteHead();
    const cold = await t.api.countStatements(() => get(t.api, PAGE, { 'if-none-match': etag }));
    expect(cold.result.status).toBe(304);
    expect(cold.statements).toHaveLength(1);
    const warm = await t.api.countStatements(() => get(t.api, PAGE, { 'if-none-match': etag }));
    expect(warm.result.status).toBe(304);
    expect(warm.statements).toHaveLength(0);
  });

  it('changes the ETag on a publish: the old one no longer gets 304, the new content is served', async () => {
    const before = await get(t.api, PAGE);
    const etag = before.headers.get('etag')!;
    const menuEtag = (await get(t.api, 'cache/menu')).headers.get('etag')!;
    expect((await get(t.api, PAGE, { 'if-none-match': etag })).status).toBe(304);
    await publish(t.db, site, pageId, content('Note legali aggiornate'));
    // a 304 may come from this process' copy of the stamp for at most STAMP_TTL_MS
    await wait(STAMP_TTL_MS + 50);
    const after = await get(t.api, PAGE, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.json.page.title).toBe('Note legali aggiornate');
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await get(t.api, PAGE, { 'if-none-match': after.headers.get('etag')! })).status).toBe(304);
    // every answer about the site changes with its stamp
    expect((await get(t.api, 'cache/menu', { 'if-none-match': menuEtag })).status).toBe(200);
  });

  it("changes the ETag when the site's own record changes (name, status)", async () => {
    const etag = (await get(t.api, 'cache')).headers.get('etag')!;
    await t.db.prisma.hostedSite.update({ where: { id: site.id }, data: { name: 'Comune di Cache (nuovo nome)' } });
    await wait(STAMP_TTL_MS + 50);
    const renamed = await get(t.api, 'cache', { 'if-none-match': etag });
    expect(renamed.status).toBe(200);
    expect(renamed.json.site.name).toBe('Comune di Cache (nuovo nome)');
    await t.db.prisma.hostedSite.update({ where: { id: site.id }, data: { status: 'DECOMMISSIONED' } });
    await wait(STAMP_TTL_MS + 50);
    expect((await get(t.api, 'cache', { 'if-none-match': renamed.headers.get('etag')! })).status).toBe(404);
    await t.db.prisma.hostedSite.update({ where: { id: site.id }, data: { status: 'ACTIVE' } });
  });
});
