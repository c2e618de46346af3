// The cost-sharing screen's own words, in every language of the client.
import { createMessages } from '@gea/web-kit';

const it = {
  title: 'Ripartizione costi',
  intro: 'Come si dividono tra gli enti i costi annuali dell’ufficio ICT: quote per PC e per abitanti, correttivi, progetti e personale.',
  choose: 'Associazione e anno',
  association: 'Associazione',
  year: 'Anno',
  show: 'Mostra',
  tableCaption: 'Ripartizione {{ year }} per ente',
  tableLabel: 'Ripartizione per ente',
  body: 'Ente',
  pcs: 'PC',
  residents: 'Abitanti',
  pcQuota: 'Quota PC',
  populationQuota: 'Quota abitanti',
  correctives: 'Correttivi',
  projects: 'Progetti',
  staff: 'Rimborso personale',
  total: 'Totale',
  totals: 'Totale netto',
  explain: 'Spiega la quota di {{ name }}',
  explanationOf: 'Come si calcola la quota di {{ name }}',
  weights: 'Peso PC {{ pc }}, peso abitanti {{ population }}',
  chartTitle: 'Quota di ciascun ente sul totale',
  chartLabel: 'Grafico a barre: percentuale del totale per ente. Gli stessi dati sono nella tabella.',
  chartLoading: 'Caricamento del grafico…',
  chartFailed: 'Il grafico non è disponibile; i dati sono nella tabella.',
  share: 'Quota sul totale (%)',
  scenario: 'Simulazione dei pesi',
  scenarioIntro: 'Cambia il peso dei PC (gli abitanti hanno il resto) per vedere come cambierebbe la ripartizione.',
  pcWeight: 'Peso dei PC (%)',
  pcWeightHint: 'Da 0 a 100; il peso degli abitanti è il resto.',
  pcWeightSlider: 'Peso dei PC, cursore',
  populationWeight: 'Peso degli abitanti: {{ value }}',
  simulation: 'Simulazione: nulla è salvato.',
  resetScenario: 'Torna ai pesi in vigore',
  documents: 'Documenti annuali',
  documentsCaption: 'Documenti annuali {{ year }}',
  documentTitle: 'Documento',
  plan: 'Piano',
  version: 'Versione',
  issuedAt: 'Emesso il',
  dueOn: 'Scadenza',
  onTime: 'Nei termini',
  late: 'In ritardo',
  netTotal: 'Totale netto',
  download: 'Scarica',
  downloadPdf: 'PDF',
  downloadPdfLabel: 'Scarica il PDF di {{ title }} versione {{ version }}',
  downloadCsv: 'CSV',
  downloadCsvLabel: 'Scarica il CSV di {{ title }} versione {{ version }}',
  downloaded: 'File {{ file }} scaricato.',
  noDocuments: 'Nessun documento emesso per quest’anno.',
  issue: 'Emetti un documento',
  issueButton: 'Emetti',
  issuing: 'Emissione…',
  note: 'Nota (facoltativa)',
  issued: 'Emesso {{ title }}, versione {{ version }}.',
  issuesTitle: 'La richiesta non è stata accettata',
  notFound: 'Associazione non trovata, o non visibile con il tuo profilo.',
  noAssociations: 'Nessuna associazione visibile con il tuo profilo.',
  plans: {
    PURCHASES: 'Acquisti',
    RUNNING_SERVICES: 'Servizi di funzionamento',
    SOFTWARE_INTEGRATION: 'Integrazione software',
  },
};

const en: typeof it = {
  title: 'Cost sharing',
  intro: 'How the ICT office’s yearly costs are shared among the bodies: PC and population quotas, correctives, projects and staff.',
  choose: 'Association and year',
  association: 'Association',
  year: 'Year',
  show: 'Show',
  tableCaption: 'Allocation {{ year }} by body',
  tableLabel: 'Allocation by body',
  body: 'Body',
  pcs: 'PCs',
  residents: 'Residents',
  pcQuota: 'PC quota',
  populationQuota: 'Population quota',
  correctives: 'Correctives',
  projects: 'Projects',
  staff: 'Staff reimbursement',
  total: 'Total',
  totals: 'Net total',
  explain: 'Explain the share of {{ name }}',
  explanationOf: 'How the share of {{ name }} is worked out',
  weights: 'PC weight {{ pc }}, population weight {{ population }}',
  chartTitle: 'Each body’s share of the total',
  chartLabel: 'Bar chart: percentage of the total by body. The same data are in the table.',
  chartLoading: 'Loading the chart…',
  chartFailed: 'The chart is not available; the data are in the table.',
  share: 'Share of the total (%)',
  scenario: 'Weight simulation',
  scenarioIntro: 'Change the PC weight (population takes the rest) to see how the allocation would change.',
  pcWeight: 'PC weight (%)',
  pcWeightHint: 'From 0 to 100; the population weight is the rest.',
  pcWeightSlider: 'PC weight, slider',
  populationWeight: 'Population weight: {{ value }}',
  simulation: 'Simulation: nothing is saved.',
  resetScenario: 'Back to the weights in force',
  documents: 'Annual documents',
  documentsCaption: 'Annual documents {{ year }}',
  documentTitle: 'Document',
  plan: 'Plan',
  version: 'Version',
  issuedAt: 'Issued on',
  dueOn: 'Due',
  onTime: 'On time',
  late: 'Late',
  netTotal: 'Net total',
  download: 'Download',
  downloadPdf: 'PDF',
  downloadPdfLabel: 'Download the PDF of {{ title }} version {{ version }}',
  downloadCsv: 'CSV',
  downloadCsvLabel: 'Download the CSV of {{ title }} version {{ version }}',
  downloaded: 'File {{ file }} downloaded.',
  noDocuments: 'No document issued for this year.',
  issue: 'Issue a document',
  issueButton: 'Issue',
  issuing: 'Issuing…',
  note: 'Note (optional)',
  issued: 'Issued {{ title }}, version {{ version }}.',
  issuesTitle: 'The request was not accepted',
  notFound: 'Association not found, or not visible with your profile.',
  noAssociations: 'No association visible with your profile.',
  plans: {
    PURCHASES: 'Purchases',
    RUNNING_SERVICES: 'Running services',
    SOFTWARE_INTEGRATION: 'Software integration',
  },
};

export const m = createMessages({ it, en });

export const PLANS = ['PURCHASES', 'RUNNING_SERVICES', 'SOFTWARE_INTEGRATION'] as const;
export type Plan = (typeof PLANS)[number];
export const planLabel = (plan: Plan) => m(`plans.${plan}`);

/** A file handed to the browser as a download. */
export function downloadBlob(blob: Blob, file: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.rel = 'external';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Base64 text as bytes. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
