// Small conversions between what a form holds (text as typed) and what the API takes.

/** Trimmed text, or null when empty (optional fields). */
export const optionalText = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** A calendar day of a DateTime (`2026-12-02T10:00:00Z` -> `2026-12-02`), '' for none. */
export const dayOf = (value: string | null | undefined): string => (value ? value.slice(0, 10) : '');

/** Start of validity: the start of the day, in UTC. */
export const dayStart = (day: string): string => `${day}T00:00:00.000Z`;

/** End of validity: the last instant of the day, in UTC. */
export const dayEnd = (day: string): string => `${day}T23:59:59.000Z`;

/** A whole number as typed, or undefined when it is not one. */
export function parseWhole(value: string): number | undefined {
  const text = value.trim().replace(/[.\s]/g, '');
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
