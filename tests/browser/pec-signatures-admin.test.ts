// PEC and signatures as the ICT staff runs them, in Chromium against `npm start` on a fresh embedded
// database with the demo data: a mailbox created and edited, a registry office (AOO), a certificate
// with its device, suspended after a confirmation; a demo message's receipt downloaded byte for byte;
// the mailboxes and certificates paged and filtered; a signature verified, its problems in Italian.
// Then a referent: their own body's mailboxes only, and no edit controls.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, DEMO_PASSWORD, gql, heading, launchBrowser, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let staff: Page;
const pageErrors: string[] = [];

/** A CAdES (.p7m) signed by a self-made certificate: intact, but from no recognised CA. */
function selfSignedP7m(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gea-pec-p7m-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const doc = path.join(dir, 'determina.txt');
  const signed = path.join(dir, 'determina.txt.p7m');
  writeFileSync(doc, 'Determinazione n. 12/2026\n');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=Mario Rossi/serialNumber=TINIT-RSSMRA80A01H501U', '-keyout', key, '-out', cert, '-days', '30'], { stdio: 'ignore' });
  execFileSync('openssl', ['cms', '-sign', '-binary', '-nodetach', '-in', doc, '-signer', cert, '-inkey', key, '-outform', 'DER', '-out', signed], { stdio: 'ignore' });
  return signed;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  staff = await context.newPage();
  staff.on('pageerror', (error) => pageErrors.push(`${staff.url()}: ${error.message}`));
  staff.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${staff.url()}: ${message.text()}`);
  });
  await signIn(staff, server.base, 'tecnico@gea.local');
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(staff, `failed-pec-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const pec = (page: Page) => page.locator('#app-nav a', { hasText: 'PEC e firme' }).click();
const bodyOption = async (page: Page, select: string, name: string) => {
  const value = await page.locator(`${select} option`, { hasText: name }).first().getAttribute('value');
  await page.selectOption(select, value!);
};

describe('PEC and signatures, as the ICT staff', () => {
  it('creates a PEC mailbox for a body (a wrong quota is named at its field), then edits it', async () => {
    await pec(staff);
    await heading(staff, 'PEC e firme');
    await staff.getByRole('link', { name: 'Nuova casella PEC' }).click();
    await heading(staff, 'Nuova casella PEC');
    await bodyOption(staff, '#mailbox-entityId', 'Carmignano');
    await staff.fill('#mailbox-address', 'ragioneria@pec.comune.carmignano.example.it');
    await staff.fill('#mailbox-provider', 'Gestore PEC Demo S.p.A.');
    await staff.fill('#mailbox-quotaMb', 'molti');
    await staff.fill('#mailbox-expiresOn', '2027-06-30');
    await staff.getByRole('button', { name: 'Salva', exact: true }).click();
    const summary = staff.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Spazio (MB): scrivi un numero intero di megabyte');
    expect(await staff.locator('#mailbox-quotaMb').getAttribute('aria-invalid')).toBe('true');
    await staff.fill('#mailbox-quotaMb', '2048');
    await staff.getByRole('button', { name: 'Salva', exact: true }).click();
    await heading(staff, 'Casella ragioneria@pec.comune.carmignano.example.it');
    const created = staff.locator('.notice-success', { hasText: 'Casella PEC creata.' });
    await created.waitFor();
    expect(await created.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'pec-01-mailbox-created');

    await staff.fill('#mailbox-provider', 'Aruba PEC S.p.A.');
    await staff.getByRole('button', { name: 'Salva', exact: true }).click();
    await staff.locator('.notice-success', { hasText: 'Casella PEC salvata.' }).waitFor();
    const stored = await gql<{ pecMailboxes: { edges: { node: { provider: string; version: number } }[] } }>(
      server.base,
      'query { pecMailboxes(first: 1, filter: { text: "ragioneria@pec.comune.carmignano" }) { edges { node { provider version } } } }',
      {},
      await token('tecnico@gea.local'),
    );
    expect(stored.data?.pecMailboxes.edges[0]?.node).toEqual({ provider: 'Aruba PEC S.p.A.', version: 2 });

    // The people who use it: found by name, added, saved; the form's next save still goes through.
    await staff.fill('#mailbox-user-search', 'Referente Carmignano');
    await staff.getByRole('button', { name: 'Cerca', exact: true }).click();
    await staff.getByRole('button', { name: /Aggiungi Referente Carmignano/ }).click();
    await staff.getByRole('button', { name: 'Salva le persone' }).click();
    await staff.locator('.notice-success', { hasText: 'Persone della casella salvate.' }).waitFor();
    expect(await staff.locator('section[aria-labelledby=mailbox-users-title] li').first().textContent()).toContain('referente@carmignano.gea.local');
    await staff.fill('#mailbox-contractReference', 'Ordine MePA 2026/15');
    await staff.getByRole('button', { name: 'Salva', exact: true }).click();
    await staff.locator('.notice-success', { hasText: 'Casella PEC salvata.' }).waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'pec-02-mailbox-edited');
  });

  it('creates a registry office (AOO): a code IPA would refuse is named at its field', async () => {
    await staff.goto(`${server.base}/pec-signatures/offices/new`);
    await heading(staff, 'Nuova AOO');
    await bodyOption(staff, '#office-entityId', 'Carmignano');
    await staff.fill('#office-code', 'AOO con spazi');
    await staff.fill('#office-name', 'Ufficio tributi');
    await staff.getByRole('button', { name: 'Salva', exact: true }).click();
    await staff.locator('.error-summary').waitFor();
    expect(await staff.locator('#office-code-error').textContent()).toContain('non ha la forma attesa');
    await staff.fill('#office-code', 'TRIB_AOO');
    await staff.getByRole('button', { name: 'Salva', exact: true }).click();
    await heading(staff, 'AOO TRIB_AOO');
    await staff.locator('.notice-success', { hasText: 'AOO creata.' }).waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'pec-03-office-created');
  });

  it('records a certificate with its device, then suspends it after a confirmation', async () => {
    await staff.goto(`${server.base}/pec-signatures/certificates/new`);
    await heading(staff, 'Nuovo certificato di firma');
    await bodyOption(staff, '#certificate-entityId', 'Carmignano');
    await staff.fill('#certificate-holderName', 'Anna Neri');
    await staff.fill('#certificate-holderTaxCode', 'nrenna80a41h501x');
    await staff.fill('#certificate-issuer', 'CA Firma Qualificata Demo');
    await staff.fill('#certificate-serialNumber', 'BROWSER-0001');
    await staff.fill('#certificate-validFrom', '2026-01-01');
    await staff.fill('#certificate-validTo', '2029-01-01');
    await staff.selectOption('#certificate-deviceType', 'USB_TOKEN');
    await staff.fill('#certificate-deviceSerialNumber', 'TOK-778899');
    await staff.getByRole('button', { name: 'Salva', exact: true }).click();
    await heading(staff, 'Certificato di Anna Neri');
    await staff.locator('.notice-success', { hasText: 'Certificato creato.' }).waitFor();
    expect(await staff.locator('#certificate-deviceType').inputValue()).toBe('USB_TOKEN');

    await staff.getByRole('button', { name: 'Sospendi' }).click();
    const confirm = staff.locator('.confirm-box');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('Sospendere il certificato di Anna Neri?');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'pec-04-certificate-confirm-suspend');
    await confirm.getByRole('button', { name: /Conferma/ }).click();
    await staff.locator('.notice-success', { hasText: 'Stato del certificato: Sospeso.' }).waitFor();
    await expect.poll(() => staff.locator('main .lead').textContent()).toContain('Sospeso');
    expect(await staff.getByRole('button', { name: 'Riattiva' }).count()).toBe(1);
    await screenshot(staff, 'pec-05-certificate-suspended');
  });

  it('opens a demo message: recipients, receipts in order, and a receipt\'s daticert.xml downloaded byte for byte', async () => {
    await pec(staff);
    await staff.getByRole('link', { name: 'Apri il messaggio «Convocazione conferenza dei servizi»' }).click();
    await heading(staff, 'Messaggio «Convocazione conferenza dei servizi»');
    const receipts = staff.locator('section[aria-labelledby=message-receipts-title] tbody th[scope=row]');
    await receipts.first().waitFor();
    expect(await receipts.allTextContents()).toEqual(['Accettazione', 'Avvenuta consegna', 'Errore di consegna']);
    const recipients = staff.locator('section[aria-labelledby=message-recipients-title] tbody tr');
    expect(await recipients.count()).toBe(2);
    expect(await recipients.filter({ hasText: 'segreteria@pec.inesistente.example.it' }).textContent()).toContain('Errore');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'pec-06-message');

    const [download] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByRole('button', { name: /Scarica il daticert.xml della ricevuta di Errore di consegna/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^daticert-errore-consegna-\d{4}-\d{2}-\d{2}-3\.xml$/);
    const bytes = await readFile((await download.path())!);
    // The same bytes as the API's route for the original file.
    const id = new URL(staff.url()).pathname.split('/').pop()!;
    const message = await gql<{ node: { receipts: { id: string; type: string }[] } }>(
      server.base,
      'query ($id: ID!) { node(id: $id) { ... on PecMessage { receipts { id type } } } }',
      { id: decodeURIComponent(id) },
      await token('tecnico@gea.local'),
    );
    const receiptId = Buffer.from(message.data!.node.receipts[2]!.id, 'base64').toString().split(':')[1];
    const original = await fetch(`${server.base}/pec-signatures/receipts/${receiptId}/daticert.xml`, { headers: { authorization: `Bearer ${await token('tecnico@gea.local')}` } });
    expect(original.status).toBe(200);
    expect(Buffer.compare(bytes, Buffer.from(await original.arrayBuffer()))).toBe(0);
    expect(bytes.toString('utf8')).toContain('errore-consegna');
    await staff.locator('.notice-success', { hasText: /Scaricato daticert-errore-consegna/ }).waitFor();
  });

  it('pages and filters the mailboxes and the certificates', async () => {
    await pec(staff);
    await heading(staff, 'PEC e firme');
    const mailboxSection = staff.locator('section[aria-labelledby=pec-mailboxes-title]');
    await mailboxSection.locator('tbody th[scope=row]').first().waitFor();
    const allMailboxes = await mailboxSection.locator('.pager').textContent();
    expect(allMailboxes).toMatch(/in tutto/);
    await staff.fill('#pec-mb-q', 'carmignano');
    await mailboxSection.getByRole('button', { name: 'Filtra' }).click();
    await expect.poll(() => mailboxSection.locator('.pager').textContent()).toContain('2 in tutto');
    const addresses = await mailboxSection.locator('tbody th[scope=row]').allTextContents();
    expect(addresses).toEqual(['protocollo@pec.comune.carmignano.example.it', 'ragioneria@pec.comune.carmignano.example.it']);
    expect(staff.url()).toContain('mb-q=carmignano');

    const certificateSection = staff.locator('section[aria-labelledby=pec-certificates-title]');
    const pager = certificateSection.locator('.pager');
    await pager.waitFor();
    const firstPage = await certificateSection.locator('tbody tr').allTextContents();
    expect(firstPage).toHaveLength(20);
    await pager.getByRole('button', { name: /successiva/i }).click();
    await expect.poll(() => pager.textContent()).toMatch(/Pagina 2/);
    // The next page's rows replace the first's: none of them was on it.
    await expect.poll(async () => (await certificateSection.locator('tbody tr').allTextContents()).some((row) => firstPage.includes(row))).toBe(false);
    await staff.selectOption('#pec-cert-status', 'SUSPENDED');
    await certificateSection.getByRole('button', { name: 'Filtra' }).click();
    await expect.poll(() => pager.textContent()).toContain('1 in tutto');
    expect(await certificateSection.locator('tbody th[scope=row]').allTextContents()).toEqual(['Anna Neri']);
    await staff.selectOption('#pec-cert-status', '');
    await staff.selectOption('#pec-cert-days', '30');
    await certificateSection.getByRole('button', { name: 'Filtra' }).click();
    await expect.poll(() => staff.url()).toContain('cert-days=30');
    await expect.poll(async () => (await certificateSection.locator('tbody th[scope=row]').allTextContents()).every((name) => name === 'Mario Rossi')).toBe(true);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'pec-07-lists-filtered');
  });

  it('verifies a signature: the problems are in Italian, by code', async () => {
    await staff.goto(`${server.base}/pec-signatures`);
    await heading(staff, 'PEC e firme');
    await staff.setInputFiles('#pec-verify-file', selfSignedP7m());
    await staff.getByRole('button', { name: 'Verifica', exact: true }).click();
    const result = staff.locator('section[aria-labelledby=pec-verify-title] [role=status]');
    await result.locator('h3', { hasText: 'Esito della verifica' }).waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Firma non valida');
    expect(text).toContain('Certificatore non riconosciuto: il certificato non risale a un certificatore riconosciuto');
    expect(text).not.toMatch(/does not chain|trusted CA/);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await result.scrollIntoViewIfNeeded();
    await screenshot(staff, 'pec-08-signature-verified');
    expect(pageErrors).toEqual([]);
  });
});

describe('PEC and signatures, as a referent', () => {
  it('sees only their body\'s mailboxes and no edit controls', async () => {
    const referentContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const referent = await referentContext.newPage();
    try {
      await signIn(referent, server.base, 'referente@cantagallo.gea.local');
      await pec(referent);
      await heading(referent, 'PEC e firme');
      const mailboxSection = referent.locator('section[aria-labelledby=pec-mailboxes-title]');
      await mailboxSection.locator('tbody th[scope=row]').first().waitFor();
      expect(await mailboxSection.locator('tbody th[scope=row]').allTextContents()).toEqual(['protocollo@pec.comune.cantagallo.example.it']);
      expect(await mailboxSection.locator('.pager').textContent()).toContain('1 in tutto');
      expect(await referent.getByRole('link', { name: /^Nuov/ }).count()).toBe(0);
      expect(await referent.getByRole('link', { name: /^Modifica/ }).count()).toBe(0);
      expect(await accessibilityViolations(referent)).toEqual([]);
      await screenshot(referent, 'pec-09-referent-list');

      await mailboxSection.getByRole('link', { name: 'Apri protocollo@pec.comune.cantagallo.example.it' }).click();
      await heading(referent, 'Casella protocollo@pec.comune.cantagallo.example.it');
      await referent.locator('.notice-info', { hasText: 'Puoi consultare questi dati ma non modificarli.' }).waitFor();
      expect(await referent.getByRole('button', { name: /Salva/ }).count()).toBe(0);
      expect(await referent.locator('#mailbox-address').isDisabled()).toBe(true);
      expect(await accessibilityViolations(referent)).toEqual([]);
      await screenshot(referent, 'pec-10-referent-mailbox-read-only');
    } finally {
      await referentContext.close();
    }
  });
});

const tokens = new Map<string, string>();
/** A session token for the test's own requests, as the API's clients sign in. */
async function token(email: string): Promise<string> {
  if (!tokens.has(email)) {
    const login = await gql<{ login: { token: string } }>(server.base, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: DEMO_PASSWORD });
    tokens.set(email, login.data!.login.token);
  }
  return tokens.get(email)!;
}

