// The term of a connectivity contract on a given day: when it ends, by when notice must be given,
// and whether it renews. Pure: dates in, dates out (UTC calendar days, as Prisma reads DATE columns).
//
// - The notice date is the last day on which notice (disdetta) still stops the contract at the end
//   of its current term: the term's end minus the notice period, in days.
// - TACIT: when a notice date passes without notice, the contract renews for `renewalMonths`, as
//   many times as the days elapsed require, unless the renewed term would end after the last date
//   the contract may be renewed to (procurement's `renewableUntil`) or after its framework
//   agreement ends: then it ends at the current term.
// - EXPRESS: the term moves only when a renewal is recorded (currentTermEndsOn); the notice date is
//   then the last day to decide, the period the act needs before the term.
// - NONE: it ends at its term; the notice date is still the day a withdrawal must be sent by.
import { addDays, DAY_MS } from '@gea/core';
import type { ContractRenewal } from '@gea/db';

export interface ContractTerms {
  /** The term as recorded (procurement's end, or the last express renewal). */
  termEndsOn: Date;
  renewal: ContractRenewal;
  renewalMonths: number | null;
  noticePeriodDays: number;
  noticeGivenOn: Date | null;
  /** The last date the contract may be renewed to (procurement's `renewableUntil`), when limited. */
  renewableUntil: Date | null;
  frameworkEndsOn: Date | null;
}

export type ContractTermState =
  /** Running; notice may still be given for the current term. */
  | 'ACTIVE'
  /** Running; the notice date of the current term has passed: it will end (NONE, EXPRESS) or has renewed (TACIT). */
  | 'NOTICE_DATE_PASSED'
  /** Notice was given: it ends at the current term. */
  | 'NOTICE_GIVEN'
  | 'ENDED';

export interface TermOnDay {
  /** When the term running on that day ends. */
  termEndsOn: Date;
  /** Last day to give notice for that term. */
  noticeDate: Date;
  /** Tacit renewals that have happened by that day. */
  tacitRenewals: number;
  /** Whether the contract renews (tacitly) at the end of the current term if no notice is given. */
  renewsTacitly: boolean;
  state: ContractTermState;
}

const daysInMonth = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();

/**
 * A calendar date `months` later. The last day of a month stays the last day (31 January + 1 month
 * = 28 or 29 February, 28 February + 12 months = 28 February or 29 in a leap year: terms of Italian
 * contracts end "on the last day of the month"); other days are clamped to the target month's length.
 */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const target = new Date(Date.UTC(year, month + months, 1));
  const targetDays = daysInMonth(target.getUTCFullYear(), target.getUTCMonth());
  const lastDay = day === daysInMonth(year, month);
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), lastDay ? targetDays : Math.min(day, targetDays)));
}

export const noticeDateOf = (termEndsOn: Date, noticePeriodDays: number): Date => addDays(termEndsOn, -noticePeriodDays);

/** Whether a tacit renewal from `termEndsOn` is allowed: the next term must end within the limits. */
function mayRenewTacitly(terms: ContractTerms, termEndsOn: Date): boolean {
  if (terms.renewal !== 'TACIT' || !terms.renewalMonths || terms.renewalMonths < 1) return false;
  const next = addMonths(termEndsOn, terms.renewalMonths);
  if (terms.renewableUntil && next.getTime() > terms.renewableUntil.getTime()) return false;
  if (terms.frameworkEndsOn && next.getTime() > terms.frameworkEndsOn.getTime()) return false;
  return true;
}

/** The contract's term as it stands on `day` (a calendar date). */
export function termOn(terms: ContractTerms, day: Date): TermOnDay {
  let termEndsOn = terms.termEndsOn;
  let tacitRenewals = 0;
  const notice = terms.noticeGivenOn;
  // Roll tacit renewals forward: each notice date that passed with no notice given by it renews the term.
  // Bounded by the day (and by the limits), so the loop ends.
  while (mayRenewTacitly(terms, termEndsOn)) {
    const noticeDate = noticeDateOf(termEndsOn, terms.noticePeriodDays);
    const noticeInTime = notice !== null && notice.getTime() <= noticeDate.getTime();
    if (noticeInTime) break;
    // still possible to give notice for this term
    if (day.getTime() <= noticeDate.getTime()) break;
    termEndsOn = addMonths(termEndsOn, terms.renewalMonths!);
    tacitRenewals += 1;
  }
  const noticeDate = noticeDateOf(termEndsOn, terms.noticePeriodDays);
  const renewsTacitly = mayRenewTacitly(terms, termEndsOn) && !(notice !== null && notice.getTime() <= noticeDate.getTime());
  // Notice counts for the current term when it was given by its notice date (a late one, on a tacit
  // contract, has already been carried to the next term by the loop); without renewal any notice ends it.
  const noticeGiven =
    notice !== null && notice.getTime() <= day.getTime() && (notice.getTime() <= noticeDate.getTime() || terms.renewal !== 'TACIT');
  let state: ContractTermState;
  if (day.getTime() > termEndsOn.getTime()) state = 'ENDED';
  else if (noticeGiven) state = 'NOTICE_GIVEN';
  else if (day.getTime() > noticeDate.getTime()) state = 'NOTICE_DATE_PASSED';
  else state = 'ACTIVE';
  return { termEndsOn, noticeDate, tacitRenewals, renewsTacitly, state };
}

/** Whole days from `day` to the notice date (negative once passed). */
export const daysToNotice = (term: TermOnDay, day: Date): number => Math.round((term.noticeDate.getTime() - day.getTime()) / DAY_MS);
