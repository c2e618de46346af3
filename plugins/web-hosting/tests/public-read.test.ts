import webHosting from '@gea/plugin-web-hosting';
import { useTestApi } from '@gea/test-kit/api.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAttachment, createPage, createSite, get, serviceContent, text, type FixtureSite } from './public-fixtures.ts';

const t = useTestApi([webHosting]);
let site: FixtureSite;
const ids: string[] = [];
const bodies: string[] = [];
let files: { terms: string; orphan: string; draftOnly: string; foreign: string };

async function read(path: string, headers: Record<string, string> = {}) {
  const response = await get(t.api, path, headers);
  bodies.push(response.body);
  return response;
}

const DRAFT_WORDS = ['TESTO BOZZA RISERVATO', 'Ufficio Bozza Segreta', 'Segretissima', 'segreta.autrice'];

beforeAll(async () => {
  site = await createSite(t.db, 'pelago');
  const other = await createSite(t.db, 'rignano');
  const contact = await createPage(t.db, site, 'PUNTO_DI_CONTATTO', 'contatti-anagrafe', {
    title: 'Sportello anagrafe',
    summary: 'Recapiti',
    fields: { phone: '055 000 111', email: 'anagrafe@comune.pelago.fi.it', hours: 'Lun-Ven 9-12' },
  });
  const unit = await createPage(t.db, site, 'UNITA_ORGANIZZATIVA', 'ufficio-anagrafe', {
    title: 'Ufficio anagrafe',
    summary: 'Residenza e certificati',
    fields: { unitType: 'uffici', competences: text('Anagrafe.'), address: 'Piazza Vittorio Veneto 1', contactPoints: [contact.id] },
  });
  const draftUnit = await createPage(t.db, site, 'UNITA_ORGANIZZATIVA', 'ufficio-segreto', null, {
    title: 'Ufficio Bozza Segreta',
    summary: 'TESTO BOZZA RISERVATO',
    fields: { unitType: 'uffici', competences: text('TESTO BOZZA RISERVATO') },
  });
  const terms = await createAttachment(t.db, site, 'condizioni.pdf', '%PDF terms');
  const orphan = await createAttachment(t.db, site, 'caricato.txt', 'never used');
  const draftOnly = await createAttachment(t.db, site, 'bozza.txt', 'TESTO BOZZA RISERVATO');
  const foreign = await createAttachment(t.db, other, 'altro.txt', 'of another site');
  files = { terms: terms.id, orphan: orphan.id, draftOnly: draftOnly.id, foreign: foreign.id };
  const refs = { unitId: unit.id, contactId: contact.id, termsId: terms.id };
  const service = await createPage(
    t.db,
    site,
    'SERVIZIO',
    'certificato-di-residenza',
    serviceContent('Certificato di residenza', refs),
    serviceContent('TESTO BOZZA RISERVATO', { ...refs, termsId: draftOnly.id }),
  );
  const news = await createPage(t.db, site, 'NOTIZIA', 'festa-patronale', {
    title: 'Festa patronale',
    summary: 'Il programma',
    topics: ['cultura'],
    fields: { newsType: 'notizie', date: '2026-06-01', body: text('Musica in piazza.'), units: [unit.id, draftUnit.id] },
  });
  const privacy = await createPage(t.db, site, 'PAGINA', 'privacy', { title: 'Informativa privacy', summary: 'Dati personali', fields: { body: text('Titolare: il Comune.') } });
  await t.db.prisma.siteLink.createMany({
    data: [
      { siteId: site.id, kind: 'PRIVACY', contentItemId: privacy.id },
      { siteId: site.id, kind: 'FAQ', url: 'https://faq.example.it/' },
      { siteId: site.id, kind: 'LEGAL_NOTES', contentItemId: draftUnit.id },
    ],
  });
  await createSite(t.db, 'chiuso', { status: 'SUSPENDED' });
  const revisions = await t.db.prisma.contentRevision.findMany({ select: { id: true } });
  ids.push(site.id, site.entityId, site.authorId, contact.id, unit.id, draftUnit.id, service.id, news.id, privacy.id, ...revisions.map((r) => r.id));
});

describe('public read API', () => {
  it("gives the site's header: name, body, required links that lead somewhere, menu with counts", async () => {
    const { status, json, headers } = await read('pelago');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('application/json');
    expect(json.site).toEqual({
      slug: 'pelago',
      name: 'Comune di pelago',
      primaryDomain: 'comune.pelago.fi.it',
      body: { name: 'Comune di Pelago', ipaCode: expect.any(String), pecAddress: 'comune.pelago@pec.example.it' },
      links: [
        { kind: 'PRIVACY', label: { it: 'Informativa privacy', en: 'Privacy notice' }, dataElement: 'privacy-policy-link', href: 'privacy' },
        { kind: 'FAQ', label: expect.any(Object), dataElement: 'faq', href: 'https://faq.example.it/' },
      ],
    });
    expect(json.menu.map((entry: { path: string }) => entry.path)).toEqual(['amministrazione', 'novita', 'servizi', 'vivere-il-comune']);
    const services = json.menu.find((entry: { path: string }) => entry.path === 'servizi');
    expect(services).toMatchObject({ dataElement: 'all-services', count: 1 });
    expect(services.children.find((c: { path: string }) => c.path === 'servizi/anagrafe-e-stato-civile').count).toBe(1);
    const administration = (await read('pelago/menu')).json.menu[0];
    // the draft unit is not counted
    expect(administration.children.find((c: { path: string }) => c.path === 'amministrazione/uffici').count).toBe(1);
  });

  it('gives the taxonomies with the published pages that use each term', async () => {
    const { json } = await read('pelago/taxonomies');
    expect(json.topics.find((topic: { key: string }) => topic.key === 'residenza')).toEqual({ key: 'residenza', label: { it: 'Residenza', en: 'Residence' }, count: 1 });
    expect(json.serviceCategories.find((c: { key: string }) => c.key === 'anagrafe-e-stato-civile').count).toBe(1);
    expect(json.feedback.negativeReasons.map((r: { key: string }) => r.key)).toContain('incomplete');
  });

  it('gives the home page and the lists, from published revisions', async () => {
    const home = (await read('pelago/path')).json;
    expect(home.kind).toBe('home');
    expect(home.home.services).toEqual([
      { type: 'SERVIZIO', title: 'Certificato di residenza', summary: 'Come ottenere: Certificato di residenza', path: 'servizi/anagrafe-e-stato-civile/certificato-di-residenza', date: expect.any(String) },
    ]);
    expect(home.home.news.map((card: { title: string }) => card.title)).toEqual(['Festa patronale']);
    const list = (await read('pelago/path/servizi/anagrafe-e-stato-civile')).json;
    expect(list).toMatchObject({ kind: 'list', list: { title: { it: 'Anagrafe e stato civile' }, total: 1, page: 1, pageCount: 1 } });
    expect(list.list.breadcrumb.map((crumb: { path: string }) => crumb.path)).toEqual(['', 'servizi', 'servizi/anagrafe-e-stato-civile']);
    expect((await read('pelago/path/servizi/turismo')).json.list.items).toEqual([]);
    const offices = (await read('pelago/path/amministrazione/uffici')).json;
    expect(offices.list.items.map((card: { title: string }) => card.title)).toEqual(['Ufficio anagrafe']);
    const topic = (await read('pelago/path/argomenti/cultura')).json;
    expect(topic.list.items.map((card: { title: string }) => card.title)).toEqual(['Festa patronale']);
    expect((await read('pelago/path/servizi?page=2')).status).toBe(404);
  });

  it('gives a service page: sections in the model order, rendered values, published references, JSON-LD, breadcrumb', async () => {
    const { status, json } = await read('pelago/path/servizi/anagrafe-e-stato-civile/certificato-di-residenza');
    expect(status).toBe(200);
    expect(json.kind).toBe('page');
    expect(json.preview).toBe(false);
    const page = json.page;
    expect(page).toMatchObject({ type: 'SERVIZIO', slug: 'certificato-di-residenza', title: 'Certificato di residenza', topics: [{ key: 'residenza', label: { it: 'Residenza' } }] });
    expect(page.breadcrumb.map((crumb: { label: { it: string } }) => crumb.label.it)).toEqual(['Home', 'Servizi', 'Anagrafe e stato civile', 'Certificato di residenza']);
    expect(page.sections.map((section: { key: string }) => section.key)).toEqual([
      'descrizione',
      'a-chi-e-rivolto',
      'come-fare',
      'cosa-serve',
      'cosa-si-ottiene',
      'tempi-e-scadenze',
      'accedi-al-servizio',
      'condizioni-di-servizio',
      'contatti',
    ]);
    const field = (key: string) => page.sections.flatMap((s: { fields: { key: string; value: unknown }[] }) => s.fields).find((f: { key: string }) => f.key === key)?.value;
    expect(field('category')).toEqual({ key: 'anagrafe-e-stato-civile', label: { it: 'Anagrafe e stato civile', en: 'Registry office and civil status' } });
    expect(field('audience')).toEqual({ html: '<p>Cittadini residenti nel Comune.</p>' });
    expect(field('responsibleUnit')).toEqual({ type: 'UNITA_ORGANIZZATIVA', title: 'Ufficio anagrafe', summary: 'Residenza e certificati', path: 'amministrazione/uffici/ufficio-anagrafe' });
    expect(field('contactPoints')).toEqual([
      { type: 'PUNTO_DI_CONTATTO', title: 'Sportello anagrafe', summary: 'Recapiti', path: null, contact: { phone: '055 000 111', email: 'anagrafe@comune.pelago.fi.it', hours: 'Lun-Ven 9-12' } },
    ]);
    expect(field('termsDocument')).toEqual({ id: files.terms, fileName: 'condizioni.pdf', mediaType: 'application/pdf', size: 10, href: `/web-hosting/public/sites/pelago/files/${files.terms}` });
    expect(page.jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'GovernmentService',
      name: 'Certificato di residenza',
      description: 'Come ottenere: Certificato di residenza',
      serviceType: 'Anagrafe e stato civile',
      provider: { '@type': 'GovernmentOrganization', name: 'Comune di Pelago', url: 'https://comune.pelago.fi.it/' },
      areaServed: { '@type': 'AdministrativeArea', name: 'Pelago' },
      audience: { '@type': 'Audience', audienceType: 'Cittadini residenti nel Comune.' },
      availableChannel: { '@type': 'ServiceChannel', serviceUrl: 'https://servizi.example.it/certificati' },
    });
  });

  it("leaves out a page's references to pages that are not published", async () => {
    const { json } = await read('pelago/path/novita/notizie/festa-patronale');
    const units = json.page.sections.find((s: { key: string }) => s.key === 'a-cura-di').fields[0].value;
    expect(units.map((u: { title: string }) => u.title)).toEqual(['Ufficio anagrafe']);
    expect(json.page.jsonLd).toMatchObject({ '@type': 'NewsArticle', headline: 'Festa patronale', datePublished: '2026-06-01' });
  });

  it('answers 404 as JSON to unknown sites and paths, drafts, contact points, suspended sites', async () => {
    for (const path of ['nessuno', 'nessuno/path', 'pelago/path/amministrazione/uffici/ufficio-segreto', 'pelago/path/servizi/turismo/certificato-di-residenza', 'pelago/path/nulla', 'chiuso', 'chiuso/path']) {
      const { status, json, headers } = await read(path);
      expect(status, path).toBe(404);
      expect(json.error, path).toEqual(expect.any(String));
      expect(headers.get('cache-control')).toBe('no-store');
    }
  });

  it('serves files only when a published revision of the site uses them', async () => {
    const used = await read(`pelago/files/${files.terms}`);
    expect(used.status).toBe(200);
    expect(used.body).toBe('%PDF terms');
    expect(used.headers.get('content-type')).toBe('application/pdf');
    expect(used.headers.get('etag')).toMatch(/^W\//);
    for (const id of [files.orphan, files.draftOnly, files.foreign, 'not-an-id']) expect((await read(`pelago/files/${id}`)).status, id).toBe(404);
    expect((await read(`rignano/files/${files.foreign}`)).status).toBe(404);
  });

  it('never shows a draft, an author or an internal id other than attachments', () => {
    expect(bodies.length).toBeGreaterThan(15);
    const all = bodies.join('\n');
    for (const word of DRAFT_WORDS) expect(all, word).not.toContain(word);
    for (const id of ids) expect(all, id).not.toContain(id);
  });
});
