// The web client in Chromium against `npm start` on a fresh embedded database with the demo data:
// sign-in by role, the main screens, module enablement changing menus, editing an asset (field
// errors, then saved), CSV export, re-login after the session ended without losing what was typed,
// language, narrow screens, keyboard, automated WCAG checks. Screenshots go to __screenshots__.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleSizes, distDir, FIRST_ROUTE_BUDGET, formatSize } from '@gea/web/server';
import {
  accessibilityViolations,
  DEMO_PASSWORD,
  gql,
  heading,
  launchBrowser,
  menu,
  pluginMenu,
  screenshot,
  signIn,
  startWebServer,
  type WebServer,
} from './support.ts';

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Console errors and uncaught exceptions of every page, but the 401 the re-login test provokes. */
const pageErrors: string[] = [];

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401/.test(message.text())) pageErrors.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
});

// A failed step leaves a picture of every open page.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  let n = 0;
  for (const browserContext of contexts) {
    for (const page of browserContext.pages()) await screenshot(page, `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}-${n++}`).catch(() => {});
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the web client, served by npm start', () => {
  it('is served from / with a fallback to index.html for client routes; /graphql and /health stay the API', async () => {
    const root = await fetch(`${server.base}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toMatch(/text\/html/);
    expect(root.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await root.text();
    expect(html).toContain('<div id="app">');

    const deep = await fetch(`${server.base}/bodies/some-id?x=1`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);

    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${server.base}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${server.base}/assets/missing.js`)).status).toBe(404);

    const health = await fetch(`${server.base}/health`);
    expect(health.headers.get('content-type')).toMatch(/json/);
    const graphql = await gql<{ authMethods: { password: boolean } }>(server.base, '{ authMethods { password } }');
    expect(graphql.data?.authMethods.password).toBe(true);
    expect(server.process.stdout()).toMatch(/Web client: http:\/\/127\.0\.0\.1:\d+\/ {3}GraphQL:/);
  });

  it('the first route stays within its budget of gzipped JavaScript', async () => {
    const sizes = await bundleSizes(distDir);
    console.log(`first route: ${formatSize(sizes.firstRoute.gzip)} gzipped (budget ${formatSize(FIRST_ROUTE_BUDGET)})`);
    expect(sizes.firstRoute.files.length).toBeGreaterThan(0);
    expect(sizes.firstRoute.gzip).toBeLessThan(FIRST_ROUTE_BUDGET);
  });

  let head: Page;

  it('the ICT office head signs in; an anonymous visit goes to the sign-in page first (first contentful paint printed)', async () => {
    head = await newPage();
    await head.goto(`${server.base}/bodies`);
    await head.waitForURL(/\/login\?next=%2Fbodies/);
    await heading(head, 'Accedi a GEA');
    const signInPaint = await head.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    await screenshot(head, '01-sign-in');
    expect(await accessibilityViolations(head)).toEqual([]);

    // A wrong password is told in words, not as a payload.
    await head.locator('#email').fill('admin@gea.local');
    await head.locator('#password').fill('wrong password');
    await head.locator('main button[type=submit]').click();
    await head.getByRole('alert').filter({ hasText: 'Indirizzo e-mail o password non corretti.' }).waitFor();

    await head.locator('#password').fill(DEMO_PASSWORD);
    await head.locator('main button[type=submit]').click();
    await heading(head, 'Enti');
    expect(head.url()).toMatch(/\/bodies$/);

    // A reload keeps the session (sessionStorage): the first paint of a signed-in screen.
    await head.goto(`${server.base}/`);
    await heading(head, 'Cruscotto');
    const dashboardPaint = await head.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    console.log(
      `first-contentful-paint: sign-in page ${signInPaint?.toFixed(0)} ms, dashboard (signed in, fresh load) ${dashboardPaint?.toFixed(0)} ms`,
    );
    expect(signInPaint).toBeGreaterThan(0);
    await head.getByRole('heading', { name: 'Per ente' }).waitFor();
    expect(await menu(head)).toEqual(['Cruscotto', 'Enti', 'Popolazione', ...(await pluginMenu('ICT_HEAD')), 'Utenti e ruoli', 'Token API', 'Moduli per ente', 'Registro delle operazioni']);
    await screenshot(head, '02-dashboard-head');
    expect(await accessibilityViolations(head)).toEqual([]);
  });

  let pontassieve: string;

  it('walks the bodies, a body page with sites and population history, users and roles, the audit trail', async () => {
    await head.locator('#app-nav').getByRole('link', { name: 'Enti', exact: true }).click();
    await heading(head, 'Enti');
    await head.getByRole('row').filter({ hasText: 'Pontassieve' }).waitFor();
    await head.locator('#kind').selectOption('PROVINCE');
    await head.waitForURL(/kind=PROVINCE/);
    await head.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    expect(await head.locator('tbody tr').textContent()).toContain('Provincia di Prato');
    await screenshot(head, '03-bodies-provinces');
    await head.locator('#kind').selectOption('');
    await head.getByRole('link', { name: 'Pontassieve', exact: true }).click();
    await heading(head, 'Pontassieve');
    pontassieve = decodeURIComponent(head.url().split('/bodies/')[1]!);
    await head.getByRole('heading', { name: 'Sedi' }).waitFor();
    await head.getByRole('heading', { name: 'Popolazione residente' }).waitFor();
    expect(await head.locator('section[aria-labelledby=population-title] tbody tr').count()).toBeGreaterThan(0);
    await head.getByRole('link', { name: 'Inventario: Pontassieve' }).waitFor();
    await screenshot(head, '04-body-pontassieve');
    expect(await accessibilityViolations(head)).toEqual([]);

    await head.getByRole('link', { name: 'Utenti e ruoli' }).click();
    await heading(head, 'Utenti e ruoli');
    await head.getByRole('row').filter({ hasText: 'referente@pontassieve.gea.local' }).filter({ hasText: 'Referente comunale — Pontassieve' }).waitFor();
    await head.locator('#user-search').fill('giunta');
    await head.locator('#user-search').press('Enter');
    await head.waitForURL(/q=giunta/);
    await head.locator('tbody tr').filter({ hasText: 'giunta@gea.local' }).waitFor();
    await screenshot(head, '05-users');

    await head.getByRole('link', { name: 'Registro delle operazioni' }).click();
    await heading(head, 'Registro delle operazioni');
    await head.locator('#audit-outcome').selectOption('REFUSED');
    await head.getByRole('button', { name: 'Filtra' }).click();
    await head.waitForURL(/outcome=REFUSED/);
    // The wrong password above was refused and recorded.
    await head.locator('tbody tr').filter({ hasText: 'Accesso' }).filter({ hasText: 'rifiutata' }).first().waitFor();
    await screenshot(head, '06-audit-refused');
    expect(await accessibilityViolations(head)).toEqual([]);
  });

  it('keyboard: the skip link comes first and moves the focus to the page; focus is visible', async () => {
    await head.goto(`${server.base}/`);
    await heading(head, 'Cruscotto');
    await head.keyboard.press('Tab');
    expect(await head.evaluate(() => document.activeElement?.textContent)).toBe('Vai al contenuto principale');
    const outline = await head.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await screenshot(head, '07-skip-link-focused');
    await head.keyboard.press('Enter');
    expect(await head.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  let referent: Page;

  it('a referent sees their own body; switching a module off for it takes it out of their menu, on again brings it back', async () => {
    referent = await newPage();
    await signIn(referent, server.base, 'referente@pontassieve.gea.local');
    expect(await menu(referent)).toEqual(['Cruscotto', 'Il mio ente: Pontassieve', ...(await pluginMenu('REFERENT')), 'Registro delle operazioni']);
    // The dashboard's table of bodies: one row, their own (it renders after the menu).
    await expect.poll(() => referent.locator('tbody tr').count()).toBe(1);
    await screenshot(referent, '08-dashboard-referent');

    await referent.goto(`${server.base}/inventory`);
    await heading(referent, 'Inventario');
    const ownAsset = (await referent.locator('tbody tr a').first().getAttribute('href'))!;

    // A screen they may not use is explained, not dumped.
    await referent.goto(`${server.base}/users`);
    await heading(referent, 'Accesso non consentito');
    await screenshot(referent, '09-referent-forbidden');

    await head.goto(`${server.base}/modules`);
    await heading(head, 'Moduli per ente');
    const toggle = head.getByLabel('Inventario per Pontassieve', { exact: true });
    expect(await toggle.isChecked()).toBe(true);
    // Switching a module off asks first.
    await toggle.click();
    await head.getByRole('dialog').getByRole('button', { name: 'Disattiva per Pontassieve' }).click();
    expect(await toggle.isChecked()).toBe(false);
    await head.getByRole('status').filter({ hasText: 'Inventario disattivato per Pontassieve.' }).waitFor();
    await screenshot(head, '10-modules-matrix');
    expect(await accessibilityViolations(head)).toEqual([]);

    await referent.goto(`${server.base}/`);
    await heading(referent, 'Cruscotto');
    expect(await menu(referent)).toEqual(['Cruscotto', 'Il mio ente: Pontassieve', ...(await pluginMenu('REFERENT', ['inventory'])), 'Registro delle operazioni']);
    await referent.goto(`${server.base}/inventory`);
    await heading(referent, 'Modulo non attivo');
    await screenshot(referent, '11-referent-module-off');
    // The head still sees the module: other bodies have it; Pontassieve's page no longer links it.
    await head.goto(`${server.base}/bodies/${encodeURIComponent(pontassieve)}`);
    await heading(head, 'Pontassieve');
    expect(await menu(head)).toContain('Inventario');
    expect(await head.getByRole('link', { name: 'Inventario: Pontassieve' }).count()).toBe(0);
    // An asset of that body answers MODULE_DISABLED: said in words.
    await head.goto(`${server.base}${ownAsset}`);
    await head
      .getByRole('alert')
      .filter({ hasText: 'Il modulo «Inventario» non è attivo per questo ente. Il responsabile del servizio ICT può attivarlo' })
      .waitFor();
    await screenshot(head, '11b-module-disabled-message');

    await head.goto(`${server.base}/modules`);
    await head.getByLabel('Inventario per Pontassieve', { exact: true }).check();
    await head.getByRole('status').filter({ hasText: 'Inventario attivato per Pontassieve.' }).waitFor();
    await referent.reload();
    await heading(referent, 'Inventario');
    expect(await menu(referent)).toEqual(['Cruscotto', 'Il mio ente: Pontassieve', ...(await pluginMenu('REFERENT')), 'Registro delle operazioni']);
    await referent.locator('tbody tr').first().waitFor();
    await screenshot(referent, '12-inventory-referent');
  });

  let assetUrl: string;

  it('the head edits an asset: a refused field is shown next to it, then the change is saved', async () => {
    await head.goto(`${server.base}/inventory`);
    await heading(head, 'Inventario');
    await head.locator('#inventory-body').selectOption(pontassieve);
    await head.locator('#inventory-kind').selectOption('LAPTOP');
    await head.getByRole('button', { name: 'Filtra' }).click();
    await head.waitForURL(/kind=LAPTOP/);
    const firstRow = head.locator('tbody tr').first();
    await firstRow.filter({ hasText: 'Portatile' }).waitFor();
    // Relay paging: the next page and back.
    await screenshot(head, '13-inventory-filtered');
    expect(await accessibilityViolations(head)).toEqual([]);
    const tag = (await firstRow.locator('th').textContent())!.trim();
    await firstRow.getByRole('link', { name: `Modifica ${tag}` }).click();
    await heading(head, `Apparecchiatura ${tag}`);
    assetUrl = head.url();

    await head.locator('#asset-purchaseDate').fill('2024-05-10');
    await head.locator('#asset-warrantyEnd').fill('2024-01-31');
    await head.locator('#asset-priceCents').fill('1.234,56');
    await head.getByRole('button', { name: 'Salva' }).click();
    const fieldError = head.locator('#asset-warrantyEnd-error');
    await fieldError.waitFor();
    // the API's issue code, in the reader's language (the English message stays for API clients)
    expect(await fieldError.textContent()).toMatch(/precedente alla data da cui dipende/);
    expect(await head.locator('#asset-warrantyEnd').getAttribute('aria-invalid')).toBe('true');
    expect(await head.locator('#asset-warrantyEnd').getAttribute('aria-describedby')).toContain('asset-warrantyEnd-error');
    await head.getByRole('alert').filter({ hasText: 'Ci sono errori da correggere' }).waitFor();
    // What was typed stays.
    expect(await head.locator('#asset-priceCents').inputValue()).toBe('1.234,56');
    await screenshot(head, '14-asset-field-error');

    // A price that is not an amount is caught before sending.
    await head.locator('#asset-priceCents').fill('dodici');
    await head.getByRole('button', { name: 'Salva' }).click();
    await head.locator('#asset-priceCents-error').filter({ hasText: 'non è un importo in euro' }).waitFor();

    await head.locator('#asset-priceCents').fill('1.234,56');
    await head.locator('#asset-warrantyEnd').fill('2027-05-10');
    await head.getByRole('button', { name: 'Salva' }).click();
    await head.getByRole('status').filter({ hasText: 'Modifiche salvate.' }).waitFor();
    expect(await head.locator('#asset-warrantyEnd-error').count()).toBe(0);

    await head.getByRole('link', { name: 'Torna all’elenco' }).click();
    await heading(head, 'Inventario');
    await head.locator('#inventory-search').fill(tag);
    await head.getByRole('button', { name: 'Filtra' }).click();
    const row = head.locator('tbody tr').filter({ hasText: tag });
    await row.filter({ hasText: '1.234,56\u00a0€' }).waitFor();
    expect(await row.textContent()).toContain('10/05/2027');
  });

  it('exports the filtered inventory as CSV, and pages through it with Relay cursors', async () => {
    await head.goto(`${server.base}/inventory?body=${encodeURIComponent(pontassieve)}`);
    await heading(head, 'Inventario');
    await head.locator('tbody tr').first().waitFor();
    const [download] = await Promise.all([head.waitForEvent('download'), head.getByRole('button', { name: 'Esporta CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^inventario-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    // In Italian the export defaults to what Italian Excel opens as columns: BOM, semicolons.
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toBe('body;body_istat_code;inventory_tag;kind;status;manufacturer;model;serial_number;site;floor;assigned_to;supplier;purchase_date;price_eur;warranty_end');
    expect(lines.slice(1).every((line) => line.startsWith('Pontassieve;'))).toBe(true);
    expect(lines.length).toBeGreaterThan(26);
    await head.getByRole('status').filter({ hasText: /File inventario-.*\.csv scaricato/ }).waitFor();

    const firstTag = await head.locator('tbody tr th').first().textContent();
    await head.getByRole('button', { name: 'Pagina successiva' }).click();
    await head.getByText('Pagina 2').waitFor();
    await head.waitForFunction((tag) => document.querySelector('tbody tr th')?.textContent !== tag, firstTag);
    await head.getByRole('button', { name: 'Pagina precedente' }).click();
    await head.getByText('Pagina 1').waitFor();
    await head.waitForFunction((tag) => document.querySelector('tbody tr th')?.textContent === tag, firstTag);
  });

  it('a session ended elsewhere: sign in again over the page, what was typed stays, and the save goes through', async () => {
    await head.goto(assetUrl);
    await heading(head, /Apparecchiatura/);
    await head.locator('#asset-assignedTo').fill('Ufficio tributi, stanza 12');
    // The session ends on the server (as after 12 hours, or ended by the administrator).
    const token = await head.evaluate(() => (JSON.parse(sessionStorage.getItem('gea.session') ?? '{}') as { token?: string }).token);
    const ended = await gql<{ logout: boolean }>(server.base, 'mutation { logout }', {}, token);
    expect(ended.data?.logout).toBe(true);

    await head.getByRole('button', { name: 'Salva' }).click();
    const dialog = head.getByRole('dialog', { name: 'Accedi di nuovo' });
    await dialog.waitFor();
    expect(await dialog.locator('#relogin-email').inputValue()).toBe('admin@gea.local');
    await screenshot(head, '15-relogin-dialog');
    await dialog.locator('#relogin-password').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Accedi e continua' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await head.getByRole('status').filter({ hasText: 'Modifiche salvate.' }).waitFor();
    expect(await head.locator('#asset-assignedTo').inputValue()).toBe('Ufficio tributi, stanza 12');

    const newToken = await head.evaluate(() => (JSON.parse(sessionStorage.getItem('gea.session') ?? '{}') as { token?: string }).token);
    expect(newToken).not.toBe(token);
    const assetId = decodeURIComponent(assetUrl.split('/inventory/assets/')[1]!);
    const saved = await gql<{ node: { assignedTo: string } }>(server.base, 'query ($id: ID!) { node(id: $id) { ... on Asset { assignedTo } } }', { id: assetId }, newToken);
    expect(saved.data?.node.assignedTo).toBe('Ufficio tributi, stanza 12');
  });

  it('in English, dates and euros follow the language; on a narrow screen the menu folds behind a button', async () => {
    await head.goto(`${server.base}/inventory?body=${encodeURIComponent(pontassieve)}&q=${encodeURIComponent('Ufficio tributi')}`);
    await heading(head, 'Inventario');
    await head.locator('#language').selectOption('en');
    await heading(head, 'Inventory');
    await head.locator('tbody tr').filter({ hasText: '€1,234.56' }).waitFor();
    expect(await head.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(head, '16-inventory-english');

    await head.setViewportSize({ width: 390, height: 844 });
    await head.goto(`${server.base}/`);
    await heading(head, 'Dashboard');
    const toggle = head.getByRole('button', { name: 'Menu' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await head.locator('#app-nav').isVisible()).toBe(false);
    const width = await head.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(head, '17-narrow-dashboard');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await head.locator('#app-nav').getByRole('link', { name: 'Bodies' }).click();
    await heading(head, 'Bodies');
    expect(await head.locator('#app-nav').isVisible()).toBe(false);
    await screenshot(head, '18-narrow-bodies');
    await head.locator('#language').selectOption('it');
  });

  it('a board member reads bodies and reports, without administration', async () => {
    const board = await newPage();
    await signIn(board, server.base, 'giunta@gea.local');
    expect(await menu(board)).toEqual(['Cruscotto', 'Enti', ...(await pluginMenu('BOARD_MEMBER'))]);
    expect(await board.locator('.user-roles').textContent()).toBe('Giunta / comitato di indirizzo');
    await screenshot(board, '19-dashboard-board');
    await board.getByRole('button', { name: 'Esci' }).click();
    await board.waitForURL(/\/login$/);
    expect(await board.evaluate(() => sessionStorage.getItem('gea.session'))).toBeNull();
  });

  it('coming back from OpenID Connect sign-in (`/#token=...`), the session is kept and the token leaves the address bar', async () => {
    const login = await gql<{ login: { token: string; expiresAt: string } }>(
      server.base,
      'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt } }',
      { email: 'tecnico@gea.local', password: DEMO_PASSWORD },
    );
    const { token, expiresAt } = login.data!.login;
    const page = await newPage();
    await page.goto(`${server.base}/#token=${encodeURIComponent(token)}&expiresAt=${encodeURIComponent(expiresAt)}`);
    await heading(page, 'Cruscotto');
    expect(page.url()).toBe(`${server.base}/`);
    expect(await page.locator('.user-roles').textContent()).toBe('Tecnico ICT');
    // ICT staff read users but do not manage modules or read the audit trail.
    expect(await menu(page)).toEqual(['Cruscotto', 'Enti', 'Popolazione', ...(await pluginMenu('ICT_STAFF')), 'Utenti e ruoli']);
  });

  it('no page logged a script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
