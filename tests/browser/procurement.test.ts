// Procurement in Chromium against `npm start` on a fresh embedded database with the demo data, as
// the ICT head: a supplier, a contract with a valid CIG for two bodies, an asset covered, a signed
// contract PDF attached and downloaded back byte for byte; an expense with a grant, a project with
// two participants, a staff secondment. Then as the referent of one of the two bodies (sees the
// contract, downloads its document) and of a third body (neither the contract nor the file).
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../../plugins/procurement/tests/fixtures/minimal-pdf.ts';
import { accessibilityViolations, heading, launchBrowser, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let head: Page;
const pageErrors: string[] = [];
const pdf = minimalPdf('Contratto di servizi documentali - firmato');
const SUBJECT = 'Conservazione documentale Pontassieve e Pelago';
const CIG = '5550123A61';
const YEAR = String(new Date().getFullYear());
let contractUrl = '';
let downloadPath = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  head = await context.newPage();
  head.on('pageerror', (error) => pageErrors.push(`${head.url()}: ${error.message}`));
  head.on('dialog', (dialog) => void dialog.accept());
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(head, `failed-procurement-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Whether the table's last header cell ends inside the table's scrolling box (nothing cut off). */
async function lastColumnVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const wrap = document.querySelector('main .table-wrap')!.getBoundingClientRect();
    const headers = [...document.querySelectorAll('main table thead th')];
    const last = headers[headers.length - 1]!.getBoundingClientRect();
    return last.right <= wrap.right + 1 && last.width > 0;
  });
}

describe('procurement as the ICT head', () => {
  it('records a supplier: a wrong partita IVA is shown at its field, then saved', async () => {
    await signIn(head, server.base, 'admin@gea.local');
    await head.locator('#app-nav a', { hasText: /^Fornitori$/ }).click();
    await heading(head, 'Fornitori');
    await head.locator('main tbody tr').first().waitFor();
    await head.locator('#supplier-name').fill('Archivi Digitali Toscani S.r.l.');
    await head.locator('#supplier-vatNumber').fill('01234567005');
    await head.locator('#supplier-pecAddress').fill('archivi@pec.example.it');
    await head.getByRole('button', { name: 'Salva' }).click();
    await head.locator('#supplier-vatNumber-error').waitFor();
    expect(await head.locator('#supplier-vatNumber').getAttribute('aria-invalid')).toBe('true');
    await head.locator('#supplier-vatNumber').fill('01234567004');
    await head.getByRole('button', { name: 'Salva' }).click();
    await head.locator('.notice-success', { hasText: 'Fornitore Archivi Digitali Toscani S.r.l. salvato.' }).waitFor();
    // The notice takes the focus after saving.
    expect(await head.evaluate(() => document.activeElement?.textContent)).toContain('salvato');
    await head.locator('main tbody tr', { hasText: 'Archivi Digitali Toscani' }).waitFor();
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'procurement-01-suppliers');
  });

  it('the contracts list keeps its value column whole at 1280 and 1366 px, and three columns on a phone', async () => {
    await head.locator('#app-nav a', { hasText: /^Contratti$/ }).click();
    await heading(head, 'Contratti');
    await head.locator('main tbody tr').first().waitFor();
    expect(await lastColumnVisible(head)).toBe(true);
    await head.setViewportSize({ width: 1366, height: 900 });
    expect(await lastColumnVisible(head)).toBe(true);
    await head.setViewportSize({ width: 375, height: 800 });
    const shown = await head.locator('main table thead th').evaluateAll((cells) => cells.filter((cell) => getComputedStyle(cell).display !== 'none').map((cell) => cell.textContent?.trim()));
    expect(shown).toEqual(['Oggetto', 'Fine', 'Valore']);
    await screenshot(head, 'procurement-02-contracts-phone');
    await head.setViewportSize({ width: 1280, height: 900 });
  });

  it('records a contract with a valid CIG for two bodies', async () => {
    await head.getByRole('link', { name: 'Nuovo contratto' }).click();
    await heading(head, 'Nuovo contratto');
    await head.locator('#contract-supplierId option', { hasText: 'Archivi Digitali Toscani' }).waitFor({ state: 'attached' });
    await head.locator('#contract-subject').fill(SUBJECT);
    await head.selectOption('#contract-kind', 'MAINTENANCE');
    await head.selectOption('#contract-supplierId', { label: 'Archivi Digitali Toscani S.r.l.' });
    await head.selectOption('#contract-contractingEntityId', { label: 'Unione di Comuni Valdarno e Valdisieve' });
    await head.locator('#contract-cig').fill('5550123A62');
    await head.locator('#contract-startsOn').fill(`${YEAR}-01-01`);
    await head.locator('#contract-endsOn').fill(`${Number(YEAR) + 2}-12-31`);
    await head.locator('#contract-valueCents').fill('24.500,00');
    await head.getByRole('checkbox', { name: 'Pontassieve' }).check();
    await head.getByRole('checkbox', { name: 'Pelago' }).check();
    await head.getByRole('button', { name: 'Salva' }).click();
    // A CIG whose check characters are wrong is refused at its field.
    await head.locator('#contract-cig-error').waitFor();
    expect(await head.locator('.error-summary').textContent()).toContain('CIG');
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'procurement-03-contract-form-error');
    await head.locator('#contract-cig').fill(CIG);
    await head.getByRole('button', { name: 'Salva' }).click();
    await heading(head, `Contratto ${SUBJECT}`);
    contractUrl = head.url();
    await head.locator('.notice-success', { hasText: 'Contratto registrato.' }).waitFor();
    expect(await head.locator('.procurement-details').textContent()).toContain(CIG);
    expect(await head.locator('.procurement-details').textContent()).toContain('Pelago, Pontassieve');

    // Changed in place, with the version it was read at.
    await head.getByRole('button', { name: 'Modifica' }).click();
    await head.locator('#contract-valueCents').fill('25.000,00');
    await head.locator('#contract-renewableUntil').fill(`${Number(YEAR) + 4}-12-31`);
    await head.getByRole('button', { name: 'Salva' }).click();
    await head.locator('.notice-success', { hasText: 'Modifiche salvate.' }).waitFor();
    await expect.poll(() => head.locator('.procurement-details').textContent()).toContain('25.000,00');
    expect(await head.evaluate(() => document.activeElement?.textContent)).toBe('Modifiche salvate.');
  });

  it('covers an asset of one of the bodies, and attaches the signed contract PDF and downloads it back', async () => {
    await head.locator('#coverage-asset option').nth(1).waitFor({ state: 'attached' });
    const option = head.locator('#coverage-asset option').nth(1);
    const label = (await option.textContent())!;
    await head.selectOption('#coverage-asset', (await option.getAttribute('value'))!);
    await head.getByRole('button', { name: 'Aggiungi' }).first().click();
    await head.locator('.notice-success', { hasText: 'Copertura aggiornata.' }).waitFor();
    const covered = head.locator('section[aria-labelledby=coverage-title] table').first().locator('tbody tr');
    await expect.poll(() => covered.count()).toBe(1);
    expect(label).toContain(((await covered.first().locator('th').textContent()) ?? '').trim());

    await head.selectOption('#document-kind', 'SIGNED_CONTRACT');
    await head.locator('#document-file').setInputFiles({ name: 'contratto-firmato.pdf', mimeType: 'application/pdf', buffer: pdf });
    await head.getByRole('button', { name: 'Allega' }).click();
    await head.locator('.notice-success', { hasText: 'Documento allegato: contratto-firmato.pdf.' }).waitFor();
    const row = head.locator('section[aria-labelledby=documents-title] tbody tr', { hasText: 'contratto-firmato.pdf' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Contratto firmato');
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'procurement-04-contract-page');

    const [download] = await Promise.all([head.waitForEvent('download'), head.getByRole('button', { name: 'Scarica contratto-firmato.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('contratto-firmato.pdf');
    expect((await readFile((await download.path())!)).equals(pdf)).toBe(true);

    // The document's route, for the referents below.
    const token = await head.evaluate(() => JSON.parse(sessionStorage.getItem('gea.session')!).token as string);
    const contractId = decodeURIComponent(contractUrl.split('/').pop()!.split('?')[0]!);
    const answer = (await (
      await fetch(`${server.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-gea-client': 'test', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query ($id: ID!) { node(id: $id) { ... on Contract { documents { downloadPath } } } }', variables: { id: contractId } }),
      })
    ).json()) as { data: { node: { documents: { downloadPath: string }[] } } };
    downloadPath = answer.data.node.documents[0]!.downloadPath;
    expect(downloadPath).toMatch(/^\/procurement\/contract-documents\/[0-9a-f-]{36}$/);
  });

  it('records an expense of the year with a grant, and the totals follow', async () => {
    await head.locator('#app-nav a', { hasText: 'Spese e contributi' }).click();
    await heading(head, 'Spese dell’anno');
    const union = await head.locator('#expenses-association option', { hasText: /Unione/ }).first().getAttribute('value');
    if (union) await head.selectOption('#expenses-association', union);
    await head.selectOption('#expenses-year', YEAR);
    await head.locator('#expense-description').fill('Scanner per la conservazione documentale');
    await head.selectOption('#expense-plan', 'PURCHASES');
    await head.selectOption('#expense-category', 'CAPITAL');
    await head.locator('#expense-amountCents').fill('10.000,00');
    await head.locator('#expense-vatCents').fill('2.200,00');
    await head.getByRole('button', { name: 'Aggiungi un contributo' }).click();
    await head.selectOption('#grant-0-source', 'REGIONAL');
    await head.locator('#grant-0-grantor').fill('Regione Toscana');
    await head.locator('#grant-0-amount').fill('5.000,00');
    await head.locator('#grant-0-reference').fill('Decreto 1234/2026');
    await head.getByRole('button', { name: 'Salva' }).click();
    await head.locator('.notice-success', { hasText: 'Spesa salvata: Scanner per la conservazione documentale.' }).waitFor();
    const row = head.locator('main tbody tr', { hasText: 'Scanner per la conservazione documentale' });
    await row.waitFor();
    expect(await row.textContent()).toContain('12.200,00');
    expect(await row.textContent()).toContain('5.000,00');
    expect(await row.textContent()).toContain('7.200,00');
    expect(await head.locator('dl[aria-label=Totali]').textContent()).toMatch(/Lordo.*Contributi.*Netto/);
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'procurement-05-expenses');
  });

  it('records a project with two participants', async () => {
    await head.locator('#app-nav a', { hasText: 'Progetti' }).click();
    await heading(head, 'Progetti');
    const union = await head.locator('#projects-association option', { hasText: /Unione/ }).first().getAttribute('value');
    if (union) await head.selectOption('#projects-association', union);
    await head.locator('#project-name').fill('Conservazione digitale condivisa');
    await head.getByRole('checkbox', { name: 'Pontassieve' }).check();
    await head.getByRole('checkbox', { name: 'Pelago' }).check();
    await head.getByRole('button', { name: 'Salva' }).click();
    await head.locator('.notice-success', { hasText: 'Progetto salvato: Conservazione digitale condivisa.' }).waitFor();
    const row = head.locator('main tbody tr', { hasText: 'Conservazione digitale condivisa' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Pelago, Pontassieve');
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'procurement-06-projects');
  });

  it('records a staff secondment', async () => {
    await head.locator('#app-nav a', { hasText: 'Personale comandato' }).click();
    await heading(head, 'Personale comandato');
    const union = await head.locator('#staff-association option', { hasText: /Unione/ }).first().getAttribute('value');
    if (union) await head.selectOption('#staff-association', union);
    await head.selectOption('#staff-year', YEAR);
    await head.locator('#staff-personName').fill('Giulia Bianchi');
    await head.locator('#staff-role').fill('Istruttore informatico');
    await head.selectOption('#staff-lendingEntityId', { label: 'Pelago' });
    await head.locator('#staff-timeShareBasisPoints').fill('50');
    await head.locator('#staff-costCents').fill('18.000,00');
    await head.getByRole('button', { name: 'Salva' }).click();
    await head.locator('.notice-success', { hasText: 'Comando salvato: Giulia Bianchi.' }).waitFor();
    const row = head.locator('main tbody tr', { hasText: 'Giulia Bianchi' });
    await row.waitFor();
    expect(await row.textContent()).toContain('18.000,00');
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'procurement-07-staff');
    expect(pageErrors).toEqual([]);
  });
});

describe('procurement as referents', () => {
  it('a referent of a body served sees the contract and downloads its document, without write controls', async () => {
    const referentContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const referent = await referentContext.newPage();
    await signIn(referent, server.base, 'referente@pontassieve.gea.local');
    await referent.goto(contractUrl);
    await heading(referent, `Contratto ${SUBJECT}`);
    await referent.locator('section[aria-labelledby=documents-title] tbody tr', { hasText: 'contratto-firmato.pdf' }).waitFor();
    expect(await referent.getByRole('button', { name: 'Allega' }).count()).toBe(0);
    expect(await referent.getByRole('button', { name: 'Modifica' }).count()).toBe(0);
    const [download] = await Promise.all([referent.waitForEvent('download'), referent.getByRole('button', { name: 'Scarica contratto-firmato.pdf' }).click()]);
    expect((await readFile((await download.path())!)).equals(pdf)).toBe(true);
    expect(await accessibilityViolations(referent)).toEqual([]);
    await screenshot(referent, 'procurement-08-referent-contract');
    await referentContext.close();
  });

  it("a referent of a third body sees neither the contract nor its document", async () => {
    const otherContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const other = await otherContext.newPage();
    await signIn(other, server.base, 'referente@rufina.gea.local');
    await other.goto(`${server.base}/procurement/contracts?q=${encodeURIComponent('Conservazione documentale')}`);
    await heading(other, 'Contratti');
    await other.locator('main', { hasText: 'Nessun contratto corrisponde ai filtri.' }).waitFor();
    await other.goto(contractUrl);
    await other.locator('main', { hasText: 'Contratto non trovato, o non visibile con il tuo profilo.' }).waitFor();
    expect(await other.locator('main').textContent()).not.toContain(SUBJECT);
    const token = await other.evaluate(() => JSON.parse(sessionStorage.getItem('gea.session')!).token as string);
    const refused = await fetch(`${server.base}${downloadPath}`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(404);
    await screenshot(other, 'procurement-09-other-referent');
    await otherContext.close();
  });
});
