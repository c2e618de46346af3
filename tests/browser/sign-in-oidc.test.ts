// With an OpenID Connect issuer configured, the sign-in page offers it next to the password form.
// (The issuer is discovered on first use, so none needs to answer for the page to show the button.)
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heading, launchBrowser, screenshot, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startWebServer({
      GEA_DEMO_DATA: 'false',
      GEA_OIDC_ISSUER: 'http://127.0.0.1:9/issuer',
      GEA_OIDC_CLIENT_ID: 'gea',
      GEA_OIDC_CLIENT_SECRET: 'secret',
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sign-in page with OpenID Connect', () => {
  it('shows a button to the issuer next to the e-mail and password form', async () => {
    const page = await browser.newPage({ locale: 'it-IT' });
    await page.goto(`${server.base}/`);
    await heading(page, 'Accedi a GEA');
    const button = page.getByRole('link', { name: 'Accedi con SPID, CIE o identità digitale' });
    await button.waitFor();
    expect(await button.getAttribute('href')).toBe('/auth/oidc/login');
    await page.locator('#email').waitFor();
    await screenshot(page, '20-sign-in-oidc');
    await page.close();
  });
});
