// Pieces the pages share: cards of lists, the pager, and each kind of field value of a page.
import type { CardJson, FieldJson } from './api-types.ts';
import { formatDate, formatDateTime, formatSize, isHttpUrl, isLocalPath } from './format.ts';
import { de, html, raw, type SafeHtml } from './html.ts';
import { hrefOf, icon, type RenderContext } from './layout.ts';

const TYPE_LABELS: Record<string, string> = {
  SERVIZIO: 'Servizio',
  NOTIZIA: 'Notizia',
  EVENTO: 'Evento',
  LUOGO: 'Luogo',
  DOCUMENTO_PUBBLICO: 'Documento pubblico',
  UNITA_ORGANIZZATIVA: 'Unità organizzativa',
  PERSONA_PUBBLICA: 'Persona',
  DATASET: 'Dataset',
  PAGINA: 'Pagina',
};
export const typeLabel = (type: string) => TYPE_LABELS[type] ?? type;

/** The validator follows these links from lists to service and event pages. */
const CARD_DATA_ELEMENT: Record<string, string> = { SERVIZIO: 'service-link', EVENTO: 'event-link' };

export function card(context: RenderContext, item: CardJson, headingLevel: 2 | 3 = 3): SafeHtml {
  const title =
    item.path !== null && item.path !== undefined
      ? html`<a class="text-decoration-none" href="${hrefOf(context, item.path)}"${de(CARD_DATA_ELEMENT[item.type] ?? null)}>${item.title}</a>`
      : item.title;
  const heading = headingLevel === 2 ? html`<h2 class="card-title h5">${title}</h2>` : html`<h3 class="card-title h5">${title}</h3>`;
  return html`<div class="card card-teaser card-teaser-info rounded shadow-sm p-3 mb-3">
  <div class="card-body">
    <div class="category-top"><span class="category">${typeLabel(item.type)}</span>${item.date ? html` <span class="data">${formatDate(item.date)}</span>` : null}</div>
    ${heading}
    ${item.summary ? html`<p class="card-text text-secondary">${item.summary}</p>` : null}
  </div>
</div>`;
}

export function cardList(context: RenderContext, items: readonly CardJson[] | undefined, options: { headingLevel?: 2 | 3; grid?: boolean } = {}): SafeHtml {
  if (!items || items.length === 0) return html`<p>Non ci sono contenuti da mostrare.</p>`;
  const { headingLevel = 3, grid = false } = options;
  return html`<ul class="site-card-list${grid ? ' row' : ''}">${items.map((item) => html`<li${grid ? html` class="col-12 col-md-6 col-lg-4"` : null}>${card(context, item, headingLevel)}</li>`)}</ul>`;
}

/** Numbered pages (?page=N) as links the validator follows ([data-element="pager-link"]). */
export function pager(context: RenderContext, page: number, pageCount: number): SafeHtml | null {
  if (pageCount <= 1) return null;
  const url = (n: number) => (n <= 1 ? hrefOf(context, context.path) : `${hrefOf(context, context.path)}?page=${n}`);
  const numbers = Array.from({ length: pageCount }, (_, i) => i + 1);
  return html`<nav class="pagination-wrapper" aria-label="Pagine dell'elenco">
  <ul class="pagination">
    ${page > 1 ? html`<li class="page-item"><a class="page-link" href="${url(page - 1)}" data-element="pager-link">${icon(context, 'it-chevron-left', 'icon-primary')}<span class="visually-hidden">Pagina precedente</span></a></li>` : null}
    ${numbers.map((n) =>
      n === page
        ? html`<li class="page-item"><a class="page-link" aria-current="page" href="${url(n)}">${n}</a></li>`
        : html`<li class="page-item"><a class="page-link" href="${url(n)}" data-element="pager-link"><span class="visually-hidden">Pagina </span>${n}</a></li>`,
    )}
    ${page < pageCount ? html`<li class="page-item"><a class="page-link" href="${url(page + 1)}" data-element="pager-link"><span class="visually-hidden">Pagina successiva</span>${icon(context, 'it-chevron-right', 'icon-primary')}</a></li>` : null}
  </ul>
</nav>`;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

const CONTACT_LABELS: Record<string, string> = { phone: 'Telefono', email: 'E-mail', pec: 'PEC', url: 'Sito web', hours: 'Orari' };

function contactDetails(contact: Json): SafeHtml {
  const rows = Object.entries(contact).flatMap(([key, value]) => {
    const text = str(value);
    if (!text || key === 'title' || key === 'type') return [];
    const label = CONTACT_LABELS[key] ?? key;
    let shown: SafeHtml | string = text;
    if (key === 'phone') shown = html`<a href="tel:${text.replace(/[^+0-9]/g, '')}">${text}</a>`;
    else if (key === 'email' || key === 'pec') shown = html`<a href="mailto:${text}">${text}</a>`;
    else if (key === 'url' && isHttpUrl(text)) shown = html`<a href="${text}">${text}</a>`;
    return [html`<li><span class="fw-semibold">${label}:</span> <span class="${key === 'hours' ? 'site-longtext' : ''}">${shown}</span></li>`];
  });
  return html`<ul class="list-unstyled mb-0">${rows}</ul>`;
}

function reference(context: RenderContext, value: unknown, dataElement: string | null): SafeHtml | null {
  if (!isObject(value)) return null;
  const title = str(value.title) ?? '';
  const path = str(value.path);
  const contact = isObject(value.contact) ? value.contact : null;
  return html`<div class="card card-teaser shadow-sm rounded p-3 mb-2"${de(dataElement)}>
  <div class="card-body">
    <p class="card-title h6 mb-1">${path ? html`<a href="${hrefOf(context, path)}">${title}</a>` : title}</p>
    ${str(value.summary) ? html`<p class="card-text mb-1">${value.summary as string}</p>` : null}
    ${contact ? contactDetails(contact) : null}
  </div>
</div>`;
}

function attachment(value: unknown, dataElement: string | null): SafeHtml | null {
  if (!isObject(value)) return null;
  const href = isLocalPath(value.href) || isHttpUrl(value.href) ? value.href : null;
  const name = str(value.fileName) ?? 'Documento';
  const size = formatSize(value.size);
  const label = html`${name}${size ? html` <span class="text-secondary">(${size})</span>` : null}`;
  return html`<div class="card card-teaser shadow-sm rounded p-3 mb-2">
  <div class="card-body">${href ? html`<a href="${href}" download${de(dataElement)}>${label}</a>` : html`<span${de(dataElement)}>${label}</span>`}</div>
</div>`;
}

/** Whether a field has something to show. */
export function hasValue(field: FieldJson): boolean {
  const { value } = field;
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value) && field.kind === 'richText') return typeof value.html === 'string' && value.html.trim() !== '';
  return true;
}

/**
 * One field's value. Rich text is the API's HTML (rendered by the server from checked documents);
 * everything else is escaped. `dataElement` marks the value for the validator.
 */
export function fieldValue(context: RenderContext, field: FieldJson, dataElement: string | null = null): SafeHtml | null {
  const { value } = field;
  switch (field.kind) {
    case 'richText':
      return isObject(value) && typeof value.html === 'string' ? html`<div class="richtext-wrapper lora"${de(dataElement)}>${raw(value.html)}</div>` : null;
    case 'term':
      return isObject(value) ? html`<span class="chip chip-simple"${de(dataElement)}><span class="chip-label">${str(value.label) ?? str(value.key) ?? ''}</span></span>` : null;
    case 'terms':
      return Array.isArray(value)
        ? html`<ul class="d-flex flex-wrap gap-1 list-unstyled"${de(dataElement)}>${value.filter(isObject).map((term) => html`<li><span class="chip chip-simple"><span class="chip-label">${str(term.label) ?? str(term.key) ?? ''}</span></span></li>`)}</ul>`
        : null;
    case 'reference':
      return reference(context, value, dataElement);
    case 'references':
      return Array.isArray(value) ? html`${value.map((item) => reference(context, item, dataElement))}` : null;
    case 'attachment':
      return attachment(value, dataElement);
    case 'attachments':
      return Array.isArray(value) ? html`${value.map((item) => attachment(item, dataElement))}` : null;
    case 'url':
      return isHttpUrl(value) ? html`<p><a href="${value}"${de(dataElement)}>${value}</a></p>` : null;
    case 'email':
      return str(value) ? html`<p><a href="mailto:${value as string}"${de(dataElement)}>${value as string}</a></p>` : null;
    case 'phone':
      return str(value) ? html`<p><a href="tel:${(value as string).replace(/[^+0-9]/g, '')}"${de(dataElement)}>${value as string}</a></p>` : null;
    case 'date':
      return str(value) ? html`<p${de(dataElement)}>${formatDate(value as string)}</p>` : null;
    case 'dateTime':
      return str(value) ? html`<p${de(dataElement)}>${formatDateTime(value as string)}</p>` : null;
    case 'boolean':
      return typeof value === 'boolean' ? html`<p${de(dataElement)}>${value ? 'Sì' : 'No'}</p>` : null;
    case 'longText':
      return str(value) ? html`<p class="site-longtext"${de(dataElement)}>${value as string}</p>` : null;
    default:
      return typeof value === 'string' || typeof value === 'number' ? html`<p${de(dataElement)}>${String(value)}</p>` : null;
  }
}
