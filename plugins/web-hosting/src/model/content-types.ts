// The content types of the Designers Italia model for municipal sites, as data: the server checks
// revisions against it (rules/revision-check.ts), the web client builds the editor's form from it,
// the reference front end lays pages out by it. Data only: no server imports.
import type { VocabularyName } from './taxonomies.ts';

export const contentTypes = [
  'SERVIZIO',
  'NOTIZIA',
  'EVENTO',
  'LUOGO',
  'DOCUMENTO_PUBBLICO',
  'UNITA_ORGANIZZATIVA',
  'PERSONA_PUBBLICA',
  'PUNTO_DI_CONTATTO',
  'DATASET',
  'PAGINA',
] as const;
export type ContentTypeName = (typeof contentTypes)[number];

export interface Label {
  readonly it: string;
  readonly en: string;
}

export type FieldDefinition =
  | { readonly key: string; readonly kind: 'text' | 'longText' | 'url' | 'email' | 'phone'; readonly label: Label; readonly required?: boolean; readonly max?: number }
  | { readonly key: string; readonly kind: 'richText'; readonly label: Label; readonly required?: boolean }
  | { readonly key: string; readonly kind: 'date' | 'dateTime' | 'boolean'; readonly label: Label; readonly required?: boolean }
  | { readonly key: string; readonly kind: 'term' | 'terms'; readonly vocabulary: VocabularyName; readonly label: Label; readonly required?: boolean }
  | {
      readonly key: string;
      readonly kind: 'reference' | 'references';
      /** Pages of these types, on the same site; published before the page that points at them. */
      readonly to: readonly ContentTypeName[];
      readonly label: Label;
      readonly required?: boolean;
    }
  | { readonly key: string; readonly kind: 'attachment' | 'attachments'; readonly label: Label; readonly required?: boolean };

export type FieldKind = FieldDefinition['kind'];

/** A section of a page, listed in the page's index ("Indice della pagina") in this order. */
export interface SectionDefinition {
  readonly key: string;
  readonly label: Label;
  /** A required section cannot be left empty when the page is published: some required field of it, or (none marked) some field of it. */
  readonly required: boolean;
  readonly fields: readonly FieldDefinition[];
}

export interface ContentTypeDefinition {
  readonly type: ContentTypeName;
  readonly label: Label;
  readonly plural: Label;
  /** Whether visitors open it as a page of its own (a contact point is only shown inside others). */
  readonly hasPage: boolean;
  /** Whether at least one topic (argomento) is required to publish. */
  readonly topicsRequired: boolean;
  /** The schema.org type of the page's JSON-LD, when the model asks for one. */
  readonly jsonLdType?: 'GovernmentService' | 'NewsArticle' | 'Event' | 'Place' | 'DigitalDocument' | 'GovernmentOrganization' | 'Person' | 'Dataset';
  /** The field public lists sort by (newest first): a news item's date, an event's start. */
  readonly sortDateField?: string;
  readonly sections: readonly SectionDefinition[];
}

const l = (it: string, en: string): Label => ({ it, en });

/**
 * The required sections of a service page, in the model's order. The validator of PNRR measure
 * 1.4.1 checks that every service page shows all of them, in this order.
 */
export const serviceSections: readonly SectionDefinition[] = [
  {
    key: 'a-chi-e-rivolto',
    label: l('A chi è rivolto', 'Who it is for'),
    required: true,
    fields: [{ key: 'audience', kind: 'richText', label: l('A chi è rivolto', 'Who it is for'), required: true }],
  },
  {
    key: 'come-fare',
    label: l('Come fare', 'How to'),
    required: true,
    fields: [{ key: 'howTo', kind: 'richText', label: l('Come fare', 'How to'), required: true }],
  },
  {
    key: 'cosa-serve',
    label: l('Cosa serve', 'What you need'),
    required: true,
    fields: [{ key: 'requirements', kind: 'richText', label: l('Cosa serve', 'What you need'), required: true }],
  },
  {
    key: 'cosa-si-ottiene',
    label: l('Cosa si ottiene', 'What you get'),
    required: true,
    fields: [{ key: 'outcome', kind: 'richText', label: l('Cosa si ottiene', 'What you get'), required: true }],
  },
  {
    key: 'tempi-e-scadenze',
    label: l('Tempi e scadenze', 'Times and deadlines'),
    required: true,
    fields: [{ key: 'timing', kind: 'richText', label: l('Tempi e scadenze', 'Times and deadlines'), required: true }],
  },
  {
    key: 'accedi-al-servizio',
    label: l('Accedi al servizio', 'Access the service'),
    required: true,
    fields: [
      { key: 'accessDescription', kind: 'richText', label: l('Come accedere', 'How to access it'), required: true },
      { key: 'onlineUrl', kind: 'url', label: l('Indirizzo del servizio online', 'Address of the online service') },
      { key: 'bookingUrl', kind: 'url', label: l('Prenotazione appuntamento', 'Book an appointment') },
    ],
  },
  {
    key: 'condizioni-di-servizio',
    label: l('Condizioni di servizio', 'Terms of service'),
    required: true,
    fields: [
      { key: 'termsDescription', kind: 'richText', label: l('Condizioni di servizio', 'Terms of service') },
      { key: 'termsDocument', kind: 'attachment', label: l('Termini e condizioni (documento)', 'Terms and conditions (document)'), required: true },
    ],
  },
  {
    key: 'contatti',
    label: l('Contatti', 'Contacts'),
    required: true,
    fields: [
      { key: 'responsibleUnit', kind: 'reference', to: ['UNITA_ORGANIZZATIVA'], label: l('Unità organizzativa responsabile', 'Responsible unit'), required: true },
      { key: 'contactPoints', kind: 'references', to: ['PUNTO_DI_CONTATTO'], label: l('Punti di contatto', 'Contact points'), required: true },
    ],
  },
];

const topicsSection: SectionDefinition = {
  key: 'ulteriori-informazioni',
  label: l('Ulteriori informazioni', 'More information'),
  required: false,
  fields: [{ key: 'moreInformation', kind: 'richText', label: l('Ulteriori informazioni', 'More information') }],
};

export const contentTypeDefinitions: Readonly<Record<ContentTypeName, ContentTypeDefinition>> = {
  SERVIZIO: {
    type: 'SERVIZIO',
    label: l('Servizio', 'Service'),
    plural: l('Servizi', 'Services'),
    hasPage: true,
    topicsRequired: true,
    jsonLdType: 'GovernmentService',
    sections: [
      {
        key: 'descrizione',
        label: l('Descrizione', 'Description'),
        required: false,
        fields: [
          { key: 'category', kind: 'term', vocabulary: 'serviceCategories', label: l('Categoria del servizio', 'Service category'), required: true },
          { key: 'active', kind: 'boolean', label: l('Servizio attivo', 'Service available') },
          { key: 'inactiveReason', kind: 'text', max: 300, label: l('Motivo dello stato', 'Why it is not available') },
          { key: 'description', kind: 'richText', label: l('Descrizione estesa', 'Full description') },
          { key: 'lifeEvents', kind: 'terms', vocabulary: 'lifeEventsPeople', label: l('Eventi della vita (persone)', 'Life events (people)') },
          { key: 'businessEvents', kind: 'terms', vocabulary: 'lifeEventsBusinesses', label: l('Eventi della vita (imprese)', 'Life events (businesses)') },
        ],
      },
      ...serviceSections,
      topicsSection,
    ],
  },
  NOTIZIA: {
    type: 'NOTIZIA',
    label: l('Notizia', 'News item'),
    plural: l('Notizie', 'News'),
    hasPage: true,
    topicsRequired: true,
    jsonLdType: 'NewsArticle',
    sortDateField: 'date',
    sections: [
      {
        key: 'descrizione',
        label: l('Descrizione', 'Description'),
        required: true,
        fields: [
          { key: 'newsType', kind: 'term', vocabulary: 'newsTypes', label: l('Tipo di notizia', 'Type of news'), required: true },
          { key: 'date', kind: 'date', label: l('Data della notizia', 'Date'), required: true },
          { key: 'expiresOn', kind: 'date', label: l('Data di scadenza', 'Expires on') },
          { key: 'body', kind: 'richText', label: l('Testo', 'Text'), required: true },
          { key: 'image', kind: 'attachment', label: l('Immagine', 'Image') },
        ],
      },
      {
        key: 'a-cura-di',
        label: l('A cura di', 'By'),
        required: false,
        fields: [
          { key: 'units', kind: 'references', to: ['UNITA_ORGANIZZATIVA'], label: l('Unità organizzative', 'Units') },
          { key: 'people', kind: 'references', to: ['PERSONA_PUBBLICA'], label: l('Persone', 'People') },
        ],
      },
      {
        key: 'documenti',
        label: l('Documenti', 'Documents'),
        required: false,
        fields: [{ key: 'documents', kind: 'references', to: ['DOCUMENTO_PUBBLICO'], label: l('Documenti collegati', 'Related documents') }],
      },
      topicsSection,
    ],
  },
  EVENTO: {
    type: 'EVENTO',
    label: l('Evento', 'Event'),
    plural: l('Eventi', 'Events'),
    hasPage: true,
    topicsRequired: true,
    jsonLdType: 'Event',
    sortDateField: 'startsAt',
    sections: [
      {
        key: 'cos-e',
        label: l("Cos'è", 'What it is'),
        required: true,
        fields: [
          { key: 'eventType', kind: 'term', vocabulary: 'eventTypes', label: l('Tipo di evento', 'Type of event'), required: true },
          { key: 'body', kind: 'richText', label: l('Descrizione', 'Description'), required: true },
          { key: 'audience', kind: 'richText', label: l('A chi è rivolto', 'Who it is for') },
        ],
      },
      {
        key: 'luogo',
        label: l('Luogo', 'Place'),
        required: true,
        fields: [
          { key: 'place', kind: 'reference', to: ['LUOGO'], label: l('Luogo', 'Place') },
          { key: 'address', kind: 'text', max: 300, label: l('Indirizzo', 'Address') },
        ],
      },
      {
        key: 'date-e-orari',
        label: l('Date e orari', 'Dates and times'),
        required: true,
        fields: [
          { key: 'startsAt', kind: 'dateTime', label: l('Inizio', 'Starts'), required: true },
          { key: 'endsAt', kind: 'dateTime', label: l('Fine', 'Ends'), required: true },
        ],
      },
      {
        key: 'costi',
        label: l('Costi', 'Costs'),
        required: false,
        fields: [{ key: 'costs', kind: 'richText', label: l('Costi', 'Costs') }],
      },
      {
        key: 'contatti',
        label: l('Contatti', 'Contacts'),
        required: false,
        fields: [{ key: 'contactPoints', kind: 'references', to: ['PUNTO_DI_CONTATTO'], label: l('Punti di contatto', 'Contact points') }],
      },
      topicsSection,
    ],
  },
  LUOGO: {
    type: 'LUOGO',
    label: l('Luogo', 'Place'),
    plural: l('Luoghi', 'Places'),
    hasPage: true,
    topicsRequired: true,
    jsonLdType: 'Place',
    sections: [
      {
        key: 'descrizione',
        label: l('Descrizione', 'Description'),
        required: true,
        fields: [
          { key: 'placeType', kind: 'term', vocabulary: 'placeTypes', label: l('Tipo di luogo', 'Type of place'), required: true },
          { key: 'body', kind: 'richText', label: l('Descrizione', 'Description'), required: true },
          { key: 'image', kind: 'attachment', label: l('Immagine', 'Image') },
        ],
      },
      {
        key: 'modalita-di-accesso',
        label: l('Modalità di accesso', 'How to get in'),
        required: true,
        fields: [{ key: 'access', kind: 'richText', label: l('Modalità di accesso', 'How to get in'), required: true }],
      },
      {
        key: 'indirizzo',
        label: l('Indirizzo', 'Address'),
        required: true,
        fields: [{ key: 'address', kind: 'text', max: 300, label: l('Indirizzo', 'Address'), required: true }],
      },
      {
        key: 'orari',
        label: l('Orari di apertura', 'Opening hours'),
        required: false,
        fields: [{ key: 'openingHours', kind: 'richText', label: l('Orari di apertura', 'Opening hours') }],
      },
      {
        key: 'contatti',
        label: l('Contatti', 'Contacts'),
        required: false,
        fields: [{ key: 'contactPoints', kind: 'references', to: ['PUNTO_DI_CONTATTO'], label: l('Punti di contatto', 'Contact points') }],
      },
      topicsSection,
    ],
  },
  DOCUMENTO_PUBBLICO: {
    type: 'DOCUMENTO_PUBBLICO',
    label: l('Documento pubblico', 'Public document'),
    plural: l('Documenti e dati', 'Documents and data'),
    hasPage: true,
    topicsRequired: true,
    jsonLdType: 'DigitalDocument',
    sortDateField: 'date',
    sections: [
      {
        key: 'descrizione',
        label: l('Descrizione', 'Description'),
        required: true,
        fields: [
          { key: 'documentType', kind: 'term', vocabulary: 'documentTypes', label: l('Tipo di documento', 'Type of document'), required: true },
          { key: 'date', kind: 'date', label: l('Data del documento', 'Date of the document') },
          { key: 'protocolNumber', kind: 'text', max: 100, label: l('Numero di protocollo', 'Protocol number') },
          { key: 'body', kind: 'richText', label: l('Descrizione', 'Description') },
        ],
      },
      {
        key: 'documento',
        label: l('Documento', 'Document'),
        required: true,
        fields: [
          { key: 'file', kind: 'attachment', label: l('Documento principale (file)', 'Main document (file)') },
          { key: 'fileUrl', kind: 'url', label: l('Documento principale (indirizzo)', 'Main document (address)') },
          { key: 'attachments', kind: 'attachments', label: l('Allegati', 'Attachments') },
        ],
      },
      {
        key: 'ufficio-responsabile',
        label: l('Ufficio responsabile', 'Responsible office'),
        required: false,
        fields: [{ key: 'responsibleUnit', kind: 'reference', to: ['UNITA_ORGANIZZATIVA'], label: l('Ufficio responsabile', 'Responsible office') }],
      },
      topicsSection,
    ],
  },
  UNITA_ORGANIZZATIVA: {
    type: 'UNITA_ORGANIZZATIVA',
    label: l('Unità organizzativa', 'Organisational unit'),
    plural: l('Unità organizzative', 'Organisational units'),
    hasPage: true,
    topicsRequired: false,
    jsonLdType: 'GovernmentOrganization',
    sections: [
      {
        key: 'competenze',
        label: l('Competenze', 'Responsibilities'),
        required: true,
        fields: [
          { key: 'unitType', kind: 'term', vocabulary: 'organisationUnitTypes', label: l('Tipo di organizzazione', 'Type of unit'), required: true },
          { key: 'competences', kind: 'richText', label: l('Competenze', 'Responsibilities'), required: true },
          { key: 'head', kind: 'reference', to: ['PERSONA_PUBBLICA'], label: l('Responsabile', 'Head') },
          { key: 'people', kind: 'references', to: ['PERSONA_PUBBLICA'], label: l('Persone', 'People') },
        ],
      },
      {
        key: 'sede',
        label: l('Sede', 'Seat'),
        required: true,
        fields: [
          { key: 'address', kind: 'text', max: 300, label: l('Indirizzo della sede principale', 'Address of the main seat'), required: true },
          { key: 'place', kind: 'reference', to: ['LUOGO'], label: l('Luogo', 'Place') },
        ],
      },
      {
        key: 'contatti',
        label: l('Contatti', 'Contacts'),
        required: true,
        fields: [{ key: 'contactPoints', kind: 'references', to: ['PUNTO_DI_CONTATTO'], label: l('Punti di contatto', 'Contact points'), required: true }],
      },
      topicsSection,
    ],
  },
  PERSONA_PUBBLICA: {
    type: 'PERSONA_PUBBLICA',
    label: l('Persona pubblica', 'Public person'),
    plural: l('Persone', 'People'),
    hasPage: true,
    topicsRequired: false,
    jsonLdType: 'Person',
    sections: [
      {
        key: 'ruolo',
        label: l('Ruolo', 'Role'),
        required: true,
        fields: [
          { key: 'personType', kind: 'term', vocabulary: 'personTypes', label: l('Tipo di incarico', 'Kind of role'), required: true },
          { key: 'role', kind: 'text', max: 200, label: l('Ruolo', 'Role'), required: true },
          { key: 'units', kind: 'references', to: ['UNITA_ORGANIZZATIVA'], label: l('Organizzazione', 'Organisation') },
          { key: 'biography', kind: 'richText', label: l('Biografia', 'Biography') },
          { key: 'photo', kind: 'attachment', label: l('Foto', 'Photo') },
        ],
      },
      {
        key: 'contatti',
        label: l('Contatti', 'Contacts'),
        required: false,
        fields: [{ key: 'contactPoints', kind: 'references', to: ['PUNTO_DI_CONTATTO'], label: l('Punti di contatto', 'Contact points') }],
      },
      topicsSection,
    ],
  },
  PUNTO_DI_CONTATTO: {
    type: 'PUNTO_DI_CONTATTO',
    label: l('Punto di contatto', 'Contact point'),
    plural: l('Punti di contatto', 'Contact points'),
    hasPage: false,
    topicsRequired: false,
    sections: [
      {
        key: 'recapiti',
        label: l('Recapiti', 'Contact details'),
        required: true,
        fields: [
          { key: 'phone', kind: 'phone', max: 40, label: l('Telefono', 'Phone') },
          { key: 'email', kind: 'email', max: 200, label: l('E-mail', 'E-mail') },
          { key: 'pec', kind: 'email', max: 200, label: l('PEC', 'PEC') },
          { key: 'url', kind: 'url', label: l('Sito web', 'Web site') },
          { key: 'hours', kind: 'longText', max: 500, label: l('Orari', 'Hours') },
        ],
      },
    ],
  },
  DATASET: {
    type: 'DATASET',
    label: l('Dataset', 'Dataset'),
    plural: l('Dataset', 'Datasets'),
    hasPage: true,
    topicsRequired: true,
    jsonLdType: 'Dataset',
    sections: [
      {
        key: 'descrizione',
        label: l('Descrizione', 'Description'),
        required: true,
        fields: [
          { key: 'body', kind: 'richText', label: l('Descrizione', 'Description'), required: true },
          { key: 'licence', kind: 'text', max: 100, label: l('Licenza', 'Licence'), required: true },
          { key: 'updateFrequency', kind: 'text', max: 100, label: l('Frequenza di aggiornamento', 'Update frequency') },
        ],
      },
      {
        key: 'distribuzione',
        label: l('Distribuzione', 'Distribution'),
        required: true,
        fields: [
          { key: 'distributionUrl', kind: 'url', label: l('Indirizzo dei dati', 'Address of the data') },
          { key: 'distributionFile', kind: 'attachment', label: l('File dei dati', 'Data file') },
        ],
      },
      topicsSection,
    ],
  },
  PAGINA: {
    type: 'PAGINA',
    label: l('Pagina', 'Page'),
    plural: l('Pagine', 'Pages'),
    hasPage: true,
    topicsRequired: false,
    sections: [
      {
        key: 'contenuto',
        label: l('Contenuto', 'Content'),
        required: true,
        fields: [{ key: 'body', kind: 'richText', label: l('Testo', 'Text'), required: true }],
      },
    ],
  },
};

/** Every field of a type, in the order of its sections. */
export function fieldsOf(type: ContentTypeName): readonly FieldDefinition[] {
  return contentTypeDefinitions[type].sections.flatMap((section) => section.fields);
}
