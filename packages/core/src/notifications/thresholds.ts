import type { LocalizedText } from './types.ts';

/**
 * The alert threshold (in days) an expiry `daysLeft` away falls under: the smallest threshold not
 * below it. Nothing once expired or still beyond the largest. Each item notifies once per threshold
 * (the threshold goes into the subject key), and an item first seen late skips the wider ones.
 */
export function alertThreshold(daysLeft: number, thresholds: readonly number[]): number | undefined {
  if (daysLeft < 0) return undefined;
  return [...thresholds].sort((a, b) => a - b).find((threshold) => daysLeft <= threshold);
}

/** A calendar day (UTC midnight, as DATE columns read) written out in each language. */
export function formatDay(day: Date): LocalizedText {
  const format = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(day);
  return { it: format('it-IT'), en: format('en-GB') };
}

/** "in 3 days" / "today", per language. */
export function inDays(days: number): LocalizedText {
  if (days === 0) return { it: 'oggi', en: 'today' };
  if (days === 1) return { it: 'domani', en: 'tomorrow' };
  return { it: `tra ${days} giorni`, en: `in ${days} days` };
}
