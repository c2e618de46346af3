// Calendar dates as Prisma reads and writes DATE columns: UTC midnight, no time zone.

export const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a date (its UTC calendar day). */
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/** Today as a calendar date (UTC midnight). */
export const today = (): Date => new Date(isoDate(new Date()));

/** The calendar date `days` after (or before, when negative) a date. */
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * DAY_MS);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: Date, to: Date): number => Math.round((to.getTime() - from.getTime()) / DAY_MS);

/** Whole days from today to a date (negative once it has passed). */
export const daysFromToday = (date: Date): number => daysBetween(today(), date);

/** 31 December of a year: the reference date of resident population. */
export const endOfYear = (year: number): Date => new Date(Date.UTC(year, 11, 31));
