// A list page: a first-level section of the menu (Amministrazione, Novità, Servizi, Vivere il
// Comune) with its second-level entries, a second-level list (a service category, a news type...),
// or the pages of a topic. Pages of the list are links (?page=N).
import type { ListJson, MenuEntryJson } from '../api-types.ts';
import { cardList, pager } from '../components.ts';
import { labelOf } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { breadcrumb, hrefOf, layout, type RenderContext } from '../layout.ts';

/** The validator's hook on the links from a first-level page to its second-level pages. */
const CATEGORY_LINK: Record<string, string> = {
  amministrazione: 'management-category-link',
  novita: 'news-category-link',
  servizi: 'service-category-link',
};
const LIVE_BUTTONS: Record<string, string> = {
  'vivere-il-comune/luoghi': 'live-button-locations',
  'vivere-il-comune/eventi': 'live-button-events',
};

function categories(context: RenderContext, entry: MenuEntryJson): SafeHtml | null {
  const children = entry.children ?? [];
  if (children.length === 0) return null;
  if (entry.path === 'vivere-il-comune') {
    return html`<div class="d-flex flex-wrap gap-3 my-4">${children.map(
      (child) => html`<a class="btn btn-primary" href="${hrefOf(context, child.path)}" data-element="${LIVE_BUTTONS[child.path] ?? 'live-button'}">${labelOf(child.label)}</a>`,
    )}</div>`;
  }
  const element = CATEGORY_LINK[entry.path] ?? 'custom-category-link';
  return html`<section class="my-4" aria-labelledby="categories-title">
  <h2 class="h4" id="categories-title">Esplora per categoria</h2>
  <ul class="link-list row list-unstyled">${children.map(
    (child) => html`<li class="col-12 col-md-6 col-lg-4 mb-2"><a class="list-item" href="${hrefOf(context, child.path)}" data-element="${element}">${labelOf(child.label)}</a>${
      typeof child.count === 'number' ? html` <span class="badge bg-light text-dark">${child.count}</span>` : null
    }</li>`,
  )}</ul>
</section>`;
}

export function renderListPage(context: RenderContext, list: ListJson): string {
  const entry = (context.site.menu ?? []).find((item) => item.path === list.path);
  const page = list.page ?? 1;
  const pageCount = list.pageCount ?? 1;
  const main = html`<div class="container">
  <div class="row justify-content-center"><div class="col-12 col-lg-10 px-lg-4">
    ${breadcrumb(context, list.breadcrumb, list.title)}
    <div class="cmp-heading pb-3"><h1 class="title-xxxlarge">${list.title}</h1>
      ${typeof list.total === 'number' ? html`<p class="text-secondary">${list.total === 1 ? '1 contenuto' : `${list.total} contenuti`}${pageCount > 1 ? `, pagina ${page} di ${pageCount}` : ''}</p>` : null}
    </div>
    ${entry ? categories(context, entry) : null}
    <section aria-labelledby="list-items-title" class="mb-5">
      <h2 class="visually-hidden" id="list-items-title">Contenuti</h2>
      ${cardList(context, list.items)}
      ${pager(context, page, pageCount)}
    </section>
  </div></div>
</div>`;
  return layout(context, { title: page > 1 ? `${list.title} (pagina ${page})` : list.title, main });
}
