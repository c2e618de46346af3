// Small helpers shared by the layout and the pages: dates in Italian, file sizes, links.
import type { Label } from './api-types.ts';

const dateFormat = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' });
const dateTimeFormat = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Rome',
});

function parseDate(value: string): Date | null {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "12 marzo 2026"; the text itself when it is not a date. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const date = parseDate(value);
  return date ? dateFormat.format(date) : value;
}

/** "12 marzo 2026, 18:30" for a date and time; a plain date for a day. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  const date = parseDate(value);
  return date ? dateTimeFormat.format(date) : value;
}

export function formatSize(bytes: unknown): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('it-IT', { maximumFractionDigits: 1 })} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('it-IT', { maximumFractionDigits: 1 })} MB`;
}

export const labelOf = (label: Label | string | null | undefined): string => (typeof label === 'string' ? label : (label?.it ?? ''));

export const isHttpUrl = (value: unknown): value is string => typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value);

/** A same-origin absolute path ("/web-hosting/..."), never a protocol-relative one. */
export const isLocalPath = (value: unknown): value is string => typeof value === 'string' && /^\/(?!\/)[^\s]*$/.test(value);
