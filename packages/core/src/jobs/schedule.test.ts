import { describe, expect, it } from 'vitest';
import { resolveJobs } from './runner.ts';
import { daysBetween } from '../kit/dates.ts';
import { calendarDayInItaly, JobConfigError, latestOccurrence, nextOccurrence, parseScheduleOverrides } from './schedule.ts';

const noop = async () => {};

describe('schedules are read in Italian time', () => {
  it('07:00 daily is 06:00 UTC in winter and 05:00 UTC in summer, across the switch to summer time', () => {
    // 29 March 2026: clocks go forward in Italy at 02:00.
    expect(latestOccurrence('0 7 * * *', new Date('2026-03-28T12:00:00Z'))).toEqual(new Date('2026-03-28T06:00:00Z'));
    expect(nextOccurrence('0 7 * * *', new Date('2026-03-28T12:00:00Z'))).toEqual(new Date('2026-03-29T05:00:00Z'));
    expect(nextOccurrence('0 7 * * *', new Date('2026-10-24T12:00:00Z'))).toEqual(new Date('2026-10-25T06:00:00Z'));
  });

  it('an occurrence exactly at `now` is the latest; one millisecond before, the previous one is', () => {
    const at = new Date('2026-12-01T06:00:00Z');
    expect(latestOccurrence('0 7 * * *', at)).toEqual(at);
    expect(latestOccurrence('0 7 * * *', new Date(at.getTime() - 1))).toEqual(new Date('2026-11-30T06:00:00Z'));
    expect(nextOccurrence('0 7 * * *', at)).toEqual(new Date('2026-12-02T06:00:00Z'));
  });

  it('after days of downtime, only the latest missed occurrence is due', () => {
    // Down from Monday to Thursday noon: Thursday 07:00 is the one to catch up, not Tuesday's or Wednesday's.
    expect(latestOccurrence('0 7 * * *', new Date('2026-12-03T11:00:00Z'))).toEqual(new Date('2026-12-03T06:00:00Z'));
  });

  it('six fields take seconds first (test schedules)', () => {
    expect(latestOccurrence('10,40 * * * * *', new Date('2026-01-01T00:00:39Z'))).toEqual(new Date('2026-01-01T00:00:10Z'));
  });

  it('the calendar day is Italy\'s: 23:30 UTC on 30 June is already 1 July', () => {
    expect(calendarDayInItaly(new Date('2026-06-30T22:30:00Z'))).toEqual(new Date('2026-07-01T00:00:00Z'));
    expect(calendarDayInItaly(new Date('2026-12-31T22:59:59Z'))).toEqual(new Date('2026-12-31T00:00:00Z'));
    expect(daysBetween(new Date('2026-12-01T00:00:00Z'), new Date('2027-01-30T00:00:00Z'))).toBe(60);
  });
});

describe('job configuration fails start with a clear message', () => {
  const job = (key: string, schedule = '0 7 * * *') => ({ key, schedule, run: noop });

  it('applies GEA_JOB_SCHEDULES overrides by key', () => {
    const overrides = parseScheduleOverrides(' inventory:warranty-ending = 30 6 * * 1-5 ; procurement:contract-ending=*/10 * * * * *');
    expect([...overrides]).toEqual([
      ['inventory:warranty-ending', '30 6 * * 1-5'],
      ['procurement:contract-ending', '*/10 * * * * *'],
    ]);
    const jobs = resolveJobs([{ pluginKey: 'inventory', job: job('inventory:warranty-ending') }], new Map([['inventory:warranty-ending', '30 6 * * 1-5']]));
    expect(jobs[0]!.schedule).toBe('30 6 * * 1-5');
  });

  it('refuses a bad cron expression, a key outside the plugin, a duplicate and an override for no job', () => {
    expect(() => resolveJobs([{ pluginKey: 'inventory', job: job('inventory:x', 'every day') }])).toThrow(JobConfigError);
    expect(() => resolveJobs([{ pluginKey: 'inventory', job: job('procurement:x') }])).toThrow(/must start with "inventory:"/);
    expect(() => resolveJobs([{ pluginKey: 'a', job: job('a:x') }, { pluginKey: 'a', job: job('a:x') }])).toThrow(/declared twice/);
    expect(() => resolveJobs([{ pluginKey: 'a', job: job('a:x') }], new Map([['a:y', '* * * * *']]))).toThrow(/no job a:y/);
    expect(() => parseScheduleOverrides('a:x')).toThrow(/not <job key>=<cron expression>/);
  });
});
