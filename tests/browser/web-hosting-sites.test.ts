// Hosted sites in Chromium against `npm start` on a fresh embedded database with the demo data, as
// ICT staff: a supported WordPress version set on the CMS policies page, a site recorded through the
// form (a bad slug shown at its field first), its alerts on its page (certificate expiring, CMS below
// the minimum, required links missing), a required link set, and the list with its alert badges.
// Screenshots go to __screenshots__ (prefix `web-hosting-sites-`).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, heading, launchBrowser, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let staff: Page;
const pageErrors: string[] = [];
const SITE = 'Sito di prova GEA';

/** A day `days` from today in Italy, as a date input takes it. */
const dayFromToday = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(Date.now() + days * 86_400_000));

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  staff = await context.newPage();
  staff.on('pageerror', (error) => pageErrors.push(`${staff.url()}: ${error.message}`));
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(staff, `failed-web-hosting-sites-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const submit = (page: Page, form: string) => page.locator(`form[aria-labelledby="${form}"] button[type=submit]`).click();

describe('hosted sites as ICT staff', () => {
  it('sets the oldest supported WordPress version', async () => {
    await signIn(staff, server.base, 'tecnico@gea.local');
    await staff.locator('#app-nav a', { hasText: /^Siti web$/ }).click();
    await heading(staff, 'Siti web ospitati');
    await staff.getByRole('link', { name: 'Versioni CMS supportate' }).click();
    await heading(staff, 'Versioni CMS supportate');
    await staff.locator('#policy-cms').selectOption('WORDPRESS');
    await staff.locator('#policy-minimumVersion').fill('6.4');
    await staff.locator('#policy-latestVersion').fill('6.3');
    await submit(staff, 'policy-form-title');
    await staff.locator('#policy-latestVersion-error').waitFor();
    await staff.locator('#policy-latestVersion').fill('6.7.1');
    await submit(staff, 'policy-form-title');
    await staff.locator('.notice-success', { hasText: 'Versioni di WordPress salvate.' }).waitFor();
    await staff.locator('main tbody tr', { hasText: 'WordPress' }).filter({ hasText: '6.7.1' }).waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'web-hosting-sites-01-cms-policies');
  });

  it('records a site through the form: a bad slug is shown at its field, then saved', async () => {
    await staff.getByRole('link', { name: 'Torna ai siti' }).click();
    await heading(staff, 'Siti web ospitati');
    await staff.getByRole('link', { name: 'Nuovo sito' }).click();
    await heading(staff, 'Nuovo sito ospitato');
    await staff.locator('#site-entityId option').nth(1).waitFor({ state: 'attached' });
    const body = (await staff.locator('#site-entityId option').nth(1).textContent())!.trim();
    await staff.selectOption('#site-entityId', { label: body });
    await staff.locator('#site-name').fill(SITE);
    await staff.locator('#site-slug').fill('Sito Prova');
    await staff.locator('#site-primaryDomain').fill('WWW.Prova-GEA.example.it');
    await staff.locator('#site-aliases').fill('prova-gea.example.it');
    await staff.locator('#site-cms').selectOption('WORDPRESS');
    await staff.locator('#site-cmsVersion').fill('6.2');
    await staff.locator('#site-tlsExpiresOn').fill(dayFromToday(10));
    await staff.locator('#site-tlsIssuer').fill("Let's Encrypt");
    await submit(staff, 'site-form-title');
    await staff.locator('#site-slug-error').waitFor();
    expect(await staff.locator('#site-slug').getAttribute('aria-invalid')).toBe('true');
    expect(await staff.locator('.error-summary').textContent()).toContain('Slug');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'web-hosting-sites-02-slug-error');

    await staff.locator('#site-slug').fill('sito-prova');
    await submit(staff, 'site-form-title');
    await heading(staff, SITE);
    expect(await staff.locator('#site-primaryDomain').inputValue()).toBe('www.prova-gea.example.it');
  });

  it("shows the site's alerts and clears one by setting a required link", async () => {
    const alerts = staff.locator('section[aria-labelledby="site-alerts-title"]');
    await alerts.locator('li', { hasText: 'Certificato in scadenza' }).waitFor();
    await alerts.locator('li', { hasText: 'CMS non supportato' }).waitFor();
    expect(await alerts.locator('li', { hasText: 'Collegamento obbligatorio mancante' }).count()).toBe(6);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'web-hosting-sites-03-site-alerts');

    // http is refused at the link's field, https saved
    await staff.locator('#link-ACCESSIBILITY_DECLARATION-url').fill('http://form.agid.gov.it/view/prova');
    await submit(staff, 'link-ACCESSIBILITY_DECLARATION-title');
    await staff.locator('#link-ACCESSIBILITY_DECLARATION-url-error', { hasText: 'https' }).waitFor();
    await staff.locator('#link-ACCESSIBILITY_DECLARATION-url').fill('https://form.agid.gov.it/view/prova');
    await submit(staff, 'link-ACCESSIBILITY_DECLARATION-title');
    await staff.locator('.notice-success', { hasText: 'Collegamento «Dichiarazione di accessibilità» salvato.' }).waitFor();
    await expect.poll(() => alerts.locator('li', { hasText: 'Collegamento obbligatorio mancante' }).count()).toBe(5);
    expect(await accessibilityViolations(staff)).toEqual([]);
  });

  it('lists the site with its alert badges, and finds it among the sites with alerts', async () => {
    await staff.getByRole('link', { name: 'Torna ai siti' }).click();
    await heading(staff, 'Siti web ospitati');
    const row = staff.locator('main tbody tr', { hasText: SITE });
    await row.waitFor();
    expect(await row.textContent()).toContain('Certificato in scadenza');
    expect(await row.textContent()).toContain('Collegamento obbligatorio mancante (5)');
    await staff.locator('#sites-alert').selectOption('CMS_UNSUPPORTED');
    await staff.locator('form[role=search] button[type=submit]').click();
    await expect.poll(() => staff.url()).toContain('alert=CMS_UNSUPPORTED');
    await staff.locator('main tbody tr', { hasText: SITE }).waitFor();
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'web-hosting-sites-04-list');
    expect(pageErrors).toEqual([]);
  });
});
