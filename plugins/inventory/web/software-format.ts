// Small shared helpers of the software screens: dates as ISO days, seats in words, a licence's name.
import { formatDate } from '@gea/web-kit';
import { s } from './software-messages.ts';

/** Today as `YYYY-MM-DD` in the reader's time zone (the API's dates are calendar days). */
export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A calendar day plus some days (UTC arithmetic on the day itself, no time-zone shifts). */
export function addDaysIso(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const seatsText = (licence: { seats: number | null; seatsUsed: number }) =>
  licence.seats === null ? s('seatsUnlimited', { used: String(licence.seatsUsed) }) : s('seatsUsed', { used: String(licence.seatsUsed), total: String(licence.seats) });

/** How a licence is named in links and headings: its product, and its reference when it has one. */
export const licenceName = (licence: { reference: string | null; product: { name: string } }) =>
  licence.reference ? `${licence.product.name} · ${licence.reference}` : licence.product.name;

export const untilText = (validUntil: string | null) => (validUntil ? formatDate(validUntil) : s('perpetual'));
