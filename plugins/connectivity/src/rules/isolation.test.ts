import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectivityRisks, takesDown, type MaintenanceWindow, type SiteCircuit } from './isolation.ts';

const at = (hour: number) => new Date(Date.UTC(2027, 2, 1, hour));
const win = (eventId: string, circuitIds: string[], from: number, to: number, over: Partial<MaintenanceWindow> = {}): MaintenanceWindow => ({
  eventId,
  circuitIds,
  startsAt: at(from),
  endsAt: at(to),
  impact: 'OUTAGE',
  status: 'CONFIRMED',
  ...over,
});
const ofS1 = (report: { isolated: { siteId: string }[] }) => report.isolated.filter((i) => i.siteId === 's1');
const twoLegs: SiteCircuit[] = [
  { id: 'c1', status: 'ACTIVE', siteIds: ['s1'] },
  { id: 'c2', status: 'ACTIVE', siteIds: ['s1', 'hub'] },
];

describe('sites left without a link by maintenance', () => {
  it('both legs in overlapping windows: the site for exactly the overlap, with both events', () => {
    const report = connectivityRisks(twoLegs, [win('e1', ['c1'], 2, 6), win('e2', ['c2'], 4, 9)]);
    expect(ofS1(report)).toEqual([{ siteId: 's1', from: at(4), to: at(6), eventIds: ['e1', 'e2'] }]);
  });

  it('windows that do not overlap, or only touch, leave the site connected', () => {
    expect(ofS1(connectivityRisks(twoLegs, [win('e1', ['c1'], 2, 4), win('e2', ['c2'], 5, 9)]))).toEqual([]);
    expect(ofS1(connectivityRisks(twoLegs, [win('e1', ['c1'], 2, 4), win('e2', ['c2'], 4, 9)]))).toEqual([]);
  });

  it('cancelled, completed, degraded and no-impact windows take nothing down', () => {
    for (const over of [{ status: 'CANCELLED' }, { status: 'COMPLETED' }, { impact: 'DEGRADED' }, { impact: 'NONE' }] as const) {
      expect(connectivityRisks(twoLegs, [win('e1', ['c1'], 2, 6), win('e2', ['c2'], 4, 9, over)]).isolated).toEqual([]);
    }
    expect(takesDown({ impact: 'OUTAGE', status: 'TENTATIVE' })).toBe(true);
  });

  it('a single-link site is isolated for its circuit\'s whole window, and is listed as single link', () => {
    const report = connectivityRisks(twoLegs, [win('e1', ['c2'], 1, 3)]);
    expect(report.isolated).toEqual([{ siteId: 'hub', from: at(1), to: at(3), eventIds: ['e1'] }]);
    expect(report.singleLink).toEqual([{ siteId: 'hub', circuitId: 'c2' }]);
  });

  it('one event on both legs isolates; circuits not ACTIVE do not count as links; OFFLINE ones are listed', () => {
    const circuits: SiteCircuit[] = [...twoLegs, { id: 'c3', status: 'OFFLINE', siteIds: ['s1'] }, { id: 'c4', status: 'PLANNED', siteIds: ['s1'] }];
    const report = connectivityRisks(circuits, [win('e1', ['c1', 'c2'], 2, 3)]);
    expect(report.isolated.map((i) => i.siteId)).toEqual(['hub', 's1']);
    expect(report.offline).toEqual(['c3']);
  });

  it('clips to the range asked', () => {
    const report = connectivityRisks(twoLegs, [win('e1', ['c1', 'c2'], 2, 8)], { from: at(5), to: at(20) });
    expect(report.isolated.find((i) => i.siteId === 's1')).toMatchObject({ from: at(5), to: at(8) });
  });

  it('property: an instant is reported for a site iff every ACTIVE circuit of the site is inside a taking-down window', () => {
    const sites = ['s1', 's2', 's3'];
    const circuitArb = fc.record({
      status: fc.constantFrom('ACTIVE', 'ACTIVE', 'OFFLINE', 'PLANNED'),
      siteIds: fc.subarray(sites, { minLength: 1, maxLength: 2 }),
    });
    const windowArb = (n: number) =>
      fc.record({
        start: fc.integer({ min: 0, max: 40 }),
        length: fc.integer({ min: 0, max: 15 }),
        impact: fc.constantFrom('OUTAGE', 'OUTAGE', 'DEGRADED', 'NONE'),
        status: fc.constantFrom('TENTATIVE', 'CONFIRMED', 'CANCELLED', 'COMPLETED'),
        circuits: fc.subarray([...Array(n).keys()], { minLength: 1 }),
      });
    const world = fc.array(circuitArb, { minLength: 1, maxLength: 5 }).chain((cs) => fc.tuple(fc.constant(cs), fc.array(windowArb(cs.length), { maxLength: 8 })));
    fc.assert(
      fc.property(world, ([cs, ws]) => {
        const circuits: SiteCircuit[] = cs.map((c, i) => ({ id: `c${i}`, status: c.status as SiteCircuit['status'], siteIds: c.siteIds }));
        const windows: MaintenanceWindow[] = ws.map((w, i) => ({
          eventId: `e${i}`,
          startsAt: at(w.start),
          endsAt: at(w.start + w.length),
          impact: w.impact as MaintenanceWindow['impact'],
          status: w.status as MaintenanceWindow['status'],
          circuitIds: w.circuits.map((k) => `c${k}`),
        }));
        const report = connectivityRisks(circuits, windows);
        // Check every half hour: window edges fall on whole hours, so this samples inside each piece.
        for (const site of sites) {
          const active = circuits.filter((c) => c.status === 'ACTIVE' && c.siteIds.includes(site));
          for (let half = -1; half < 2 * 60; half += 1) {
            const instant = Date.UTC(2027, 2, 1) + half * 1_800_000;
            const down = (id: string) =>
              windows.some((w) => takesDown(w) && w.circuitIds.includes(id) && w.startsAt.getTime() <= instant && instant < w.endsAt.getTime());
            const expected = active.length > 0 && active.every((c) => down(c.id));
            const reported = report.isolated.some((i) => i.siteId === site && i.from.getTime() <= instant && instant < i.to.getTime());
            if (expected !== reported) return false;
          }
          const single = report.singleLink.filter((s) => s.siteId === site);
          if (single.length !== (active.length === 1 ? 1 : 0)) return false;
        }
        // Intervals of a site are disjoint and do not touch (maximal), and name only events that overlap them.
        for (const site of sites) {
          const mine = report.isolated.filter((i) => i.siteId === site);
          for (let k = 1; k < mine.length; k += 1) if (!(mine[k - 1]!.to.getTime() < mine[k]!.from.getTime())) return false;
          for (const i of mine) {
            if (i.eventIds.length === 0) return false;
            for (const id of i.eventIds) {
              const w = windows.find((x) => x.eventId === id)!;
              if (!(takesDown(w) && w.startsAt < i.to && w.endsAt > i.from)) return false;
            }
          }
        }
        return report.offline.length === circuits.filter((c) => c.status === 'OFFLINE').length;
      }),
      { numRuns: 300 },
    );
  });
});
