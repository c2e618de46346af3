import type { GeaPrismaClient } from '@gea/db';
import type { Notify } from '../notifications/types.ts';

/** What a job's `run` receives for one occurrence. */
export interface JobContext {
  /** The root client (no transaction around the run: open one where the work needs it). */
  prisma: GeaPrismaClient;
  log: (message: string) => void;
  /** The instant the schedule named, not the moment it started: compute "today" from it. */
  scheduledAt: Date;
  notify: Notify;
}

/**
 * Scheduled work of a plugin. Each occurrence of the schedule runs once across every API process
 * on the same database; after downtime, the latest missed occurrence runs once on start.
 */
export interface JobDefinition {
  /** `<plugin key>:<name>`, unique. */
  key: string;
  /** Cron expression (5 fields, or 6 with seconds first) in Italian time (Europe/Rome). */
  schedule: string;
  description?: string;
  run: (context: JobContext) => Promise<void>;
}
