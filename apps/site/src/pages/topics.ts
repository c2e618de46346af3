// "Argomenti": every topic of the model's vocabulary that the site uses, each to its list.
import type { TopicJson } from '../api-types.ts';
import { html } from '../html.ts';
import { breadcrumb, hrefOf, layout, type RenderContext } from '../layout.ts';

export function renderTopicsPage(context: RenderContext, topics: readonly TopicJson[]): string {
  const main = html`<div class="container">
  <div class="row justify-content-center"><div class="col-12 col-lg-10 px-lg-4">
    ${breadcrumb(context, [], 'Argomenti')}
    <h1 class="title-xxxlarge mb-4">Argomenti</h1>
    <ul class="row list-unstyled" data-element="topic-list">${topics.map(
      (topic) => html`<li class="col-12 col-md-6 col-lg-4 mb-3"><a class="card card-teaser rounded shadow-sm p-3 text-decoration-none" href="${hrefOf(context, `argomenti/${topic.key}`)}" data-element="topic-element"><span class="card-title h5 mb-0">${topic.label}</span>${
        typeof topic.count === 'number' ? html` <span class="text-secondary">(${topic.count})</span>` : null
      }</a></li>`,
    )}</ul>
  </div></div>
</div>`;
  return layout(context, { title: 'Argomenti', main });
}
