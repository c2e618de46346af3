// The closed vocabularies of the Designers Italia model for municipal sites. Data only: the web
// client and the reference front end import them too. A key never changes once published (pages
// and links keep it); labels may be refined. Italian labels are the model's names.

export interface VocabularyTerm {
  /** Stable key: lowercase words joined by hyphens, also the term's path segment on the site. */
  readonly key: string;
  readonly it: string;
  readonly en: string;
}

const term = (key: string, it: string, en: string): VocabularyTerm => ({ key, it, en });

/**
 * Categorie di servizio: the second level of the Servizi menu, in the model's order.
 * (OntoPiA's public-services subject matters.)
 */
export const serviceCategories = [
  term('anagrafe-e-stato-civile', 'Anagrafe e stato civile', 'Registry office and civil status'),
  term('cultura-e-tempo-libero', 'Cultura e tempo libero', 'Culture and free time'),
  term('vita-lavorativa', 'Vita lavorativa', 'Working life'),
  term('attivita-produttive-e-commercio', 'Attività produttive e commercio', 'Business and trade'),
  term('appalti-pubblici', 'Appalti pubblici', 'Public procurement'),
  term('catasto-e-urbanistica', 'Catasto e urbanistica', 'Land registry and town planning'),
  term('turismo', 'Turismo', 'Tourism'),
  term('mobilita-e-trasporti', 'Mobilità e trasporti', 'Mobility and transport'),
  term('educazione-e-formazione', 'Educazione e formazione', 'Education and training'),
  term('giustizia-e-sicurezza-pubblica', 'Giustizia e sicurezza pubblica', 'Justice and public safety'),
  term('tributi-finanze-e-contravvenzioni', 'Tributi, finanze e contravvenzioni', 'Taxes, finance and fines'),
  term('ambiente', 'Ambiente', 'Environment'),
  term('salute-benessere-e-assistenza', 'Salute, benessere e assistenza', 'Health, wellbeing and care'),
  term('autorizzazioni', 'Autorizzazioni', 'Permits'),
  term('agricoltura-e-pesca', 'Agricoltura e pesca', 'Agriculture and fishing'),
] as const satisfies readonly VocabularyTerm[];

/** Tipi di documento (OntoPiA's government document types): the second level of Documenti e dati. */
export const documentTypes = [
  term('documenti-albo-pretorio', 'Documenti albo pretorio', 'Official notice board documents'),
  term('modulistica', 'Modulistica', 'Forms'),
  term('documenti-funzionamento-interno', 'Documenti funzionamento interno', 'Internal working documents'),
  term('atti-normativi', 'Atti normativi', 'Regulatory acts'),
  term('accordi-tra-enti', 'Accordi tra enti', 'Agreements between bodies'),
  term('documenti-attivita-politica', 'Documenti attività politica', 'Political activity documents'),
  term('documenti-tecnici-di-supporto', 'Documenti (tecnici) di supporto', 'Technical support documents'),
  term('istanze', 'Istanze', 'Applications'),
  term('documenti-di-programmazione-e-rendicontazione', 'Documenti di programmazione e rendicontazione', 'Planning and reporting documents'),
  term('dataset', 'Dataset', 'Datasets'),
] as const satisfies readonly VocabularyTerm[];

/** Tipi di notizia: the second level of Novità. */
export const newsTypes = [
  term('notizie', 'Notizie', 'News'),
  term('comunicati', 'Comunicati', 'Press releases'),
  term('avvisi', 'Avvisi', 'Notices'),
] as const satisfies readonly VocabularyTerm[];

/** Tipi di unità organizzativa: where a unit appears under Amministrazione. */
export const organisationUnitTypes = [
  term('organi-di-governo', 'Organi di governo', 'Governing bodies'),
  term('aree-amministrative', 'Aree amministrative', 'Administrative areas'),
  term('uffici', 'Uffici', 'Offices'),
  term('enti-e-fondazioni', 'Enti e fondazioni', 'Agencies and foundations'),
] as const satisfies readonly VocabularyTerm[];

/** Tipi di persona pubblica: politicians or administrative staff. */
export const personTypes = [
  term('politici', 'Politici', 'Politicians'),
  term('personale-amministrativo', 'Personale amministrativo', 'Administrative staff'),
] as const satisfies readonly VocabularyTerm[];

/** Tipi di luogo (a short list of the model's place types). */
export const placeTypes = [
  term('sede-istituzionale', 'Sede istituzionale', 'Institutional seat'),
  term('ufficio-aperto-al-pubblico', 'Ufficio aperto al pubblico', 'Public office'),
  term('biblioteca', 'Biblioteca', 'Library'),
  term('museo', 'Museo', 'Museum'),
  term('scuola', 'Scuola', 'School'),
  term('impianto-sportivo', 'Impianto sportivo', 'Sports facility'),
  term('parco-o-giardino', 'Parco o giardino', 'Park or garden'),
  term('teatro', 'Teatro', 'Theatre'),
  term('monumento', 'Monumento', 'Monument'),
  term('piazza', 'Piazza', 'Square'),
  term('centro-di-raccolta', 'Centro di raccolta', 'Waste collection centre'),
  term('altro', 'Altro luogo', 'Other place'),
] as const satisfies readonly VocabularyTerm[];

/** Tipi di evento. */
export const eventTypes = [
  term('culturale', 'Evento culturale', 'Cultural event'),
  term('sportivo', 'Evento sportivo', 'Sports event'),
  term('istituzionale', 'Evento istituzionale', 'Institutional event'),
  term('fiera-o-mercato', 'Fiera o mercato', 'Fair or market'),
  term('formativo', 'Incontro formativo', 'Training'),
  term('festa', 'Festa o sagra', 'Festival'),
] as const satisfies readonly VocabularyTerm[];

/** Eventi della vita delle persone (OntoPiA's life events), for services. */
export const lifeEventsPeople = [
  term('nascita-di-un-bambino', 'Nascita di un bambino, richiesta adozioni', 'Birth of a child, adoption'),
  term('iscrizione-scuola', 'Iscrizione a scuola/università e richiesta borsa di studio', 'School or university enrolment, grants'),
  term('invalidita', 'Invalidità', 'Disability'),
  term('ricerca-di-lavoro', 'Ricerca di lavoro', 'Looking for work'),
  term('avvio-nuova-attivita', 'Avvio nuova attività professionale', 'Starting a professional activity'),
  term('unione-civile-e-matrimonio', 'Unione civile e matrimonio', 'Civil union and marriage'),
  term('cambio-di-residenza', 'Cambio di residenza/domicilio', 'Change of residence'),
  term('possesso-di-un-animale', "Possesso di un animale domestico", 'Owning a pet'),
  term('guida-di-un-veicolo', 'Possesso e guida di un veicolo', 'Owning and driving a vehicle'),
  term('pensionamento', 'Pensionamento', 'Retirement'),
  term('richiesta-passaporto', 'Richiesta o rinnovo di passaporto e visto', 'Passport and visa'),
  term('acquisto-casa', 'Acquisto/sostituzione di una casa', 'Buying a home'),
  term('accesso-servizi-sociali', "Accesso a servizi sociali e di assistenza", 'Social and care services'),
  term('denuncia-crimini', 'Denuncia di crimini', 'Reporting a crime'),
  term('morte-ed-eredita', 'Morte ed eredità', 'Death and inheritance'),
  term('separazione-divorzio', 'Separazione e divorzio', 'Separation and divorce'),
  term('elezioni', 'Elezioni', 'Elections'),
] as const satisfies readonly VocabularyTerm[];

/** Eventi della vita delle imprese, for services. */
export const lifeEventsBusinesses = [
  term('avvio-impresa', 'Avvio impresa', 'Starting a business'),
  term('gestione-impresa', 'Gestione impresa', 'Running a business'),
  term('chiusura-impresa', 'Chiusura impresa', 'Closing a business'),
  term('appalti-pubblici-impresa', 'Appalti pubblici', 'Public tenders'),
] as const satisfies readonly VocabularyTerm[];

/**
 * Argomenti: the topics every page is tagged with (the model's list, on EuroVoc). The validator
 * counts how many of a site's topics are in this list.
 */
export const topics = [
  term('accesso-all-informazione', "Accesso all'informazione", 'Access to information'),
  term('acqua', 'Acqua', 'Water'),
  term('agricoltura', 'Agricoltura', 'Agriculture'),
  term('animale-domestico', 'Animale domestico', 'Pets'),
  term('associazioni', 'Associazioni', 'Associations'),
  term('bilancio', 'Bilancio', 'Budget'),
  term('commercio-all-ingrosso', "Commercio all'ingrosso", 'Wholesale trade'),
  term('commercio-al-minuto', 'Commercio al minuto', 'Retail trade'),
  term('comunicazione-istituzionale', 'Comunicazione istituzionale', 'Institutional communication'),
  term('comunicazione-politica', 'Comunicazione politica', 'Political communication'),
  term('cultura', 'Cultura', 'Culture'),
  term('elezioni', 'Elezioni', 'Elections'),
  term('energie-rinnovabili', 'Energie rinnovabili', 'Renewable energy'),
  term('estero', 'Estero', 'Abroad'),
  term('gemellaggi', 'Gemellaggi', 'Town twinning'),
  term('giustizia', 'Giustizia', 'Justice'),
  term('igiene-pubblica', 'Igiene pubblica', 'Public hygiene'),
  term('imposte', 'Imposte', 'Taxes'),
  term('inquinamento', 'Inquinamento', 'Pollution'),
  term('istruzione', 'Istruzione', 'Education'),
  term('lavoro', 'Lavoro', 'Work'),
  term('matrimonio', 'Matrimonio', 'Marriage'),
  term('mobilita-sostenibile', 'Mobilità sostenibile', 'Sustainable mobility'),
  term('nascita', 'Nascita', 'Birth'),
  term('patrimonio-culturale', 'Patrimonio culturale', 'Cultural heritage'),
  term('pianificazione-urbana', 'Pianificazione urbana', 'Urban planning'),
  term('polizia', 'Polizia', 'Police'),
  term('protezione-civile', 'Protezione civile', 'Civil protection'),
  term('residenza', 'Residenza', 'Residence'),
  term('risposta-alle-emergenze', 'Risposta alle emergenze', 'Emergency response'),
  term('sport', 'Sport', 'Sport'),
  term('sviluppo-sostenibile', 'Sviluppo sostenibile', 'Sustainable development'),
  term('tempo-libero', 'Tempo libero', 'Free time'),
  term('trasporto-pubblico', 'Trasporto pubblico', 'Public transport'),
  term('turismo', 'Turismo', 'Tourism'),
  term('urbanizzazione', 'Urbanizzazione', 'Urbanisation'),
  term('viabilita', 'Viabilità', 'Roads and traffic'),
  term('welfare', 'Welfare', 'Welfare'),
  term('zone-pedonali', 'Zone pedonali', 'Pedestrian areas'),
] as const satisfies readonly VocabularyTerm[];

export const vocabularies = {
  topics,
  serviceCategories,
  documentTypes,
  newsTypes,
  organisationUnitTypes,
  personTypes,
  placeTypes,
  eventTypes,
  lifeEventsPeople,
  lifeEventsBusinesses,
} as const;

export type VocabularyName = keyof typeof vocabularies;

const byName = new Map<VocabularyName, ReadonlyMap<string, VocabularyTerm>>(
  Object.entries(vocabularies).map(([name, terms]) => [name as VocabularyName, new Map(terms.map((t) => [t.key, t]))]),
);

/** The term of a vocabulary with this key, or undefined when the key is not in the closed list. */
export function findTerm(vocabulary: VocabularyName, key: string): VocabularyTerm | undefined {
  return byName.get(vocabulary)!.get(key);
}
