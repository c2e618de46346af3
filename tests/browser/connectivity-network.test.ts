// The connectivity network view and a body's connectivity sheet in Chromium against `npm start` on a
// fresh embedded database with the demo data (art. 5.2: the union's seven municipalities linked to
// the central site in Rufina over RTRT). As ICT staff: the graph draws every site, provider network
// and link of the union (counted by Cytoscape itself, read from the container's data attributes, and
// checked against the tables), the single-link town hall is flagged on its sheet, a site's
// coordinates are saved. As the referent of Pelago: only Pelago's sites and links, and the hub.
// Screenshots at 1280 px (and the sheet at 375 px); axe finds no WCAG 2.1 A/AA violation.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, heading, launchBrowser, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
});

async function newSession(email: string) {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${page.url()}: ${message.text()}`);
  });
  await signIn(page, server.base, email);
}

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(page, `failed-connectivity-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

/** Opens the network view from the menu and waits until Cytoscape has drawn it. */
async function openNetwork() {
  await page.locator('#app-nav a', { hasText: /^\s*Rete\s*$/ }).click();
  await heading(page, 'Rete');
  await page.locator('.connectivity-graph[data-ready="true"]').waitFor();
  const graph = page.locator('.connectivity-graph');
  const sitesTable = page.locator('section[aria-labelledby="network-sites-title"] tbody tr');
  const linksTable = page.locator('section[aria-labelledby="network-links-title"] tbody tr');
  return {
    nodes: Number(await graph.getAttribute('data-nodes')),
    edges: Number(await graph.getAttribute('data-edges')),
    label: (await graph.getAttribute('aria-label')) ?? '',
    role: await graph.getAttribute('role'),
    siteRows: await sitesTable.allTextContents(),
    linkRows: await linksTable.allTextContents(),
  };
}

const MUNICIPALITIES = ['Pontassieve', 'Reggello', "Rignano sull'Arno", 'Pelago', 'Rufina', 'Londa', 'San Godenzo'];

describe('connectivity as ICT staff', () => {
  it('draws the union: every town hall, the hub in Rufina, RTRT and the backup network, every link', async () => {
    await newSession('tecnico@gea.local');
    const view = await openNetwork();
    expect(view.role).toBe('img');
    // Seven town halls, the union's seat and its central site; RTRT and the backup provider's network.
    expect(view.siteRows).toHaveLength(9);
    for (const name of MUNICIPALITIES) expect(view.siteRows.some((row) => row.includes(name)), name).toBe(true);
    expect(view.siteRows.filter((row) => row.includes('Centro servizi (hub)'))).toHaveLength(1);
    // Nodes: the sites and the two provider networks; edges: every link in the table.
    expect(view.nodes).toBe(view.siteRows.length + 2);
    expect(view.edges).toBe(view.linkRows.length);
    // 7 fibre primaries, 6 backups (not San Godenzo), the central site's fibre and backup.
    expect(view.linkRows).toHaveLength(15);
    expect(view.linkRows.filter((row) => row.includes('RTRT-0'))).toHaveLength(7);
    expect(view.label).toContain('9 sedi');
    expect(view.label).toContain('15 collegamenti');
    expect(view.label).toContain("Centro servizi ICT dell'Unione");
    // Colour by status: the same graph, the legend speaks of statuses.
    await page.getByLabel('per stato').check();
    await page.locator('.connectivity-legend li', { hasText: 'Attivo' }).waitFor();
    expect(await page.locator('.connectivity-graph').getAttribute('data-edges')).toBe(String(view.edges));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'connectivity-network-staff');
  });

  it('filters the view by body', async () => {
    await page.locator('#network-body').selectOption({ label: 'Reggello' });
    await page.locator('section[aria-labelledby="network-links-title"] tbody tr').nth(1).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('section[aria-labelledby="network-links-title"] tbody tr').length === 2);
    const rows = await page.locator('section[aria-labelledby="network-sites-title"] tbody tr').allTextContents();
    expect(rows.some((row) => row.includes('Reggello'))).toBe(true);
    expect(rows.some((row) => row.includes('Pontassieve'))).toBe(false);
    await page.waitForFunction(() => document.querySelector('.connectivity-graph')?.getAttribute('data-edges') === '2');
  });

  it("opens San Godenzo's sheet: one link, flagged as a single link; Pelago's has its backup and saves coordinates", async () => {
    await page.locator('#network-body').selectOption({ label: 'Tutti gli enti' });
    await page.locator('section[aria-labelledby="network-sites-title"] a', { hasText: 'San Godenzo' }).click();
    await heading(page, 'Connettività di San Godenzo');
    await page.locator('[data-single-link="true"]').waitFor();
    expect(await page.locator('section.connectivity-site tbody tr', { hasText: 'RTRT-048039-01' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'connectivity-network-sheet-single-link');

    await page.goto(`${server.base}/connectivity`);
    await page.locator('.connectivity-graph[data-ready="true"]').waitFor();
    await page.locator('section[aria-labelledby="network-sites-title"] a', { hasText: 'Pelago' }).click();
    await heading(page, 'Connettività di Pelago');
    await page.locator('section.connectivity-site tbody tr', { hasText: 'RTRT-048032-01' }).waitFor();
    expect(await page.locator('[data-single-link="true"]').count()).toBe(0);
    expect(await page.locator('main', { hasText: 'Secondario' }).count()).toBe(1);
    const latitude = page.locator('input[id$="-latitude"]').first();
    await latitude.fill('43.7721');
    await page.getByRole('button', { name: 'Salva le coordinate' }).first().click();
    await page.locator('.notice-success', { hasText: 'Coordinate di Palazzo comunale salvate.' }).waitFor();
    await page.locator('main dd', { hasText: '43.7721' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'connectivity-network-sheet-staff');
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'connectivity-network-sheet-staff-375');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("shows the body's links on the core's body page, with a way to the sheet", async () => {
    await page.locator('#app-nav a', { hasText: 'Enti' }).first().click();
    await page.locator('main a', { hasText: 'Reggello' }).first().click();
    await heading(page, 'Reggello');
    const widget = page.locator('#widget-connectivity-body-title').locator('xpath=..');
    await widget.locator('p', { hasText: '2 collegamenti, 2 attivi' }).waitFor();
    await widget.locator('a', { hasText: 'Apri la scheda di connettività' }).click();
    await heading(page, 'Connettività di Reggello');
  });
});

describe('connectivity as the referent of Pelago', () => {
  it('sees only Pelago\'s sites and links, and the hub', async () => {
    await newSession('referente@pelago.gea.local');
    const view = await openNetwork();
    expect(view.siteRows).toHaveLength(2);
    expect(view.siteRows.some((row) => row.includes('Pelago'))).toBe(true);
    expect(view.siteRows.some((row) => row.includes('Centro servizi (hub)'))).toBe(true);
    for (const name of MUNICIPALITIES.filter((n) => n !== 'Pelago')) {
      expect(view.siteRows.some((row) => row.includes(name)), name).toBe(false);
      expect(view.linkRows.some((row) => row.includes(name)), name).toBe(false);
    }
    expect(view.linkRows).toHaveLength(2);
    expect(view.edges).toBe(2);
    // Pelago's site, the hub, RTRT and the backup network.
    expect(view.nodes).toBe(4);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'connectivity-network-referent');

    await page.locator('section[aria-labelledby="network-sites-title"] a', { hasText: 'Pelago' }).click();
    await heading(page, 'Connettività di Pelago');
    await page.locator('section.connectivity-site tbody tr', { hasText: 'RTRT-048032-01' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'connectivity-network-sheet-referent');
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'connectivity-network-sheet-referent-375');
  });

  it('left no script errors on the pages', () => {
    expect(pageErrors).toEqual([]);
  });
});
