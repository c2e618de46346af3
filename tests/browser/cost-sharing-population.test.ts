// Issue 14, population and cost sharing, in Chromium against `npm start` on a fresh embedded
// database with the demo data. As the ICT head: record a population figure, import ISTAT's file
// (a check that shows the bad line by number, then a good file), open the allocation, an
// explanation, a simulation, download the allocation's and the simulation's PDFs (Italian names;
// the simulation says so on every page), and try to issue a document while simulating (a warning
// naming the weights in force). As a referent: cost sharing opens on their body's association, no
// permission banners, and the chart's share is the table's.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { populationBalanceFile } from '../../packages/core/src/entity-import/fixtures/published-files.ts';
import { accessibilityViolations, heading, launchBrowser, menu, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let head: Page;
const pageErrors: string[] = [];

const standardFontDataUrl = `${path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/standard_fonts/`;
/** A downloaded PDF: its bytes checked, its text page by page. */
async function pdfPages(download: Download): Promise<string[]> {
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const parsed = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= parsed.numPages; n++) pages.push((await (await parsed.getPage(n)).getTextContent()).items.map((item: any) => item.str).join(' '));
  return pages;
}

// ISTAT's demographic balance of 2023 as published (title line, header, CRLF, UTF-8 with BOM).
const FIGURES_2023 = [
  { istatCode: '048033', name: 'Pontassieve', population: 20_301 },
  { istatCode: '048025', name: 'Londa', population: 1_850 },
  { istatCode: '048032', name: 'Pelago', population: 7_690 },
  { istatCode: '058091', name: 'Roma', population: 2_755_309 },
];
const goodFile = () => Buffer.from(`\ufeff${populationBalanceFile(2023, FIGURES_2023)}`, 'utf8');
/** Line 4 (title, header, Pontassieve, Londa) with ISTAT's placeholder instead of the figure. */
const badFile = () => {
  const lines = populationBalanceFile(2023, FIGURES_2023).split('\r\n');
  lines[3] = lines[3]!.replace(/;1850;""$/, ';N.D.;""');
  return Buffer.from(`\ufeff${lines.join('\r\n')}`, 'utf8');
};

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
  if (test.task.result?.state === 'fail') await screenshot(head, `costs-failed-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('population at 31 December, as the ICT head', () => {
  it('shows each body by year with the figures of the allocation year highlighted and the missing ones named', async () => {
    await signIn(head, server.base, 'admin@gea.local');
    expect(await menu(head)).toContain('Popolazione');
    await head.locator('#app-nav a', { hasText: 'Popolazione' }).click();
    await heading(head, 'Popolazione residente');
    const table = head.locator('table.population-table');
    await table.locator('th[scope=row]', { hasText: 'Pontassieve' }).waitFor();
    await head.selectOption('#population-allocation-year', '2026');
    // The allocation of 2026 uses 31 December 2025: that column is the highlighted one.
    const used = table.locator('thead th.population-used');
    expect(await used.count()).toBe(1);
    expect(await used.textContent()).toContain('31/12/2025');
    expect(await used.textContent()).toContain('usata per la ripartizione 2026');
    const pontassieve = table.locator('tr', { has: head.locator('th[scope=row]', { hasText: 'Pontassieve' }) });
    expect(await pontassieve.locator('td[data-year="2025"]').textContent()).toMatch(/\d/);
    // The demo has no figures at 31 December 2023: shown as missing.
    expect(await pontassieve.locator('td[data-year="2023"]').textContent()).toContain('mancante');
    await head.selectOption('#population-allocation-year', '2024');
    expect(await head.getByTestId('population-missing').textContent()).toMatch(/Per la ripartizione 2024 manca la popolazione al 31\/12\/2023 di \d+ enti/);
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'costs-01-population');
  });

  it('records one figure: refused with the field named when wrong, then saved and shown', async () => {
    await head.selectOption('#population-entityId', { label: 'San Godenzo' });
    await head.locator('#population-referenceDate').fill('2023');
    await head.locator('#population-population').fill('dodici');
    await head.getByRole('button', { name: 'Registra', exact: true }).click();
    await head.locator('.error-summary').getByText(/Popolazione residente: indica un numero intero/).waitFor();
    await head.locator('#population-population').fill('1.071');
    await head.locator('#population-source').fill('Anagrafe comunale, delibera 12/2024');
    await head.getByRole('button', { name: 'Registra', exact: true }).click();
    await head.getByText('Registrata la popolazione di San Godenzo al 31/12/2023: 1.071.').waitFor();
    const row = head.locator('table.population-table tr', { has: head.locator('th[scope=row]', { hasText: 'San Godenzo' }) });
    await expect.poll(() => row.locator('td[data-year="2023"]').textContent()).toContain('1.071');
    await screenshot(head, 'costs-02-population-recorded');
  });

  it('imports ISTAT\'s file: a check shows the bad line by number and nothing is written; the good file is checked, then imported', async () => {
    await head.locator('#population-file').setInputFiles({ name: 'P2_2023_it_Comuni.csv', mimeType: 'text/csv', buffer: badFile() });
    await head.getByRole('button', { name: 'Controlla il file (nulla è salvato)' }).click();
    const problems = head.getByTestId('population-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Il file ha 1 problemi: nulla è stato importato');
    expect(await problems.textContent()).toContain('Riga 4, colonna «Popolazione al 31 dicembre - Totale»: «Popolazione al 31 dicembre - Totale» contiene il segnaposto «N.D.» invece di un valore');
    expect(await head.getByRole('button', { name: 'Importa', exact: true }).isDisabled()).toBe(true);
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'costs-03-population-import-problems');

    await head.locator('#population-file').setInputFiles({ name: 'P2_2023_it_Comuni.csv', mimeType: 'text/csv', buffer: goodFile() });
    await head.getByRole('button', { name: 'Controlla il file (nulla è salvato)' }).click();
    const checked = head.getByTestId('population-checked');
    await checked.waitFor();
    expect(await checked.textContent()).toContain('popolazione al 31/12/2023');
    expect(await checked.textContent()).toContain('4 righe di comuni. Importandolo: 3 dati nuovi, 0 cambiati, 0 invariati, 1 comuni non in GEA');
    const row = (name: string) => head.locator('table.population-table tr', { has: head.locator('th[scope=row]', { hasText: name }) });
    // a check writes nothing
    expect(await row('Londa').locator('td[data-year="2023"]').textContent()).toContain('mancante');
    await head.getByRole('button', { name: 'Importa', exact: true }).click();
    await head.getByText(/Importata la popolazione al 31\/12\/2023: 3 dati nuovi/).waitFor();
    await expect.poll(() => row('Londa').locator('td[data-year="2023"]').textContent()).toContain('1.850');
    expect(await row('Pontassieve').locator('td[data-year="2023"]').textContent()).toContain('20.301');
    await screenshot(head, 'costs-04-population-imported');
  });
});

describe('cost allocation, as the ICT head', () => {
  it('the union in 2026: table with shares, an explanation, the allocation PDF under an Italian name', async () => {
    await head.locator('#app-nav a', { hasText: 'Ripartizione costi' }).click();
    await heading(head, 'Ripartizione costi');
    const union = await head.locator('#cost-sharing-association option', { hasText: /Unione/ }).first().getAttribute('value');
    await head.selectOption('#cost-sharing-association', union!);
    await head.selectOption('#cost-sharing-year', '2026');
    const table = head.locator('table.allocation');
    await table.locator('th[scope=row]', { hasText: 'Pontassieve' }).waitFor();
    await expect.poll(() => table.locator('tfoot').textContent()).toContain('78.476,00');
    // every body's share of the net total, the same in the chart's legend
    const tableShare = await table.locator('td[data-share="Pontassieve"]').textContent();
    expect(tableShare).toMatch(/^21,02\s%$/);
    expect(await head.locator('[data-chart-share="Pontassieve"]').textContent()).toContain(tableShare!);
    // Nothing cut off at 1280 and 1366 px: the tables fit without scrolling sideways.
    const fits = () => head.locator('main .table-wrap').evaluateAll((wraps) => wraps.map((wrap) => wrap.scrollWidth <= wrap.clientWidth + 1));
    expect(await fits()).toEqual([true, true]);
    await head.setViewportSize({ width: 1366, height: 900 });
    expect(await fits()).toEqual([true, true]);
    await head.setViewportSize({ width: 1280, height: 900 });
    const explain = table.getByRole('button', { name: /Spiega la quota di Pontassieve/ });
    await explain.click();
    await head.locator(`#${await explain.getAttribute('aria-controls')} li`).first().waitFor();
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'costs-05-allocation-explained');

    const [download] = await Promise.all([head.waitForEvent('download'), head.getByRole('button', { name: 'Scarica il PDF della ripartizione' }).click()]);
    expect(download.suggestedFilename()).toBe('ripartizione-2026-unione-valdarno-valdisieve.pdf');
    const text = (await pdfPages(download)).join('\n');
    expect(text).toContain('Ripartizione dei costi 2026');
    expect(text).not.toContain('SIMULAZIONE');
    expect(text).toContain('21,02%');
  });

  it('a simulation: its PDF says so on every page; issuing while simulating warns and names the weights in force', async () => {
    await head.locator('#cost-sharing-weight').fill('30');
    await head.locator('#cost-sharing-weight').press('Tab');
    await head.getByText('Simulazione: nulla è salvato.').waitFor();
    await expect.poll(() => head.locator('main').textContent()).toMatch(/Simulazione: Peso PC 30 %/);
    // the chart follows the table in the simulation too
    const tableShare = await head.locator('table.allocation td[data-share="Pontassieve"]').textContent();
    expect(await head.locator('[data-chart-share="Pontassieve"]').textContent()).toContain(tableShare!);
    await screenshot(head, 'costs-06-simulation');

    const [download] = await Promise.all([head.waitForEvent('download'), head.getByRole('button', { name: 'Scarica il PDF della simulazione' }).click()]);
    expect(download.suggestedFilename()).toBe('simulazione-ripartizione-2026-unione-valdarno-valdisieve.pdf');
    const pages = await pdfPages(download);
    for (const page of pages) expect(page).toContain('SIMULAZIONE');
    expect(pages[0]).toContain('Pesi simulati (art. 13): 30% per PC');

    await head.locator('#cost-sharing-plan').selectOption('RUNNING_SERVICES');
    await head.getByRole('button', { name: 'Emetti', exact: true }).click();
    const warning = head.getByRole('alertdialog', { name: 'Stai guardando una simulazione' });
    await warning.waitFor();
    await expect.poll(() => warning.textContent()).toContain('sarà emesso con i pesi in vigore (PC 50 %, abitanti 50 %), non con il peso PC simulato del 30 %');
    // nothing was issued by the first click
    expect(await head.getByText(/Emesso .*versione/).count()).toBe(0);
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'costs-07-issue-while-simulating');
    await warning.getByRole('button', { name: 'Emetti con i pesi in vigore (PC 50 %)' }).click();
    await head.getByText(/Emesso Riepilogo dei costi dei servizi in essere 2026, versione 1/).waitFor();

    // The issued document's PDF has an Italian name too.
    const pdfButton = head.getByRole('button', { name: /Scarica il PDF di Riepilogo/ }).first();
    const [issued] = await Promise.all([head.waitForEvent('download'), pdfButton.click()]);
    expect(issued.suggestedFilename()).toBe('riepilogo-costi-servizi-2026-v1.pdf');
    expect((await pdfPages(issued))[0]).toContain('50% per PC');

    // A year whose population at 31 December of the year before is missing: said in Italian, by its code.
    await head.selectOption('#cost-sharing-year', '2023');
    const missing = head.locator('main .notice-error', { hasText: 'La ripartizione 2023 usa la popolazione residente al 31/12/2022 (art. 13), che manca per:' });
    await missing.waitFor();
    expect(await missing.textContent()).toContain('Pontassieve');
    await missing.getByRole('link', { name: 'Registra la popolazione o importa il file ISTAT' }).waitFor();
    expect(await missing.textContent()).not.toMatch(/missing|population/i);
    await screenshot(head, 'costs-10-population-missing');
    expect(pageErrors).toEqual([]);
  });
});

describe('cost sharing as a referent', () => {
  it('opens on the association of their body, with no permission banners, and the chart shows the body\'s real share', async () => {
    const referentContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const referent = await referentContext.newPage();
    const errors: string[] = [];
    referent.on('pageerror', (error) => errors.push(error.message));
    try {
      await signIn(referent, server.base, 'referente@pontassieve.gea.local');
      expect(await menu(referent)).not.toContain('Popolazione');
      await referent.locator('#app-nav a', { hasText: 'Ripartizione costi' }).click();
      await heading(referent, 'Ripartizione costi');
      const table = referent.locator('table.allocation');
      await table.locator('th[scope=row]', { hasText: 'Pontassieve' }).waitFor();
      const options = await referent.locator('#cost-sharing-association option').allTextContents();
      expect(options).toEqual(['Unione di Comuni Valdarno e Valdisieve']);
      expect(await referent.locator('main .notice-error').count()).toBe(0);
      expect(await referent.locator('main').textContent()).not.toContain('Non hai i permessi');
      // Pontassieve pays 21.02% of the net total, not 100%: the other six bodies are one bar.
      const tableShare = await table.locator('td[data-share="Pontassieve"]').textContent();
      expect(tableShare).toMatch(/^21,02\s%$/);
      expect(await referent.locator('[data-chart-share="Pontassieve"]').textContent()).toContain(tableShare!);
      expect(await referent.locator('[data-chart-share="Altri 6 enti"]').textContent()).toContain('78,98');
      // no issuing form for a reader
      expect(await referent.getByRole('button', { name: 'Emetti', exact: true }).count()).toBe(0);
      await referent.locator('figure.chart canvas').waitFor();
      expect(await accessibilityViolations(referent)).toEqual([]);
      await screenshot(referent, 'costs-08-referent');
      // On a phone: the body, its total and its share.
      await referent.setViewportSize({ width: 375, height: 800 });
      expect(await table.locator('thead th:visible').allTextContents()).toEqual(['Ente', 'Totale', 'Quota %']);
      await screenshot(referent, 'costs-09-referent-phone');
      await referent.setViewportSize({ width: 1280, height: 900 });

      // An association in the address that is not theirs is not opened: theirs is.
      const prato = 'QXNzb2NpYXRpb246MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw';
      await referent.goto(`${server.base}/cost-sharing?association=${prato}`);
      await referent.locator('table.allocation th[scope=row]', { hasText: 'Pontassieve' }).waitFor();
      expect(await referent.locator('main .notice-error').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await referentContext.close();
    }
  });
});
