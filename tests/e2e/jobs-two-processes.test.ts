import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startSession } from '@gea/core';
import { openDatabase, repoRoot, type Database } from '@gea/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemOf, seedAlertWorld, type AlertUser, type AlertWorld } from '@gea/test-kit/alerts.ts';
import { startServerProcess, type ServerProcess } from '@gea/test-kit/server-process.ts';
import { startSmtpServer, type TestSmtpServer } from '@gea/test-kit/smtp.ts';
import { useEmptyPostgresDatabase } from '@gea/test-kit/postgres-admin.ts';

const JOB_KEYS = ['inventory:warranty-ending', 'pec-signatures:certificate-expiry', 'pec-signatures:mailbox-expiry', 'procurement:contract-ending'];

/** The fields of a cron expression (seconds first) naming the instants `first` and `second` of the same minute, in Italian time. */
function cronAt(first: Date, second: Date): string {
  const parts = (instant: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Rome', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
      })
        .formatToParts(instant)
        .map((part) => [part.type, Number(part.value)]),
    ) as Record<string, number>;
  const [a, b] = [parts(first), parts(second)];
  return `${a.second},${b.second} ${a.minute} ${a.hour} ${a.day} ${a.month} *`;
}

const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

describe.runIf(process.env.TEST_DATABASE_URL)('scheduled jobs with two API processes on one PostgreSQL', () => {
  const name = `gea_e2e_jobs_${process.pid}`;
  // Collected even when skipped: nothing here may assume TEST_DATABASE_URL is set.
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://unused@127.0.0.1/unused';
  const url = (() => {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let db: Database;
  let smtp: TestSmtpServer;
  let world: AlertWorld;
  const processes: ServerProcess[] = [];

  beforeAll(async () => {
    await admin(`create database "${name}"`);
    const migrate = spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['packages/db/src/cli/migrate.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    db = await openDatabase({ kind: 'postgres', url }, { poolSize: 2 });
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    for (const server of processes) await server.stop();
    await db?.close();
    await smtp?.close();
    await admin(`drop database if exists "${name}" with (force)`);
  });

  it('each occurrence runs once in one of the processes, and every recipient gets each alert once in the inbox and once by e-mail', { timeout: 300_000 }, async () => {
    // Alerts relative to today: the occurrences during the test see them; the catch-up at start (a year ago) does not.
    const today = new Date(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date()) + 'T00:00:00Z');
    world = await seedAlertWorld(db.prisma, today);

    // Two occurrences five seconds apart, late enough for both processes to be up and past their first check (5 s after start here).
    let first = new Date(Math.ceil((Date.now() + 35_000) / 1000) * 1000);
    if (first.getUTCSeconds() > 50) first = new Date(first.getTime() + (60 - first.getUTCSeconds()) * 1000);
    const second = new Date(first.getTime() + 5_000);
    const schedule = cronAt(first, second);
    const env = {
      DATABASE_URL: url,
      GEA_WEB_CLIENT: 'off',
      GEA_SMTP_URL: smtp.url,
      GEA_MAIL_FROM: 'GEA <gea@unione.example.it>',
      GEA_PUBLIC_URL: 'https://gea.unione.example.it',
      GEA_JOB_SCHEDULES: JOB_KEYS.map((key) => `${key}=${schedule}`).join(';'),
      GEA_JOBS_START_DELAY_SECONDS: '5',
    };
    processes.push(startServerProcess(env), startServerProcess(env));
    const urls = await Promise.all(processes.map((server) => server.ready));

    // Both processes have run or skipped the second occurrence, and the e-mails have gone out.
    const finished = await waitFor('the second occurrence to finish', async () => {
      const runs = await db.prisma.jobRun.findMany({ where: { jobKey: { in: JOB_KEYS }, scheduledAt: second, outcome: { not: 'RUNNING' } } });
      return runs.length === JOB_KEYS.length ? runs : undefined;
    }, 150_000);
    expect(finished.every((run) => run.outcome === 'SUCCEEDED')).toBe(true);

    const runs = await db.prisma.jobRun.findMany({ where: { jobKey: { in: JOB_KEYS } }, orderBy: { scheduledAt: 'asc' } });
    for (const key of JOB_KEYS) {
      const mine = runs.filter((run) => run.jobKey === key);
      // The catch-up after start (the latest earlier occurrence: a year ago, unless the first check
      // came after the first instant), then the two during the test; each once.
      expect(mine.map((run) => run.scheduledAt.getTime()).slice(-2), key).toEqual([first.getTime(), second.getTime()]);
      expect(mine.length, key).toBeLessThanOrEqual(3);
      for (const run of mine) {
        expect(run.outcome).toBe('SUCCEEDED');
        expect(run.runner).toMatch(/^.+:\d+$/);
      }
      for (const instant of [first, second]) {
        const done = processes.filter((server) => server.stdout().includes(`job ${key} (${instant.toISOString()}): done`));
        expect(done, `${key} at ${instant.toISOString()} ran in exactly one process`).toHaveLength(1);
      }
    }

    // Recorded by host:pid; tsx runs the server in a child process, so its pid is not the spawned one's.
    expect(new Set(runs.map((run) => run.runner)).size).toBeLessThanOrEqual(2);

    // Every expected recipient: each alert once in the inbox.
    const rows = await db.prisma.notification.findMany({ where: { recipientId: { in: Object.values(world.users).map((user) => user.id) } } });
    const expectedTotal = Object.values(world.expected).reduce((sum, items) => sum + items.length, 0);
    expect(rows).toHaveLength(expectedTotal);
    for (const who of Object.keys(world.users) as AlertUser[]) {
      const items = rows.filter((row) => row.recipientId === world.users[who].id).map((row) => itemOf(row.subjectKey));
      expect(items.sort(), who).toEqual([...world.expected[who]].sort());
    }

    // ... and once by e-mail (the outbox is claimed row by row: two processes never send one twice).
    await waitFor('the e-mails', async () => (smtp.received.length >= expectedTotal ? true : undefined), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(smtp.received).toHaveLength(expectedTotal);
    for (const who of Object.keys(world.users) as AlertUser[]) {
      const mails = smtp.received.filter((mail) => mail.to.includes(world.users[who].email));
      expect(mails, who).toHaveLength(world.expected[who].length);
      expect(new Set(mails.map((mail) => mail.subject)).size, `${who}: no subject twice`).toBe(mails.length);
    }
    const staffMails = smtp.received.filter((mail) => mail.to.includes(world.users.staff.email));
    expect(staffMails.every((mail) => /ending|expiring/.test(mail.subject))).toBe(true);
    const referentMails = smtp.received.filter((mail) => mail.to.includes(world.users.referentA.email));
    expect(referentMails.map((mail) => mail.subject).sort()).toEqual([
      expect.stringMatching(/^Casella PEC in scadenza: protocollo\./),
      expect.stringMatching(/^Contratto in scadenza: Manutenzione PC /),
      expect.stringMatching(/^Garanzia in scadenza: Lenovo ThinkPad T14 \(A-1-/),
    ]);
    expect(referentMails.every((mail) => mail.text.includes('https://gea.unione.example.it/'))).toBe(true);
    expect(await db.prisma.notification.count({ where: { emailStatus: { not: 'SENT' } } })).toBe(0);

    // Through either process over HTTP, a referent's inbox holds their body's three alerts.
    const { token } = await startSession(db.prisma, world.users.referentA.id, 'password', 60_000);
    for (const graphql of urls) {
      const response = await fetch(graphql, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ unreadNotificationCount notifications(first: 10) { edges { node { kind } } } }' }),
      });
      const body = (await response.json()) as { data: { unreadNotificationCount: number; notifications: { edges: { node: { kind: string } }[] } } };
      expect(body.data.unreadNotificationCount).toBe(3);
      expect(body.data.notifications.edges.map((edge) => edge.node.kind).sort()).toEqual([
        'inventory:warranty-ending',
        'pec-signatures:mailbox-expiring',
        'procurement:contract-ending',
      ]);
    }

    // Not asserting exit code 0 here: tsx SIGKILLs its child when the child takes over 30 ms to
    // acknowledge SIGTERM, which a loaded machine sometimes does; startup.test.ts covers shutdown.
    for (const server of processes.splice(0)) await server.stop();
  });
});
