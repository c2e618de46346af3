import { actorFromGrants, actorWithPermissions, createPlatformJobs, EMAIL_OUTBOX_JOB_KEY, definePlugin, grantsForRoles, type Actor, type PlatformJobs } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
import procurement from '@gea/plugin-procurement';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemOf, seedAlertWorld, type AlertUser, type AlertWorld } from '@gea/test-kit/alerts.ts';
import { useTestApi } from '@gea/test-kit/api.ts';
import { startSmtpServer, type TestSmtpServer } from '@gea/test-kit/smtp.ts';

const plugins = [inventory, procurement, createPecSignaturesPlugin()];
const t = useTestApi(plugins);

// 07:00 in Italy on 1 March 2027: the daily jobs' occurrence, whatever day the tests run.
const MORNING = new Date('2027-03-01T06:00:00.000Z');
const TODAY = new Date('2027-03-01T00:00:00.000Z');
const DAY = 86_400_000;
const JOB_KEYS = ['inventory:warranty-ending', 'pec-signatures:certificate-expiry', 'pec-signatures:mailbox-expiry', 'procurement:contract-ending'];

let world: AlertWorld;
let smtp: TestSmtpServer;
const platforms: PlatformJobs[] = [];
const logs: string[] = [];

/** What one API process would run: its own runner and notifier over the shared database. */
const platform = (extraPlugins: Parameters<typeof createPlatformJobs>[0]['plugins'] = []) => {
  const jobs = createPlatformJobs({
    prisma: t.db.prisma,
    plugins: [...t.api.composed.plugins, ...extraPlugins],
    permissions: t.api.composed.permissions,
    env: { GEA_SMTP_URL: smtp.url, GEA_MAIL_FROM: 'GEA Test <gea@example.it>' },
    log: (line) => logs.push(line),
    linkBase: 'https://gea.example.it',
  });
  platforms.push(jobs);
  return jobs;
};

const actorOf = async (who: AlertUser): Promise<Actor> => {
  const roles = await t.db.prisma.roleAssignment.findMany({ where: { userId: world.users[who].id }, select: { role: true, entityId: true } });
  return actorFromGrants({ kind: 'user', id: world.users[who].id, label: who }, grantsForRoles(roles, t.api.composed.permissions));
};

const gql = async (query: string, variables: Record<string, unknown>, actor: Actor) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
};

const INBOX = `query ($unreadOnly: Boolean, $first: Int, $after: String, $locale: String) {
  unreadNotificationCount
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    edges { node { id kind title(locale: $locale) body link readAt createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

beforeAll(async () => {
  smtp = await startSmtpServer();
  world = await seedAlertWorld(t.db.prisma, TODAY);
});
afterAll(async () => {
  for (const jobs of platforms) await jobs.close();
  await smtp?.close();
});

describe('scheduled jobs run once per occurrence', () => {
  it('the first runner runs every job\'s latest occurrence; a second process finds each claimed; neither runs it again', async () => {
    const first = platform();
    const second = platform();
    const results = await first.runner.runDueJobs(new Date(MORNING.getTime() + 5 * 60_000));
    expect(results.filter((r) => JOB_KEYS.includes(r.jobKey)).map((r) => [r.jobKey, r.scheduledAt.toISOString(), r.outcome]).sort()).toEqual(
      JOB_KEYS.map((key) => [key, MORNING.toISOString(), 'SUCCEEDED']),
    );
    const again = await second.runner.runDueJobs(new Date(MORNING.getTime() + 10 * 60_000));
    expect(again.filter((r) => JOB_KEYS.includes(r.jobKey)).map((r) => r.outcome)).toEqual(JOB_KEYS.map(() => 'CLAIMED_ELSEWHERE'));
    const later = await first.runner.runDueJobs(new Date(MORNING.getTime() + 15 * 60_000));
    // Only the e-mail outbox, every five minutes, is due again.
    expect(later.map((r) => r.jobKey)).toEqual([EMAIL_OUTBOX_JOB_KEY]);

    const runs = await t.db.prisma.jobRun.findMany({ where: { jobKey: { in: JOB_KEYS } } });
    expect(runs).toHaveLength(JOB_KEYS.length);
    for (const run of runs) {
      expect(run).toMatchObject({ scheduledAt: MORNING, outcome: 'SUCCEEDED', error: null });
      expect(run.finishedAt).not.toBeNull();
    }
  });

  it('two processes racing for the next occurrence: each job runs once', async () => {
    const [one, two] = [platform(), platform()];
    const next = new Date(MORNING.getTime() + DAY + 60_000);
    const [a, b] = await Promise.all([one.runner.runDueJobs(next), two.runner.runDueJobs(next)]);
    const ran = [...a, ...b].filter((r) => JOB_KEYS.includes(r.jobKey) && r.outcome === 'SUCCEEDED').map((r) => r.jobKey).sort();
    expect(ran).toEqual(JOB_KEYS);
    expect(await t.db.prisma.jobRun.count({ where: { jobKey: { in: JOB_KEYS }, scheduledAt: new Date(MORNING.getTime() + DAY) } })).toBe(JOB_KEYS.length);
  });

  it('after downtime only the latest missed occurrence runs, and a failing job is recorded as FAILED with its error', async () => {
    const flaky = definePlugin({
      key: 'flaky',
      name: 'Flaky',
      jobs: [{ key: 'flaky:fails', schedule: '0 7 * * *', run: async () => { throw new Error('disk full'); } }],
    });
    const jobs = platform([flaky]);
    // Down for three days: 4, 5 and 6 March were missed; only 6 March 07:00 runs.
    const results = await jobs.runner.runDueJobs(new Date('2027-03-06T11:00:00Z'));
    const daily = results.filter((r) => r.jobKey !== EMAIL_OUTBOX_JOB_KEY);
    expect(daily.map((r) => r.jobKey).sort()).toEqual([...JOB_KEYS, 'flaky:fails'].sort());
    expect(new Set(daily.map((r) => r.scheduledAt.toISOString()))).toEqual(new Set(['2027-03-06T06:00:00.000Z']));
    const failed = await t.db.prisma.jobRun.findUniqueOrThrow({
      where: { jobKey_scheduledAt: { jobKey: 'flaky:fails', scheduledAt: new Date('2027-03-06T06:00:00Z') } },
    });
    expect(failed.outcome).toBe('FAILED');
    expect(failed.error).toMatch(/disk full/);
    expect(logs.some((line) => /job flaky:fails .* failed: disk full/.test(line))).toBe(true);
  });
});

describe('who is notified', () => {
  it('each person hears of exactly the items of the bodies they may read, once, however often the jobs ran', async () => {
    const rows = await t.db.prisma.notification.findMany({ where: { recipientId: { in: Object.values(world.users).map((u) => u.id) } } });
    for (const [who, user] of Object.entries(world.users) as [AlertUser, AlertWorld['users'][AlertUser]][]) {
      const mine = rows.filter((row) => row.recipientId === user.id).map((row) => itemOf(row.subjectKey));
      expect(mine.sort(), who).toEqual([...world.expected[who]].sort());
    }
    // The contract serves A and B: one notification per person, not one per body.
    expect(rows.filter((row) => itemOf(row.subjectKey) === world.items.contractAB && row.recipientId === world.users.head.id)).toHaveLength(1);
  });

  it('a referent of body A never gets B\'s alert, in the inbox or through node(id:)', async () => {
    const referentA = await actorOf('referentA');
    const data = await gql(INBOX, {}, referentA);
    expect(data.unreadNotificationCount).toBe(3);
    const kinds = data.notifications.edges.map((e: any) => e.node.kind).sort();
    expect(kinds).toEqual(['inventory:warranty-ending', 'pec-signatures:mailbox-expiring', 'procurement:contract-ending']);
    const titles = data.notifications.edges.map((e: any) => e.node.title).join('\n');
    expect(titles).toMatch(/Garanzia in scadenza: Lenovo ThinkPad T14 \(A-1-/);
    expect(titles).not.toMatch(/B-1|Certificato/);

    const referentB = await actorOf('referentB');
    const theirs = await gql(INBOX, {}, referentB);
    const foreignId = theirs.notifications.edges.find((e: any) => e.node.kind === 'pec-signatures:certificate-expiring').node.id;
    const peek = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on Notification { title } } }', { id: foreignId }, referentA);
    expect(peek.body.data?.node ?? null).toBeNull();
    expect(JSON.stringify(peek.body)).not.toMatch(/Certificato/);
  });

  it('the inbox speaks the recipient\'s language unless asked otherwise, and pages newest first', async () => {
    const staff = await actorOf('staff');
    const english = await gql(INBOX, { first: 2 }, staff);
    expect(english.notifications.edges).toHaveLength(2);
    expect(english.notifications.pageInfo.hasNextPage).toBe(true);
    expect(english.notifications.edges[0].node.title).toMatch(/^(Warranty ending|Contract ending|PEC mailbox expiring|Signature certificate expiring)/);
    const rest = await gql(INBOX, { first: 10, after: english.notifications.pageInfo.endCursor, locale: 'it' }, staff);
    expect(rest.notifications.edges).toHaveLength(3);
    expect(rest.notifications.edges[0].node.title).toMatch(/in scadenza/);
    const all = [...english.notifications.edges, ...rest.notifications.edges].map((e: any) => e.node.createdAt);
    expect([...all].sort().reverse()).toEqual(all);
  });

  it('machines and anonymous callers have no inbox', async () => {
    const token = actorWithPermissions('protocol system', ['pec-signatures:read'], 'token');
    const refused = await t.api.gql('{ unreadNotificationCount }', {}, token);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_SCOPE');
    const { anonymousActor } = await import('@gea/core');
    const anonymous = await t.api.gql('{ notifications(first: 1) { edges { node { id } } } }', {}, anonymousActor);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('marking read', () => {
  it('marks the given ones (only one\'s own) or all, and is audited', async () => {
    const referentA = await actorOf('referentA');
    const referentB = await actorOf('referentB');
    const mine = (await gql(INBOX, {}, referentA)).notifications.edges.map((e: any) => e.node.id);
    const theirs = (await gql(INBOX, {}, referentB)).notifications.edges.map((e: any) => e.node.id);
    const MARK = `mutation ($ids: [ID!], $all: Boolean) {
      markNotificationsRead(ids: $ids, all: $all) { __typename ... on MarkNotificationsReadResult { marked unreadCount } ... on InputError { issues { path message } } }
    }`;
    expect((await gql(MARK, { ids: [mine[0]] }, referentA)).markNotificationsRead).toMatchObject({ marked: 1, unreadCount: 2 });
    expect((await gql(MARK, { ids: [mine[0]] }, referentA)).markNotificationsRead).toMatchObject({ marked: 0, unreadCount: 2 });
    // Someone else's notification is not touched.
    expect((await gql(MARK, { ids: theirs }, referentA)).markNotificationsRead).toMatchObject({ marked: 0 });
    expect((await gql('{ unreadNotificationCount }', {}, referentB)).unreadNotificationCount).toBe(3);

    const unread = await gql(INBOX, { unreadOnly: true }, referentA);
    expect(unread.notifications.edges.map((e: any) => e.node.id)).toEqual(mine.slice(1));
    expect((await gql(MARK, {}, referentA)).markNotificationsRead).toMatchObject({ __typename: 'InputError' });
    expect((await gql(MARK, { all: true }, referentA)).markNotificationsRead).toMatchObject({ marked: 2, unreadCount: 0 });
    const read = await gql(INBOX, {}, referentA);
    expect(read.notifications.edges.every((e: any) => e.node.readAt !== null)).toBe(true);

    const audit = await t.db.prisma.auditEvent.findMany({ where: { operation: 'markNotificationsRead', actorId: world.users.referentA.id }, orderBy: { at: 'asc' } });
    expect(audit.map((event) => event.outcome)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILED', 'SUCCESS']);
  });
});

describe('preferences', () => {
  const PREFERENCES = '{ notificationPreferences { kind label inbox email } }';
  const SET = `mutation ($kind: String!, $inbox: Boolean!, $email: Boolean!) {
    setNotificationPreference(kind: $kind, inbox: $inbox, email: $email) {
      __typename ... on NotificationPreference { kind inbox email } ... on InputError { issues { path message } }
    }
  }`;

  it('list the kinds a person may receive (both on by default), and are changed one kind at a time, audited', async () => {
    const referentB = await actorOf('referentB');
    const listed = await gql(PREFERENCES, {}, referentB);
    expect(listed.notificationPreferences.map((p: any) => p.kind).sort()).toEqual([
      'inventory:warranty-ending',
      'pec-signatures:certificate-expiring',
      'pec-signatures:mailbox-expiring',
      'procurement:contract-ending',
    ]);
    expect(listed.notificationPreferences.every((p: any) => p.inbox && p.email)).toBe(true);
    expect(listed.notificationPreferences.find((p: any) => p.kind === 'inventory:warranty-ending').label).toBe('Garanzie in scadenza');
    const english = await gql(PREFERENCES, {}, await actorOf('staff'));
    expect(english.notificationPreferences.find((p: any) => p.kind === 'procurement:contract-ending').label).toBe('Contracts ending');
    expect((await gql(PREFERENCES, {}, await actorOf('board'))).notificationPreferences).toEqual([]);

    expect((await gql(SET, { kind: 'inventory:warranty-ending', inbox: false, email: false }, referentB)).setNotificationPreference).toEqual({
      __typename: 'NotificationPreference',
      kind: 'inventory:warranty-ending',
      inbox: false,
      email: false,
    });
    await gql(SET, { kind: 'pec-signatures:certificate-expiring', inbox: true, email: false }, referentB);
    const unknown = await gql(SET, { kind: 'inventory:nothing', inbox: true, email: true }, referentB);
    expect(unknown.setNotificationPreference.issues).toEqual([{ path: ['kind'], message: 'no notification kind "inventory:nothing"' }]);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { operation: 'setNotificationPreference', actorId: world.users.referentB.id, outcome: 'SUCCESS' },
      orderBy: { at: 'asc' },
    });
    expect(audit.after).toEqual({ inbox: false, email: false });
  });

  it('are respected for what comes next: no inbox entry and no e-mail for the kinds turned off', async () => {
    // New items on B for the next occurrence.
    const asset = await t.db.prisma.asset.create({
      data: { entityId: world.bodies.b, kind: 'DESKTOP_PC', inventoryTag: 'B-pref', warrantyEnd: new Date(TODAY.getTime() + 12 * DAY) },
    });
    const certificate = await t.db.prisma.signatureCertificate.create({
      data: {
        entityId: world.bodies.b, holderName: 'Luca Verdi', holderTaxCode: 'VRDLCU80A01D612X', deviceType: 'REMOTE',
        issuer: 'CA Qualificata Esempio', serialNumber: 'SN-pref', validFrom: new Date('2026-01-01'), validTo: new Date(TODAY.getTime() + 20 * DAY),
      },
    });
    await platform().runner.runDueJobs(new Date(MORNING.getTime() + 7 * DAY));
    const rows = await t.db.prisma.notification.findMany({ where: { recipientId: world.users.referentB.id, subjectKey: { contains: asset.id } } });
    expect(rows).toMatchObject([{ inInbox: false, emailStatus: 'NOT_WANTED' }]);
    const cert = await t.db.prisma.notification.findMany({ where: { recipientId: world.users.referentB.id, subjectKey: { contains: certificate.id } } });
    expect(cert).toMatchObject([{ inInbox: true, emailStatus: 'NOT_WANTED' }]);
    // Others are unaffected by referent B's choice.
    const head = await t.db.prisma.notification.findMany({ where: { recipientId: world.users.head.id, subjectKey: { contains: asset.id } } });
    expect(head).toMatchObject([{ inInbox: true }]);
    expect(head[0]!.emailStatus === 'PENDING' || head[0]!.emailStatus === 'SENT').toBe(true);
    const inbox = await gql(INBOX, {}, await actorOf('referentB'));
    expect(inbox.notifications.edges.map((e: any) => e.node.title).join('\n')).not.toMatch(/B-pref/);
    expect(smtp.received.filter((mail) => mail.to.includes(world.users.referentB.email) && /Luca Verdi|B-pref/.test(mail.text))).toEqual([]);
  });

  it('a new threshold notifies again: the contract 40 days away is notified at 60 days, then at 15', async () => {
    await platform().runner.runDueJobs(new Date(MORNING.getTime() + 26 * DAY));
    const rows = await t.db.prisma.notification.findMany({
      where: { recipientId: world.users.referentA.id, subjectKey: { contains: world.items.contractAB } },
      orderBy: { createdAt: 'asc' },
    });
    expect(rows.map((row) => row.subjectKey.split(':').at(-1))).toEqual(['60d', '15d']);
  });
});

describe('e-mail', () => {
  it('goes out once per notification that wants it, in the recipient\'s language; a refused send is retried by a later run', async () => {
    const jobs = platform();
    await jobs.deliverEmails();
    smtp.received.length = 0;
    const asset = await t.db.prisma.asset.create({
      data: { entityId: world.bodies.a, kind: 'SERVER', manufacturer: 'Dell', model: 'R650', inventoryTag: 'A-mail', warrantyEnd: new Date(TODAY.getTime() + 40 * DAY) },
    });
    smtp.refuseOnce(world.users.referentA.email);
    // 30 days before that warranty ends: the job runs and, after it, the outbox is sent.
    await jobs.runner.runDueJobs(new Date(MORNING.getTime() + 10 * DAY));
    const about = (mail: { text: string }) => mail.text.includes('A-mail');
    expect(smtp.received.filter(about).map((mail) => mail.to[0]).sort()).toEqual([world.users.head.email, world.users.staff.email].sort());
    const staffMail = smtp.received.find((mail) => mail.to.includes(world.users.staff.email) && about(mail))!;
    expect(staffMail.subject).toBe('Warranty ending: Dell R650 (A-mail)');
    expect(staffMail.text).toMatch(/https:\/\/gea\.example\.it\/inventory\/assets\//);
    const headMail = smtp.received.find((mail) => mail.to.includes(world.users.head.email) && about(mail))!;
    expect(headMail.subject).toBe('Garanzia in scadenza: Dell R650 (A-mail)');
    expect(headMail.from).toBe('gea@example.it');

    const refused = await t.db.prisma.notification.findFirstOrThrow({ where: { recipientId: world.users.referentA.id, subjectKey: { contains: asset.id } } });
    expect(refused).toMatchObject({ emailStatus: 'PENDING', emailAttempts: 1 });
    expect(refused.emailError).toMatch(/busy/);

    // Not again right away: the retry waits for a later outbox run (here: five minutes later).
    await jobs.deliverEmails();
    expect(smtp.received.filter((mail) => about(mail) && mail.to.includes(world.users.referentA.email))).toHaveLength(0);
    await t.db.prisma.notification.update({ where: { id: refused.id }, data: { emailClaimedAt: new Date(Date.now() - 5 * 60_000) } });
    // Two processes retry at once: it goes out once.
    await Promise.all([platform().deliverEmails(), platform().deliverEmails()]);
    expect(smtp.received.filter((mail) => about(mail) && mail.to.includes(world.users.referentA.email))).toHaveLength(1);
    expect(await t.db.prisma.notification.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({ emailStatus: 'SENT', emailAttempts: 2 });
    await jobs.deliverEmails();
    expect(smtp.received.filter(about)).toHaveLength(3);
  });

  it('never to a disabled account, and nothing is left waiting', async () => {
    expect(smtp.received.some((mail) => mail.to.includes(world.users.disabledReferentA.email))).toBe(false);
    expect(await t.db.prisma.notification.count({ where: { emailStatus: { in: ['PENDING', 'SENDING'] } } })).toBe(0);
  });
});
