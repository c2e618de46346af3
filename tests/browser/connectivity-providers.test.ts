// Connectivity providers and virtual circuits in Chromium against `npm start` on a fresh embedded
// database with the demo data, as ICT staff: a procurement supplier made a provider (an ASN out of
// range refused at its field first), an account paid by a body and a network added on its page, a
// virtual circuit over that network, changed in place; a stale change reloads with a message. The
// circuits to make members of are another screen's: the member rules are covered by the API's tests.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, heading, launchBrowser, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let staff: Page;
const pageErrors: string[] = [];
const PROVIDER = 'Rete Telematica Regionale Toscana';
let providerUrl = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  staff = await context.newPage();
  staff.on('pageerror', (error) => pageErrors.push(`${staff.url()}: ${error.message}`));
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(staff, `failed-connectivity-providers-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const submit = (page: Page, form: string) => page.locator(`form[aria-labelledby="${form}"] button[type=submit]`).click();

describe('connectivity providers as ICT staff', () => {
  it('makes a supplier a provider: an ASN out of range is shown at its field, then saved', async () => {
    await signIn(staff, server.base, 'tecnico@gea.local');
    await staff.locator('#app-nav a', { hasText: 'Fornitori di connettività' }).click();
    await heading(staff, 'Fornitori di connettività');
    await staff.locator('main table').first().waitFor();
    // the first supplier of procurement's demo data
    await staff.locator('#provider-supplierId option').nth(1).waitFor({ state: 'attached' });
    const supplier = (await staff.locator('#provider-supplierId option').nth(1).textContent())!.trim();
    await staff.selectOption('#provider-supplierId', { label: supplier });
    await staff.locator('#provider-name').fill(PROVIDER);
    await staff.locator('#provider-asn').fill('0');
    await submit(staff, 'provider-form-title');
    await staff.locator('#provider-asn-error').waitFor();
    expect(await staff.locator('#provider-asn').getAttribute('aria-invalid')).toBe('true');
    expect(await staff.locator('.error-summary').textContent()).toContain('ASN');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'connectivity-providers-01-asn-error');

    // corrected and sent from the keyboard
    await staff.locator('#provider-asn').fill('3269');
    await staff.locator('#provider-asn').press('Enter');
    await staff.locator('.notice-success', { hasText: `«${PROVIDER}» salvato` }).waitFor();
    expect(await staff.evaluate(() => document.activeElement?.textContent)).toContain('salvato');
    const row = staff.locator('main tbody tr', { hasText: PROVIDER });
    await row.waitFor();
    expect(await row.textContent()).toContain('AS3269');
    expect(await row.textContent()).toContain(supplier);
    // the supplier is no longer offered
    expect(await staff.locator('#provider-supplierId option', { hasText: supplier }).count()).toBe(0);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'connectivity-providers-02-list');
  });

  it('adds an account paid by a body and a network on the provider page', async () => {
    await staff.getByRole('link', { name: PROVIDER }).click();
    await heading(staff, PROVIDER);
    providerUrl = staff.url();
    await staff.locator('#account-entityId option').nth(1).waitFor({ state: 'attached' });
    const body = (await staff.locator('#account-entityId option').nth(1).textContent())!.trim();
    await staff.locator('#account-accountNumber').fill('RTRT-0042');
    await staff.selectOption('#account-entityId', { label: body });
    await submit(staff, 'account-form-title');
    await staff.locator('.notice-success', { hasText: 'Conto RTRT-0042 salvato.' }).waitFor();
    await staff.locator('main tbody tr', { hasText: 'RTRT-0042' }).filter({ hasText: body }).waitFor();

    await staff.locator('#network-name').fill('RTRT 4');
    await staff.selectOption('#network-kind', 'REGIONAL');
    await submit(staff, 'network-form-title');
    await staff.locator('.notice-success', { hasText: 'Rete «RTRT 4» salvata.' }).waitFor();
    await staff.locator('main tbody tr', { hasText: 'RTRT 4' }).filter({ hasText: 'Rete regionale' }).waitFor();

    // a duplicate network name is a conflict, shown above the form
    await staff.locator('#network-name').fill('rtrt 4');
    await staff.selectOption('#network-kind', 'MPLS');
    await submit(staff, 'network-form-title');
    await staff.locator('section[aria-labelledby="networks-title"] .notice-error').waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'connectivity-providers-03-provider-page');
  });

  it('reloads a provider changed meanwhile instead of overwriting it', async () => {
    // another tab of the same person (a session of its own)
    const other = await context.newPage();
    await signIn(other, server.base, 'tecnico@gea.local');
    await other.goto(providerUrl);
    await heading(other, PROVIDER);
    await other.locator('#provider-supportContact').fill('800 000 001');
    await submit(other, 'provider-details-title');
    await other.locator('.notice-success', { hasText: 'salvato' }).waitFor();
    await other.close();

    await staff.locator('#provider-supportContact').fill('800 999 999');
    await submit(staff, 'provider-details-title');
    await staff.locator('section[aria-labelledby="provider-details-title"] .notice-error', { hasText: 'ricaricati' }).waitFor();
    await expect.poll(() => staff.locator('#provider-supportContact').inputValue()).toBe('800 000 001');
  });

  it('records a virtual circuit over the network and changes it in place', async () => {
    await staff.locator('#app-nav a', { hasText: 'Circuiti virtuali' }).click();
    await heading(staff, 'Circuiti virtuali');
    await staff.locator('#vc-providerNetworkId option', { hasText: 'RTRT 4' }).waitFor({ state: 'attached' });
    await staff.selectOption('#vc-providerNetworkId', { label: `${PROVIDER} — RTRT 4` });
    await staff.locator('#vc-name').fill('Intranet Unione');
    await staff.locator('#vc-identifier').fill('VRF 100');
    await submit(staff, 'vc-form-title');
    await staff.locator('.notice-success', { hasText: '«Intranet Unione» salvato' }).waitFor();
    const row = staff.locator('main tbody tr', { hasText: 'Intranet Unione' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Pianificato');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'connectivity-providers-04-virtual-circuits');

    await staff.getByRole('link', { name: 'Intranet Unione' }).click();
    await heading(staff, 'Intranet Unione');
    await staff.selectOption('#vc-status', 'ACTIVE');
    await submit(staff, 'vc-details-title');
    await staff.locator('.notice-success', { hasText: '«Intranet Unione» salvato' }).waitFor();
    // no circuit of the demo data ends on the new network yet
    await staff.locator('section[aria-labelledby="vc-members-title"]', { hasText: 'Nessun circuito visibile termina su questa rete.' }).waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'connectivity-providers-05-virtual-circuit');

    await staff.setViewportSize({ width: 375, height: 800 });
    await staff.goto(`${server.base}/connectivity/providers`);
    await heading(staff, 'Fornitori di connettività');
    // the table renders when its query answers, after the heading
    await staff.locator('main table thead th').first().waitFor();
    const shown = await staff.locator('main table thead th').evaluateAll((cells) => cells.filter((cell) => getComputedStyle(cell).display !== 'none').map((cell) => cell.textContent?.trim()));
    expect(shown).toEqual(['Nome', 'ASN']);
    await screenshot(staff, 'connectivity-providers-06-phone');
    await staff.setViewportSize({ width: 1280, height: 900 });
    expect(pageErrors).toEqual([]);
  });
});
