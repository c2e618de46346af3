// The CMS screens of web hosting in Chromium against `npm start` on a fresh embedded database with
// the demo data, as ICT staff: the site's page tree by the model's menus, a new Servizio with the
// address suggested from its title, every section filled (rich text with the toolbar, a term, an
// attachment, references to a unit and a contact point) until nothing is missing to publish,
// autosave and save, the revision history with a diff and a restore, the preview in a new tab, and
// publishing, after which the public API serves the page. Screenshots at 1280 and 375 px go to
// __screenshots__ (prefix `web-hosting-editor-`); axe finds no WCAG A/AA violation on the tree, the
// editor or the history. Last, on a site with review, the page goes to the body's referent, who sends it back.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, DEMO_PASSWORD, gql, heading, launchBrowser, menu, screenshot, signIn, startWebServer, type WebServer } from './support.ts';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let staff: Page;
let token: string;
const pageErrors: string[] = [];

interface Site {
  id: string;
  slug: string;
  name: string;
}
let site: Site;
const SERVICE_TITLE = 'Certificato di stato di famiglia';
const SERVICE_SLUG = 'certificato-di-stato-di-famiglia';
const UNIT_TITLE = 'Ufficio anagrafe (prova)';
const CONTACT_TITLE = 'Sportello anagrafe (prova)';

/** The database id inside a Relay global id: what references between pages hold. */
const rawId = (globalId: string) => {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
};
const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await gql<T>(server.base, query, variables, token);
  if (!result.data || result.errors?.length) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

type ItemResult = { __typename: string; id?: string; version?: number; headRevision?: { id: string } | null; message?: string };
const ITEM = '__typename ... on ContentItem { id version headRevision { id } } ... on Error { message }';
const ok = (value: ItemResult, what: string) => {
  if (value.__typename !== 'ContentItem') throw new Error(`${what}: ${value.__typename} ${value.message ?? ''}`);
  return value as Required<ItemResult>;
};

/** A page written and published through the API, for the service to point at. */
async function publishedPage(type: string, title: string, slug: string, fields: Record<string, unknown>): Promise<string> {
  const created = ok(
    (await api<{ createContentItem: ItemResult }>(`mutation ($input: CreateContentItemInput!) { createContentItem(input: $input) { ${ITEM} } }`, {
      input: { siteId: site.id, type, slug, title },
    })).createContentItem,
    `create ${type}`,
  );
  const saved = ok(
    (await api<{ saveContentRevision: ItemResult }>(
      `mutation ($id: ID!, $v: Int!, $title: String!, $summary: String!, $fields: JSONObject!) {
        saveContentRevision(input: { itemId: $id, expectedVersion: $v, title: $title, summary: $summary, topics: [], fields: $fields, autosave: false }) { ${ITEM} }
      }`,
      { id: created.id, v: created.version, title, summary: `${title}: pagina di prova del test del browser.`, fields },
    )).saveContentRevision,
    `save ${type}`,
  );
  ok(
    (await api<{ publishContentItem: ItemResult }>(`mutation ($id: ID!, $v: Int!, $r: ID!) { publishContentItem(itemId: $id, expectedVersion: $v, revisionId: $r) { ${ITEM} } }`, {
      id: saved.id,
      v: saved.version,
      r: saved.headRevision!.id,
    })).publishContentItem,
    `publish ${type}`,
  );
  return created.id;
}

/** A site run on GEA: the demo data's, or one recorded for a body with the module on. */
async function gea(): Promise<Site> {
  const sites = await api<{ hostedSites: { edges: { node: Site & { cms: string } }[] } }>('{ hostedSites(first: 100) { edges { node { id slug name cms } } } }');
  const found = sites.hostedSites.edges.map((edge) => edge.node).find((node) => node.cms === 'GEA');
  if (found) return found;
  const bodies = await api<{ entities: { edges: { node: { id: string; kind: string; enabledModules: string[] } }[] } }>('{ entities(first: 100) { edges { node { id kind enabledModules } } } }');
  const body = bodies.entities.edges.map((edge) => edge.node).find((node) => node.kind === 'MUNICIPALITY' && node.enabledModules.includes('web-hosting'));
  if (!body) throw new Error('no municipality has the web-hosting module on in the demo data');
  const created = await api<{ createHostedSite: Site & { __typename: string; message?: string } }>(
    `mutation ($input: HostedSiteInput!) { createHostedSite(input: $input) { __typename ... on HostedSite { id slug name } ... on Error { message } } }`,
    { input: { entityId: body.id, slug: 'prova-browser', name: 'Comune di Prova', primaryDomain: 'www.comune.prova.po.it', cms: 'GEA' } },
  );
  if (created.createHostedSite.__typename !== 'HostedSite') throw new Error(`createHostedSite: ${created.createHostedSite.message}`);
  return created.createHostedSite;
}

const saveState = () => staff.locator('.cms-save-state');
const waitSaved = () => staff.locator('.cms-save-state[data-state=saved]').waitFor({ timeout: 20_000 });

beforeAll(async () => {
  [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  staff = await context.newPage();
  staff.on('pageerror', (error) => pageErrors.push(`${staff.url()}: ${error.message}`));
  // A "leave the page?" question (unsaved changes) must not stop the test: the test saves before leaving.
  staff.on('dialog', (dialog) => void dialog.accept());
  const login = await gql<{ login: { token: string } }>(server.base, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', {
    e: 'tecnico@gea.local',
    p: DEMO_PASSWORD,
  });
  token = login.data!.login.token;
  site = await gea();
  const contact = await publishedPage('PUNTO_DI_CONTATTO', CONTACT_TITLE, 'sportello-anagrafe-prova', { phone: '+39 0574 000000', email: 'anagrafe@comune.prova.it' });
  await publishedPage('UNITA_ORGANIZZATIVA', UNIT_TITLE, 'ufficio-anagrafe-prova', {
    unitType: 'uffici',
    competences: doc('Tiene i registri della popolazione residente.'),
    address: 'Piazza del Municipio 1',
    contactPoints: [rawId(contact)],
  });
});

afterEach(async (test) => {
  if (test.task.result?.state === 'fail') await screenshot(staff, `failed-web-hosting-editor-${test.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => {});
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the CMS screens', () => {
  it('ICT staff opens the page tree of a site, grouped by the model’s menus', async () => {
    await signIn(staff, server.base, 'tecnico@gea.local');
    expect(await menu(staff)).toContain('Pagine dei siti');
    await staff.goto(`${server.base}/web-hosting/sites/${encodeURIComponent(site.id)}/pages`);
    await heading(staff, `Pagine di ${site.name}`);
    const groups = (await staff.locator('main h2').allTextContents()).map((text) => text.trim());
    expect(groups.slice(0, 6)).toEqual(['Amministrazione', 'Novità', 'Servizi', 'Vivere il Comune', 'Pagine', 'Punti di contatto']);
    const unit = staff.locator('main li', { hasText: UNIT_TITLE });
    await unit.first().waitFor();
    expect(await unit.first().textContent()).toContain('Pubblicata');
    // The search keeps the matching pages.
    await staff.locator('#page-search').fill('sportello');
    await staff.locator('main li', { hasText: UNIT_TITLE }).waitFor({ state: 'detached' });
    expect(await staff.locator('main li', { hasText: CONTACT_TITLE }).count()).toBe(1);
    await staff.locator('#page-search').fill('');
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'web-hosting-editor-01-tree');
  });

  it('creates a Servizio, its address suggested from the title', async () => {
    await staff.getByRole('button', { name: 'Nuova pagina' }).click();
    await staff.locator('#new-page-type').selectOption('SERVIZIO');
    await staff.locator('#new-page-title').fill(SERVICE_TITLE);
    expect(await staff.locator('#new-page-slug').inputValue()).toBe(SERVICE_SLUG);
    await staff.getByRole('button', { name: 'Crea la pagina' }).click();
    await heading(staff, SERVICE_TITLE);
    // Sections in the model's order, after the heading's.
    const sections = (await staff.locator('main form .cms-section > h2').allTextContents()).map((text) => text.replace('*', '').replace('(sezione obbligatoria)', '').trim());
    expect(sections).toEqual([
      'Intestazione',
      'Descrizione',
      'A chi è rivolto',
      'Come fare',
      'Cosa serve',
      'Cosa si ottiene',
      'Tempi e scadenze',
      'Accedi al servizio',
      'Condizioni di servizio',
      'Contatti',
      'Ulteriori informazioni',
    ]);
  });

  it('fills every section: autosave, then the publication issues are gone', async () => {
    await staff.locator('#field-summary').fill('Come chiedere la carta d’identità elettronica al Comune.');
    // Autosave: the change is saved a few seconds later without pressing Salva.
    await staff.locator('.cms-save-state[data-state=unsaved]').waitFor();
    await waitSaved();
    // The first save has run: what is still missing is listed, next to its field too.
    const missing = staff.locator('.cms-issues li');
    await missing.first().waitFor();
    expect(await missing.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Come fare')]));
    expect(await staff.locator('.cms-has-issue #field-howTo-hint').textContent()).toContain('Per pubblicare manca');

    await staff.locator('#field-topics').getByLabel('Accesso all\'informazione').check();
    await staff.locator('#field-category').selectOption('anagrafe-e-stato-civile');
    await staff.locator('#field-active').check();
    const rich = async (key: string, text: string) => {
      await staff.locator(`#field-${key}`).click();
      await staff.keyboard.type(text);
    };
    await rich('description', 'La carta d’identità elettronica (CIE) è il documento di identità dei cittadini italiani.');
    await rich('audience', 'A chi risiede nel Comune.');
    // Rich text through the toolbar: a heading, then bold text.
    await staff.locator('#field-howTo').click();
    await staff.getByRole('toolbar', { name: 'Formattazione di «Come fare»' }).getByRole('button', { name: 'Grassetto' }).click();
    await staff.keyboard.type('Prenota un appuntamento');
    expect(await staff.getByRole('toolbar', { name: 'Formattazione di «Come fare»' }).getByRole('button', { name: 'Grassetto' }).getAttribute('aria-pressed')).toBe('true');
    expect(await staff.locator('#field-howTo strong').textContent()).toBe('Prenota un appuntamento');
    // The toolbar is one Tab stop: the arrow keys move along it.
    await staff.getByRole('toolbar', { name: 'Formattazione di «Come fare»' }).getByRole('button', { name: 'Grassetto' }).focus();
    await staff.keyboard.press('ArrowRight');
    expect(await staff.evaluate(() => document.activeElement?.textContent)).toContain('Corsivo');
    await rich('requirements', 'Una fototessera e la vecchia carta d’identità.');
    await rich('outcome', 'La carta d’identità elettronica, spedita a casa.');
    await rich('timing', 'Sei giorni lavorativi.');
    await rich('accessDescription', 'Allo sportello dell’anagrafe, su appuntamento.');
    await staff.locator('#field-onlineUrl').fill('https://www.prenotazionicie.interno.gov.it/');
    await rich('termsDescription', 'Si paga il costo della carta.');
    await staff.locator('#field-termsDocument').setInputFiles({ name: 'condizioni.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% prova\n%%EOF\n') });
    await staff.locator('[role=status]', { hasText: 'File condizioni.pdf caricato.' }).waitFor();
    await staff.locator('#field-responsibleUnit').selectOption({ label: UNIT_TITLE });
    await staff.locator('#field-contactPoints').getByLabel(CONTACT_TITLE).check();
    await rich('moreInformation', 'Per i minori serve l’assenso dei genitori.');
    expect(await saveState().getAttribute('data-state')).not.toBe('saved');

    await staff.locator('main form button[type=submit]', { hasText: 'Salva' }).click();
    await waitSaved();
    await staff.locator('.cms-panel', { hasText: 'La pagina ha tutto ciò che serve per essere pubblicata.' }).waitFor();
    expect(await staff.locator('.cms-has-issue').count()).toBe(0);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'web-hosting-editor-02-editor');
  });

  it('shows the revisions, a diff between two of them, and restores one', async () => {
    await staff.getByRole('link', { name: 'Revisioni' }).click();
    await heading(staff, `Revisioni di «${SERVICE_TITLE}»`);
    const rows = staff.locator('main tbody tr');
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(2);
    const kinds = (await rows.allTextContents()).join('\n');
    expect(kinds).toContain('Salvataggio automatico');
    expect(kinds).toContain('Tecnico ufficio ICT');
    // The oldest against the newest.
    const oldest = Number((await rows.last().locator('th').textContent())!.trim());
    const newest = Number((await rows.first().locator('th').textContent())!.trim());
    await staff.getByLabel(`Confronta dalla revisione ${oldest}`, { exact: true }).check();
    await staff.getByLabel(`Confronta con la revisione ${newest}`, { exact: true }).check();
    await staff.getByRole('button', { name: 'Confronta' }).click();
    await staff.locator('main h2', { hasText: `Differenze tra la revisione ${oldest} e la ${newest}` }).waitFor();
    await staff.locator('.cms-diff li').first().waitFor();
    expect(await staff.locator('.cms-diff ins').count()).toBeGreaterThan(0);
    expect(await staff.locator('.cms-diff', { hasText: 'Prenota un appuntamento' }).count()).toBe(1);
    expect(await accessibilityViolations(staff)).toEqual([]);
    await screenshot(staff, 'web-hosting-editor-03-revisions');

    // Restore the revision before the newest: a new revision copies it.
    const second = Number((await rows.nth(1).locator('th').textContent())!.trim());
    await staff.getByRole('button', { name: `Ripristina la revisione ${second}` }).click();
    await staff.locator('.notice-success', { hasText: `Revisione ${second} ripristinata` }).waitFor();
    await staff.locator('main tbody tr', { hasText: 'Ripristino' }).first().waitFor();
    await expect.poll(() => rows.count()).toBe(count + 1);
    expect(await staff.locator('main tbody tr').first().textContent()).toContain(`dalla revisione ${second}`);
    // And back to the complete one, to publish it.
    await staff.getByRole('button', { name: `Ripristina la revisione ${newest}` }).click();
    await staff.locator('.notice-success', { hasText: `Revisione ${newest} ripristinata` }).waitFor();
    await staff.locator('main tbody tr', { hasText: `dalla revisione ${newest}` }).first().waitFor();
    await expect.poll(() => rows.count()).toBe(count + 2);
  });

  it('previews the working revision in a new tab, then publishes the page', async () => {
    await staff.getByRole('link', { name: 'Apri l’editor' }).click();
    await heading(staff, SERVICE_TITLE);
    expect(await staff.locator('#field-howTo strong').textContent()).toBe('Prenota un appuntamento');
    await staff.locator('.cms-panel', { hasText: 'La pagina ha tutto ciò che serve per essere pubblicata.' }).waitFor();

    const [preview] = await Promise.all([context.waitForEvent('page'), staff.getByRole('button', { name: 'Anteprima' }).click()]);
    await preview.waitForURL(/preview=/);
    expect(preview.url()).toContain(`/sites/${site.slug}/servizi/anagrafe-e-stato-civile/${SERVICE_SLUG}`);
    // the preview shows the draft on the real site, marked as such; visitors still get nothing
    await preview.locator('h1', { hasText: SERVICE_TITLE }).waitFor();
    expect(await preview.locator('.preview-banner').textContent()).toContain('Anteprima');
    await preview.close();
    expect((await fetch(`${server.base}/sites/${site.slug}/servizi/anagrafe-e-stato-civile/${SERVICE_SLUG}`)).status).toBe(404);

    await staff.getByRole('button', { name: 'Pubblica', exact: true }).click();
    await staff.locator('.notice-success', { hasText: 'Pagina pubblicata.' }).waitFor();
    await staff.locator('main .lead .badge', { hasText: 'Pubblicata' }).waitFor();
    await screenshot(staff, 'web-hosting-editor-04-published');

    const response = await fetch(`${server.base}/web-hosting/public/sites/${site.slug}/path/servizi/anagrafe-e-stato-civile/${SERVICE_SLUG}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { kind: string; page: { title: string; sections: { label: { it: string } }[] } };
    expect(body.kind).toBe('page');
    expect(body.page.title).toBe(SERVICE_TITLE);
    expect(body.page.sections.map((section) => section.label.it)).toEqual(expect.arrayContaining(['A chi è rivolto', 'Contatti']));

    // And on the site itself (apps/site).
    const visitor = await context.newPage();
    try {
      await visitor.goto(`${server.base}/sites/${site.slug}/servizi/anagrafe-e-stato-civile/${SERVICE_SLUG}`);
      await visitor.locator('h1', { hasText: SERVICE_TITLE }).waitFor();
      expect(await visitor.locator('.preview-banner').count()).toBe(0);
      // the model's sections, in the model's order, in the page and in its index
      const sections = ['A chi è rivolto', 'Come fare', 'Cosa serve', 'Cosa si ottiene', 'Tempi e scadenze', 'Accedi al servizio', 'Condizioni di servizio', 'Contatti'];
      const headings = (await visitor.locator('main h2').allTextContents()).map((text) => text.trim());
      expect(headings.filter((text) => sections.includes(text))).toEqual(sections);
      const index = (await visitor.locator('[data-element="page-index"] a').allTextContents()).map((text) => text.trim());
      expect(index.filter((text) => sections.includes(text))).toEqual(sections);
      expect(await accessibilityViolations(visitor)).toEqual([]);
      await screenshot(visitor, 'web-hosting-editor-04b-on-the-site');
      await visitor.setViewportSize({ width: 375, height: 800 });
      expect(await accessibilityViolations(visitor)).toEqual([]);
      await screenshot(visitor, 'web-hosting-editor-04c-on-the-site-375');
      await visitor.setViewportSize({ width: 1280, height: 900 });
      await visitor.goto(`${server.base}/sites/${site.slug}/`);
      await visitor.locator('[data-element="main-navigation"]').waitFor();
      expect(await accessibilityViolations(visitor)).toEqual([]);
      await screenshot(visitor, 'web-hosting-editor-04d-site-home');
    } finally {
      await visitor.close();
    }
  });

  it('says so and reloads when someone else changed the page meanwhile', async () => {
    const itemId = decodeURIComponent(new URL(staff.url()).pathname.split('/').pop()!);
    const current = await api<{ node: { version: number; headRevision: { title: string; topics: string[]; fields: Record<string, unknown> } } }>(
      'query ($id: ID!) { node(id: $id) { ... on ContentItem { version headRevision { title topics fields } } } }',
      { id: itemId },
    );
    // Another tab saves first...
    ok(
      (await api<{ saveContentRevision: ItemResult }>(
        `mutation ($id: ID!, $v: Int!, $title: String!, $topics: [String!]!, $fields: JSONObject!) {
          saveContentRevision(input: { itemId: $id, expectedVersion: $v, title: $title, summary: "Cambiata in un'altra scheda.", topics: $topics, fields: $fields, autosave: false }) { ${ITEM} }
        }`,
        { id: itemId, v: current.node.version, title: current.node.headRevision.title, topics: current.node.headRevision.topics, fields: current.node.headRevision.fields },
      )).saveContentRevision,
      'save elsewhere',
    );
    // ...then this one, on the version it loaded.
    await staff.locator('#field-summary').fill('Cambiata in questa scheda.');
    await staff.locator('main form button[type=submit]', { hasText: 'Salva' }).click();
    await staff.locator('[role=alert]', { hasText: 'ha cambiato questa pagina' }).waitFor();
    await expect.poll(() => staff.locator('#field-summary').inputValue(), { timeout: 10_000 }).toBe("Cambiata in un'altra scheda.");
    await waitSaved();
    await staff.locator('main .lead .badge', { hasText: 'Modifiche non pubblicate' }).waitFor();
  });

  it('works on a 375 px phone: tree, editor and history', async () => {
    await staff.setViewportSize({ width: 375, height: 800 });
    try {
      await staff.goto(`${server.base}/web-hosting/sites/${encodeURIComponent(site.id)}/pages`);
      await heading(staff, `Pagine di ${site.name}`);
      await staff.locator('main li', { hasText: SERVICE_TITLE }).first().waitFor();
      expect(await staff.locator('main li', { hasText: SERVICE_TITLE }).first().textContent()).toContain('Modifiche non pubblicate');
      expect(await accessibilityViolations(staff)).toEqual([]);
      expect(await staff.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling').toBeLessThanOrEqual(375);
      await screenshot(staff, 'web-hosting-editor-05-tree-375');
      await staff.getByRole('link', { name: SERVICE_TITLE }).click();
      await heading(staff, SERVICE_TITLE);
      await staff.locator('#field-howTo').waitFor();
      expect(await accessibilityViolations(staff)).toEqual([]);
      expect(await staff.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling').toBeLessThanOrEqual(375);
      await screenshot(staff, 'web-hosting-editor-06-editor-375');
      await staff.getByRole('link', { name: 'Revisioni' }).click();
      await heading(staff, `Revisioni di «${SERVICE_TITLE}»`);
      expect(await accessibilityViolations(staff)).toEqual([]);
      expect(await staff.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling').toBeLessThanOrEqual(375);
      await screenshot(staff, 'web-hosting-editor-07-revisions-375');
    } finally {
      await staff.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('on a site with review: the writer sends the page for review, the body’s referent sends it back with a note', async () => {
    // Review on (helper 1's updateHostedSite replaces every field: the current ones are sent back).
    const current = await api<{ node: { version: number; slug: string; name: string; primaryDomain: string; cms: string; entity: { id: string; referent: { email: string } | null } } }>(
      'query ($id: ID!) { node(id: $id) { ... on HostedSite { version slug name primaryDomain cms entity { id referent { email } } } } }',
      { id: site.id },
    );
    const { version, entity, ...fields } = current.node;
    const updated = await api<{ updateHostedSite: { __typename: string; message?: string } }>(
      'mutation ($id: ID!, $v: Int!, $input: HostedSiteInput!) { updateHostedSite(id: $id, expectedVersion: $v, input: $input) { __typename ... on Error { message } } }',
      { id: site.id, v: version, input: { ...fields, entityId: entity.id, reviewRequired: true } },
    );
    expect(updated.updateHostedSite.__typename, updated.updateHostedSite.message).toBe('HostedSite');
    expect(entity.referent, 'the demo body of the site has a referent').not.toBeNull();

    await staff.goto(`${server.base}/web-hosting/sites/${encodeURIComponent(site.id)}/pages`);
    await staff.getByRole('link', { name: SERVICE_TITLE }).click();
    await heading(staff, SERVICE_TITLE);
    await staff.locator('.cms-panel', { hasText: 'Su questo sito le pagine vanno online dopo la revisione.' }).waitFor();
    await staff.getByRole('button', { name: 'Invia in revisione' }).click();
    await staff.locator('.notice-success', { hasText: 'Pagina inviata in revisione.' }).waitFor();
    await staff.locator('main .lead .badge', { hasText: 'In revisione' }).waitFor();
    const pageUrl = staff.url();

    const reviewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
    try {
      const reviewer = await reviewerContext.newPage();
      reviewer.on('pageerror', (error) => pageErrors.push(`${reviewer.url()}: ${error.message}`));
      await signIn(reviewer, server.base, entity.referent!.email);
      await reviewer.goto(pageUrl);
      await heading(reviewer, SERVICE_TITLE);
      // A referent reviews: no writing, publish or send back.
      expect(await reviewer.locator('main form button[type=submit]', { hasText: 'Salva' }).count()).toBe(0);
      await reviewer.getByRole('button', { name: 'Pubblica', exact: true }).waitFor();
      await reviewer.locator('#reject-note').fill('Manca il costo della carta.');
      await reviewer.getByRole('button', { name: 'Rifiuta' }).click();
      await reviewer.locator('.notice-success', { hasText: 'Revisione rifiutata' }).waitFor();
      expect(await accessibilityViolations(reviewer)).toEqual([]);
      await screenshot(reviewer, 'web-hosting-editor-08-review-rejected');
    } finally {
      await reviewerContext.close();
    }
  });

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
