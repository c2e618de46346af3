// Art. 11.4 of the regulation: a new online service is built for the requesting body and for every
// body of the union only when at least half of the bodies ask for it, whatever their population.
// Count, not population: 4 of 7, 1 of 2, 2 of 4. Pure functions, so the rule is tested on its own.
import { calendarDayInItaly, SCHEDULE_TIME_ZONE } from '@gea/core';

export type Choice = 'YES' | 'NO';

export interface Membership {
  entityId: string;
  /** First day of membership (a calendar date: UTC midnight). */
  joinedOn: Date;
  /** First day the body is no longer a member; null while it is. */
  leftOn: Date | null;
}

export interface Vote {
  entityId: string;
  choice: Choice;
}

export interface Tally {
  yes: number;
  no: number;
  /** Member bodies on the day counted. */
  members: number;
  /** Yes votes an approval takes: half of the members, rounded up. */
  needed: number;
  /** Member bodies that have not voted. */
  missing: string[];
}

export type Outcome = 'APPROVED' | 'REJECTED';

/** Whether the body is a member on a calendar day: from joinedOn (included) to leftOn (excluded), as the core reads it. */
export const isMemberOn = (membership: Membership, day: Date): boolean =>
  membership.joinedOn.getTime() <= day.getTime() && (membership.leftOn === null || membership.leftOn.getTime() > day.getTime());

/** The member bodies on a calendar day (a body may have several membership periods). */
export function membersOn(memberships: readonly Membership[], day: Date): Set<string> {
  return new Set(memberships.filter((m) => isMemberOn(m, day)).map((m) => m.entityId));
}

/** The rule itself: at least half of the member bodies said yes. No members, no approval. */
export const isApproved = (yes: number, members: number): boolean => members > 0 && 2 * yes >= members;

/** The smallest number of yes votes that approves. */
export const neededYes = (members: number): number => Math.max(1, Math.ceil(members / 2));

/** Votes of member bodies only: a body that left counts neither above nor below the line. */
export function tally(votes: readonly Vote[], members: ReadonlySet<string>): Tally {
  const counted = votes.filter((vote) => members.has(vote.entityId));
  const voted = new Set(counted.map((vote) => vote.entityId));
  return {
    yes: counted.filter((vote) => vote.choice === 'YES').length,
    no: counted.filter((vote) => vote.choice === 'NO').length,
    members: members.size,
    needed: neededYes(members.size),
    missing: [...members].filter((id) => !voted.has(id)).sort(),
  };
}

/**
 * What a tally decides: APPROVED as soon as the yes votes reach half; REJECTED when voting has
 * closed, or when every member has voted without reaching it; null while it stays open.
 */
export function decide(t: Tally, closed: boolean): Outcome | null {
  if (isApproved(t.yes, t.members)) return 'APPROVED';
  if (closed || t.missing.length === 0) return 'REJECTED';
  return null;
}

/** The instant a calendar day starts in Italy (summer or winter time). */
export function startOfDayInItaly(day: Date): Date {
  // Italy is UTC+1 or UTC+2: midnight there is 22:00 or 23:00 UTC of the day before.
  for (const hours of [2, 1]) {
    const candidate = new Date(day.getTime() - hours * 3_600_000);
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: SCHEDULE_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (local === '00' && calendarDayInItaly(candidate).getTime() === day.getTime()) return candidate;
  }
  return new Date(day.getTime() - 3_600_000);
}

/** Voting closes at the end of `closesOn` in Italy: the start of the next day. */
export const closingInstant = (closesOn: Date): Date => startOfDayInItaly(new Date(closesOn.getTime() + 86_400_000));

/** Whether voting has closed at `instant`. */
export const isClosed = (closesOn: Date | null, instant: Date): boolean => closesOn !== null && instant.getTime() >= closingInstant(closesOn).getTime();
