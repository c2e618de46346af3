import { createPlatformJobs, type PlatformJobs } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { createUser } from '@gea/test-kit/users.ts';
import connectivity from '../src/index.ts';
import { seedMaintenanceWorld, type MaintenanceWorld } from './maintenance-world.ts';

const t = useTestApi([inventory, procurement, connectivity]);

// 07:00 in Italy on 1 March 2027 (CET): the daily occurrence the test drives, whatever day it runs.
const MORNING = new Date('2027-03-01T06:00:00.000Z');
const TODAY = new Date('2027-03-01T00:00:00.000Z');
const DAY = 86_400_000;
const day = (n: number) => new Date(TODAY.getTime() + n * DAY);
const iso = (date: Date) => date.toISOString().slice(0, 10);

let w: MaintenanceWorld;
let jobs: PlatformJobs;
const users: Record<'head' | 'staff' | 'referentA' | 'referentB', string> = { head: '', staff: '', referentA: '', referentB: '' };
const contracts: Record<'near' | 'far' | 'tacit' | 'ending', string> = { near: '', far: '', tacit: '', ending: '' };

/** A connectivity contract for body A: procurement's contract and this plugin's terms, written directly. */
async function contract(subject: string, endsOn: Date, terms: { noticePeriodDays: number; renewal: 'NONE' | 'TACIT'; renewalMonths?: number }) {
  const row = await t.db.prisma.contract.create({
    data: {
      kind: 'SERVICES',
      subject,
      supplierId: w.supplierId,
      contractingEntityId: w.a.id,
      startsOn: new Date('2024-01-01'),
      endsOn,
      valueCents: 1_000_00,
      entities: { create: { entityId: w.a.id } },
    },
  });
  await t.db.prisma.connectivityContract.create({
    data: {
      contractId: row.id,
      framework: 'REGIONAL',
      noticePeriodDays: terms.noticePeriodDays,
      renewal: terms.renewal,
      renewalMonths: terms.renewalMonths ?? null,
      currentTermEndsOn: endsOn,
      shares: { create: { entityId: w.a.id, basisPoints: 10_000 } },
    },
  });
  return row.id;
}

const runAt = (instant: Date) => jobs.runner.runDueJobs(new Date(instant.getTime() + 60_000));
const rowsOf = (who: keyof typeof users, kind?: string) =>
  t.db.prisma.notification.findMany({
    where: { recipientId: users[who], kind: kind ?? { startsWith: 'connectivity:' } },
    orderBy: [{ createdAt: 'asc' }, { subjectKey: 'asc' }],
  });

beforeAll(async () => {
  w = await seedMaintenanceWorld(t.db, 'N');
  users.head = (await createUser(t.db, 'head@alerts.example.it', [{ role: 'ICT_HEAD', entityId: null }])).id;
  users.staff = (await createUser(t.db, 'staff@alerts.example.it', [{ role: 'ICT_STAFF', entityId: null }])).id;
  users.referentA = (await createUser(t.db, 'ref-a@alerts.example.it', [{ role: 'REFERENT', entityId: w.a.id }])).id;
  users.referentB = (await createUser(t.db, 'ref-b@alerts.example.it', [{ role: 'REFERENT', entityId: w.b.id }])).id;
  // Notice dates 59 and 61 days ahead (term minus 30 days of notice); neither renews.
  contracts.near = await contract('Connettività municipio', day(89), { noticePeriodDays: 30, renewal: 'NONE' });
  contracts.far = await contract('Connettività biblioteca', day(91), { noticePeriodDays: 30, renewal: 'NONE' });
  // Tacit, monthly: its notice date (day -10) has passed, so it renewed to day 20 + 1 month, notice date 30 days before.
  contracts.tacit = await contract('Linea di backup', day(20), { noticePeriodDays: 30, renewal: 'TACIT', renewalMonths: 1 });
  // Ends in 40 days without renewal and without notice period.
  contracts.ending = await contract('Fibra scuola', day(40), { noticePeriodDays: 0, renewal: 'NONE' });
  // Both legs of A's main site down together on 5 March between 01:00 and 03:00 UTC.
  const event = async (summary: string, circuitId: string, startsAt: string, endsAt: string) =>
    t.db.prisma.maintenanceEvent.create({
      data: { providerId: w.providerId, summary, startsAt: new Date(startsAt), endsAt: new Date(endsAt), impact: 'OUTAGE', status: 'CONFIRMED', circuits: { create: { circuitId } } },
    });
  await event('Dorsale nord', w.circuits.a1.id, '2027-03-05T00:00:00Z', '2027-03-05T03:00:00Z');
  await event('Dorsale sud', w.circuits.a2.id, '2027-03-05T01:00:00Z', '2027-03-05T05:00:00Z');
  // Beyond the 14-day horizon: not yet.
  await event('Lavori lontani', w.circuits.b1.id, '2027-03-20T00:00:00Z', '2027-03-20T03:00:00Z');

  jobs = createPlatformJobs({
    prisma: t.db.prisma,
    plugins: t.api.composed.plugins,
    permissions: t.api.composed.permissions,
    env: {},
    log: () => {},
    linkBase: 'https://gea.example.it',
  });
  const results = await runAt(MORNING);
  expect(results.find((r) => r.jobKey === 'connectivity:alerts')?.outcome).toBe('SUCCEEDED');
});
afterAll(async () => {
  await jobs?.close();
});

describe('connectivity alerts, on a clock the test controls', () => {
  it('a notice date 59 days ahead notifies, 61 does not', async () => {
    const rows = await rowsOf('referentA', 'connectivity:notice-date');
    expect(rows.map((row) => row.subjectKey)).toContain(`notice:${contracts.near}:${iso(day(59))}:60d`);
    expect(rows.some((row) => row.subjectKey.includes(contracts.far))).toBe(false);
    const near = rows.find((row) => row.subjectKey.includes(contracts.near))!;
    expect(near.title).toEqual({ it: 'Termine di disdetta: Connettività municipio', en: 'Notice date: Connettività municipio' });
    expect((near.body as { it: string }).it).toMatch(/29 aprile 2027 \(tra 59 giorni\)/);
    expect(near.link).toBe('/connectivity/calendar');
  });

  it('tacit renewal moves the notice date: no alert for the passed one, one for the new one', async () => {
    const rows = (await rowsOf('head', 'connectivity:notice-date')).filter((row) => row.subjectKey.includes(contracts.tacit));
    // Term 21 March + 1 month = 21 April; notice date 30 days before: 22 March.
    expect(rows.map((row) => row.subjectKey)).toEqual([`notice:${contracts.tacit}:2027-03-22:60d`]);
  });

  it('a term ending without renewal notifies as term-ending', async () => {
    const rows = await rowsOf('staff', 'connectivity:term-ending');
    expect(rows.map((row) => row.subjectKey)).toEqual([`term:${contracts.ending}:${iso(day(40))}:60d`]);
  });

  it('maintenance leaving A\'s main site without a link in the next 14 days notifies A, not B; single-link sites and offline circuits too', async () => {
    const isolation = await rowsOf('referentA', 'connectivity:maintenance-isolation');
    expect(isolation.map((row) => row.subjectKey)).toEqual([`isolation:${w.sites.aMain}:2027-03-05T01:00:00.000Z:2027-03-05T03:00:00.000Z`]);
    expect((isolation[0]!.body as { it: string }).it).toMatch(/dal 5 mar 2027, 02:00 al 5 mar 2027, 04:00 .*Dorsale nord; Dorsale sud/);
    expect((await rowsOf('referentA', 'connectivity:single-link')).map((row) => row.subjectKey)).toEqual([
      `single-link:${w.sites.aLibrary}:${w.circuits.a3.id}`,
    ]);
    expect((await rowsOf('referentA', 'connectivity:circuit-offline')).map((row) => row.subjectKey)).toEqual([`offline:${w.circuits.a4.id}:v1`]);
    const staff = await rowsOf('staff');
    expect(staff.filter((row) => row.kind === 'connectivity:single-link')).toHaveLength(2);
  });

  it('a referent of another body gets nothing of this body', async () => {
    const rows = await rowsOf('referentB');
    expect(rows.map((row) => row.kind)).toEqual(['connectivity:single-link']);
    expect(rows[0]!.subjectKey).toBe(`single-link:${w.sites.bMain}:${w.circuits.b1.id}`);
    expect(rows.every((row) => row.entityId === w.b.id)).toBe(true);
  });

  it('the next day repeats nothing; 15 days before the notice date it notifies again; the far one enters its 60 days', async () => {
    const before = (await t.db.prisma.notification.findMany({ where: { kind: { startsWith: 'connectivity:' } }, select: { id: true } })).map((row) => row.id);
    await runAt(new Date(MORNING.getTime() + DAY));
    const newOnes = await t.db.prisma.notification.findMany({ where: { kind: { startsWith: 'connectivity:' }, id: { notIn: before } } });
    // Only the far contract, now 60 days from its notice date, is new (to each of head, staff, referent A).
    expect(new Set(newOnes.map((row) => row.subjectKey))).toEqual(new Set([`notice:${contracts.far}:${iso(day(61))}:60d`]));
    expect(newOnes).toHaveLength(3);

    // 15 days before the near notice date (day 44): the second alert.
    await runAt(new Date(MORNING.getTime() + 44 * DAY));
    const near = (await rowsOf('referentA', 'connectivity:notice-date')).filter((row) => row.subjectKey.includes(contracts.near));
    expect(near.map((row) => row.subjectKey)).toEqual([`notice:${contracts.near}:${iso(day(59))}:60d`, `notice:${contracts.near}:${iso(day(59))}:15d`]);
  });
});
