// Why not pg-boss or graphile-worker: graphile-worker needs Node 22.18+ and a real PostgreSQL pool
// (it LISTENs on a dedicated connection), and GEA's default deployment is PGlite on Node 20. pg-boss
// could run through a borrowed connection, but it creates and migrates its own schema at start
// (on PostgreSQL GEA migrates only as an explicit step) and brings a queue GEA does not need: a few
// daily jobs, each to run once per occurrence, which one row keyed by (job, instant) guarantees.
import os from 'node:os';
import type { GeaPrismaClient } from '@gea/db';
import type { Notify } from '../notifications/types.ts';
import { assertValidSchedule, JobConfigError, latestOccurrence, nextOccurrence } from './schedule.ts';
import type { JobDefinition } from './types.ts';

export interface JobRunnerOptions {
  prisma: GeaPrismaClient;
  jobs: readonly JobDefinition[];
  notify: Notify;
  log: (line: string) => void;
  /** Schedules replacing the declared ones, by job key (GEA_JOB_SCHEDULES). */
  scheduleOverrides?: ReadonlyMap<string, string>;
  /** Runs after any occurrence ran in this process: e-mails of the notifications it committed go out. */
  afterRuns?: () => Promise<void>;
  /** Recorded with each run (default `host:pid`). */
  runnerId?: string;
  /** The longest sleep between checks, so a changed clock is noticed. */
  maxSleepMs?: number;
  /**
   * The first check (and catch-up) comes this long after start (default 30 s): a new process first
   * answers its first requests (health checks of a rolling restart), and on the embedded database a
   * job's queries share the one connection and thread with them.
   */
  startDelayMs?: number;
}

export type OccurrenceOutcome = 'SUCCEEDED' | 'FAILED' | 'CLAIMED_ELSEWHERE';

export interface OccurrenceResult {
  jobKey: string;
  scheduledAt: Date;
  outcome: OccurrenceOutcome;
}

export interface JobRunner {
  /** The jobs with the schedule in force. */
  readonly jobs: readonly (JobDefinition & { schedule: string })[];
  /** Checks after the start delay, then at each next occurrence. */
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /**
   * Runs the latest occurrence at or before `now` of every job that no process has claimed yet
   * (so after downtime only the latest missed one runs). Deterministic: what tests call.
   */
  runDueJobs(now?: Date): Promise<OccurrenceResult[]>;
}

/** The jobs of the installed plugins with their schedules in force; bad keys and cron expressions fail start. */
export function resolveJobs(
  declared: readonly { pluginKey: string; job: JobDefinition }[],
  overrides: ReadonlyMap<string, string> = new Map(),
): (JobDefinition & { schedule: string })[] {
  const seen = new Set<string>();
  const jobs = declared.map(({ pluginKey, job }) => {
    if (!job.key.startsWith(`${pluginKey}:`)) throw new JobConfigError(`plugin ${pluginKey}: job "${job.key}" must start with "${pluginKey}:"`);
    if (seen.has(job.key)) throw new JobConfigError(`job ${job.key} is declared twice`);
    seen.add(job.key);
    const schedule = overrides.get(job.key) ?? job.schedule;
    assertValidSchedule(job.key, schedule);
    return { ...job, schedule };
  });
  const unknown = [...overrides.keys()].filter((key) => !seen.has(key));
  if (unknown.length > 0) throw new JobConfigError(`GEA_JOB_SCHEDULES: no job ${unknown.join(', ')} (jobs: ${[...seen].join(', ') || 'none'})`);
  return jobs;
}

export function createJobRunner(options: JobRunnerOptions & { jobs: readonly (JobDefinition & { schedule: string })[] }): JobRunner {
  const { prisma, jobs, notify, log } = options;
  const runner = options.runnerId ?? `${os.hostname()}:${process.pid}`;
  const maxSleepMs = options.maxSleepMs ?? 60_000;
  const startDelayMs = options.startDelayMs ?? 30_000;
  // The latest occurrence this process has settled per job (ran it, or saw it claimed): no row to try again.
  const settled = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let current: Promise<unknown> = Promise.resolve();

  async function runOccurrence(job: JobDefinition, scheduledAt: Date): Promise<OccurrenceOutcome> {
    const { count } = await prisma.jobRun.createMany({ data: [{ jobKey: job.key, scheduledAt, runner }], skipDuplicates: true });
    if (count === 0) return 'CLAIMED_ELSEWHERE';
    const started = performance.now();
    try {
      await job.run({ prisma, scheduledAt, notify, log: (message) => log(`job ${job.key}: ${message}`) });
      await prisma.jobRun.update({
        where: { jobKey_scheduledAt: { jobKey: job.key, scheduledAt } },
        data: { outcome: 'SUCCEEDED', finishedAt: new Date() },
      });
      log(`job ${job.key} (${scheduledAt.toISOString()}): done in ${Math.round(performance.now() - started)} ms`);
      return 'SUCCEEDED';
    } catch (error) {
      const message = (error as Error)?.stack ?? String(error);
      await prisma.jobRun.update({
        where: { jobKey_scheduledAt: { jobKey: job.key, scheduledAt } },
        data: { outcome: 'FAILED', finishedAt: new Date(), error: message.slice(0, 4000) },
      });
      log(`job ${job.key} (${scheduledAt.toISOString()}) failed: ${(error as Error)?.message ?? error}`);
      return 'FAILED';
    }
  }

  async function runDueJobs(now = new Date()): Promise<OccurrenceResult[]> {
    const results: OccurrenceResult[] = [];
    for (const job of jobs) {
      const scheduledAt = latestOccurrence(job.schedule, now);
      if (!scheduledAt || (settled.get(job.key) ?? -Infinity) >= scheduledAt.getTime()) continue;
      const outcome = await runOccurrence(job, scheduledAt);
      settled.set(job.key, scheduledAt.getTime());
      results.push({ jobKey: job.key, scheduledAt, outcome });
    }
    if (options.afterRuns && results.some((result) => result.outcome !== 'CLAIMED_ELSEWHERE')) {
      await options.afterRuns().catch((error) => log(`jobs: after the runs: ${(error as Error).message}`));
    }
    return results;
  }

  function schedule() {
    if (stopped) return;
    const now = new Date();
    const next = Math.min(...jobs.map((job) => nextOccurrence(job.schedule, now)?.getTime() ?? Infinity));
    const delay = Math.max(0, Math.min(next - now.getTime(), maxSleepMs));
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  function tick() {
    current = runDueJobs()
      .catch((error) => log(`jobs: ${(error as Error).message}`))
      .finally(schedule);
  }

  return {
    jobs,
    start() {
      if (!stopped || jobs.length === 0) return;
      stopped = false;
      timer = setTimeout(tick, startDelayMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
    runDueJobs,
  };
}
