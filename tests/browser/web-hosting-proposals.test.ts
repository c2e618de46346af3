// Online service proposals (art. 11.4) in Chromium against `npm start` on a fresh embedded database
// with the demo data: Pelago's referent proposes a service, Rufina's referent votes yes on the board,
// and both see the count against half of the union's eight member bodies. The rule itself (joins,
// departures, decisions, concurrent votes) is covered by the API's tests.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, heading, launchBrowser, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let pelago: Page;
let rufina: Page;
const pageErrors: string[] = [];
const TITLE = 'Richiesta online del contrassegno disabili';

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  pelago = await newPage();
  rufina = await newPage();
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') {
    for (const [name, page] of [['pelago', pelago], ['rufina', rufina]] as const) {
      await screenshot(page, `failed-web-hosting-proposals-${name}-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
    }
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const card = (page: Page) => page.locator('.proposal-card', { hasText: TITLE });
const openBoard = async (page: Page) => {
  await page.locator('#app-nav a', { hasText: 'Proposte di servizi online' }).click();
  await heading(page, 'Proposte di nuovi servizi online');
};

describe('service proposals between two referents', () => {
  it("Pelago's referent proposes a service: it opens for votes at 0 of 8, 4 needed", async () => {
    await signIn(pelago, server.base, 'referente@pelago.gea.local');
    await openBoard(pelago);
    // a title the API finds too short is named at its field
    await pelago.locator('#proposal-title').fill('X');
    await pelago.locator('#proposal-description').fill('Domanda e rinnovo del contrassegno per la sosta dei veicoli al servizio delle persone con disabilità.');
    await pelago.selectOption('#proposal-category', { label: 'Mobilità e trasporti' });
    await pelago.locator('form[aria-labelledby="propose-title"] button[type=submit]').click();
    await pelago.locator('#proposal-title-error').waitFor();
    expect(await pelago.locator('#proposal-title').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityViolations(pelago)).toEqual([]);

    await pelago.locator('#proposal-title').fill(TITLE);
    await pelago.locator('form[aria-labelledby="propose-title"] button[type=submit]').click();
    await pelago.locator('.notice-success', { hasText: `«${TITLE}» aperta al voto` }).waitFor();
    await card(pelago).waitFor();
    const text = (await card(pelago).textContent()) ?? '';
    expect(text).toContain('0 su 8, ne servono 4');
    expect(text).toContain('Proposta da Pelago');
    expect(text).toContain('Mobilità e trasporti');
    // Pelago may vote for Pelago only, and withdraw its own proposal
    expect(await card(pelago).getByRole('button', { name: 'Vota sì per Pelago' }).count()).toBe(1);
    expect(await card(pelago).getByRole('button', { name: /Ritira la proposta/ }).count()).toBe(1);
    expect(await accessibilityViolations(pelago)).toEqual([]);
    await screenshot(pelago, 'web-hosting-proposals-01-proposed');
  });

  it("Rufina's referent votes yes for Rufina; the board counts 1 of 8 for both", async () => {
    await signIn(rufina, server.base, 'referente@rufina.gea.local');
    await openBoard(rufina);
    await card(rufina).waitFor();
    expect(await card(rufina).getByRole('button', { name: /Ritira la proposta/ }).count()).toBe(0);
    expect(await card(rufina).getByRole('button', { name: /per Pelago/ }).count()).toBe(0);
    await card(rufina).getByRole('button', { name: 'Vota sì per Rufina' }).click();
    await rufina.locator('.notice-success', { hasText: 'Voto di Rufina registrato.' }).waitFor();
    await card(rufina).locator('.proposal-count', { hasText: '1 su 8, ne servono 4' }).waitFor();
    await card(rufina).locator('.proposal-vote', { hasText: 'Voto attuale di Rufina: Sì' }).waitFor();
    await card(rufina).locator('summary').click();
    const vote = card(rufina).locator('.proposal-votes tbody tr', { hasText: 'Rufina' });
    await vote.waitFor();
    expect(await vote.textContent()).toContain('Sì');
    expect(await accessibilityViolations(rufina)).toEqual([]);
    await screenshot(rufina, 'web-hosting-proposals-02-voted');

    await pelago.reload();
    await card(pelago).locator('.proposal-count', { hasText: '1 su 8, ne servono 4' }).waitFor();
    expect(await card(pelago).locator('.hint').first().textContent()).not.toContain('Rufina');
    expect(pageErrors).toEqual([]);
  });

  it('the catalogue shows which body offers which service', async () => {
    await rufina.locator('#app-nav a', { hasText: 'Catalogo dei servizi online' }).click();
    await heading(rufina, 'Catalogo dei servizi online');
    await rufina.locator('main p', { hasText: /Nessun servizio online|dal / }).first().or(rufina.locator('main table')).first().waitFor();
    expect(await accessibilityViolations(rufina)).toEqual([]);
    await screenshot(rufina, 'web-hosting-proposals-03-catalogue');
  });
});
