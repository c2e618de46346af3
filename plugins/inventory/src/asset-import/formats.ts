// Files from other tools, as GEA's import reads them: which export a header comes from (GEA's own
// assetsCsv, a GLPI computer export in Italian or English, a Snipe-IT asset export), which of its
// columns holds which asset field, and how their values are written in GEA's terms (dates as
// YYYY-MM-DD, amounts without thousands separators, kinds and statuses as GEA names them).
//
// Why the mapping is applied in the web client and not by importAssets: the person sees the columns
// found and may correct the mapping before anything is sent (GLPI columns are user-chosen, Snipe-IT
// statuses and categories are free text), and the API keeps one strict, documented format. The
// client sends GEA's format and maps the API's line numbers back to the lines of the original file.
// Pure functions without dependencies, so the client's bundle and the unit tests share this file.
import type { AssetColumn } from './parse.ts';

export type ImportFormat = 'gea' | 'glpi-it' | 'glpi-en' | 'snipe-it' | 'unknown';

/** Lower case, no accents, no GLPI group prefix ("Informazioni finanziarie - Valore" -> "valore"), single spaces. */
export function foldHeader(name: string): string {
  const plain = name
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  // GLPI names the columns of linked objects "<group> - <field>"; the field is what matters.
  const dash = plain.lastIndexOf(' - ');
  return dash === -1 ? plain : plain.slice(dash + 3);
}

type Names = Partial<Record<AssetColumn, readonly string[]>>;

/** GLPI's computer search, exported as CSV: the names of its search options in Italian. */
const glpiItalian: Names = {
  inventory_tag: ['numero inventario', 'numero di inventario', 'n. inventario'],
  body: ['entita'],
  kind: ['tipo'],
  status: ['stato'],
  manufacturer: ['produttore', 'fabbricante'],
  model: ['modello'],
  serial_number: ['numero di serie', 'numero seriale', 'seriale'],
  site: ['luogo', 'posizione', 'ubicazione'],
  assigned_to: ['utente', 'utilizzatore'],
  supplier: ['fornitore'],
  purchase_date: ['data di acquisto', "data d'acquisto", 'data acquisto'],
  price_eur: ['valore', 'prezzo'],
  warranty_end: ['data di scadenza della garanzia', 'scadenza della garanzia', 'scadenza garanzia', 'fine garanzia'],
};

/** The same in English. */
const glpiEnglish: Names = {
  inventory_tag: ['inventory number', 'inventory/asset number'],
  body: ['entity'],
  kind: ['type'],
  status: ['status'],
  manufacturer: ['manufacturer'],
  model: ['model'],
  serial_number: ['serial number'],
  site: ['location'],
  assigned_to: ['user'],
  supplier: ['supplier'],
  purchase_date: ['date of purchase', 'purchase date'],
  price_eur: ['value'],
  warranty_end: ['warranty expiration date', 'warranty expiry date', 'warranty end date'],
};

/** Snipe-IT's asset export (the list's export and the custom asset report). */
const snipeIt: Names = {
  inventory_tag: ['asset tag'],
  body: ['company'],
  kind: ['category'],
  status: ['status'],
  manufacturer: ['manufacturer'],
  model: ['model', 'model name'],
  serial_number: ['serial', 'serial number'],
  site: ['location'],
  assigned_to: ['checked out to'],
  supplier: ['supplier'],
  purchase_date: ['purchase date'],
  price_eur: ['purchase cost'],
  warranty_end: ['warranty expires'],
};

const geaColumns: readonly AssetColumn[] = [
  'body',
  'inventory_tag',
  'kind',
  'status',
  'manufacturer',
  'model',
  'serial_number',
  'site',
  'assigned_to',
  'supplier',
  'purchase_date',
  'price_eur',
  'warranty_end',
  'floor',
  'body_istat_code',
];

function mapWith(names: Names, header: readonly string[]): (AssetColumn | null)[] {
  const taken = new Set<AssetColumn>();
  return header.map((raw) => {
    const folded = foldHeader(raw);
    const found = (Object.entries(names) as [AssetColumn, readonly string[]][]).find(([column, aliases]) => !taken.has(column) && aliases.includes(folded));
    if (!found) return null;
    taken.add(found[0]);
    return found[0];
  });
}

export interface RecognisedHeader {
  format: ImportFormat;
  /** For each column of the file, the asset field it fills (null: not imported). */
  mapping: (AssetColumn | null)[];
}

/** Which export the header comes from, and the mapping of its columns; `unknown` maps nothing. */
export function recogniseHeader(header: readonly string[]): RecognisedHeader {
  const exact = header.map((name) => name.replace(/^\uFEFF/, '').trim().toLowerCase());
  if (exact.includes('inventory_tag') && (exact.includes('body') || exact.includes('body_istat_code'))) {
    return { format: 'gea', mapping: exact.map((name) => ((geaColumns as readonly string[]).includes(name) ? (name as AssetColumn) : null)) };
  }
  const folded = header.map(foldHeader);
  if (folded.includes('asset tag')) return { format: 'snipe-it', mapping: mapWith(snipeIt, header) };
  const count = (mapping: (AssetColumn | null)[]) => mapping.filter((column) => column !== null).length;
  const italian = mapWith(glpiItalian, header);
  const english = mapWith(glpiEnglish, header);
  // A GLPI export names the entity of each computer; three known columns make it one.
  if (italian.includes('body') && count(italian) >= 3) return { format: 'glpi-it', mapping: italian };
  if (english.includes('body') && count(english) >= 3) return { format: 'glpi-en', mapping: english };
  return { format: 'unknown', mapping: header.map(() => null) };
}

/** `YYYY-MM-DD` from the ways exports write a day (ISO with or without time, DD-MM-YYYY, DD/MM/YYYY, DD.MM.YYYY); else unchanged. */
export function normaliseDate(value: string): string {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`;
  // Day first, as Italian GLPI users and European Snipe-IT settings write it.
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T].*)?$/.exec(text);
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}`;
  return text;
}

/**
 * An amount without currency and thousands separators: `€ 1.234,56` -> `1234,56`,
 * `1,234.56` -> `1234.56`, `1 234,56` -> `1234,56`. One separator alone is left as written: the
 * API tells `1234,50` from `1.234` (refused, by line) better than a guess here would.
 */
export function normaliseAmount(value: string): string {
  const text = value.replace(/€|eur\b|euro\b|\$|usd\b/gi, '').replace(/[\s\u00a0\u202f']/g, '');
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma !== -1 && lastDot !== -1) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    return text.split(thousands).join('');
  }
  return text;
}

const kindWords: readonly [RegExp, string][] = [
  [/multifunzion|multifunction|\bmfp\b|multi-function/, 'MULTIFUNCTION_PRINTER'],
  [/stampant|printer|plotter/, 'PRINTER'],
  [/laptop|notebook|portatil|ultrabook/, 'LAPTOP'],
  [/server|\bnas\b/, 'SERVER'],
  [/switch|router|firewall|access point|\bap\b|network|rete|wifi|wi-fi/, 'NETWORK_DEVICE'],
  [/tablet|phone|telefon|smartphone|cellular|mobile|ipad/, 'PHONE_OR_TABLET'],
  [/desktop|workstation|tower|mini ?pc|all[- ]in[- ]one|\bpc\b|computer|fisso/, 'DESKTOP_PC'],
];

/** GLPI types and Snipe-IT categories are free text: the usual words to GEA's kinds, anything else OTHER. */
export function normaliseKind(value: string): string {
  const text = value.trim();
  if (text === '') return '';
  const upper = text.toUpperCase().replace(/[\s-]+/g, '_');
  if (['DESKTOP_PC', 'LAPTOP', 'MULTIFUNCTION_PRINTER', 'PRINTER', 'SERVER', 'NETWORK_DEVICE', 'PHONE_OR_TABLET', 'OTHER'].includes(upper)) return upper;
  const folded = foldHeader(text);
  return kindWords.find(([pattern]) => pattern.test(folded))?.[1] ?? 'OTHER';
}

// Snipe-IT writes a status as "<label> (<meta>)"; the meta is one of five fixed words.
const snipeMeta: Record<string, string> = {
  deployed: 'IN_SERVICE',
  deployable: 'SPARE',
  pending: 'ORDERED',
  archived: 'RETIRED',
  undeployable: 'UNDER_REPAIR',
};
const statusWords: readonly [RegExp, string][] = [
  [/dismess|smaltit|rottamat|dispos|scrapp|lost|stolen|rubat|smarrit/, 'DISPOSED'],
  [/riparazion|repair|guast|broken/, 'UNDER_REPAIR'],
  [/ordinat|ordered|in ordine|pending|in arrivo/, 'ORDERED'],
  [/ritirat|retired|fuori uso|archiv|inutilizzat/, 'RETIRED'],
  [/magazzino|stock|scorta|disponibil|available|ready to deploy|deployable/, 'SPARE'],
  [/in uso|in use|in produzione|production|attiv|assegnat|deployed|in servizio/, 'IN_SERVICE'],
];

/**
 * Statuses are named by each office in GLPI and Snipe-IT: the usual words to GEA's statuses. An
 * unknown one is left as written, so that the dry run reports it on its line.
 */
export function normaliseStatus(value: string): string {
  const text = value.trim();
  if (text === '') return '';
  const upper = text.toUpperCase().replace(/[\s-]+/g, '_');
  if (['IN_SERVICE', 'SPARE', 'UNDER_REPAIR', 'ORDERED', 'RETIRED', 'DISPOSED'].includes(upper)) return upper;
  const meta = /\(([a-z]+)\)\s*$/i.exec(text)?.[1]?.toLowerCase();
  if (meta && snipeMeta[meta]) return snipeMeta[meta]!;
  const folded = foldHeader(text);
  return statusWords.find(([pattern]) => pattern.test(folded))?.[1] ?? text;
}

/** GLPI writes an entity as its path ("Entità radice > Unione > Pontassieve"): the body is the last step. */
export function normaliseBody(value: string): string {
  const steps = value.split('>').map((step) => step.trim()).filter(Boolean);
  return steps[steps.length - 1] ?? '';
}

/** A cell of a foreign export in GEA's terms; GEA's own files are sent as they are. */
export function normaliseCell(format: ImportFormat, column: AssetColumn, value: string): string {
  const text = value.trim();
  if (format === 'gea' || text === '') return text;
  switch (column) {
    case 'purchase_date':
    case 'warranty_end':
      return normaliseDate(text);
    case 'price_eur':
      return normaliseAmount(text);
    case 'kind':
      return normaliseKind(text);
    case 'status':
      return normaliseStatus(text);
    case 'body':
      return normaliseBody(text);
    default:
      // Line breaks inside a cell would shift the lines of the file sent to the API.
      return text.replace(/\s*[\r\n]+\s*/g, ' ');
  }
}
