import { CronExpressionParser } from 'cron-parser';

/** Schedules are read in the time of the bodies GEA serves: 07:00 means 07:00 in Italy, summer or winter. */
export const SCHEDULE_TIME_ZONE = 'Europe/Rome';

export class JobConfigError extends Error {
  override name = 'JobConfigError';
}

function parse(schedule: string, currentDate: Date) {
  return CronExpressionParser.parse(schedule, { tz: SCHEDULE_TIME_ZONE, currentDate });
}

/** Throws JobConfigError naming the job when a cron expression does not parse. */
export function assertValidSchedule(jobKey: string, schedule: string): void {
  try {
    parse(schedule, new Date());
  } catch (error) {
    throw new JobConfigError(`job ${jobKey}: "${schedule}" is not a cron expression (${(error as Error).message})`);
  }
}

/** The latest instant the schedule names at or before `now` (null if it never fired before). */
export function latestOccurrence(schedule: string, now: Date): Date | null {
  // cron-parser's prev() is strictly before its current date: start 1 ms later so `now` itself counts.
  const expression = parse(schedule, new Date(now.getTime() + 1));
  return expression.hasPrev() ? expression.prev().toDate() : null;
}

/** The first instant the schedule names strictly after `now` (null if it never fires again). */
export function nextOccurrence(schedule: string, now: Date): Date | null {
  const expression = parse(schedule, now);
  return expression.hasNext() ? expression.next().toDate() : null;
}

/** The calendar day (as Prisma reads DATE columns: UTC midnight) that `instant` falls on in Italy. */
export function calendarDayInItaly(instant: Date): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: SCHEDULE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  return new Date(`${day}T00:00:00.000Z`);
}


/**
 * `GEA_JOB_SCHEDULES`: `<job key>=<cron>` pairs separated by `;`, overriding what plugins declare
 * (alerts at 06:30 instead of 07:00, or a test schedule). Cron fields contain spaces and commas, hence `;`.
 */
export function parseScheduleOverrides(value: string | undefined): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const pair of (value ?? '').split(';')) {
    if (!pair.trim()) continue;
    const separator = pair.indexOf('=');
    const key = pair.slice(0, separator).trim();
    const schedule = pair.slice(separator + 1).trim();
    if (separator < 1 || !schedule) throw new JobConfigError(`GEA_JOB_SCHEDULES: "${pair.trim()}" is not <job key>=<cron expression>`);
    overrides.set(key, schedule);
  }
  return overrides;
}
