import webHosting from '@gea/plugin-web-hosting';
import { describe, expect, it } from 'vitest';
import { createTestApi, useTestApi } from '@gea/test-kit/api.ts';

const t = useTestApi([webHosting]);
const indexHtml = new TextEncoder().encode('<!doctype html><title>GEA client</title>');
const webClient = new Map([['/index.html', { body: indexHtml, contentType: 'text/html; charset=utf-8', immutable: false }]]);

describe('the API serves the sites under /sites/ (apps/site), before the web client', () => {
  it('answers the site pages and assets itself; the web client keeps its own routes', async () => {
    const api = createTestApi(t.db, [webHosting], { sites: true, webClient });
    const missing = await api.yoga.fetch('http://yoga/sites/nessuno/');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await missing.text();
    expect(page).toContain('Pagina non trovata');
    expect(page).not.toContain('GEA client');
    const css = /href="(\/sites\/_assets\/[^"]+\/css\/bootstrap-italia\.min\.css)"/.exec(page)![1]!;
    const asset = await api.yoga.fetch(`http://yoga${css}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await api.yoga.fetch('http://yoga/sites/')).status).toBe(404);
    expect(await (await api.yoga.fetch('http://yoga/bodies/x')).text()).toContain('GEA client');
  });

  it('leaves /sites/ to the web client when the sites are off', async () => {
    const api = createTestApi(t.db, [webHosting], { webClient });
    // /sites/ is the API's path: the client's index.html never answers it.
    expect((await api.yoga.fetch('http://yoga/sites/nessuno/')).status).toBe(404);
  });
});
