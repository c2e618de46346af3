// Dates, numbers and money as the reader's language writes them (Intl). Money travels as integer
// euro cents and is turned into text only here; typed amounts are parsed back to cents without
// floating point.
import { intlLocale, locale, type Locale } from './i18n/index.ts';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: (tag: string) => F): F {
  const tag = intlLocale();
  const id = `${tag}|${key}`;
  let found = cache.get(id) as F | undefined;
  if (!found) cache.set(id, (found = make(tag)));
  return found;
}

/** A calendar day (`YYYY-MM-DD`, no time zone): 26/11/2026 in Italian, 26/11/2026 in English. */
export function formatDate(day: string | null | undefined): string {
  if (!day) return '';
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return formatter('date', (tag) => new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })).format(date);
}

/** An instant, in Italian time (the offices are in Italy whatever the browser's zone). */
export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return formatter(
    'datetime',
    (tag) =>
      new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' }),
  ).format(date);
}

// 'always': Italian style otherwise leaves four-digit numbers ungrouped (1234,56 € next to 12.345,67 €),
// unlike the PDF documents and the explanations.
const grouping = { useGrouping: 'always' } as unknown as Intl.NumberFormatOptions;

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return formatter('number', (tag) => new Intl.NumberFormat(tag, grouping)).format(value);
}

/**
 * Cents as an exact decimal string of euros ("-1234.05"). `cents / 100` would be a binary fraction:
 * above about €2.8 billion (16 significant digits) it prints the wrong cent.
 */
function euroDecimal(cents: number): string {
  const whole = BigInt(cents);
  const abs = whole < 0n ? -whole : whole;
  return `${whole < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Integer euro cents (up to 2^53 - 1) as money: 1.234,56 € in Italian, €1,234.56 in English. */
export function formatEuroCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  // Intl formats a decimal string exactly (ECMA-402 NumberFormat v3), with no float rounding.
  return formatter('eur', (tag) => new Intl.NumberFormat(tag, { ...grouping, style: 'currency', currency: 'EUR' })).format(euroDecimal(cents) as unknown as number);
}

/** Cents as the amount a person types back into a field (no currency sign, no grouping). */
export function centsToInput(cents: number | null | undefined, language: Locale = locale()): string {
  if (cents === null || cents === undefined) return '';
  const decimal = euroDecimal(cents);
  return language === 'it' ? decimal.replace('.', ',') : decimal;
}

/**
 * A typed euro amount to integer cents: `1.234,56`, `1234,5` or `1234` in Italian; `1,234.56` in
 * English (a lone point followed by one or two digits is read as decimals in Italian too). Empty:
 * null. Not an amount: undefined.
 */
export function parseEuroToCents(text: string, language: Locale = locale()): number | null | undefined {
  let value = text.replace(/[\s\u00a0€]/g, '');
  if (value === '') return null;
  const negative = value.startsWith('-');
  if (negative) value = value.slice(1);
  const [group, decimal] = language === 'it' ? ['.', ','] : [',', '.'];
  if (language === 'it' && !value.includes(',') && /^\d+\.\d{1,2}$/.test(value)) value = value.replace('.', ',');
  const grouped = new RegExp(`^\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d{1,2})?$`);
  if (grouped.test(value)) value = value.split(group).join('');
  const match = new RegExp(`^(\\d+)(?:\\${decimal}(\\d{1,2}))?$`).exec(value);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return undefined;
  return negative ? -cents : cents;
}
