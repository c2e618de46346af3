// The demo pages of a municipality's site, written in Italian (synthetic: invented offices, hours,
// events). Builders take the ids of the pages and files they point at.
import { addDays } from '@gea/core';
import { paragraphs, type RichTextDocument } from '../rules/rich-text.ts';
import type { DemoPage } from './write.ts';

export interface Town {
  /** "Pelago" */
  name: string;
  /** "comune.pelago.fi.it" */
  domain: string;
  pec: string | null;
}

const doc = (...blocks: object[]): RichTextDocument => ({ type: 'doc', content: blocks });
const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const h3 = (text: string) => ({ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text }] });
const bullets = (...items: string[]) => ({ type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [p(item)] })) });
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function contactPoint(town: Town): DemoPage {
  return {
    type: 'PUNTO_DI_CONTATTO',
    slug: 'sportello-anagrafe',
    title: 'Sportello anagrafe',
    summary: `Recapiti dello sportello anagrafe e stato civile del Comune di ${town.name}.`,
    topics: [],
    fields: {
      phone: '055 000 0101',
      email: `anagrafe@${town.domain}`,
      ...(town.pec ? { pec: town.pec } : {}),
      hours: 'Lunedì, mercoledì e venerdì 8:30-12:30\nGiovedì 15:00-17:30 (su appuntamento)',
    },
  };
}

export function townHall(town: Town, contactId: string): DemoPage {
  return {
    type: 'LUOGO',
    slug: 'palazzo-comunale',
    title: 'Palazzo comunale',
    summary: `La sede del Comune di ${town.name}, con gli uffici aperti al pubblico.`,
    topics: ['comunicazione-istituzionale'],
    fields: {
      placeType: 'sede-istituzionale',
      body: paragraphs(`Il palazzo comunale ospita il sindaco, la giunta e gli uffici del Comune di ${town.name}.`, "Al piano terra si trovano l'ufficio anagrafe e l'ufficio relazioni con il pubblico."),
      access: paragraphs("L'ingresso è accessibile alle persone con disabilità motoria dal lato del parcheggio. Gli uffici al primo piano si raggiungono con l'ascensore."),
      address: `Piazza del Municipio 1, ${town.name}`,
      openingHours: paragraphs('Dal lunedì al venerdì, 8:30-13:00; giovedì anche 15:00-18:00.'),
      contactPoints: [contactId],
    },
  };
}

export function registryOffice(town: Town, ids: { contact: string; place: string }): DemoPage {
  return {
    type: 'UNITA_ORGANIZZATIVA',
    slug: 'ufficio-anagrafe',
    title: 'Ufficio anagrafe',
    summary: "L'ufficio che tiene i registri della popolazione residente e dello stato civile.",
    topics: ['residenza'],
    fields: {
      unitType: 'uffici',
      competences: doc(
        p("L'ufficio anagrafe si occupa di:"),
        bullets('iscrizioni, cancellazioni e cambi di residenza', "carte d'identità elettroniche", 'certificati anagrafici e di stato civile', 'atti di nascita, matrimonio e morte'),
      ),
      address: `Piazza del Municipio 1, ${town.name}`,
      place: ids.place,
      contactPoints: [ids.contact],
    },
  };
}

interface ServiceRefs {
  unit: string;
  contact: string;
  terms: string;
}

const serviceBase = (town: Town, refs: ServiceRefs) => ({
  active: true,
  responsibleUnit: refs.unit,
  contactPoints: [refs.contact],
  termsDocument: refs.terms,
  termsDescription: paragraphs(`Il servizio è erogato secondo le condizioni generali dei servizi demografici del Comune di ${town.name}.`),
});

export function identityCard(town: Town, refs: ServiceRefs, bookingUrl: string): DemoPage {
  return {
    type: 'SERVIZIO',
    slug: 'carta-di-identita-elettronica',
    title: "Carta d'identità elettronica",
    summary: "Richiedere o rinnovare la carta d'identità elettronica (CIE) all'ufficio anagrafe.",
    topics: ['residenza', 'accesso-all-informazione'],
    fields: {
      ...serviceBase(town, refs),
      category: 'anagrafe-e-stato-civile',
      lifeEvents: ['richiesta-passaporto'],
      audience: paragraphs(`Ai cittadini residenti nel Comune di ${town.name}, anche minorenni, e ai cittadini dell'Unione europea residenti.`),
      howTo: doc(p('Per richiedere la carta:'), bullets('prenota un appuntamento online o per telefono', "presentati allo sportello con i documenti richiesti", 'firma la richiesta e lascia le impronte digitali')),
      requirements: doc(bullets('una fototessera recente, a colori e su sfondo chiaro', "la carta d'identità scaduta o la denuncia di smarrimento", 'la tessera sanitaria')),
      outcome: paragraphs("La carta d'identità elettronica, valida per l'espatrio nei paesi che la riconoscono, spedita all'indirizzo scelto."),
      timing: paragraphs('La carta arriva entro 6 giorni lavorativi dalla richiesta. La richiesta di rinnovo si può fare nei 180 giorni prima della scadenza.'),
      accessDescription: paragraphs("Il servizio si richiede di persona allo sportello dell'anagrafe, su appuntamento."),
      bookingUrl,
    },
  };
}

export function changeOfResidence(town: Town, refs: ServiceRefs, bookingUrl: string): DemoPage {
  return {
    type: 'SERVIZIO',
    slug: 'cambio-di-residenza',
    title: 'Cambio di residenza',
    summary: `Dichiarare il trasferimento della residenza nel Comune di ${town.name} o da un indirizzo all'altro del Comune.`,
    topics: ['residenza'],
    fields: {
      ...serviceBase(town, refs),
      category: 'anagrafe-e-stato-civile',
      lifeEvents: ['cambio-di-residenza'],
      audience: paragraphs(`A chi viene ad abitare stabilmente nel Comune di ${town.name} e a chi cambia indirizzo all'interno del Comune.`),
      howTo: paragraphs('Compila la dichiarazione di residenza e inviala per posta elettronica, PEC o consegnala allo sportello entro 20 giorni dal trasferimento.'),
      requirements: doc(bullets("il modulo di dichiarazione di residenza compilato e firmato", "un documento d'identità di ogni persona che si trasferisce", 'la patente e i libretti dei veicoli, se ne hai')),
      outcome: paragraphs('La registrazione del nuovo indirizzo in anagrafe, valida dal giorno della dichiarazione.'),
      timing: paragraphs("L'iscrizione è registrata entro 2 giorni lavorativi; la polizia municipale verifica l'indirizzo entro 45 giorni."),
      accessDescription: paragraphs('La dichiarazione si presenta online, per posta elettronica o allo sportello.'),
      onlineUrl: `https://servizi.${town.domain}/residenza`,
      bookingUrl,
    },
  };
}

export function schoolCanteen(town: Town, refs: ServiceRefs): DemoPage {
  return {
    type: 'SERVIZIO',
    slug: 'iscrizione-al-servizio-mensa',
    title: 'Iscrizione al servizio mensa',
    summary: "Iscrivere i figli alla mensa delle scuole dell'infanzia, primarie e secondarie di primo grado.",
    topics: ['istruzione'],
    fields: {
      ...serviceBase(town, refs),
      category: 'educazione-e-formazione',
      lifeEvents: ['iscrizione-scuola'],
      audience: paragraphs(`Ai genitori degli alunni delle scuole del territorio di ${town.name} che hanno il tempo pieno o il rientro pomeridiano.`),
      howTo: paragraphs("Compila la domanda online con SPID o CIE entro il 31 luglio per l'anno scolastico successivo."),
      requirements: doc(bullets('SPID o carta d\'identità elettronica del genitore', "l'attestazione ISEE, per chiedere la tariffa ridotta", 'il certificato medico, per una dieta speciale')),
      outcome: paragraphs("L'iscrizione alla mensa per tutto l'anno scolastico e la tariffa da pagare."),
      timing: paragraphs('Le domande si presentano dal 1 giugno al 31 luglio; le iscrizioni dopo il termine sono accolte se ci sono posti.'),
      accessDescription: paragraphs('La domanda si presenta solo online, con identità digitale.'),
      onlineUrl: `https://servizi.${town.domain}/mensa`,
    },
  };
}

export function news(town: Town, day: Date, unitId: string): DemoPage[] {
  return [
    {
      type: 'NOTIZIA',
      slug: 'nuovi-orari-dell-anagrafe',
      title: "Nuovi orari dell'ufficio anagrafe",
      summary: "Da lunedì l'ufficio anagrafe è aperto anche il giovedì pomeriggio, su appuntamento.",
      topics: ['comunicazione-istituzionale', 'residenza'],
      fields: {
        newsType: 'notizie',
        date: isoDay(addDays(day, -3)),
        body: paragraphs(`Per ridurre le attese, l'ufficio anagrafe del Comune di ${town.name} apre anche il giovedì dalle 15:00 alle 17:30.`, 'Il pomeriggio si riceve solo su appuntamento.'),
        units: [unitId],
      },
    },
    {
      type: 'NOTIZIA',
      slug: 'chiusura-uffici-per-aggiornamento-informatico',
      title: 'Chiusura degli uffici per un aggiornamento informatico',
      summary: 'Gli sportelli restano chiusi una mattina per l\'aggiornamento dei sistemi del servizio ICT associato.',
      topics: ['comunicazione-istituzionale'],
      fields: {
        newsType: 'avvisi',
        date: isoDay(addDays(day, -10)),
        expiresOn: isoDay(addDays(day, 20)),
        body: paragraphs("Il servizio ICT dell'Unione aggiorna i sistemi degli uffici comunali. Durante l'aggiornamento gli sportelli sono chiusi; i servizi online restano disponibili."),
      },
    },
  ];
}

export function festival(town: Town, day: Date, placeId: string, contactId: string): DemoPage {
  const start = addDays(day, 24);
  const startsAt = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), 14, 0));
  return {
    type: 'EVENTO',
    slug: 'festa-d-autunno',
    title: "Festa d'autunno",
    summary: `Una giornata in piazza con i prodotti del territorio, musica e giochi per i bambini a ${town.name}.`,
    topics: ['tempo-libero', 'cultura'],
    fields: {
      eventType: 'festa',
      body: paragraphs('Mercato dei produttori locali, laboratori per i bambini e concerto della banda comunale.'),
      audience: paragraphs('A tutti, ingresso libero.'),
      place: placeId,
      address: `Piazza del Municipio, ${town.name}`,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 6 * 3600_000).toISOString(),
      costs: paragraphs('Ingresso gratuito.'),
      contactPoints: [contactId],
    },
  };
}

export function residenceForm(day: Date, ids: { file: string; unit: string }): DemoPage {
  return {
    type: 'DOCUMENTO_PUBBLICO',
    slug: 'modulo-dichiarazione-di-residenza',
    title: 'Modulo di dichiarazione di residenza',
    summary: 'Il modulo per dichiarare il cambio di residenza o di indirizzo.',
    topics: ['residenza'],
    fields: {
      documentType: 'modulistica',
      date: isoDay(addDays(day, -60)),
      body: paragraphs('Il modulo ministeriale, da compilare e firmare da parte di tutte le persone maggiorenni che si trasferiscono.'),
      file: ids.file,
      responsibleUnit: ids.unit,
    },
  };
}

export function sitePages(town: Town): DemoPage[] {
  return [
    {
      type: 'PAGINA',
      slug: 'privacy',
      title: 'Informativa privacy',
      summary: `Come il Comune di ${town.name} tratta i dati personali di chi usa questo sito.`,
      topics: [],
      fields: {
        body: doc(
          p(`Il titolare del trattamento è il Comune di ${town.name}. Il sito raccoglie solo i dati tecnici necessari a farlo funzionare e le valutazioni anonime delle pagine.`),
          h3('Diritti degli interessati'),
          p('Puoi chiedere in ogni momento di accedere ai tuoi dati, di correggerli o di cancellarli scrivendo al responsabile della protezione dei dati.'),
        ),
      },
    },
    {
      type: 'PAGINA',
      slug: 'note-legali',
      title: 'Note legali',
      summary: 'Licenza dei contenuti del sito e condizioni d\'uso.',
      topics: [],
      fields: {
        body: doc(
          h3('Licenza dei contenuti'),
          p('Salvo dove indicato altrimenti, i testi, i dati e i documenti di questo sito sono pubblicati con licenza Creative Commons Attribuzione 4.0 (CC BY 4.0): puoi riusarli per qualsiasi scopo citando la fonte.'),
        ),
      },
    },
    {
      type: 'PAGINA',
      slug: 'domande-frequenti',
      title: 'Domande frequenti',
      summary: 'Le risposte alle domande più comuni sui servizi del Comune.',
      topics: [],
      fields: {
        body: doc(
          h3("Come prenoto un appuntamento all'anagrafe?"),
          p('Dalla pagina Prenotazione appuntamento, scegliendo il servizio, il giorno e l\'ora.'),
          h3('Dove pago la mensa scolastica?'),
          p('Online con pagoPA, dalla pagina del servizio mensa.'),
        ),
      },
    },
  ];
}
