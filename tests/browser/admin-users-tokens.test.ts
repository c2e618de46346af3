// The office's administration in Chromium against `npm start` on a fresh embedded database with the
// demo data, as the ICT head: a new user, a role granted on a body with the keyboard only, revoked,
// the account disabled (and its sign-in refused); an API token shown once, used, its last use seen,
// revoked; a module switched off for a body after a confirmation; the notifications inbox and
// preferences. As a referent: the administration's addresses show a plain "no access" page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, DEMO_PASSWORD, gql, heading, launchBrowser, menu, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let head: Page;
const pageErrors: string[] = [];

const NEW_USER = { name: 'Martina Collaudo', email: 'martina.collaudo@gea.local', password: 'una-password-lunga-2026' };
/** The asset whose warranty ending makes the scheduled job notify the ICT head. */
const ALERT_MODEL = 'Collaudo notifiche';

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    // The refused sign-in of the disabled account is expected.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) pageErrors.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

async function login(email: string, password = DEMO_PASSWORD) {
  const response = await gql<{ login: { token?: string } }>(server.base, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
    e: email,
    p: password,
  });
  return response;
}

/** Presses Tab until the element with `id` has the focus: how a keyboard user gets there. */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 40; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

/** Moves a focused select with the arrow keys until its chosen option's text matches. */
async function arrowTo(page: Page, id: string, text: RegExp) {
  for (let i = 0; i < 40; i++) {
    const chosen = await page.evaluate((selectId) => {
      const select = document.getElementById(selectId) as HTMLSelectElement;
      return select.selectedOptions[0]?.textContent ?? '';
    }, id);
    if (text.test(chosen)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option of #${id} matches ${text}`);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([
    // The warranty job every minute, so the notification this test provokes arrives while it runs.
    startWebServer({ GEA_JOB_SCHEDULES: 'inventory:warranty-ending=* * * * *', GEA_JOBS_START_DELAY_SECONDS: '5' }),
    launchBrowser(),
  ]);
  // An asset in service whose warranty ends in ten days, on a body with the inventory module.
  const token = (await login('admin@gea.local')).data!.login.token!;
  const bodies = await gql<{ entities: { edges: { node: { id: string; name: string; enabledModules: string[] } }[] } }>(
    server.base,
    '{ entities(first: 100) { edges { node { id name enabledModules } } } }',
    {},
    token,
  );
  const body = bodies.data!.entities.edges.map((edge) => edge.node).find((node) => node.name === 'Reggello' && node.enabledModules.includes('inventory'))!;
  const warrantyEnd = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const created = await gql<{ createAsset: { __typename: string } }>(
    server.base,
    'mutation ($input: CreateAssetInput!) { createAsset(input: $input) { __typename } }',
    { input: { entityId: body.id, kind: 'LAPTOP', manufacturer: 'Lenovo', model: ALERT_MODEL, status: 'IN_SERVICE', warrantyEnd } },
    token,
  );
  expect(created.data?.createAsset.__typename).toBe('Asset');
  head = await newPage();
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  let n = 0;
  for (const browserContext of contexts) {
    for (const page of browserContext.pages()) await screenshot(page, `failed-admin-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}-${n++}`).catch(() => {});
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('users and roles, as the ICT head', () => {
  it('the list filters by role, body and state', async () => {
    await signIn(head, server.base, 'admin@gea.local');
    expect(await menu(head)).toEqual(expect.arrayContaining(['Utenti e ruoli', 'Token API', 'Moduli per ente']));
    await head.locator('#app-nav a', { hasText: 'Utenti e ruoli' }).click();
    await heading(head, 'Utenti e ruoli');
    await head.locator('#user-role').selectOption('REFERENT');
    await head.locator('#user-body').selectOption({ label: 'Pontassieve' });
    await head.getByRole('button', { name: 'Filtra' }).click();
    await head.waitForURL(/role=REFERENT/);
    const rows = head.locator('main tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('referente@pontassieve.gea.local');
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'admin-01-users-filtered');
  });

  it('creates a user, grants a role on a body with the keyboard only, revokes it', async () => {
    await head.getByRole('link', { name: 'Nuovo utente' }).click();
    await heading(head, 'Nuovo utente');
    // Refused first: the API's field errors shown next to the fields.
    await head.locator('#new-user-name').fill(NEW_USER.name);
    await head.locator('#new-user-email').fill('non-un-indirizzo');
    await head.locator('#new-user-password').fill('corta');
    await head.getByRole('button', { name: 'Crea utente' }).click();
    await head.locator('.error-summary').waitFor();
    expect(await head.locator('#new-user-email-error').count()).toBe(1);
    expect(await head.locator('#new-user-password-error').count()).toBe(1);
    expect(await accessibilityViolations(head)).toEqual([]);
    await head.locator('#new-user-email').fill(NEW_USER.email);
    await head.locator('#new-user-password').fill(NEW_USER.password);
    await head.getByRole('button', { name: 'Crea utente' }).click();
    await heading(head, NEW_USER.name);
    await head.getByRole('status').filter({ hasText: `Utente ${NEW_USER.name} creato` }).waitFor();
    expect(await head.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'admin-02-user-created');

    // Keyboard only: Tab to the role, arrows to choose, Tab to the body, Enter to grant.
    await tabTo(head, 'grant-role');
    await arrowTo(head, 'grant-role', /^Referente comunale$/);
    await tabTo(head, 'grant-entityId');
    await arrowTo(head, 'grant-entityId', /^Pontassieve$/);
    await head.keyboard.press('Tab');
    expect(await head.evaluate(() => document.activeElement?.textContent)).toBe('Assegna ruolo');
    await head.keyboard.press('Enter');
    await head.getByRole('status').filter({ hasText: 'Ruolo Referente comunale (Pontassieve) assegnato' }).waitFor();
    const roleRow = head.locator('section[aria-labelledby=user-roles-title] tbody tr');
    await expect.poll(() => roleRow.count()).toBe(1);
    expect(await roleRow.first().textContent()).toContain('Pontassieve');
    expect(await head.evaluate(() => document.activeElement?.id)).toBe('user-roles-title');
    // As a referent of the body they may be named its referent.
    await head.getByRole('button', { name: 'Indica come referente di Pontassieve' }).waitFor();
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'admin-03-role-granted-keyboard');

    // Revoking asks first; Cancel keeps the role.
    await head.getByRole('button', { name: 'Revoca Referente comunale — Pontassieve' }).click();
    const dialog = head.getByRole('dialog');
    await dialog.getByRole('heading', { name: /Revocare il ruolo Referente comunale \(Pontassieve\)/ }).waitFor();
    await screenshot(head, 'admin-04-revoke-confirm');
    await dialog.getByRole('button', { name: 'Revoca il ruolo' }).click();
    await head.getByRole('status').filter({ hasText: 'Ruolo Referente comunale (Pontassieve) revocato.' }).waitFor();
    await head.getByText('Nessun ruolo: l’utente può accedere ma non vede nulla.').waitFor();
  });

  it('disables the account after a confirmation: the user can no longer sign in', async () => {
    const before = await login(NEW_USER.email, NEW_USER.password);
    const session = before.data!.login.token!;
    expect(session).toBeTruthy();

    await head.getByRole('button', { name: 'Disattiva account' }).click();
    const dialog = head.getByRole('dialog');
    await dialog.getByRole('heading', { name: `Disattivare l’account di ${NEW_USER.name}?` }).waitFor();
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'admin-05-disable-confirm');
    await dialog.getByRole('button', { name: `Disattiva ${NEW_USER.name}` }).click();
    await head.getByRole('status').filter({ hasText: `Account di ${NEW_USER.name} disattivato.` }).waitFor();
    await head.getByRole('button', { name: 'Riattiva account' }).waitFor();
    await screenshot(head, 'admin-06-user-disabled');

    // The open session ended, and signing in is refused.
    const me = await gql<{ me: { id: string } | null }>(server.base, '{ me { id } }', {}, session);
    expect(me.errors?.[0]?.extensions?.code).toBe('TOKEN_REVOKED');
    const page = await newPage();
    await page.goto(`${server.base}/login`);
    await page.locator('#email').fill(NEW_USER.email);
    await page.locator('#password').fill(NEW_USER.password);
    await page.locator('main button[type=submit]').click();
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'admin-07-disabled-user-sign-in-refused');
  });
});

describe('API tokens, as the ICT head', () => {
  it('a token is shown once, works, records its last use, and is refused once revoked', async () => {
    await head.locator('#app-nav a', { hasText: 'Token API' }).click();
    await heading(head, 'Token API');
    await head.locator('#token-name').fill('Protocollo Pontassieve (collaudo)');
    await head.locator('#token-entityId').selectOption({ label: 'Pontassieve' });
    await head.getByLabel(/Enti · lettura/).check();
    await head.getByLabel(/Inventario · lettura/).check();
    await head.getByRole('button', { name: 'Crea token' }).click();
    const secretTitle = head.getByRole('heading', { name: 'Token «Protocollo Pontassieve (collaudo)» creato: copialo ora' });
    await secretTitle.waitFor();
    expect(await head.evaluate(() => document.activeElement?.id)).toBe('token-secret-title');
    const token = (await head.locator('#token-secret').textContent())!.trim();
    expect(token).toMatch(/^gea_[A-Za-z0-9]{8}_/);
    await head.getByText('Questo è l’unico momento in cui il token è visibile.').waitFor();
    await head.getByRole('button', { name: 'Copia il token' }).waitFor();
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'admin-08-token-secret-once');

    // Never again: a reload has the token in the list, not its secret.
    await head.reload();
    await heading(head, 'Token API');
    const row = head.locator('main tbody tr').filter({ hasText: 'Protocollo Pontassieve (collaudo)' });
    await row.waitFor();
    expect(await head.locator('#token-secret').count()).toBe(0);
    expect(await head.locator('body').textContent()).not.toContain(token);
    expect(await row.textContent()).toContain('mai');

    // A protocol system uses it.
    const query = '{ entities(first: 5) { edges { node { name } } } }';
    const used = await gql<{ entities: { edges: { node: { name: string } }[] } }>(server.base, query, {}, token);
    expect(used.errors).toBeUndefined();
    expect(used.data!.entities.edges.map((edge) => edge.node.name)).toEqual(['Pontassieve']);
    await head.reload();
    await row.waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').not.toContain('mai');
    expect(await row.textContent()).toContain('attivo');
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'admin-09-token-last-use');

    await row.getByRole('button', { name: 'Revoca il token Protocollo Pontassieve (collaudo)' }).click();
    await head.getByRole('dialog').getByRole('button', { name: 'Revoca il token' }).click();
    await head.getByRole('status').filter({ hasText: 'Token «Protocollo Pontassieve (collaudo)» revocato.' }).waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('revocato il');
    const refused = await gql(server.base, query, {}, token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('TOKEN_REVOKED');
    await screenshot(head, 'admin-10-token-revoked');
  });
});

describe('modules per body', () => {
  it('switching a module off asks first: Cancel keeps it on, confirming switches it off', async () => {
    await head.locator('#app-nav a', { hasText: 'Moduli per ente' }).click();
    await heading(head, 'Moduli per ente');
    const toggle = head.getByLabel('Contratti per San Godenzo', { exact: true });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    const dialog = head.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Disattivare «Contratti» per San Godenzo?' }).waitFor();
    await dialog.getByText('I dati già registrati restano salvati').waitFor();
    // Cancel has the focus: Enter or Escape keep the module.
    expect(await head.evaluate(() => document.activeElement?.textContent)).toBe('Annulla');
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'admin-11-module-off-confirm');
    await dialog.getByRole('button', { name: 'Annulla' }).click();
    await head.getByRole('status').filter({ hasText: '«Contratti» resta attivo per San Godenzo.' }).waitFor();
    expect(await toggle.isChecked()).toBe(true);

    await toggle.click();
    await dialog.getByRole('button', { name: 'Disattiva per San Godenzo' }).click();
    await head.getByRole('status').filter({ hasText: 'Contratti disattivato per San Godenzo.' }).waitFor();
    expect(await toggle.isChecked()).toBe(false);
    // Switching on needs no confirmation.
    await toggle.click();
    await head.getByRole('status').filter({ hasText: 'Contratti attivato per San Godenzo.' }).waitFor();
    // The matrix is read again after each change: the switch settles on the state saved.
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await screenshot(head, 'admin-12-modules');
  });
});

describe('on a 375 px phone', () => {
  it('the users, tokens and notifications lists keep the columns that matter, without scrolling sideways', async () => {
    // (Run alone, it signs in; in the file, the users list has the user created above.)
    if (!head.url().startsWith(server.base)) await signIn(head, server.base, 'admin@gea.local');
    await head.setViewportSize({ width: 375, height: 800 });
    try {
      for (const [path, title, shot] of [
        ['/users', 'Utenti e ruoli', 'admin-13a-users-phone'],
        ['/tokens', 'Token API', 'admin-13b-tokens-phone'],
        ['/notifications', 'Notifiche', 'admin-13c-notifications-phone'],
      ] as const) {
        await head.goto(`${server.base}${path}`);
        await heading(head, title);
        const wrap = head.locator('main .table-wrap').first();
        await wrap.locator('tbody tr').first().waitFor();
        await screenshot(head, shot);
        const [scroll, client] = (await wrap.evaluate((element) => [element.scrollWidth, element.clientWidth])) as [number, number];
        expect(scroll, `${path}: ${scroll} px of table in ${client} px`).toBeLessThanOrEqual(client + 1);
      }
    } finally {
      await head.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

describe('a referent types the administration addresses', () => {
  it('/modules, /users, /tokens show a plain no-access page, not the controls (the audit trail shows their own body)', async () => {
    const referent = await newPage();
    await signIn(referent, server.base, 'referente@pontassieve.gea.local');
    for (const path of ['/modules', '/users', '/tokens']) {
      await referent.goto(`${server.base}${path}`);
      await heading(referent, 'Accesso non consentito');
      expect(await referent.locator('main input, main select, main table').count()).toBe(0);
    }
    expect(await accessibilityViolations(referent)).toEqual([]);
    await screenshot(referent, 'admin-13-referent-no-access');
    // In English too.
    await referent.locator('#language').selectOption('en');
    await heading(referent, 'Access not allowed');
  });
});

describe('notifications, as the ICT head', () => {
  it('the warranty ending of the new asset reaches the inbox; read; preferences', async () => {
    // The header link says how many are unread.
    const link = head.locator('.notifications-link');
    await link.waitFor();
    await head.goto(`${server.base}/notifications`);
    await heading(head, 'Notifiche');
    const row = head.locator('main tbody tr').filter({ hasText: ALERT_MODEL });
    // The job runs every minute in this server: wait for its run after the asset was created.
    for (let i = 0; i < 30 && (await row.count()) === 0; i++) {
      await head.waitForTimeout(5000);
      await head.reload();
      await heading(head, 'Notifiche');
      await head.locator('main tbody tr').first().waitFor();
    }
    await row.waitFor();
    expect(await row.textContent()).toContain(`Garanzia in scadenza: Lenovo ${ALERT_MODEL}`);
    expect(await row.getByRole('link', { name: /^Apri:/ }).getAttribute('href')).toMatch(/^\/inventory\/assets\//);
    expect(await link.getAttribute('aria-label')).toMatch(/^Notifiche: \d+ da leggere$/);
    const unreadBefore = Number((await link.getAttribute('aria-label'))!.match(/\d+/)![0]);
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'admin-14-notifications-inbox');

    await row.getByRole('button', { name: /^Segna come letta:/ }).click();
    await head.getByRole('status').filter({ hasText: 'Notifica segnata come letta.' }).waitFor();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('letta');
    await expect.poll(() => link.getAttribute('aria-label')).toBe(unreadBefore > 1 ? `Notifiche: ${unreadBefore - 1} da leggere` : 'Notifiche: nessuna da leggere');

    // Preferences: warranties ending no longer by e-mail.
    const email = head.getByLabel('Garanzie in scadenza: per e-mail');
    expect(await email.isChecked()).toBe(true);
    await email.uncheck();
    await head.getByRole('status').filter({ hasText: 'Preferenza salvata: Garanzie in scadenza.' }).waitFor();
    const saved = await gql<{ notificationPreferences: { kind: string; email: boolean; inbox: boolean }[] }>(
      server.base,
      '{ notificationPreferences { kind email inbox } }',
      {},
      (await login('admin@gea.local')).data!.login.token!,
    );
    expect(saved.data!.notificationPreferences.find((p) => p.kind === 'inventory:warranty-ending')).toMatchObject({ email: false, inbox: true });
    await head.locator('#preferences-title').scrollIntoViewIfNeeded();
    expect(await accessibilityViolations(head)).toEqual([]);
    await screenshot(head, 'admin-15-notification-preferences');
  });

  it('no page logged a script error', () => {
    expect(pageErrors).toEqual([]);
  });
});
