// The page shell of the Designers Italia model for municipal sites, with Bootstrap Italia's classes:
// skip links, header (slim bar, brand, main menu with the validator's data-element attributes),
// breadcrumbs, the feedback box ("Quanto sono chiare le informazioni su questa pagina?"), footer
// with the required links. Pages fill <main>.
import { menu as modelMenu, requiredLinks } from '@gea/plugin-web-hosting/model';
import type { Crumb, SiteJson } from './api-types.ts';
import { isHttpUrl, labelOf } from './format.ts';
import { de, html, jsonScript, type SafeHtml } from './html.ts';

export type FeedbackNotice = 'grazie' | 'errore' | 'troppe' | null;

export interface RenderContext {
  site: SiteJson;
  /** Where the assets of this build are served (createSiteAssets().prefix). */
  assets: string;
  /** "/sites/pelago/": the site's home. */
  root: string;
  /** The site path of the page being shown ("" for the home page). */
  path: string;
  preview: boolean;
  feedback: FeedbackNotice;
}

/** The URL of a site path ("servizi/anagrafe-e-stato-civile") on this site. */
export function hrefOf(context: RenderContext, path: string | null | undefined): string {
  if (!path) return context.root;
  return context.root + path.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');
}

/** A link of the site (an absolute URL, or a site path such as "privacy"). */
export function linkHref(context: RenderContext, href: string | null | undefined): string | null {
  if (!href) return null;
  if (isHttpUrl(href)) return href;
  if (/^[a-z0-9][a-z0-9/_-]*$/i.test(href)) return hrefOf(context, href);
  return null;
}

// The validator's hooks from the model itself, when the API leaves one out.
const MENU_DATA_ELEMENTS = new Map<string, string>(modelMenu.map((entry) => [entry.path, entry.dataElement]));
const LINK_DATA_ELEMENTS = new Map<string, string>(requiredLinks.map((link) => [link.kind, link.dataElement]));

export function icon(context: RenderContext, name: string, classes = ''): SafeHtml {
  return html`<svg class="icon ${classes}" aria-hidden="true" focusable="false"><use href="${context.assets}/svg/sprites.svg#${name}"></use></svg>`;
}

/** Home / crumbs... / the current page, as the validator reads it ([data-element="breadcrumb"] li). */
export function breadcrumb(context: RenderContext, crumbs: readonly Crumb[] | undefined, current: string): SafeHtml {
  const middle = (crumbs ?? []).filter((crumb, index, all) => {
    if (index === 0 && (crumb.path === '' || crumb.path === null) && /^home$/i.test(crumb.label)) return false;
    if (index === all.length - 1 && crumb.path === context.path) return false;
    return crumb.label.trim() !== '';
  });
  return html`<div class="cmp-breadcrumbs" role="navigation">
    <nav class="breadcrumb-container" aria-label="Percorso di navigazione">
      <ol class="breadcrumb p-0" data-element="breadcrumb">
        <li class="breadcrumb-item"><a href="${context.root}">Home</a><span class="separator">/</span></li>
        ${middle.map(
          (crumb) =>
            html`<li class="breadcrumb-item">${crumb.path !== null ? html`<a href="${hrefOf(context, crumb.path)}">${crumb.label}</a>` : crumb.label}<span class="separator">/</span></li>`,
        )}
        <li class="breadcrumb-item active" aria-current="page">${current}</li>
      </ol>
    </nav>
  </div>`;
}

function header(context: RenderContext): SafeHtml {
  const { site } = context.site;
  const menu = context.site.menu ?? [];
  return html`<header class="it-header-wrapper">
  <div class="it-header-slim-wrapper">
    <div class="container"><div class="row"><div class="col-12">
      <div class="it-header-slim-wrapper-content">
        <a class="d-lg-block navbar-brand" href="${context.root}">${site.body?.name ?? site.name}</a>
        <div class="it-header-slim-right-zone"><span class="text-white">ITA</span></div>
      </div>
    </div></div></div>
  </div>
  <div class="it-nav-wrapper">
    <div class="it-header-center-wrapper">
      <div class="container"><div class="row"><div class="col-12">
        <div class="it-header-center-content-wrapper">
          <div class="it-brand-wrapper">
            <a href="${context.root}">
              ${icon(context, 'it-pa')}
              <div class="it-brand-text"><div class="it-brand-title">${site.name}</div></div>
            </a>
          </div>
        </div>
      </div></div></div>
    </div>
    <div class="it-header-navbar-wrapper" id="header-nav-wrapper">
      <div class="container"><div class="row"><div class="col-12">
        <nav class="navbar navbar-expand-lg has-megamenu" aria-label="Menu principale">
          <button class="custom-navbar-toggler" type="button" aria-controls="nav-main" aria-expanded="false" aria-label="Mostra o nascondi il menu" data-bs-toggle="navbarcollapsible" data-bs-target="#nav-main">
            ${icon(context, 'it-burger')}
          </button>
          <div class="navbar-collapsable" id="nav-main">
            <div class="overlay"></div>
            <div class="close-div">
              <button class="btn close-menu" type="button"><span class="visually-hidden">Nascondi il menu</span>${icon(context, 'it-close-big')}</button>
            </div>
            <div class="menu-wrapper">
              <ul class="navbar-nav" data-element="main-navigation">
                ${menu.map(
                  (entry) =>
                    html`<li class="nav-item"><a class="nav-link${context.path === entry.path || context.path.startsWith(`${entry.path}/`) ? ' active' : ''}" href="${hrefOf(context, entry.path)}"${de(entry.dataElement ?? MENU_DATA_ELEMENTS.get(entry.path))}${context.path === entry.path ? html` aria-current="page"` : null}><span>${labelOf(entry.label)}</span></a></li>`,
                )}
              </ul>
              <ul class="navbar-nav navbar-secondary">
                <li class="nav-item"><a class="nav-link" href="${hrefOf(context, 'argomenti')}" data-element="all-topics"><span class="fw-bold">Tutti gli argomenti</span></a></li>
              </ul>
            </div>
          </div>
        </nav>
      </div></div></div>
    </div>
  </div>
</header>`;
}

const NEGATIVE_ANSWERS = [
  'A volte le indicazioni non erano chiare',
  'A volte le indicazioni non erano complete',
  'A volte non capivo se stavo procedendo correttamente',
  'Ho avuto problemi tecnici',
  'Altro',
];
const POSITIVE_ANSWERS = [
  'Le indicazioni erano chiare',
  'Le indicazioni erano complete',
  'Capivo sempre che stavo procedendo correttamente',
  'Non ho avuto problemi tecnici',
  'Altro',
];

function followUp(kind: 'positive' | 'negative', question: string, answers: readonly string[]): SafeHtml {
  return html`<fieldset class="site-feedback-followup site-feedback-${kind}" data-element="feedback-rating-${kind}">
    <legend class="title-medium-2-semi-bold" data-element="feedback-rating-question">${question}</legend>
    ${answers.map(
      (answer, index) => html`<div class="form-check">
      <input class="form-check-input" type="radio" name="reason-${kind}" id="feedback-${kind}-${index}" value="${answer}">
      <label class="form-check-label" for="feedback-${kind}-${index}" data-element="feedback-rating-answer">${answer}</label>
    </div>`,
    )}
  </fieldset>`;
}

/** The model's rating box; a plain form that works without JavaScript (see the handler's _feedback route). */
export function feedbackBox(context: RenderContext): SafeHtml {
  const notice = context.feedback;
  const body =
    notice === 'grazie'
      ? html`<p class="mt-3" role="status">Grazie, il tuo giudizio ci aiuterà a migliorare il servizio.</p>`
      : html`${notice === 'errore' ? html`<div class="alert alert-danger" role="alert">Scegli un giudizio da 1 a 5 stelle e riprova.</div>` : null}
      ${notice === 'troppe' ? html`<div class="alert alert-warning" role="alert">Hai inviato molti giudizi in poco tempo: riprova più tardi.</div>` : null}
      <form method="post" action="${context.root}_feedback">
        <input type="hidden" name="path" value="${context.path}">
        <fieldset class="site-rating-choices">
          <legend class="visually-hidden">Valuta da 1 a 5 stelle la chiarezza della pagina</legend>
          ${[1, 2, 3, 4, 5].map(
            (value) => html`<label data-element="feedback-rate-${value}">
            <input type="radio" name="rating" value="${value}" required>
            <span>${value}<span class="visually-hidden"> ${value === 1 ? 'stella' : 'stelle'} su 5</span></span>
          </label>`,
          )}
        </fieldset>
        ${followUp('negative', 'Dove hai incontrato le maggiori difficoltà?', NEGATIVE_ANSWERS)}
        ${followUp('positive', 'Quali sono stati gli aspetti che hai preferito?', POSITIVE_ANSWERS)}
        <div class="form-group mt-3">
          <label for="feedback-comment">Vuoi aggiungere altri dettagli? (facoltativo, massimo 200 caratteri)</label>
          <input type="text" class="form-control" id="feedback-comment" name="comment" maxlength="200" data-element="feedback-input-text">
        </div>
        <button type="submit" class="btn btn-primary">Invia</button>
      </form>`;
  return html`<section class="bg-primary" aria-labelledby="feedback-title">
  <div class="container"><div class="row d-flex justify-content-center"><div class="col-12 col-lg-6 p-lg-0 px-3">
    <div class="cmp-rating pt-5 pb-5" id="feedback">
      <div class="card shadow card-wrapper site-feedback p-4" data-element="feedback">
        <h2 class="title-medium-2-semi-bold mb-0" id="feedback-title" data-element="feedback-title">Quanto sono chiare le informazioni su questa pagina?</h2>
        ${body}
      </div>
    </div>
  </div></div></div>
</section>`;
}

function footer(context: RenderContext): SafeHtml {
  const { site } = context.site;
  const menu = context.site.menu ?? [];
  const links = (site.links ?? []).flatMap((link) => {
    const href = linkHref(context, link.href);
    return href ? [{ ...link, href }] : [];
  });
  return html`<footer class="it-footer" id="footer">
  <div class="it-footer-main">
    <div class="container">
      <div class="row"><div class="col-12 footer-items-wrapper logo-wrapper">
        <div class="it-brand-wrapper"><a href="${context.root}">${icon(context, 'it-pa', 'icon-xl')}<div class="it-brand-text"><div class="it-brand-title">${site.name}</div></div></a></div>
      </div></div>
      <div class="row">
        ${menu.map(
          (entry) => html`<div class="col-md-3 footer-items-wrapper">
          <h3 class="footer-heading-title"><a class="text-white" href="${hrefOf(context, entry.path)}">${labelOf(entry.label)}</a></h3>
          <ul class="footer-list">
            ${(entry.children ?? []).slice(0, 8).map((child) => html`<li><a href="${hrefOf(context, child.path)}">${labelOf(child.label)}</a></li>`)}
          </ul>
        </div>`,
        )}
      </div>
      <div class="row">
        <div class="col-md-9 footer-items-wrapper">
          <h3 class="footer-heading-title">Contatti</h3>
          <p class="footer-info">
            ${site.body?.name ?? site.name}${site.body?.ipaCode ? html`<br>Codice IPA: ${site.body.ipaCode}` : null}
            ${site.body?.pecAddress ? html`<br>PEC: <a href="mailto:${site.body.pecAddress}">${site.body.pecAddress}</a>` : null}
          </p>
        </div>
        <div class="col-md-3 footer-items-wrapper">
          <h3 class="footer-heading-title">Informazioni</h3>
          <ul class="footer-list">
            ${links.map((link) => html`<li><a href="${link.href}"${de(link.dataElement ?? LINK_DATA_ELEMENTS.get(link.kind))}>${labelOf(link.label)}</a></li>`)}
          </ul>
        </div>
      </div>
    </div>
  </div>
  <div class="it-footer-small-prints"><div class="container">
    <p class="it-footer-small-prints-list list-inline mb-0 py-3 text-white">Sito realizzato con GEA, servizio ICT associato.</p>
  </div></div>
</footer>`;
}

export interface LayoutOptions {
  title: string;
  description?: string | null;
  main: SafeHtml;
  jsonLd?: unknown;
  /** The feedback box: on content pages and lists, not on error pages. */
  feedback?: boolean;
}

export function layout(context: RenderContext, options: LayoutOptions): string {
  const { site } = context.site;
  const title = options.title === site.name ? site.name : `${options.title} - ${site.name}`;
  const page = html`<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${options.description ? html`<meta name="description" content="${options.description}">` : null}
${context.preview ? html`<meta name="robots" content="noindex, nofollow">` : null}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${context.assets}/css/bootstrap-italia.min.css">
<link rel="stylesheet" href="${context.assets}/fonts.css">
<link rel="stylesheet" href="${context.assets}/site.css">
<script src="${context.assets}/site.js" defer></script>
<script src="${context.assets}/js/bootstrap-italia.bundle.min.js" defer></script>
${options.jsonLd ? html`<script type="application/ld+json" data-element="metatag">${jsonScript(options.jsonLd)}</script>` : null}
</head>
<body>
<div class="skiplink">
  <a class="visually-hidden-focusable" href="#main-container">Vai ai contenuti</a>
  <a class="visually-hidden-focusable" href="#footer">Vai al piè di pagina</a>
</div>
${context.preview ? html`<div class="alert alert-warning preview-banner" role="status"><strong>Anteprima</strong>: questa versione della pagina non è pubblicata e i visitatori non la vedono.</div>` : null}
${header(context)}
<main id="main-container">
${options.main}
</main>
${options.feedback === false ? null : feedbackBox(context)}
${footer(context)}
</body>
</html>
`;
  return page.value;
}
