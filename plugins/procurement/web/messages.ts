// The procurement screens' own words, in every language of the client.
import { createMessages } from '@gea/web-kit';

const it = {
  title: 'Contratti',
  intro: 'I contratti dell’ufficio ICT per uno o più enti, dalla scadenza più vicina.',
  filters: 'Filtri dei contratti',
  kind: 'Tipo',
  search: 'Testo',
  searchHint: 'Oggetto, CIG, CUP o fornitore',
  endingBefore: 'Che finiscono entro il',
  subject: 'Oggetto',
  supplier: 'Fornitore',
  bodies: 'Enti',
  startsOn: 'Inizio',
  endsOn: 'Fine',
  daysToEnd: 'Giorni alla fine',
  value: 'Valore',
  cig: 'CIG',
  results: 'Contratti',
  caption: 'Contratti, dalla scadenza più vicina',
  none: 'Nessun contratto corrisponde ai filtri.',
  paging: 'Pagine dei contratti',
  ended: 'finito',
  kinds: { MAINTENANCE: 'Manutenzione', PURCHASE: 'Acquisto', SERVICES: 'Servizi' },
  widgetTitle: 'Contratti in scadenza',
  widgetIntro: 'Contratti che finiscono entro {{ days }} giorni',
  widgetNone: 'Nessun contratto finisce nei prossimi {{ days }} giorni.',
  inDays: 'tra {{ days }} giorni',
  widgetLink: 'Vai ai contratti',
  assetTitle: 'Contratti che coprono questa apparecchiatura',
  assetNone: 'Nessun contratto copre questa apparecchiatura.',
  assetMaintenance: 'manutenzione in vigore',
};

const en: typeof it = {
  title: 'Contracts',
  intro: 'The ICT office’s contracts for one or several bodies, soonest to end first.',
  filters: 'Contract filters',
  kind: 'Kind',
  search: 'Text',
  searchHint: 'Subject, CIG, CUP or supplier',
  endingBefore: 'Ending by',
  subject: 'Subject',
  supplier: 'Supplier',
  bodies: 'Bodies',
  startsOn: 'Start',
  endsOn: 'End',
  daysToEnd: 'Days to end',
  value: 'Value',
  cig: 'CIG',
  results: 'Contracts',
  caption: 'Contracts, soonest to end first',
  none: 'No contract matches the filters.',
  paging: 'Pages of the contracts',
  ended: 'ended',
  kinds: { MAINTENANCE: 'Maintenance', PURCHASE: 'Purchase', SERVICES: 'Services' },
  widgetTitle: 'Contracts ending',
  widgetIntro: 'Contracts ending within {{ days }} days',
  widgetNone: 'No contract ends in the next {{ days }} days.',
  inDays: 'in {{ days }} days',
  widgetLink: 'Go to contracts',
  assetTitle: 'Contracts covering this equipment',
  assetNone: 'No contract covers this equipment.',
  assetMaintenance: 'maintenance in force',
};

export const m = createMessages({ it, en });

export const CONTRACT_KINDS = ['MAINTENANCE', 'PURCHASE', 'SERVICES'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const kindLabel = (kind: ContractKind) => m(`kinds.${kind}`);

/** A calendar day `days` from today (local), as `YYYY-MM-DD`. */
export function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
