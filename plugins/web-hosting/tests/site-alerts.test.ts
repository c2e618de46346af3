// Site alerts: computed on read for a dashboard (today in Italy), and the daily notifications on a
// clock the test controls, to the ICT office and the referent of the site's body only.
import { createPlatformJobs, calendarDayInItaly, type PlatformJobs } from '@gea/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles, createUser } from '@gea/test-kit/users.ts';
import webHosting from '../src/index.ts';

const t = useTestApi([webHosting]);
const DAY = 86_400_000;

// 07:00 in Italy on 1 March 2027 (CET): the daily occurrence the test drives, whatever day it runs.
const MORNING = new Date('2027-03-01T06:00:00.000Z');
const TODAY = new Date('2027-03-01T00:00:00.000Z');
const day = (n: number) => new Date(TODAY.getTime() + n * DAY);
const iso = (date: Date) => date.toISOString().slice(0, 10);

let a: string;
let b: string;
const sites: Record<'expiring' | 'expired' | 'oldCms' | 'fine' | 'off' | 'other', string> = { expiring: '', expired: '', oldCms: '', fine: '', off: '', other: '' };
const users: Record<'head' | 'staff' | 'referentA' | 'referentB' | 'editorA', string> = { head: '', staff: '', referentA: '', referentB: '', editorA: '' };
let jobs: PlatformJobs;

const site = async (entityId: string, slug: string, fields: Record<string, unknown>) =>
  (
    await t.db.prisma.hostedSite.create({
      data: { entityId, slug, name: `Sito ${slug}`, primaryDomain: `${slug}.example.it`, cms: 'WORDPRESS', cmsVersion: '6.7.1', ...fields },
    })
  ).id;
const allLinks = (siteId: string) =>
  t.db.prisma.siteLink.createMany({
    data: (['ACCESSIBILITY_DECLARATION', 'PRIVACY', 'LEGAL_NOTES', 'BOOKING', 'REPORT_PROBLEM', 'FAQ'] as const).map((kind) => ({ siteId, kind, url: `https://example.it/${kind}` })),
  });
const runAt = (instant: Date) => jobs.runner.runDueJobs(new Date(instant.getTime() + 60_000));
const rowsOf = (who: keyof typeof users, kind?: string) =>
  t.db.prisma.notification.findMany({ where: { recipientId: users[who], kind: kind ?? { startsWith: 'web-hosting:' } }, orderBy: [{ createdAt: 'asc' }, { subjectKey: 'asc' }] });

beforeAll(async () => {
  a = (await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Rufina', province: 'FI' } })).id;
  b = (await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Londa', province: 'FI' } })).id;
  await enableModules(t.db, [a, b], ['web-hosting']);
  await t.db.prisma.cmsVersionPolicy.create({ data: { cms: 'WORDPRESS', minimumVersion: '6.4', latestVersion: '6.7.1' } });
  sites.expiring = await site(a, 'scade', { tlsExpiresOn: day(29), tlsIssuer: "Let's Encrypt" });
  sites.expired = await site(a, 'scaduto', { tlsExpiresOn: day(-1) });
  sites.oldCms = await site(a, 'vecchio', { cmsVersion: '6.2.5', tlsExpiresOn: day(200) });
  sites.fine = await site(a, 'ok', { tlsExpiresOn: day(31) });
  sites.off = await site(a, 'spento', { status: 'SUSPENDED', tlsExpiresOn: day(-10), cmsVersion: '5.0' });
  sites.other = await site(b, 'londa', { tlsExpiresOn: day(5) });
  for (const id of Object.values(sites)) await allLinks(id);

  users.head = (await createUser(t.db, 'head@sites.example.it', [{ role: 'ICT_HEAD', entityId: null }])).id;
  users.staff = (await createUser(t.db, 'staff@sites.example.it', [{ role: 'ICT_STAFF', entityId: null }])).id;
  users.referentA = (await createUser(t.db, 'ref-a@sites.example.it', [{ role: 'REFERENT', entityId: a }])).id;
  users.referentB = (await createUser(t.db, 'ref-b@sites.example.it', [{ role: 'REFERENT', entityId: b }])).id;
  users.editorA = (await createUser(t.db, 'editor-a@sites.example.it', [{ role: 'WEB_EDITOR', entityId: a }])).id;

  jobs = createPlatformJobs({ prisma: t.db.prisma, plugins: t.api.composed.plugins, permissions: t.api.composed.permissions, env: {}, log: () => {}, linkBase: 'https://gea.example.it' });
  const results = await runAt(MORNING);
  expect(results.find((r) => r.jobKey === 'web-hosting:alerts')?.outcome).toBe('SUCCEEDED');
});
afterAll(async () => {
  await jobs?.close();
});

describe('daily hosting notifications, on a clock the test controls', () => {
  it('a certificate 29 days from its end notifies once (30-day threshold), one 31 days away does not', async () => {
    const rows = await rowsOf('referentA', 'web-hosting:tls-expiring');
    expect(rows.map((row) => row.subjectKey)).toEqual([`tls:${sites.expiring}:${iso(day(29))}:30d`]);
    expect(rows[0]!.title).toEqual({ it: 'Certificato TLS in scadenza: scade.example.it', en: 'TLS certificate expiring: scade.example.it' });
    expect((rows[0]!.body as { it: string }).it).toMatch(/Let's Encrypt.*scade il 30 marzo 2027 \(tra 29 giorni\)/);
    expect(rows[0]!.link).toBe(`/web-hosting/sites/${encodeURIComponent(toGlobalId('HostedSite', sites.expiring))}`);
  });

  it('an expired certificate and an unsupported CMS notify; a suspended site raises nothing', async () => {
    expect((await rowsOf('staff', 'web-hosting:tls-expired')).map((row) => row.subjectKey)).toEqual([`tls-expired:${sites.expired}:${iso(day(-1))}`]);
    expect((await rowsOf('head', 'web-hosting:cms-unsupported')).map((row) => row.subjectKey)).toEqual([`cms:${sites.oldCms}:WORDPRESS:6.2.5:6.4`]);
    expect((await rowsOf('staff')).some((row) => row.subjectKey.includes(sites.off))).toBe(false);
  });

  it("reaches the ICT office and each body's referent for their own sites only; web editors get nothing", async () => {
    expect((await rowsOf('referentB')).map((row) => row.subjectKey)).toEqual([`tls:${sites.other}:${iso(day(5))}:7d`]);
    expect((await rowsOf('referentA')).every((row) => row.entityId === a)).toBe(true);
    expect(await rowsOf('referentA')).toHaveLength(3);
    expect(await rowsOf('staff')).toHaveLength(4);
    expect(await rowsOf('editorA')).toEqual([]);
  });

  it('the next day repeats nothing but the certificate entering its 30 days; 7 days before the end it notifies again; after the end, as expired', async () => {
    const before = (await t.db.prisma.notification.findMany({ where: { kind: { startsWith: 'web-hosting:' } }, select: { id: true } })).map((row) => row.id);
    await runAt(new Date(MORNING.getTime() + DAY));
    const newOnes = await t.db.prisma.notification.findMany({ where: { kind: { startsWith: 'web-hosting:' }, id: { notIn: before } } });
    // to each of head, staff and referent A
    expect(newOnes.map((row) => row.subjectKey)).toEqual(Array(3).fill(`tls:${sites.fine}:${iso(day(31))}:30d`));

    await runAt(new Date(MORNING.getTime() + 22 * DAY));
    const expiring = (await rowsOf('referentA', 'web-hosting:tls-expiring')).filter((row) => row.subjectKey.includes(sites.expiring));
    expect(expiring.map((row) => row.subjectKey)).toEqual([`tls:${sites.expiring}:${iso(day(29))}:30d`, `tls:${sites.expiring}:${iso(day(29))}:7d`]);

    await runAt(new Date(MORNING.getTime() + 30 * DAY));
    // day 30: the certificate ending on day 29 has expired; the one ending on day 31 is one day from its end
    expect((await rowsOf('referentA', 'web-hosting:tls-expired')).map((row) => row.subjectKey)).toEqual([
      `tls-expired:${sites.expired}:${iso(day(-1))}`,
      `tls-expired:${sites.expiring}:${iso(day(29))}`,
    ]);
  });

  it('a renewed certificate, or a raised CMS minimum, notifies again', async () => {
    await t.db.prisma.hostedSite.update({ where: { id: sites.expired }, data: { tlsExpiresOn: day(40) } });
    await t.db.prisma.cmsVersionPolicy.update({ where: { cms: 'WORDPRESS' }, data: { minimumVersion: '6.5' } });
    // day 35: five days before the renewed certificate's end
    await runAt(new Date(MORNING.getTime() + 35 * DAY));
    expect((await rowsOf('staff', 'web-hosting:tls-expiring')).map((row) => row.subjectKey)).toContain(`tls:${sites.expired}:${iso(day(40))}:7d`);
    expect((await rowsOf('staff', 'web-hosting:cms-unsupported')).map((row) => row.subjectKey)).toEqual([
      `cms:${sites.oldCms}:WORDPRESS:6.2.5:6.4`,
      `cms:${sites.oldCms}:WORDPRESS:6.2.5:6.5`,
    ]);
  });
});

describe('alerts on read, today in Italy', () => {
  const ALERTS = `query ($kinds: [SiteAlertKind!]) { siteAlerts(kinds: $kinds) { kind dueOn linkKind message site { slug } } }`;
  let live: { c: string };
  beforeAll(async () => {
    // relative to the real day: the fields read the clock
    const today = calendarDayInItaly(new Date());
    const c = (await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Pelago', province: 'FI' } })).id;
    await enableModules(t.db, [c], ['web-hosting']);
    await t.db.prisma.cmsVersionPolicy.upsert({ where: { cms: 'DRUPAL' }, create: { cms: 'DRUPAL', minimumVersion: '10.1', latestVersion: '11.0' }, update: {} });
    const soon = await t.db.prisma.hostedSite.create({
      data: { entityId: c, slug: 'pelago-oggi', name: 'Pelago', primaryDomain: 'comune.pelago.fi.it', cms: 'DRUPAL', cmsVersion: '10.3', tlsExpiresOn: today },
    });
    await t.db.prisma.siteLink.create({ data: { siteId: soon.id, kind: 'PRIVACY', url: 'https://comune.pelago.fi.it/privacy' } });
    live = { c };
  });

  it("shows a certificate ending today as expiring, an outdated CMS and each missing link; a referent sees their body's only", async () => {
    const referent = actorForRoles(t.api.composed, 'ref-c', [{ role: 'REFERENT', entityId: live.c }]);
    const response = await t.api.gql(ALERTS, {}, referent);
    expect(response.body.errors).toBeUndefined();
    const alerts = response.body.data!.siteAlerts as { kind: string; dueOn: string | null; linkKind: string | null; site: { slug: string } }[];
    expect(new Set(alerts.map((alert) => alert.site.slug))).toEqual(new Set(['pelago-oggi']));
    expect(alerts.map((alert) => alert.linkKind ?? alert.kind)).toEqual(['TLS_EXPIRING', 'CMS_OUTDATED', 'ACCESSIBILITY_DECLARATION', 'LEGAL_NOTES', 'BOOKING', 'REPORT_PROBLEM', 'FAQ']);
    expect(alerts[0]!.dueOn).toBe(iso(calendarDayInItaly(new Date())));

    const filtered = await t.api.gql(ALERTS, { kinds: ['CMS_OUTDATED', 'CMS_UNSUPPORTED'] }, referent);
    expect(filtered.body.data!.siteAlerts.map((alert: { kind: string }) => alert.kind)).toEqual(['CMS_OUTDATED']);
    // the ICT office sees every body's, with the sites of the clock-controlled tests (their dates long past)
    const all = await t.api.gql(ALERTS, { kinds: ['CMS_UNSUPPORTED'] }, actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]));
    expect(all.body.data!.siteAlerts.map((alert: { site: { slug: string } }) => alert.site.slug)).toEqual(['vecchio']);
  });

  it('filters the site list by kind of alert', async () => {
    const staff = actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]);
    const LIST = 'query ($kinds: [SiteAlertKind!]) { hostedSites(first: 50, filter: { alertKinds: $kinds }) { totalCount edges { node { slug } } } }';
    const slugs = async (kinds: string[]) => {
      const response = await t.api.gql(LIST, { kinds }, staff);
      expect(response.body.errors).toBeUndefined();
      return response.body.data!.hostedSites.edges.map((edge: { node: { slug: string } }) => edge.node.slug);
    };
    expect(await slugs(['CMS_UNSUPPORTED'])).toEqual(['vecchio']);
    expect(await slugs(['CMS_OUTDATED', 'CMS_UNSUPPORTED'])).toEqual(['pelago-oggi', 'vecchio']);
    // every site of these tests has its required links but the one made above
    expect(await slugs(['REQUIRED_LINK_MISSING'])).toEqual(['pelago-oggi']);
  });
});
