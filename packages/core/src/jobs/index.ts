export { createJobRunner, resolveJobs, type JobRunner, type JobRunnerOptions, type OccurrenceResult, type OccurrenceOutcome } from './runner.ts';
export { createPlatformJobs, EMAIL_OUTBOX_JOB_KEY, type PlatformJobs, type PlatformJobsOptions } from './platform.ts';
export {
  calendarDayInItaly,
  latestOccurrence,
  nextOccurrence,
  parseScheduleOverrides,
  JobConfigError,
  SCHEDULE_TIME_ZONE,
} from './schedule.ts';
export type { JobContext, JobDefinition } from './types.ts';
