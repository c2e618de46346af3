import { describe, expect, it } from 'vitest';
import type { RenderContext } from './layout.ts';
import { renderContentPage } from './pages/content.ts';
import { renderHomePage } from './pages/home.ts';
import { renderListPage } from './pages/list.ts';
import { renderTopicsPage } from './pages/topics.ts';
import { homeJson, servicePage, servicesListJson, siteJson } from './testing/fixtures.ts';

const context = (overrides: Partial<RenderContext> = {}): RenderContext => ({
  site: siteJson,
  assets: '/sites/_assets/test',
  root: '/sites/pelago/',
  path: servicePage.page.path,
  preview: false,
  feedback: null,
  ...overrides,
});

const dataElements = (html: string) => [...html.matchAll(/data-element="([^"]+)"/g)].map((m) => m[1]);

describe('apps/site renderer', () => {
  it('escapes what the API sends, except the rendered rich text', () => {
    const evil = '<script>alert(1)</script>';
    const page = structuredClone(servicePage.page);
    page.title = evil;
    page.summary = `"><img src=x onerror=alert(2)>`;
    page.jsonLd = { name: `</script><script>alert(3)</script>` };
    const site = structuredClone(siteJson);
    site.site.name = `Comune <b>di</b> Pelago`;
    const html = renderContentPage(context({ site }), page);
    expect(html).not.toContain('<script>alert(');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('Comune &lt;b&gt;di&lt;/b&gt; Pelago');
    // JSON-LD cannot close its script element.
    expect(html).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(3)');
    // Rich text is the API's HTML, kept as markup.
    expect(html).toContain('<ul><li><p>Una fototessera</p></li></ul>');
  });

  it('lists the sections with content in the page index, in the order the API gives them', () => {
    const html = renderContentPage(context(), servicePage.page);
    const index = /<ul class="link-list" data-element="page-index">(.*?)<\/ul>/s.exec(html)?.[1] ?? '';
    const entries = [...index.matchAll(/<li class="nav-item"><a class="nav-link" href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => m[2]);
    expect(entries).toEqual([
      'A chi è rivolto',
      'Come fare',
      'Cosa serve',
      'Cosa si ottiene',
      'Tempi e scadenze',
      'Accedi al servizio',
      'Condizioni di servizio',
      'Contatti',
    ]);
    const sectionIds = [...html.matchAll(/<section class="it-page-section site-section" id="([^"]+)"/g)].map((m) => m[1]);
    expect(sectionIds).toEqual(['a-chi-e-rivolto', 'come-fare', 'cosa-serve', 'cosa-si-ottiene', 'tempi-e-scadenze', 'accedi-al-servizio', 'condizioni-di-servizio', 'contatti']);
  });

  it('puts the attributes of the PNRR 1.4.1 validator on a service page', () => {
    const html = renderContentPage(context(), servicePage.page);
    const found = new Set(dataElements(html));
    for (const element of [
      'management',
      'news',
      'all-services',
      'live',
      'all-topics',
      'breadcrumb',
      'page-index',
      'metatag',
      'metadata',
      'service-title',
      'service-description',
      'service-status',
      'service-topic',
      'service-addressed',
      'service-how-to',
      'service-needed',
      'service-achieved',
      'service-calendar-text',
      'service-generic-access',
      'service-booking-access',
      'service-file',
      'service-area',
      'accessibility-link',
      'privacy-policy-link',
      'legal-notes',
      'appointment-booking',
      'report-inefficiency',
      'faq',
      'feedback',
      'feedback-title',
      'feedback-rate-1',
      'feedback-rate-5',
      'feedback-rating-positive',
      'feedback-rating-negative',
      'feedback-rating-question',
      'feedback-rating-answer',
      'feedback-input-text',
    ]) {
      expect(found, element).toContain(element);
    }
    expect(html).toMatch(/data-element="feedback-title">Quanto sono chiare le informazioni su questa pagina\?</);
    // The breadcrumb goes Home / Servizi / category / page (the validator wants a category after "Servizi").
    const crumbs = [...(/data-element="breadcrumb">(.*?)<\/ol>/s.exec(html)?.[1] ?? '').matchAll(/<li[^>]*>(?:<a[^>]*>)?([^<]+)/g)].map((m) => m[1]!.trim());
    expect(crumbs).toEqual(['Home', 'Servizi', 'Anagrafe e stato civile', "Carta d&#39;identità elettronica"]);
    expect(html).toContain('<script type="application/ld+json" data-element="metatag">{"@context":"https://schema.org"');
    // The footer's links: absolute URLs as they are, site pages under the site.
    expect(html).toContain('<a href="/sites/pelago/privacy" data-element="privacy-policy-link">');
    expect(html).toContain('<a href="https://form.agid.gov.it/view/0000" data-element="accessibility-link">');
    // The feedback form posts to the site itself, with the page's path.
    expect(html).toContain('<form method="post" action="/sites/pelago/_feedback">');
    expect(html).toContain(`<input type="hidden" name="path" value="${servicePage.page.path}">`);
  });

  it('renders the home page and lists with the links the validator follows', () => {
    const home = renderHomePage(context({ path: '' }), homeJson.kind === 'home' ? homeJson.home : {});
    expect(dataElements(home)).toEqual(expect.arrayContaining(['service-link', 'event-link', 'all-topics']));
    expect(home).toContain('href="/sites/pelago/novita/notizie/nuovi-orari"');
    const list = renderListPage(context({ path: 'servizi' }), servicesListJson.kind === 'list' ? servicesListJson.list : (undefined as never));
    expect(dataElements(list)).toEqual(expect.arrayContaining(['service-category-link', 'service-link', 'pager-link']));
    expect(list).toContain('href="/sites/pelago/servizi?page=2" data-element="pager-link"');
    const live = renderListPage(context({ path: 'vivere-il-comune' }), { title: 'Vivere il Comune', path: 'vivere-il-comune', items: [] });
    expect(dataElements(live)).toEqual(expect.arrayContaining(['live-button-locations', 'live-button-events']));
  });

  it('shows the Anteprima banner on a preview, and the thanks after a rating', () => {
    expect(renderContentPage(context({ preview: true }), servicePage.page)).toMatch(/<strong>Anteprima<\/strong>/);
    expect(renderContentPage(context(), servicePage.page)).not.toContain('Anteprima');
    const thanked = renderContentPage(context({ feedback: 'grazie' }), servicePage.page);
    expect(thanked).toContain('Grazie, il tuo giudizio');
    expect(thanked).not.toContain('<form method="post"');
  });

  it('keeps the service hooks to service pages, and lists every topic on the topics page', () => {
    const news = structuredClone(servicePage.page);
    news.type = 'NOTIZIA';
    const html = renderContentPage(context({ path: 'novita/notizie/x' }), news);
    expect(dataElements(html).filter((element) => element!.startsWith('service-'))).toEqual([]);
    expect(dataElements(html)).toContain('page-index');
    const topics = renderTopicsPage(context({ path: 'argomenti' }), [
      { key: 'residenza', label: 'Residenza', count: 3 },
      { key: 'istruzione', label: 'Istruzione', count: 1 },
    ]);
    expect(dataElements(topics).filter((element) => element === 'topic-element')).toHaveLength(2);
    expect(topics).toContain('href="/sites/pelago/argomenti/residenza"');
  });

  it("takes the validator's hooks of the menu and the links from the model when the API leaves them out", () => {
    const site = structuredClone(siteJson);
    for (const entry of site.menu!) delete entry.dataElement;
    for (const link of site.site.links!) delete link.dataElement;
    const found = dataElements(renderContentPage(context({ site }), servicePage.page));
    expect(found).toEqual(expect.arrayContaining(['management', 'news', 'all-services', 'live', 'accessibility-link', 'privacy-policy-link', 'faq']));
  });
});
