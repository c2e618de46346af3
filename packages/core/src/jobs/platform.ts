import type { GeaPrismaClient } from '@gea/db';
import { collectNotificationKinds } from '../notifications/kinds.ts';
import { mailerFromEnv, type Mailer } from '../notifications/mailer.ts';
import { createNotifier } from '../notifications/notify.ts';
import { deliverPendingEmails } from '../notifications/outbox.ts';
import type { Notify } from '../notifications/types.ts';
import type { PermissionDefinition } from '../permissions.ts';
import type { GeaPlugin } from '../plugin.ts';
import { createJobRunner, resolveJobs, type JobRunner } from './runner.ts';
import { JobConfigError, parseScheduleOverrides } from './schedule.ts';
import type { JobDefinition } from './types.ts';

export interface PlatformJobsOptions {
  prisma: GeaPrismaClient;
  plugins: readonly GeaPlugin[];
  permissions: ReadonlyMap<string, PermissionDefinition>;
  /** GEA_SMTP_URL, GEA_MAIL_FROM, GEA_JOB_SCHEDULES. */
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Where the web client is, for links in e-mails. */
  linkBase?: string;
  runnerId?: string;
  startDelayMs?: number;
}

export interface PlatformJobs {
  runner: JobRunner;
  notify: Notify;
  /** Sends what is waiting in the e-mail outbox now (no-op without a mail server). */
  deliverEmails(): Promise<{ sent: number; failed: number }>;
  close(): Promise<void>;
}

/** Every five minutes the outbox is tried again, so a send that failed goes out once the server is back. */
export const EMAIL_OUTBOX_JOB_KEY = 'core:email-outbox';

/**
 * The scheduled jobs of the installed plugins, with `notify` over their notification kinds and
 * e-mail through SMTP when configured. Configuration errors (bad cron, unknown kind permission,
 * bad SMTP URL) throw here, before anything runs.
 */
export function createPlatformJobs(options: PlatformJobsOptions): PlatformJobs {
  const { prisma, plugins, permissions, env, log } = options;
  const kinds = collectNotificationKinds(plugins, permissions);
  const mailer: Mailer | null = mailerFromEnv(env);
  const notify = createNotifier({
    prisma,
    kinds,
    permissions,
    installedModules: new Set(plugins.map((plugin) => plugin.key)),
    emailEnabled: mailer !== null,
    log,
  });
  const deliverEmails = async () =>
    mailer ? deliverPendingEmails(prisma, mailer, { linkBase: options.linkBase, log }) : { sent: 0, failed: 0 };

  const declared: { pluginKey: string; job: JobDefinition }[] = plugins.flatMap((plugin) =>
    (plugin.jobs ?? []).map((job) => ({ pluginKey: plugin.key, job })),
  );
  if (mailer) {
    declared.push({
      pluginKey: 'core',
      job: {
        key: EMAIL_OUTBOX_JOB_KEY,
        schedule: '*/5 * * * *',
        description: 'Send e-mails of notifications still waiting (a failed send is retried here).',
        run: async () => void (await deliverEmails()),
      },
    });
  }
  const jobs = resolveJobs(declared, parseScheduleOverrides(env.GEA_JOB_SCHEDULES));
  const runner = createJobRunner({
    prisma,
    jobs,
    notify,
    log,
    runnerId: options.runnerId,
    startDelayMs: options.startDelayMs ?? startDelayFromEnv(env),
    afterRuns: mailer ? async () => void (await deliverEmails()) : undefined,
  });
  return {
    runner,
    notify,
    deliverEmails,
    async close() {
      await runner.stop();
      mailer?.close();
    },
  };
}

/** GEA_JOBS_START_DELAY_SECONDS: how long after start a process first checks its jobs (default 30). */
function startDelayFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const value = env.GEA_JOBS_START_DELAY_SECONDS?.trim();
  if (!value) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 3600) {
    throw new JobConfigError(`GEA_JOBS_START_DELAY_SECONDS must be a whole number of seconds from 0 to 3600 (got "${value}")`);
  }
  return Number(value) * 1000;
}
