// 404 and "temporarily unavailable" pages: inside the site's layout when the site is known, else a
// bare page with Bootstrap Italia's styles.
import { html, type SafeHtml } from '../html.ts';
import { layout, type RenderContext } from '../layout.ts';

function bare(assets: string, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="it">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<link rel="stylesheet" href="${assets}/css/bootstrap-italia.min.css"><link rel="stylesheet" href="${assets}/fonts.css"></head>
<body><main class="container py-5" id="main-container">${body}</main></body>
</html>
`.value;
}

const notFoundBody = (home: string | null) => html`<h1 class="title-xxxlarge">Pagina non trovata</h1>
<p class="lead">La pagina che cerchi non esiste o non è più pubblicata.</p>
${home ? html`<p><a class="btn btn-primary" href="${home}">Torna alla pagina iniziale</a></p>` : null}`;

export function renderNotFoundPage(context: RenderContext | null, assets: string): string {
  if (!context) return bare(assets, 'Pagina non trovata', notFoundBody(null));
  return layout(context, { title: 'Pagina non trovata', main: html`<div class="container py-5">${notFoundBody(context.root)}</div>`, feedback: false });
}

export function renderUnavailablePage(assets: string): string {
  return bare(
    assets,
    'Sito temporaneamente non disponibile',
    html`<h1 class="title-xxxlarge">Sito temporaneamente non disponibile</h1><p class="lead">Riprova tra qualche minuto.</p>`,
  );
}
