// The first- and second-level menus of the model's site map, in the model's order, and where each
// content type lives in it. The validator of PNRR measure 1.4.1 checks the first level exactly
// (all four, in this order) and that most second-level entries are there. Data only.
import type { ContentTypeName, Label } from './content-types.ts';
import { documentTypes, newsTypes, organisationUnitTypes, personTypes, serviceCategories, type VocabularyTerm } from './taxonomies.ts';

export interface MenuEntry {
  /** Path below the site's root, without slashes at either end. */
  readonly path: string;
  readonly label: Label;
}

export interface FirstLevelMenuEntry extends MenuEntry {
  /** The `data-element` attribute the validator looks for on this entry. */
  readonly dataElement: string;
  readonly children: readonly MenuEntry[];
}

const fromTerms = (parent: string, terms: readonly VocabularyTerm[]): MenuEntry[] =>
  terms.map((term) => ({ path: `${parent}/${term.key}`, label: { it: term.it, en: term.en } }));

export const menu: readonly FirstLevelMenuEntry[] = [
  {
    path: 'amministrazione',
    label: { it: 'Amministrazione', en: 'Administration' },
    dataElement: 'management',
    children: [
      ...fromTerms('amministrazione', organisationUnitTypes),
      ...fromTerms('amministrazione', personTypes),
      { path: 'amministrazione/documenti-e-dati', label: { it: 'Documenti e dati', en: 'Documents and data' } },
    ],
  },
  {
    path: 'novita',
    label: { it: 'Novità', en: 'News' },
    dataElement: 'news',
    children: fromTerms('novita', newsTypes),
  },
  {
    path: 'servizi',
    label: { it: 'Servizi', en: 'Services' },
    dataElement: 'all-services',
    children: fromTerms('servizi', serviceCategories),
  },
  {
    path: 'vivere-il-comune',
    label: { it: 'Vivere il Comune', en: 'Living in the town' },
    dataElement: 'live',
    children: [
      { path: 'vivere-il-comune/luoghi', label: { it: 'Luoghi', en: 'Places' } },
      { path: 'vivere-il-comune/eventi', label: { it: 'Eventi', en: 'Events' } },
    ],
  },
];

/** Where a page of each type is on the site, from the type and the page's own fields. */
export function pagePath(type: ContentTypeName, slug: string, fields: Readonly<Record<string, unknown>>): string | null {
  switch (type) {
    case 'SERVIZIO':
      return `servizi/${String(fields.category ?? 'servizio')}/${slug}`;
    case 'NOTIZIA':
      return `novita/${String(fields.newsType ?? 'notizie')}/${slug}`;
    case 'EVENTO':
      return `vivere-il-comune/eventi/${slug}`;
    case 'LUOGO':
      return `vivere-il-comune/luoghi/${slug}`;
    case 'DOCUMENTO_PUBBLICO':
      return `amministrazione/documenti-e-dati/${slug}`;
    case 'DATASET':
      return `amministrazione/documenti-e-dati/dataset/${slug}`;
    case 'UNITA_ORGANIZZATIVA':
      return `amministrazione/${String(fields.unitType ?? 'uffici')}/${slug}`;
    case 'PERSONA_PUBBLICA':
      return `amministrazione/${String(fields.personType ?? 'personale-amministrativo')}/${slug}`;
    case 'PAGINA':
      return slug;
    case 'PUNTO_DI_CONTATTO':
      return null;
  }
}

/** The site-wide pages and links every municipal site must show, with the validator's `data-element`. */
export const requiredLinks = [
  { kind: 'ACCESSIBILITY_DECLARATION', label: { it: 'Dichiarazione di accessibilità', en: 'Accessibility statement' }, dataElement: 'accessibility-link' },
  { kind: 'PRIVACY', label: { it: 'Informativa privacy', en: 'Privacy notice' }, dataElement: 'privacy-policy-link' },
  { kind: 'LEGAL_NOTES', label: { it: 'Note legali', en: 'Legal notes' }, dataElement: 'legal-notes' },
  { kind: 'BOOKING', label: { it: 'Prenotazione appuntamento', en: 'Book an appointment' }, dataElement: 'appointment-booking' },
  { kind: 'REPORT_PROBLEM', label: { it: 'Segnalazione disservizio', en: 'Report a problem' }, dataElement: 'report-inefficiency' },
  { kind: 'FAQ', label: { it: 'Leggi le domande frequenti', en: 'Frequently asked questions' }, dataElement: 'faq' },
] as const satisfies readonly { kind: string; label: Label; dataElement: string }[];

export type RequiredLinkKind = (typeof requiredLinks)[number]['kind'];
