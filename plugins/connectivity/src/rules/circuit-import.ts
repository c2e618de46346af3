// Reading the cells of a circuit file: the column layout (Italian headers with English aliases),
// euro amounts with decimal commas, percentages, dates and the enums in Italian or English. Pure:
// schema/circuit-import.ts resolves the names against the database and writes.
import type { CircuitStatus, CircuitTechnology, CircuitType, ServiceWindow } from '@gea/db';

/** Every column: its Italian header first, then the English aliases accepted. */
export const circuitImportColumns = {
  fornitore: ['provider'],
  codice_circuito: ['cid', 'circuit_id'],
  ente: ['body', 'entity'],
  sede: ['site'],
  tipo: ['type'],
  tecnologia: ['technology'],
  stato: ['status'],
  banda_down_kbps: ['download_kbps'],
  banda_up_kbps: ['upload_kbps'],
  banda_garantita_down_kbps: ['guaranteed_download_kbps'],
  banda_garantita_up_kbps: ['guaranteed_upload_kbps'],
  indirizzi_ip: ['public_ip_addresses', 'ip_addresses'],
  codice_cliente: ['account', 'account_number'],
  data_attivazione: ['installed_on'],
  data_cessazione: ['terminated_on'],
  sla_disponibilita: ['sla_availability'],
  sla_ripristino_ore: ['sla_restore_hours'],
  sla_finestra: ['sla_service_window'],
  costo_mensile: ['monthly_cost'],
  costo_annuale: ['yearly_cost'],
  costo_una_tantum: ['one_off_cost'],
  aliquota_iva: ['vat_rate'],
  descrizione: ['description'],
} as const;
export type CircuitImportColumn = keyof typeof circuitImportColumns;

/** Columns a file must have. */
export const requiredColumns: readonly CircuitImportColumn[] = ['fornitore', 'codice_circuito', 'ente', 'tipo', 'tecnologia', 'stato', 'banda_down_kbps', 'banda_up_kbps'];

/** A header as compared: lower case, no accents, words joined by underscores. */
export const foldHeader = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

const columnByHeader = new Map<string, CircuitImportColumn>(
  Object.entries(circuitImportColumns).flatMap(([column, aliases]) => [column, ...aliases].map((name) => [name, column as CircuitImportColumn] as const)),
);

/** The column a header names, or null when it names none. */
export const columnOfHeader = (header: string): CircuitImportColumn | null => columnByHeader.get(foldHeader(header)) ?? null;

export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const bad = <T>(message: string): Cell<T> => ({ ok: false, message });

/** A number written the Italian or the English way: "1.234,56", "1234,56", "49.90", "1,234.56". Returns the digits before and after the decimal mark. */
function decimalParts(text: string): { whole: string; fraction: string } | null {
  const value = text.replace(/[\s\u00a0\u202f'€%]/g, '').replace(/^eur(o)?|eur(o)?$/i, '');
  if (value === '') return null;
  let match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(value);
  if (match) return { whole: match[1]!.replace(/\./g, ''), fraction: match[2] ?? '' };
  match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(value);
  if (match) return { whole: match[1]!.replace(/,/g, ''), fraction: match[2] ?? '' };
  return null;
}

/** Euro with at most two decimals ("49,90", "1.234,5", "€ 12"), as cents. */
export function parseEuroCents(text: string): Cell<number> {
  const parts = decimalParts(text);
  if (!parts) return bad(`"${text}" is not an amount in euro (e.g. 49,90)`);
  if (parts.fraction.length > 2) return bad(`"${text}" has more than two decimals`);
  const cents = Number(parts.whole) * 100 + Number(parts.fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > 1e13) return bad(`"${text}" is too large`);
  return ok(cents);
}

/** A percentage with at most two decimals ("99,9", "99.95%"), in hundredths of a percent (0..10000). */
export function parsePercentHundredths(text: string): Cell<number> {
  const parts = decimalParts(text);
  if (!parts) return bad(`"${text}" is not a percentage (e.g. 99,9)`);
  if (parts.fraction.length > 2) return bad(`"${text}" has more than two decimals`);
  const value = Number(parts.whole) * 100 + Number(parts.fraction.padEnd(2, '0'));
  if (value > 10_000) return bad(`"${text}" is more than 100%`);
  return ok(value);
}

/** A whole non-negative number, with optional thousands separators ("100.000", "100000"). */
export function parseWholeNumber(text: string, max = 1_000_000_000): Cell<number> {
  const parts = decimalParts(text);
  if (!parts || parts.fraction !== '') return bad(`"${text}" is not a whole number`);
  const value = Number(parts.whole);
  if (value > max) return bad(`"${text}" is more than ${max.toLocaleString('it')}`);
  return ok(value);
}

/** A day as YYYY-MM-DD or, the Italian way, DD/MM/YYYY (or DD-MM-YYYY, DD.MM.YYYY). */
export function parseDay(text: string): Cell<Date> {
  const value = text.trim();
  let parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)?.slice(1).map(Number);
  if (!parts) {
    const italian = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
    if (italian) parts = [Number(italian[3]), Number(italian[2]), Number(italian[1])];
  }
  if (!parts) return bad(`"${text}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
  const [year, month, day] = parts as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return bad(`"${text}" is not a day of the calendar`);
  return ok(date);
}

const choice = <T extends string>(names: Record<string, T>, what: string) => {
  const byName = new Map(Object.entries(names).map(([name, value]) => [foldHeader(name), value]));
  for (const value of new Set(Object.values(names))) byName.set(foldHeader(value), value);
  const listed = [...new Set(Object.values(names))].join(', ');
  return (text: string): Cell<T> => {
    const value = byName.get(foldHeader(text));
    return value ? ok(value) : bad(`"${text}" is not a ${what} (${listed}, or their Italian names)`);
  };
};

export const parseCircuitType = choice<CircuitType>(
  { internet: 'INTERNET', accesso_rete: 'NETWORK_ACCESS', accesso: 'NETWORK_ACCESS', punto_punto: 'POINT_TO_POINT', backup: 'BACKUP', 'point-to-point': 'POINT_TO_POINT' },
  'circuit type',
);
export const parseTechnology = choice<CircuitTechnology>(
  { ftth: 'FTTH_FTTB', fttb: 'FTTH_FTTB', fibra: 'FTTH_FTTB', fttc: 'FTTC', fwa: 'FWA', adsl: 'XDSL', vdsl: 'XDSL', xdsl: 'XDSL', satellite: 'SATELLITE', satellitare: 'SATELLITE', radio: 'RADIO', altro: 'OTHER' },
  'technology',
);
export const parseStatus = choice<CircuitStatus>(
  {
    ordinato: 'ORDERED',
    pianificato: 'PLANNED',
    in_attivazione: 'PROVISIONING',
    attivo: 'ACTIVE',
    fuori_servizio: 'OFFLINE',
    in_cessazione: 'DEPROVISIONING',
    cessato: 'DECOMMISSIONED',
  },
  'status',
);
export const parseServiceWindow = choice<ServiceWindow>(
  { h24: 'H24_7', '24x7': 'H24_7', h24_7: 'H24_7', orario_ufficio: 'BUSINESS_HOURS', lavorativo: 'BUSINESS_HOURS', esteso: 'EXTENDED_HOURS', orario_esteso: 'EXTENDED_HOURS' },
  'service window',
);

/** The addresses of a cell: separated by spaces, commas, semicolons or vertical bars. */
export const splitAddresses = (text: string) => text.split(/[\s,;|]+/).filter((part) => part !== '');
