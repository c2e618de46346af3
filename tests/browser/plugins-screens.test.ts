// The plugins' screens in Chromium against `npm start` on a fresh embedded database with the demo
// data: cost sharing (table, explanation, simulation, PDF download), PEC and signatures, contracts,
// and the dashboard's "what needs attention" widgets. Screenshots go to __screenshots__.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, heading, launchBrowser, menu, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let head: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  head = await context.newPage();
  head.on('pageerror', (error) => pageErrors.push(`${head.url()}: ${error.message}`));
  head.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${head.url()}: ${message.text()}`);
  });
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(head, `failed-plugins-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the plugins' screens", () => {
  it('the head sees the new menu entries and the dashboard widgets', async () => {
    await signIn(head, server.base, 'admin@gea.local');
    const entries = await menu(head);
    expect(entries).toEqual(expect.arrayContaining(['Ripartizione costi', 'PEC e firme', 'Contratti']));
    const attention = head.locator('section[aria-labelledby=attention-title]');
    await attention.locator('h3', { hasText: 'Contratti in scadenza' }).waitFor();
    await attention.locator('h3', { hasText: 'PEC e certificati in scadenza' }).waitFor();
    await attention.locator('h3', { hasText: 'Garanzie in scadenza' }).waitFor();
    await head.locator('.loading').first().waitFor({ state: 'detached' }).catch(() => {});
    await screenshot(head, 'plugins-01-dashboard');
  });

  it('cost sharing: the union in 2026, an explanation, a simulation, a PDF', async () => {
    await head.locator('#app-nav a', { hasText: 'Ripartizione costi' }).click();
    await heading(head, 'Ripartizione costi');
    const union = await head.locator('#cost-sharing-association option', { hasText: /Unione/ }).first().getAttribute('value');
    await head.selectOption('#cost-sharing-association', union!);
    await head.selectOption('#cost-sharing-year', '2026');
    const table = head.locator('table.allocation');
    await table.locator('th[scope=row]', { hasText: 'Pontassieve' }).waitFor();
    await expect.poll(() => table.locator('tfoot').textContent()).toContain('78.476,00');
    await head.locator('figure.chart canvas').waitFor();
    expect(await accessibilityViolations(head)).toEqual([]);

    const explain = table.getByRole('button', { name: /Spiega la quota di Pontassieve/ });
    await explain.click();
    expect(await explain.getAttribute('aria-expanded')).toBe('true');
    const panel = head.locator(`#${await explain.getAttribute('aria-controls')}`);
    await panel.locator('li').first().waitFor();
    expect((await panel.locator('li').count()) > 0).toBe(true);
    await screenshot(head, 'plugins-02-cost-sharing');

    await head.locator('#cost-sharing-weight').fill('30');
    await head.locator('#cost-sharing-weight').press('Tab');
    await head.getByText('Simulazione: nulla è salvato.').waitFor();
    await expect.poll(() => head.locator('main').textContent()).toMatch(/Peso PC 30 %/);
    await screenshot(head, 'plugins-03-cost-sharing-simulation');
    await head.getByRole('button', { name: 'Torna ai pesi in vigore' }).click();
    await expect.poll(() => table.locator('tfoot').textContent()).toContain('78.476,00');

    // The head may issue a document; then its PDF is downloaded.
    await head.locator('#cost-sharing-plan').selectOption('RUNNING_SERVICES');
    await head.getByRole('button', { name: 'Emetti', exact: true }).click();
    await head.getByText(/Emesso .*versione/).waitFor();
    const pdfButton = head.getByRole('button', { name: /Scarica il PDF di/ }).first();
    await pdfButton.waitFor();
    const [download] = await Promise.all([head.waitForEvent('download'), pdfButton.click()]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await screenshot(head, 'plugins-04-cost-sharing-documents');
  });

  it('PEC and signatures: mailboxes, messages, certificates, the verification form', async () => {
    await head.locator('#app-nav a', { hasText: 'PEC e firme' }).click();
    await heading(head, 'PEC e firme');
    const mailboxes = head.locator('section[aria-labelledby=pec-mailboxes-title] tbody th[scope=row]');
    await mailboxes.first().waitFor();
    expect(await mailboxes.first().textContent()).toContain('@');
    await head.locator('#pec-verify-file').waitFor();
    await head.locator('section[aria-labelledby=pec-certificates-title] table').waitFor();
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'plugins-05-pec');
  });

  it('contracts: the list with days to end, filtered by kind', async () => {
    await head.locator('#app-nav a', { hasText: /^Contratti$/ }).click();
    await heading(head, 'Contratti');
    const rows = head.locator('main tbody tr');
    await rows.first().waitFor();
    expect(await accessibilityViolations(head)).toEqual([]);
    await head.selectOption('#contracts-kind', 'MAINTENANCE');
    await head.getByRole('button', { name: 'Filtra' }).click();
    await head.waitForURL(/kind=MAINTENANCE/);
    await screenshot(head, 'plugins-06-contracts');
  });

  it('inventory: sorted by the API from a column header (kept in the address bar); an asset page shows the contracts covering it', async () => {
    await head.goto(`${server.base}/inventory?status=IN_SERVICE`);
    await heading(head, 'Inventario');
    const header = head.locator('thead th', { hasText: 'Fine garanzia' });
    await header.getByRole('button').click();
    await head.waitForURL(/sort=WARRANTY_END/);
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.getByRole('button').click();
    await head.waitForURL(/sort=-WARRANTY_END/);
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    // Dates as DD/MM/YYYY: the rows come latest first, and the filter stays.
    const column = await head
      .locator('thead th')
      .evaluateAll((cells, label) => cells.findIndex((cell) => cell.textContent?.includes(label)), 'Fine garanzia');
    const days = async () =>
      (await head.locator(`tbody tr > :nth-child(${column + 1})`).allTextContents())
        .map((text) => text.trim().split('/').reverse().join('-'))
        .filter(Boolean);
    await expect
      .poll(async () => {
        const seen = await days();
        return seen.length > 1 && seen.every((day, i) => i === 0 || seen[i - 1]! >= day);
      })
      .toBe(true);
    expect(head.url()).toContain('status=IN_SERVICE');
    expect(await accessibilityViolations(head)).toEqual([]);

    await head.locator('tbody tr').first().getByRole('link').click();
    await head.locator('main h1', { hasText: 'Apparecchiatura' }).waitFor();
    await head.locator('h3', { hasText: 'Contratti che coprono questa apparecchiatura' }).waitFor();
    await head.locator('.loading').first().waitFor({ state: 'detached' }).catch(() => {});
    await screenshot(head, 'plugins-07-asset-contracts');
    expect(pageErrors).toEqual([]);
  });
});
