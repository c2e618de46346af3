// The home page: latest news, upcoming events, services in evidence, topics.
import type { HomeJson } from '../api-types.ts';
import { cardList } from '../components.ts';
import { html } from '../html.ts';
import { hrefOf, layout, type RenderContext } from '../layout.ts';

export function renderHomePage(context: RenderContext, home: HomeJson): string {
  const name = context.site.site.name;
  const block = (id: string, title: string, body: ReturnType<typeof html>, more: { path: string; label: string } | null) =>
    html`<section class="py-5" aria-labelledby="${id}"><div class="container">
  <h2 class="title-xxlarge mb-4" id="${id}">${title}</h2>
  ${body}
  ${more ? html`<p><a class="btn btn-outline-primary" href="${hrefOf(context, more.path)}">${more.label}</a></p>` : null}
</div></section>`;
  const main = html`<h1 class="visually-hidden">${name}</h1>
${block('home-news', 'Notizie', cardList(context, home.news, { grid: true }), { path: 'novita', label: 'Tutte le novità' })}
${block('home-events', 'Eventi', cardList(context, home.events, { grid: true }), { path: 'vivere-il-comune/eventi', label: 'Tutti gli eventi' })}
${block('home-services', 'Servizi in evidenza', cardList(context, home.services, { grid: true }), { path: 'servizi', label: 'Tutti i servizi' })}
${block(
  'home-topics',
  'Esplora per argomento',
  html`<ul class="d-flex flex-wrap gap-2 list-unstyled">${(home.topics ?? []).map(
    (topic) => html`<li><a class="chip chip-simple chip-lg" href="${hrefOf(context, `argomenti/${topic.key}`)}"><span class="chip-label">${topic.label}</span></a></li>`,
  )}</ul>`,
  null,
)}
<div class="container pb-5"><a class="btn btn-primary" href="${hrefOf(context, 'argomenti')}" data-element="all-topics">Mostra tutti gli argomenti</a></div>`;
  return layout(context, { title: name, main });
}
