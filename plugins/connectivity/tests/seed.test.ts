import { seedDemoData, today } from '@gea/core';
import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement, { isValidCig } from '@gea/plugin-procurement';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import { termOn } from '../src/rules/contract-term.ts';
import { basisPointsBy, CENTRAL_SITE, rtrtTerm, SINGLE_LINK_BODY, UNION_NAME } from '../src/seed.ts';
import { NETWORK } from './network-fixtures.ts';

const plugins = [inventory, procurement, connectivity];
const t = useTestApi(plugins);
const MUNICIPALITIES = ['Pontassieve', 'Reggello', "Rignano sull'Arno", 'Pelago', 'Rufina', 'Londa', 'San Godenzo'];
const monthOf = (date: Date) => date.getUTCFullYear() * 12 + date.getUTCMonth();

beforeAll(async () => {
  await seedDemoData(t.db.prisma, plugins, { password: 'gea-demo', log: () => {} });
}, 300_000);

describe('connectivity demo data', () => {
  it('links the seven municipalities to the central site in Rufina over RTRT, with exactly one single-link site', async () => {
    const association = await t.db.prisma.association.findFirstOrThrow({ where: { name: UNION_NAME } });
    const staff = actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]);
    const response = await t.api.gql(NETWORK, { id: toGlobalId('Association', association.id) }, staff);
    expect(response.body.errors).toBeUndefined();
    const view = response.body.data!.connectivityNetwork;
    expect(view.hub).toMatchObject({ name: CENTRAL_SITE, isHub: true });
    const hubSite = await t.db.prisma.site.findUniqueOrThrow({ where: { id: Buffer.from(view.hub.id, 'base64').toString().split(':')[1]! } });
    expect(hubSite.address).toContain('Rufina');
    const rtrt = view.networks.find((n: { name: string }) => n.name === 'RTRT');
    expect(rtrt).toMatchObject({ kind: 'REGIONAL' });
    expect(view.hubNetworkIds).toContain(rtrt.id);

    for (const name of MUNICIPALITIES) {
      const body = view.sites.find((s: { entityName: string; name: string }) => s.entityName === name && s.name === 'Palazzo comunale');
      expect(body, name).toBeDefined();
      expect(body.latitude).toBeTypeOf('number');
      const toRtrt = view.links.filter((l: { fromSiteId: string; toNetworkId: string; technology: string; status: string }) =>
        l.fromSiteId === body.id && l.toNetworkId === rtrt.id && l.status === 'ACTIVE');
      expect(toRtrt.map((l: { technology: string }) => l.technology), name).toEqual(['FTTH_FTTB']);
    }
    // The hub itself reaches RTRT.
    expect(view.links.some((l: { fromSiteId: string; toNetworkId: string }) => l.fromSiteId === view.hub.id && l.toNetworkId === rtrt.id)).toBe(true);
    // Every site has coordinates.
    expect(await t.db.prisma.site.count({ where: { latitude: null } })).toBe(0);

    // Single link: one active link ending on the site, counted from the stored terminations.
    const sites = await t.db.prisma.site.findMany({
      include: { entity: true, _count: { select: { circuitTerminations: { where: { circuit: { status: 'ACTIVE' } } } } } },
    });
    const single = sites.filter((s) => s._count.circuitTerminations === 1);
    expect(single.map((s) => s.entity.name)).toEqual([SINGLE_LINK_BODY]);

    // The intranet: the hub's circuit as hub, the seven primaries as spokes.
    const intranet = await t.db.prisma.virtualCircuit.findFirstOrThrow({ include: { terminations: true } });
    expect(intranet.terminations.filter((x) => x.role === 'HUB')).toHaveLength(1);
    expect(intranet.terminations.filter((x) => x.role === 'SPOKE')).toHaveLength(7);
  });

  it('has one connectivity contract whose notice date falls next month, valid CIGs, shares adding to 10000', async () => {
    const day = today();
    const terms = await t.db.prisma.connectivityContract.findMany({ include: { contract: true, shares: true } });
    expect(terms.length).toBeGreaterThanOrEqual(2);
    const nextMonth = terms.filter((term) => {
      const on = termOn(
        {
          termEndsOn: term.currentTermEndsOn,
          renewal: term.renewal,
          renewalMonths: term.renewalMonths,
          noticePeriodDays: term.noticePeriodDays,
          noticeGivenOn: term.noticeGivenOn,
          renewableUntil: term.contract.renewableUntil,
          frameworkEndsOn: term.frameworkEndsOn,
        },
        day,
      );
      return monthOf(on.noticeDate) === monthOf(day) + 1;
    });
    expect(nextMonth).toHaveLength(1);
    expect(nextMonth[0]).toMatchObject({ framework: 'REGIONAL', frameworkName: 'RTRT', renewal: 'TACIT', renewalMonths: 12 });
    expect(nextMonth[0]!.shares).toHaveLength(7);
    for (const term of terms) {
      expect(term.shares.reduce((sum, s) => sum + s.basisPoints, 0)).toBe(10_000);
      expect(isValidCig(term.contract.cig!)).toBe(true);
      expect(term.contract.kind).toBe('SERVICES');
    }
    // Each circuit's CPE is a router of the inventory at the same site.
    const terminations = await t.db.prisma.circuitTermination.findMany({ where: { side: 'A' }, include: { cpe: true } });
    for (const x of terminations) expect(x.cpe).toMatchObject({ kind: 'NETWORK_DEVICE', siteId: x.siteId });
  });
});

describe('rules of the demo', () => {
  it('the RTRT notice date is in the month after any seeding day, before the term, with no renewal yet', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (instant) => {
        const day = new Date(instant.toISOString().slice(0, 10));
        const term = rtrtTerm(day);
        expect(monthOf(term.noticeDate)).toBe(monthOf(day) + 1);
        const on = termOn(
          { termEndsOn: term.termEndsOn, renewal: 'TACIT', renewalMonths: 12, noticePeriodDays: term.noticePeriodDays, noticeGivenOn: null, renewableUntil: null, frameworkEndsOn: null },
          day,
        );
        expect(on).toMatchObject({ noticeDate: term.noticeDate, tacitRenewals: 0, state: 'ACTIVE' });
        expect(term.noticePeriodDays).toBeGreaterThan(60);
      }),
    );
  });

  it('basis points add up to 10000 and follow the weights within one point', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }), (weights) => {
        const shares = basisPointsBy(weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(10_000);
        const total = weights.reduce((a, b) => a + b, 0);
        shares.forEach((share, i) => {
          const exact = total > 0 ? (weights[i]! * 10_000) / total : 10_000 / weights.length;
          expect(Math.abs(share - exact)).toBeLessThan(1);
        });
      }),
    );
  });
});
