// The inventory's software screens and the asset import in Chromium against `npm start` on a fresh
// embedded database with the demo data. As ICT staff: a product, a licence for two bodies, an
// installation on an asset, seats used, the renewal plan of a body; as a referent: their body's
// licences only and nothing to create. Screenshots go to __screenshots__ (prefix `software-`).
import path from 'node:path';
import { repoRoot } from '@gea/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, DEMO_PASSWORD, gql, heading, launchBrowser, menu, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let staff: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  staff = await context.newPage();
  staff.on('pageerror', (error) => pageErrors.push(`${staff.url()}: ${error.message}`));
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(staff, `failed-software-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function tokenOf(email: string): Promise<string> {
  const login = await gql<{ login: { token: string } }>(server.base, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
    e: email,
    p: DEMO_PASSWORD,
  });
  return login.data!.login.token;
}

const REFERENCE = 'ORD-2026-117';
const fixture = (name: string) => path.join(repoRoot, 'plugins/inventory/tests/fixtures', name);

describe('software and licences', () => {
  it('ICT staff adds a product to the catalogue', async () => {
    await signIn(staff, server.base, 'tecnico@gea.local');
    expect(await menu(staff)).toContain('Software e licenze');
    await staff.locator('#app-nav a', { hasText: 'Software e licenze' }).click();
    await heading(staff, 'Catalogo del software');
    await staff.locator('main tbody th[scope=row]', { hasText: 'LibreOffice' }).waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'software-01-catalogue');

    // Required fields left empty: the API's errors next to the fields, nothing created.
    await staff.getByRole('button', { name: 'Aggiungi al catalogo' }).click();
    await staff.locator('.error-summary').waitFor();
    expect(await staff.locator('#product-name-error').textContent()).toBeTruthy();

    await staff.locator('#product-name').fill('Gestione documentale');
    await staff.locator('#product-publisher').fill('Archivia S.r.l.');
    await staff.locator('#product-category').fill('Gestionali');
    await staff.getByRole('button', { name: 'Aggiungi al catalogo' }).click();
    await staff.getByText('Archivia S.r.l. Gestione documentale è stato aggiunto al catalogo.').waitFor();
    await staff.locator('main tbody th[scope=row]', { hasText: 'Gestione documentale' }).waitFor();
    expect(await staff.evaluate(() => document.activeElement?.id)).toBe('software-product-created');
  });

  it('ICT staff records a licence for two bodies, with seats and a cost', async () => {
    await staff.locator('.software-tabs a', { hasText: 'Licenze' }).click();
    await heading(staff, 'Licenze software');
    await staff.locator('main tbody tr').first().waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await staff.getByRole('link', { name: 'Nuova licenza' }).click();
    await heading(staff, 'Nuova licenza');
    await staff.locator('#licence-productId option', { hasText: 'Gestione documentale' }).waitFor({ state: 'attached' });
    await staff.selectOption('#licence-productId', { label: 'Gestione documentale (Archivia S.r.l.)' });
    await staff.selectOption('#licence-kind', 'SUBSCRIPTION');
    await staff.locator('#licence-reference').fill(REFERENCE);
    await staff.locator('#licence-seats').fill('5');
    await staff.locator('#licence-validFrom').fill('2026-01-01');
    // A subscription without an end: refused by the API, shown next to the field.
    await staff.locator('#licence-costCents').fill('1.500,00');
    await staff.getByLabel('Pontassieve').check();
    await staff.getByLabel('Pelago').check();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'software-02-new-licence');
    await staff.getByRole('button', { name: 'Registra la licenza' }).click();
    await staff.locator('#licence-validUntil-error').waitFor();

    await staff.locator('#licence-validUntil').fill('2027-03-31');
    await staff.getByRole('button', { name: 'Registra la licenza' }).click();
    await heading(staff, `Licenza Gestione documentale · ${REFERENCE}`);
    await staff.getByText('Licenza registrata.').waitFor();
    expect(await staff.locator('main h2#licence-installations-title').textContent()).toContain('0 su 5');
    expect(await staff.locator('.page-heading').textContent()).toMatch(/Pelago.*Pontassieve|Pontassieve.*Pelago/);
    expect(await staff.locator('.page-heading').textContent()).toContain('1.500,00');
  });

  it('ICT staff installs it on an asset of Pontassieve, and the licence shows the seat used', async () => {
    const token = await tokenOf('tecnico@gea.local');
    const found = await gql<{ entities: { edges: { node: { id: string; name: string } }[] } }>(server.base, 'query { entities(first: 100) { edges { node { id name } } } }', {}, token);
    const pontassieve = found.data!.entities.edges.map((edge) => edge.node).find((body) => body.name === 'Pontassieve')!;
    const assets = await gql<{ assets: { edges: { node: { id: string; inventoryTag: string } }[] } }>(
      server.base,
      'query ($f: AssetFilter) { assets(first: 1, filter: $f) { edges { node { id inventoryTag } } } }',
      { f: { entityIds: [pontassieve.id], kind: ['LAPTOP'], status: ['IN_SERVICE'] } },
      token,
    );
    const asset = assets.data!.assets.edges[0]!.node;

    await staff.goto(`${server.base}/inventory/assets/${encodeURIComponent(asset.id)}`);
    const widget = staff.locator('section[aria-labelledby=asset-software-title]');
    await widget.locator('tbody th[scope=row]', { hasText: 'LibreOffice' }).waitFor();
    await staff.locator('#install-productId option', { hasText: 'Gestione documentale' }).waitFor({ state: 'attached' });
    await staff.selectOption('#install-productId', { label: 'Gestione documentale (Archivia S.r.l.)' });
    await staff.locator('#install-licenceId option', { hasText: REFERENCE }).waitFor({ state: 'attached' });
    const option = await staff.locator('#install-licenceId option', { hasText: REFERENCE }).getAttribute('value');
    await staff.selectOption('#install-licenceId', option!);
    await staff.locator('#install-version').fill('4.2');
    await staff.getByRole('button', { name: 'Installa', exact: true }).click();
    await staff.getByText('Gestione documentale installato.').waitFor();
    await widget.locator('tbody th[scope=row]', { hasText: 'Gestione documentale' }).waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'software-03-asset-installation');

    await widget.getByRole('link', { name: new RegExp(REFERENCE) }).click();
    await heading(staff, `Licenza Gestione documentale · ${REFERENCE}`);
    await staff.locator('main tbody th[scope=row]', { hasText: asset.inventoryTag }).waitFor();
    expect(await staff.locator('main h2#licence-installations-title').textContent()).toContain('1 su 5');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'software-04-licence');

    // The list, filtered by body and by expiry, shows the seats used of the total.
    await staff.goto(`${server.base}/inventory/software/licences?body=${encodeURIComponent(pontassieve.id)}&expiring=365`);
    const row = staff.locator('main tbody tr', { hasText: REFERENCE });
    await row.waitFor();
    expect(await row.textContent()).toContain('1 su 5');
    expect(await staff.locator('main tbody tr', { hasText: 'Contratto di servizio 2025-2027' }).count()).toBe(0);
    await screenshot(staff, 'software-05-licences');
  });

  it("ICT staff sees the licence, with its cost, in Pontassieve's renewal plan", async () => {
    await staff.locator('.software-tabs a', { hasText: 'Pianificazione rinnovi' }).click();
    await heading(staff, 'Pianificazione dei rinnovi');
    await staff.locator('#renewals-body option', { hasText: 'Pontassieve' }).waitFor({ state: 'attached' });
    await staff.selectOption('#renewals-body', { label: 'Pontassieve' });
    const row = staff.locator('main tbody tr', { hasText: REFERENCE });
    await row.waitFor();
    expect(await row.textContent()).toContain('31/03/2027');
    expect(await row.textContent()).toContain('1.500,00');
    // Sorted by date.
    const days = (await staff.locator('main tbody tr > td:first-child').allTextContents()).map((text) => text.trim().split('/').reverse().join('-'));
    expect(days).toEqual([...days].sort());
    await staff.locator('.renewals-total').waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'software-06-renewals');
  });

  it("a referent sees only their body's licences and nothing to create", async () => {
    const referent = await context.browser()!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await referent.newPage();
    try {
      // A licence of another body only: never shown to Pontassieve's referent.
      const token = await tokenOf('tecnico@gea.local');
      const ids = await gql<{ entities: { edges: { node: { id: string; name: string } }[] }; softwareProducts: { edges: { node: { id: string; name: string } }[] } }>(
        server.base,
        'query { entities(first: 100) { edges { node { id name } } } softwareProducts(first: 100) { edges { node { id name } } } }',
        {},
        token,
      );
      const reggello = ids.data!.entities.edges.find((edge) => edge.node.name === 'Reggello')!.node.id;
      const product = ids.data!.softwareProducts.edges.find((edge) => edge.node.name === 'Gestione documentale')!.node.id;
      const other = await gql<{ createSoftwareLicence: { __typename: string } }>(
        server.base,
        'mutation ($input: SoftwareLicenceInput!) { createSoftwareLicence(input: $input) { __typename } }',
        { input: { productId: product, kind: 'PERPETUAL', reference: 'ORD-REGGELLO', seats: 2, entityIds: [reggello] } },
        token,
      );
      expect(other.data?.createSoftwareLicence.__typename).toBe('SoftwareLicence');

      await signIn(page, server.base, 'referente@pontassieve.gea.local');
      await page.locator('#app-nav a', { hasText: 'Software e licenze' }).click();
      await heading(page, 'Catalogo del software');
      await page.locator('main tbody th[scope=row]', { hasText: 'Gestione documentale' }).waitFor();
      expect(await page.locator('#new-product-title').count()).toBe(0);

      await page.locator('.software-tabs a', { hasText: 'Licenze' }).click();
      await heading(page, 'Licenze software');
      await page.locator('main tbody tr', { hasText: REFERENCE }).waitFor();
      expect(await page.getByRole('link', { name: 'Nuova licenza' }).count()).toBe(0);
      expect(await page.locator('main tbody tr', { hasText: 'ORD-REGGELLO' }).count()).toBe(0);
      // One body: no body filter, no column of bodies.
      expect(await page.locator('#licences-body').count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'software-07-referent-licences');

      await page.getByRole('link', { name: new RegExp(`Apri la licenza .*${REFERENCE}`) }).click();
      await heading(page, `Licenza Gestione documentale · ${REFERENCE}`);
      await page.getByText('Puoi consultare questa licenza ma non modificarla.').waitFor();
      // The licence serves Pelago too, which this referent may not see.
      expect(await page.locator('.page-heading').textContent()).not.toContain('Pelago');
      expect(await page.getByRole('button', { name: 'Salva' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /Rimuovi/ }).count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await referent.close();
    }
    expect(pageErrors).toEqual([]);
  });
});

describe('asset import from CSV', () => {
  it('ICT staff uploads a GLPI export in Italian: recognised, columns mapped, every problem listed by line and column, nothing written', async () => {
    await staff.goto(`${server.base}/inventory`);
    await heading(staff, 'Inventario');
    await staff.getByRole('link', { name: 'Importa da CSV' }).click();
    await heading(staff, 'Importa apparecchiature da CSV');
    expect(await staff.locator('#import-file-hint').textContent()).toContain('UTF-8 con o senza BOM');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'software-08-import');

    await staff.locator('#import-file').setInputFiles(fixture('glpi-computers-it.csv'));
    await staff.getByText('Formato riconosciuto: esportazione dei computer di GLPI (in italiano).').waitFor();
    expect(await staff.locator('main').textContent()).toContain('5 righe di dati, separatore «;»');
    // "Numero inventario" is column 9 (index 8), "Nome" (index 0) is not imported.
    expect(await staff.locator('#import-map-8').inputValue()).toBe('inventory_tag');
    expect(await staff.locator('#import-map-0').inputValue()).toBe('');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'software-09-import-mapping');

    await staff.getByRole('button', { name: 'Prova senza importare' }).click();
    await staff.getByText(/Problemi trovati: 4\. Non è stato scritto nulla/).waitFor();
    const rows = await staff.locator('section[aria-labelledby=import-check-title] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
    expect(rows.map(([line, column]) => [line, column])).toEqual([
      ['4', 'Informazioni finanziarie e amministrative - Data di acquisto'],
      ['5', 'Stato'],
      ['5', 'Informazioni finanziarie e amministrative - Valore'],
      ['6', 'Entità'],
    ]);
    // The API's problems in Italian.
    expect(rows[0]![2]).toBe('«2023-02-31» non è una data valida (scrivila AAAA-MM-GG, per esempio 2024-03-14)');
    expect(rows[1]![2]).toContain('«Prestato» non è tra i valori ammessi');
    expect(rows[3]![2]).toBe('non c’è un ente «Comune di Castelnuovo Immaginario»');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'software-10-import-problems');
    // No import button without a clean trial, and nothing written.
    expect(await staff.getByRole('button', { name: /^Importa \d+ righe$/ }).count()).toBe(0);
    const token = await tokenOf('tecnico@gea.local');
    const found = await gql<{ assets: { edges: unknown[] } }>(server.base, 'query { assets(first: 5, filter: { search: "GLPI-PONT" }) { edges { node { id } } } }', {}, token);
    expect(found.data!.assets.edges).toEqual([]);
  });

  it('ICT staff imports a Snipe-IT export after a clean trial, with its progress, and the assets are there', async () => {
    await staff.locator('#import-file').setInputFiles(fixture('snipeit-assets.csv'));
    await staff.getByText('Formato riconosciuto: esportazione degli asset di Snipe-IT.').waitFor();
    await staff.getByRole('button', { name: 'Prova senza importare' }).click();
    await staff.getByText(/Nessun problema\. L’importazione creerebbe 3 apparecchiature/).waitFor();
    // The progress comes as events of a subscription the page opens before the import starts.
    const progress = staff.waitForRequest((request) => request.method() === 'POST' && (request.postData() ?? '').includes('assetImportProgress'));
    await staff.getByRole('button', { name: 'Importa 3 righe' }).click();
    const subscription = await progress;
    expect(subscription.headers()['accept']).toContain('text/event-stream');
    expect((await subscription.response())?.status()).toBe(200);
    await staff.getByText('Importazione completata: 3 apparecchiature create, 0 aggiornate, 0 invariate.').waitFor();
    // The server's events reached the page: 3 assets and their 3 first history entries written, of 6.
    await expect.poll(() => staff.locator('.import-progress [role=status]').textContent()).toBe('Scrittura: 6 di 6');
    expect(await staff.locator('#import-progress').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).toEqual([6, 6]);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'software-11-import-done');

    const token = await tokenOf('tecnico@gea.local');
    const found = await gql<{ assets: { edges: { node: { inventoryTag: string; kind: string; status: string; priceCents: number; warrantyEnd: string; entity: { name: string } } }[] } }>(
      server.base,
      'query { assets(first: 5, filter: { search: "SNIPE-PONT" }, sort: { field: INVENTORY_TAG, direction: ASC }) { edges { node { inventoryTag kind status priceCents warrantyEnd entity { name } } } } }',
      {},
      token,
    );
    expect(found.data!.assets.edges.map((edge) => edge.node)).toEqual([
      { inventoryTag: 'SNIPE-PONT-101', kind: 'DESKTOP_PC', status: 'IN_SERVICE', priceCents: 104_900, warrantyEnd: '2027-02-12', entity: { name: 'Pontassieve' } },
      { inventoryTag: 'SNIPE-PONT-102', kind: 'LAPTOP', status: 'SPARE', priceCents: 138_990, warrantyEnd: '2027-06-03', entity: { name: 'Pontassieve' } },
      { inventoryTag: 'SNIPE-PONT-103', kind: 'PRINTER', status: 'UNDER_REPAIR', priceCents: 245_000, warrantyEnd: '2025-11-20', entity: { name: 'Pontassieve' } },
    ]);
    expect(pageErrors).toEqual([]);
  });
});
