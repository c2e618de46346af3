// Connectivity contracts and costs in Chromium against `npm start` on a fresh embedded database with
// the demo data, as the ICT head: a SERVICES contract for two bodies recorded in procurement, given
// connectivity terms (framework, notice, tacit renewal, shares that must reach 100%), its notice
// date shown and highlighted in the list; then the year's connectivity costs previewed and posted,
// and procurement's expenses of the year reached from there.
import { cigFor } from '@gea/plugin-procurement';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, heading, launchBrowser, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let head: Page;
const pageErrors: string[] = [];
const SUBJECT = 'Connettività in fibra Pontassieve e Pelago';
const CIG = cigFor(4242);
const YEAR = String(new Date().getFullYear());
const DAY_MS = 86_400_000;
const iso = (date: Date) => date.toISOString().slice(0, 10);
const todayUtc = new Date(`${iso(new Date())}T00:00:00Z`);
// Ends in 100 days with 90 days' notice: the notice date is in 10 days, within the highlighted 60.
const endsOn = new Date(todayUtc.getTime() + 100 * DAY_MS);
const noticeDate = new Date(endsOn.getTime() - 90 * DAY_MS);
const italian = (date: Date) => new Intl.DateTimeFormat('it-IT', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  head = await context.newPage();
  head.on('pageerror', (error) => pageErrors.push(`${head.url()}: ${error.message}`));
  head.on('dialog', (dialog) => void dialog.accept());
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(head, `failed-connectivity-contracts-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('connectivity contracts as the ICT head', () => {
  it('records a SERVICES contract for two bodies in procurement', async () => {
    await signIn(head, server.base, 'admin@gea.local');
    await head.goto(`${server.base}/procurement/contracts/new`);
    await heading(head, 'Nuovo contratto');
    await head.locator('#contract-supplierId option').nth(1).waitFor({ state: 'attached' });
    await head.locator('#contract-subject').fill(SUBJECT);
    await head.selectOption('#contract-kind', 'SERVICES');
    await head.selectOption('#contract-supplierId', { index: 1 });
    await head.selectOption('#contract-contractingEntityId', { label: 'Unione di Comuni Valdarno e Valdisieve' });
    await head.locator('#contract-cig').fill(CIG);
    await head.locator('#contract-startsOn').fill(iso(new Date(todayUtc.getTime() - 365 * DAY_MS)));
    await head.locator('#contract-endsOn').fill(iso(endsOn));
    await head.locator('#contract-valueCents').fill('12.000,00');
    await head.getByRole('checkbox', { name: 'Pontassieve' }).check();
    await head.getByRole('checkbox', { name: 'Pelago' }).check();
    await head.getByRole('button', { name: 'Salva' }).click();
    await heading(head, `Contratto ${SUBJECT}`);
  });

  it('gives it connectivity terms: shares must reach 100%, then the notice date is shown', async () => {
    await head.locator('#app-nav a', { hasText: 'Contratti di connettività' }).click();
    await heading(head, 'Contratti di connettività');
    await head.locator('#give-terms-contract option', { hasText: SUBJECT }).waitFor({ state: 'attached' });
    expect(await accessibilityViolations(head)).toEqual([]);
    await head.selectOption('#give-terms-contract', { label: `${SUBJECT} (CIG ${CIG})` });
    await head.getByRole('button', { name: 'Apri' }).click();
    await heading(head, `Connettività: ${SUBJECT}`);
    await head.locator('#terms-framework').waitFor();
    await head.selectOption('#terms-framework', 'REGIONAL');
    await head.locator('#terms-frameworkName').fill('RTRT 4');
    await head.locator('#terms-noticePeriodDays').fill('90');
    await head.selectOption('#terms-renewal', 'TACIT');
    await head.locator('#terms-renewalMonths').fill('12');
    const shares = head.locator('input[id^=terms-share-]');
    expect(await shares.count()).toBe(2);
    await shares.nth(0).fill('60');
    await shares.nth(1).fill('30');
    await expect.poll(() => head.locator('#terms-shares-total').textContent()).toBe('Totale: 90%');
    await head.getByRole('button', { name: 'Salva le condizioni' }).click();
    await head.locator('#terms-shares-error').waitFor();
    expect(await head.locator('.error-summary').textContent()).toContain('100%');
    await screenshot(head, 'connectivity-contracts-01-shares-error');
    await shares.nth(1).fill('40');
    await expect.poll(() => head.locator('#terms-shares-total').textContent()).toBe('Totale: 100%');
    await head.getByRole('button', { name: 'Salva le condizioni' }).click();
    await head.locator('.notice-success', { hasText: 'Condizioni salvate.' }).waitFor();
    await expect.poll(() => head.locator('#connectivity-notice-date').textContent()).toBe(italian(noticeDate));
    expect(await head.locator('.connectivity-details').textContent()).toContain('60%');
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'connectivity-contracts-02-contract');

    // The list shows the notice date, highlighted: it is within 60 days.
    await head.locator('main .breadcrumb a').click();
    await heading(head, 'Contratti di connettività');
    const row = head.locator('main tbody tr', { hasText: SUBJECT });
    await row.waitFor();
    expect(await row.textContent()).toContain(CIG);
    expect(await row.locator('.badge-warn').textContent()).toContain(italian(noticeDate));
    expect(await row.textContent()).toContain('Tacito ogni 12 mesi');
    expect(await row.textContent()).toContain('entro 10 giorni');
    // Nothing cut off at 1280 px: the last header cell ends inside the table's box.
    const fits = await head.evaluate(() => {
      const wrap = document.querySelector('main .table-wrap')!.getBoundingClientRect();
      const headers = [...document.querySelectorAll('main table thead th')];
      const last = headers[headers.length - 1]!.getBoundingClientRect();
      return last.right <= wrap.right + 1 && last.width > 0;
    });
    expect(fits).toBe(true);
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'connectivity-contracts-03-list');
  });

  it('previews and posts the year’s connectivity costs, then reaches procurement’s expenses', async () => {
    await head.locator('#app-nav a', { hasText: 'Costi della connettività' }).click();
    await heading(head, 'Costi della connettività');
    const union = await head.locator('#costs-association option', { hasText: /Unione/ }).first().getAttribute('value');
    if (union) await head.selectOption('#costs-association', union);
    await head.selectOption('#costs-year', YEAR);
    await head.locator('main table, main .empty, main p').first().waitFor();
    expect(await accessibilityViolations(head)).toEqual([]);
    await head.getByRole('button', { name: 'Registra le spese dell’anno' }).click();
    await head.locator('.notice-success', { hasText: 'Spese registrate:' }).waitFor();
    await screenshot(head, 'connectivity-contracts-04-costs');
    await head.getByRole('link', { name: 'Vai alle spese dell’anno' }).click();
    await heading(head, 'Spese dell’anno');
    expect(pageErrors).toEqual([]);
  });
});
