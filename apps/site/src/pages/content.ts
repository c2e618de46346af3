// The page of a content item (Servizio, Notizia, Evento, Luogo, Documento pubblico, Unità
// organizzativa, Persona pubblica, Dataset, Pagina): heading, the page index ("Indice della
// pagina") listing the sections in the API's order, the sections, topics, last update. A service
// page carries the validator's data-element attributes on its title, status, sections and links.
import type { FieldJson, PageJson, SectionJson } from '../api-types.ts';
import { fieldValue, hasValue, typeLabel } from '../components.ts';
import { formatDate } from '../format.ts';
import { de, html, type SafeHtml } from '../html.ts';
import { breadcrumb, hrefOf, layout, type RenderContext } from '../layout.ts';

/** Where the validator looks for each required part of a service page, by section and field. */
const SERVICE_FIELD_ELEMENTS: Record<string, string> = {
  audience: 'service-addressed',
  howTo: 'service-how-to',
  requirements: 'service-needed',
  outcome: 'service-achieved',
  timing: 'service-calendar-text',
  accessDescription: 'service-generic-access',
  onlineUrl: 'service-online-access',
  bookingUrl: 'service-booking-access',
  termsDocument: 'service-file',
  responsibleUnit: 'service-area',
};

/** Shown in a service page's heading, not again in its first section. */
const SERVICE_HEADING_FIELDS = new Set(['category', 'active', 'inactiveReason']);

function field(context: RenderContext, page: PageJson, section: SectionJson, item: FieldJson, single: boolean): SafeHtml | null {
  const service = page.type === 'SERVIZIO';
  const element = service ? (SERVICE_FIELD_ELEMENTS[item.key] ?? null) : null;
  if (service && (item.key === 'onlineUrl' || item.key === 'bookingUrl') && typeof item.value === 'string') {
    const label = item.key === 'onlineUrl' ? 'Accedi al servizio online' : 'Prenota un appuntamento';
    return html`<p><a class="btn btn-primary mobile-full" href="${item.value}"${de(element)}>${label}</a></p>`;
  }
  const value = fieldValue(context, item, element);
  if (!value) return null;
  const repeatsSection = single || item.label.trim().toLowerCase() === section.label.trim().toLowerCase();
  return html`${repeatsSection ? null : html`<h3 class="h5 mt-3">${item.label}</h3>`}${value}`;
}

function visibleFields(page: PageJson, section: SectionJson): FieldJson[] {
  return section.fields.filter((item) => hasValue(item) && !(page.type === 'SERVIZIO' && SERVICE_HEADING_FIELDS.has(item.key)));
}

function serviceStatus(page: PageJson): SafeHtml | null {
  if (page.type !== 'SERVIZIO') return null;
  const fields = page.sections.flatMap((section) => section.fields);
  const active = fields.find((item) => item.key === 'active')?.value !== false;
  const reason = fields.find((item) => item.key === 'inactiveReason')?.value;
  return html`<div class="chip chip-simple ${active ? 'chip-primary' : 'chip-danger'}" data-element="service-status"><span class="chip-label">${active ? 'Servizio attivo' : 'Servizio non attivo'}</span></div>
  ${!active && typeof reason === 'string' && reason ? html`<p class="mt-2">${reason}</p>` : null}`;
}

function topics(context: RenderContext, page: PageJson, heading: boolean): SafeHtml | null {
  if (!page.topics || page.topics.length === 0) return null;
  const element = page.type === 'SERVIZIO' ? 'service-topic' : null;
  return html`${heading ? html`<h2 class="h6 mt-4">Argomenti</h2>` : null}<ul class="d-flex flex-wrap gap-1 list-unstyled">
  ${page.topics.map(
    (topic) => html`<li><a class="chip chip-simple" href="${hrefOf(context, `argomenti/${topic.key}`)}"${de(element)}><span class="chip-label">${topic.label}</span></a></li>`,
  )}
</ul>`;
}

export function renderContentPage(context: RenderContext, page: PageJson): string {
  const sections = page.sections
    .map((section) => ({ section, fields: visibleFields(page, section) }))
    .filter(({ fields }) => fields.length > 0);
  const service = page.type === 'SERVIZIO';
  const main = html`<div class="container">
  <div class="row justify-content-center"><div class="col-12 col-lg-10 px-lg-4">${breadcrumb(context, page.breadcrumb, page.title)}</div></div>
  <div class="row justify-content-center"><div class="col-12 col-lg-10 px-lg-4">
    <div class="cmp-heading pb-3 pb-lg-4">
      <p class="text-uppercase small fw-semibold mb-1">${typeLabel(page.type)}</p>
      <h1 class="title-xxxlarge"${de(service ? 'service-title' : null)}>${page.title}</h1>
      ${serviceStatus(page)}
      ${page.summary ? html`<p class="subtitle-small mt-3 mb-3"${de(service ? 'service-description' : null)}>${page.summary}</p>` : null}
      ${page.type === 'NOTIZIA' && page.publishedAt ? html`<p class="small">Pubblicato il ${formatDate(page.publishedAt)}</p>` : null}
      ${service ? topics(context, page, false) : null}
    </div>
  </div></div>
</div>
<div class="container">
  <div class="row row-column-menu-left mt-4 pb-5">
    <div class="col-12 col-lg-3 mb-4 border-col">
      <nav class="cmp-navscroll sticky-top navbar it-navscroll-wrapper" aria-labelledby="page-index-title">
        <div class="link-list-wrapper">
          <h2 class="h6 px-3" id="page-index-title">Indice della pagina</h2>
          <ul class="link-list" data-element="page-index">${sections.map(
            ({ section }) => html`<li class="nav-item"><a class="nav-link" href="#${section.key}">${section.label}</a></li>`,
          )}</ul>
        </div>
      </nav>
    </div>
    <div class="col-12 col-lg-8 offset-lg-1">
      ${sections.map(
        ({ section, fields }) => html`<section class="it-page-section site-section" id="${section.key}" aria-labelledby="${section.key}-title">
        <h2 class="title-xxlarge mb-3" id="${section.key}-title">${section.label}</h2>
        ${fields.map((item) => field(context, page, section, item, fields.length === 1))}
      </section>`,
      )}
      ${service ? null : topics(context, page, true)}
      ${page.updatedAt ? html`<p class="mt-5 small text-secondary" data-element="metadata">Ultimo aggiornamento: ${formatDate(page.updatedAt)}</p>` : null}
    </div>
  </div>
</div>`;
  return layout(context, { title: page.title, description: page.summary, main, jsonLd: page.jsonLd });
}
