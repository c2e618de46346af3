// Fixture JSON shaped like the public API's answers (the contract), for the renderer's tests.
import type { PathJson, SiteJson } from '../api-types.ts';

export const siteJson: SiteJson = {
  site: {
    slug: 'pelago',
    name: 'Comune di Pelago',
    primaryDomain: 'comune.pelago.fi.it',
    body: { name: 'Comune di Pelago', ipaCode: 'c_g420', pecAddress: 'comune.pelago@postacert.toscana.it' },
    links: [
      { kind: 'ACCESSIBILITY_DECLARATION', label: { it: 'Dichiarazione di accessibilità', en: 'Accessibility statement' }, dataElement: 'accessibility-link', href: 'https://form.agid.gov.it/view/0000' },
      { kind: 'PRIVACY', label: { it: 'Informativa privacy', en: 'Privacy notice' }, dataElement: 'privacy-policy-link', href: 'privacy' },
      { kind: 'LEGAL_NOTES', label: { it: 'Note legali', en: 'Legal notes' }, dataElement: 'legal-notes', href: 'note-legali' },
      { kind: 'BOOKING', label: { it: 'Prenotazione appuntamento', en: 'Book an appointment' }, dataElement: 'appointment-booking', href: 'https://prenotazioni.example.it/pelago' },
      { kind: 'REPORT_PROBLEM', label: { it: 'Segnalazione disservizio', en: 'Report a problem' }, dataElement: 'report-inefficiency', href: 'https://segnalazioni.example.it/pelago' },
      { kind: 'FAQ', label: { it: 'Leggi le domande frequenti', en: 'FAQ' }, dataElement: 'faq', href: 'domande-frequenti' },
    ],
  },
  menu: [
    {
      path: 'amministrazione',
      label: { it: 'Amministrazione', en: 'Administration' },
      dataElement: 'management',
      children: [{ path: 'amministrazione/uffici', label: { it: 'Uffici', en: 'Offices' }, count: 1 }],
    },
    { path: 'novita', label: { it: 'Novità', en: 'News' }, dataElement: 'news', children: [{ path: 'novita/notizie', label: { it: 'Notizie', en: 'News' }, count: 2 }] },
    {
      path: 'servizi',
      label: { it: 'Servizi', en: 'Services' },
      dataElement: 'all-services',
      children: [{ path: 'servizi/anagrafe-e-stato-civile', label: { it: 'Anagrafe e stato civile', en: 'Registry' }, count: 2 }],
    },
    {
      path: 'vivere-il-comune',
      label: { it: 'Vivere il Comune', en: 'Living in the town' },
      dataElement: 'live',
      children: [
        { path: 'vivere-il-comune/luoghi', label: { it: 'Luoghi', en: 'Places' }, count: 1 },
        { path: 'vivere-il-comune/eventi', label: { it: 'Eventi', en: 'Events' }, count: 1 },
      ],
    },
  ],
};

const text = (html: string) => ({ html });

export const servicePage: PathJson & { kind: 'page' } = {
  kind: 'page',
  preview: false,
  page: {
    type: 'SERVIZIO',
    slug: 'carta-di-identita-elettronica',
    path: 'servizi/anagrafe-e-stato-civile/carta-di-identita-elettronica',
    title: "Carta d'identità elettronica",
    summary: "Richiedere la carta d'identità elettronica all'Ufficio anagrafe.",
    topics: [{ key: 'comunicazione-istituzionale', label: 'Comunicazione istituzionale' }],
    publishedAt: '2026-11-02T09:00:00.000Z',
    updatedAt: '2026-11-20T10:30:00.000Z',
    breadcrumb: [
      { label: 'Servizi', path: 'servizi' },
      { label: 'Anagrafe e stato civile', path: 'servizi/anagrafe-e-stato-civile' },
    ],
    sections: [
      {
        key: 'descrizione',
        label: 'Descrizione',
        fields: [
          { key: 'category', label: 'Categoria del servizio', kind: 'term', value: { key: 'anagrafe-e-stato-civile', label: 'Anagrafe e stato civile' } },
          { key: 'active', label: 'Servizio attivo', kind: 'boolean', value: true },
          { key: 'description', label: 'Descrizione estesa', kind: 'richText', value: null },
        ],
      },
      { key: 'a-chi-e-rivolto', label: 'A chi è rivolto', fields: [{ key: 'audience', label: 'A chi è rivolto', kind: 'richText', value: text('<p>A chi risiede nel Comune.</p>') }] },
      { key: 'come-fare', label: 'Come fare', fields: [{ key: 'howTo', label: 'Come fare', kind: 'richText', value: text('<p>Prenota un appuntamento.</p>') }] },
      { key: 'cosa-serve', label: 'Cosa serve', fields: [{ key: 'requirements', label: 'Cosa serve', kind: 'richText', value: text('<ul><li><p>Una fototessera</p></li></ul>') }] },
      { key: 'cosa-si-ottiene', label: 'Cosa si ottiene', fields: [{ key: 'outcome', label: 'Cosa si ottiene', kind: 'richText', value: text('<p>La carta, spedita a casa.</p>') }] },
      { key: 'tempi-e-scadenze', label: 'Tempi e scadenze', fields: [{ key: 'timing', label: 'Tempi e scadenze', kind: 'richText', value: text('<p>Entro 6 giorni lavorativi.</p>') }] },
      {
        key: 'accedi-al-servizio',
        label: 'Accedi al servizio',
        fields: [
          { key: 'accessDescription', label: 'Come accedere', kind: 'richText', value: text("<p>Allo sportello dell'anagrafe.</p>") },
          { key: 'onlineUrl', label: 'Indirizzo del servizio online', kind: 'url', value: null },
          { key: 'bookingUrl', label: 'Prenotazione appuntamento', kind: 'url', value: 'https://prenotazioni.example.it/pelago' },
        ],
      },
      {
        key: 'condizioni-di-servizio',
        label: 'Condizioni di servizio',
        fields: [
          { key: 'termsDescription', label: 'Condizioni di servizio', kind: 'richText', value: null },
          {
            key: 'termsDocument',
            label: 'Termini e condizioni (documento)',
            kind: 'attachment',
            value: { id: '0190aaaa-0000-7000-8000-000000000001', fileName: 'condizioni.pdf', mediaType: 'application/pdf', size: 20480, href: '/web-hosting/public/sites/pelago/files/0190aaaa-0000-7000-8000-000000000001' },
          },
        ],
      },
      {
        key: 'contatti',
        label: 'Contatti',
        fields: [
          { key: 'responsibleUnit', label: 'Unità organizzativa responsabile', kind: 'reference', value: { type: 'UNITA_ORGANIZZATIVA', title: 'Ufficio anagrafe', path: 'amministrazione/uffici/ufficio-anagrafe', summary: 'Anagrafe e stato civile' } },
          {
            key: 'contactPoints',
            label: 'Punti di contatto',
            kind: 'references',
            value: [{ type: 'PUNTO_DI_CONTATTO', title: 'Sportello anagrafe', path: null, contact: { phone: '055 8327301', email: 'anagrafe@comune.pelago.fi.it', hours: 'Lun-ven 9-12' } }],
          },
        ],
      },
      { key: 'ulteriori-informazioni', label: 'Ulteriori informazioni', fields: [{ key: 'moreInformation', label: 'Ulteriori informazioni', kind: 'richText', value: null }] },
    ],
    jsonLd: { '@context': 'https://schema.org', '@type': 'GovernmentService', name: "Carta d'identità elettronica" },
  },
};

export const homeJson: PathJson = {
  kind: 'home',
  home: {
    news: [{ type: 'NOTIZIA', title: 'Nuovi orari della biblioteca', summary: 'Da lunedì', path: 'novita/notizie/nuovi-orari', date: '2026-11-20' }],
    events: [{ type: 'EVENTO', title: 'Festa della castagna', summary: null, path: 'vivere-il-comune/eventi/festa-della-castagna', date: '2026-12-08T15:00:00.000Z' }],
    services: [{ type: 'SERVIZIO', title: "Carta d'identità elettronica", summary: 'Richiedi la CIE', path: servicePage.page.path, date: null }],
    topics: [{ key: 'comunicazione-istituzionale', label: 'Comunicazione istituzionale' }],
  },
};

export const servicesListJson: PathJson = {
  kind: 'list',
  list: {
    title: 'Servizi',
    path: 'servizi',
    breadcrumb: [{ label: 'Servizi', path: 'servizi' }],
    items: [{ type: 'SERVIZIO', title: "Carta d'identità elettronica", summary: 'Richiedi la CIE', path: servicePage.page.path, date: null }],
    page: 1,
    pageCount: 2,
    total: 11,
  },
};
