// The inventory's daily work in Chromium as ICT staff (tecnico@gea.local), against `npm start` on a
// fresh embedded database with the demo data: the list with this year's warranties, sorting by any
// column, totals, rows per page and both CSV dialects; the table at 1280, 1366 and 375 px; an asset
// registered with the keyboard only; its status changed with a date and a note.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, heading, launchBrowser, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const year = new Date().getFullYear();
/** The keys that type a day into a date input: Chromium orders its segments by its own language, not the page's. */
let dateKeys = (iso: string) => iso;

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${page.url()}: ${message.text()}`);
  });
  await signIn(page, server.base, 'tecnico@gea.local');
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(page, `failed-assets-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const table = () => page.locator('table.data-table');
const totals = () => page.locator('.list-totals');
const query = () => new URL(page.url()).searchParams;

/** The right edge of the table's last header cell, and the viewport's width. */
async function lastColumnEdge(): Promise<{ right: number; width: number }> {
  return page.evaluate(() => {
    const cells = [...document.querySelectorAll('table.data-table thead th')].filter((cell) => (cell as HTMLElement).offsetParent !== null);
    return { right: cells.at(-1)!.getBoundingClientRect().right, width: window.innerWidth };
  });
}

describe('the inventory list as ICT staff', () => {
  it('offers registering, every column sortable, totals; nothing cut at 1280 px', async () => {
    await page.locator('#app-nav a', { hasText: 'Inventario' }).click();
    await heading(page, 'Inventario');
    await table().locator('tbody tr').first().waitFor();
    await expect.poll(() => totals().textContent()).toMatch(/^[\d.]+ apparecchiature · valore di acquisto totale [\d.]+,\d\d\s€$/);
    expect(await page.getByRole('link', { name: 'Nuova apparecchiatura' }).count()).toBe(1);
    // Every header but the actions' is a sort button.
    const headers = table().locator('thead th');
    expect(await table().locator('thead th .sort-button').count()).toBe((await headers.count()) - 1);
    const edge = await lastColumnEdge();
    expect(edge.right).toBeLessThanOrEqual(edge.width);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'assets-01-list-1280');

    // Which segment of a date input comes first here (day or month), for the keyboard-only test below.
    await page.locator('#inventory-warranty-to').focus();
    await page.keyboard.type('01022024');
    const probe = await page.locator('#inventory-warranty-to').inputValue();
    expect(['2024-02-01', '2024-01-02']).toContain(probe);
    dateKeys = (iso: string) => {
      const [y, mo, d] = iso.split('-');
      return probe === '2024-02-01' ? `${d}${mo}${y}` : `${mo}${d}${y}`;
    };
    await page.locator('#inventory-warranty-to').fill('');
  });

  it("finds this year's warranties in one click, sorts by body, shows 50 rows a page", async () => {
    const before = await totals().textContent();
    await page.getByRole('button', { name: `Scade quest’anno: garanzie che finiscono nel ${year}` }).click();
    await expect.poll(() => query().get('wfrom')).toBe(`${year}-01-01`);
    expect(query().get('wto')).toBe(`${year}-12-31`);
    await expect.poll(() => totals().textContent()).not.toBe(before);
    expect(await page.locator('#inventory-warranty-from').inputValue()).toBe(`${year}-01-01`);
    // Every warranty shown ends this year (the column shows dd/mm/yyyy).
    const ends = await table().locator('tbody tr td:nth-of-type(7)').allTextContents();
    for (const end of ends) expect(end.trim()).toMatch(new RegExp(`/${year}$`));

    await table().getByRole('button', { name: /^Ente/ }).click();
    await expect.poll(() => query().get('sort')).toBe('BODY');
    expect(await table().locator('th[aria-sort=ascending]').textContent()).toMatch(/^Ente/);
    await table().getByRole('button', { name: /^Ente/ }).click();
    await expect.poll(() => query().get('sort')).toBe('-BODY');
    const bodies = async () => (await table().locator('tbody tr td:nth-of-type(3)').allTextContents()).map((name) => name.trim());
    await expect.poll(async () => (await bodies())[0]).toBe('Vernio');
    const shown = await bodies();
    expect(shown).toEqual([...shown].sort((a, b) => b.localeCompare(a, 'it')));

    // The menu entry: the whole list again, by tag.
    await page.locator('#app-nav a', { hasText: 'Inventario' }).click();
    await expect.poll(() => page.url()).toBe(`${server.base}/inventory`);
    await expect.poll(() => totals().textContent()).toBe(before);
    await page.selectOption('#inventory-page-size', '50');
    await expect.poll(() => query().get('size')).toBe('50');
    await expect.poll(() => table().locator('tbody tr').count()).toBe(50);
    await screenshot(page, 'assets-02-warranty-sorted-50');
  });

  it('exports CSV for Italian Excel by default, and the standard dialect on request', async () => {
    expect(await page.locator('#inventory-csv-dialect').inputValue()).toBe('ITALIAN_EXCEL');
    expect(await page.locator('#inventory-csv-dialect option').allTextContents()).toEqual([
      'Excel italiano (punto e virgola, virgola decimale, UTF-8 con BOM)',
      'CSV standard (RFC 4180: virgola, punto decimale)',
    ]);
    const download = async () => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Esporta CSV' }).click()]);
      return readFile((await file.path())!);
    };
    const italian = await download();
    expect([...italian.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = italian.toString('utf8').slice(1).split('\n');
    expect(lines[0]!.split(';')).toContain('price_eur');
    expect(lines[1]).toMatch(/;\d+,\d\d;/);

    await page.selectOption('#inventory-csv-dialect', 'STANDARD');
    const standard = await download();
    expect(standard[0]).not.toBe(0xef);
    expect(standard.toString('utf8').split('\n')[0]).toMatch(/^body,body_istat_code,inventory_tag,/);
    await page.locator('.notice-success', { hasText: /File inventario-.*\.csv scaricato/ }).waitFor();
  });

  it('fits 1366 px, and keeps tag, status and the link on a 375 px phone', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const wide = await lastColumnEdge();
    expect(wide.right).toBeLessThanOrEqual(wide.width);
    await screenshot(page, 'assets-03-list-1366');
    await page.setViewportSize({ width: 375, height: 800 });
    const phone = await lastColumnEdge();
    expect(phone.right).toBeLessThanOrEqual(phone.width);
    const shown = await table().locator('thead th').evaluateAll((cells) => cells.filter((cell) => (cell as HTMLElement).offsetParent !== null).map((cell) => cell.textContent?.replace(/[▲▼↕]/g, '').trim()));
    expect(shown).toEqual(['Etichetta', 'Stato', 'Azioni']);
    await screenshot(page, 'assets-04-list-375');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});

describe('registering an asset with the keyboard only, then changing its status', () => {
  /** Presses Tab until the element with this id (or this text) has the focus. */
  async function tabTo(target: { id?: string; text?: string }, limit = 80) {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent?.trim() ?? '' }));
      if ((target.id && focused.id === target.id) || (target.text && focused.text === target.text)) return;
    }
    throw new Error(`Tab never reached ${JSON.stringify(target)}`);
  }
  const value = (id: string) => page.locator(`#${id}`).inputValue();

  it('registers a desktop PC for Pelago, Tab, typing and Enter only; the focus lands on its heading', async () => {
    await page.locator('#app-nav a', { hasText: 'Inventario' }).focus();
    await page.keyboard.press('Enter');
    await heading(page, 'Inventario');
    await tabTo({ text: 'Nuova apparecchiatura' });
    await page.keyboard.press('Enter');
    await heading(page, 'Registra un’apparecchiatura');
    expect(await accessibilityViolations(page)).toEqual([]);

    await tabTo({ id: 'asset-new-entityId' });
    await page.keyboard.type('Pelago');
    expect(await page.locator('#asset-new-entityId option:checked').textContent()).toBe('Pelago');
    await page.keyboard.press('Tab');
    await page.keyboard.type('PC desktop');
    expect(await value('asset-new-kind')).toBe('DESKTOP_PC');
    await page.keyboard.press('Tab'); // the initial status stays "in use"
    await page.keyboard.press('Tab');
    await page.keyboard.type('PC-PEL-TAST-01');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lenovo');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ThinkCentre M70q');
    await page.keyboard.press('Tab');
    await page.keyboard.type('SN-KB-0001');
    await tabTo({ id: 'asset-new-assignedTo' }, 3);
    await page.keyboard.type('Ufficio anagrafe');
    await tabTo({ id: 'asset-new-purchaseDate' }, 3);
    await page.keyboard.type(dateKeys('2024-03-01'));
    expect(await value('asset-new-purchaseDate')).toBe('2024-03-01');
    // past the date picker's button
    await tabTo({ id: 'asset-new-warrantyEnd' }, 3);
    await page.keyboard.type(dateKeys(`${year}-12-31`));
    expect(await value('asset-new-warrantyEnd')).toBe(`${year}-12-31`);
    await tabTo({ id: 'asset-new-priceCents' }, 3);
    await page.keyboard.type('1.234,56');
    await screenshot(page, 'assets-05-new-filled');
    await page.keyboard.press('Enter');

    await heading(page, 'Apparecchiatura PC-PEL-TAST-01');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.locator('main .lead').textContent()).toBe('Pelago · In uso');
    expect(await value('asset-priceCents')).toBe('1234,56');
    expect(await value('asset-warrantyEnd')).toBe(`${year}-12-31`);
    await screenshot(page, 'assets-06-created');
  });

  it('changes its status to under repair from a date, with a note, shown in the history', async () => {
    await page.selectOption('#asset-status-status', 'UNDER_REPAIR');
    await page.locator('#asset-status-effectiveOn').fill('2025-06-16');
    await page.locator('#asset-status-note').fill('Alimentatore guasto, ticket 4711');
    await page.getByRole('button', { name: 'Registra il cambio di stato' }).click();
    await page.locator('.notice-success', { hasText: 'Stato cambiato in «In riparazione».' }).waitFor();
    await expect.poll(() => page.locator('main .lead').textContent()).toBe('Pelago · In riparazione');
    const history = page.locator('section[aria-labelledby=asset-history-title] tbody tr');
    await expect.poll(() => history.count()).toBe(2);
    expect((await history.nth(1).textContent())!.replace(/\s+/g, ' ')).toContain('16/06/2025In riparazioneAlimentatore guasto, ticket 4711');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'assets-07-status-changed');

    // The description still saves: the status change raised the version the form sends.
    await page.locator('#asset-floor').fill('Piano 1, stanza 12');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.locator('.notice-success', { hasText: 'Modifiche salvate.' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
