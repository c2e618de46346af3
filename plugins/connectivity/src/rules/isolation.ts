// Which sites maintenance leaves without any working link, and when. Pure: circuits and maintenance
// windows in, intervals out.
//
// - A circuit is on a site when one of its terminations (A or Z) is on it; it works when ACTIVE.
// - A maintenance window takes a circuit down when its impact is OUTAGE and it is still planned
//   (TENTATIVE or CONFIRMED); CANCELLED and COMPLETED ones, and DEGRADED or NONE impacts, never do.
// - Windows are half-open, [startsAt, endsAt): two windows that touch leave no gap between them.
// - A site is isolated at an instant when every one of its ACTIVE circuits is inside such a window
//   at that instant: the intersection, over its circuits, of the union of each circuit's windows.
//   A site with one ACTIVE circuit is isolated for that circuit's whole windows. A site with no
//   ACTIVE circuit has no link to lose: it is not reported here (its circuits show as offline).
import type { CircuitStatus, MaintenanceImpact, MaintenanceStatus } from '@gea/db';

export interface SiteCircuit {
  id: string;
  status: CircuitStatus;
  /** The sites its terminations are on (one or two). */
  siteIds: readonly string[];
}

export interface MaintenanceWindow {
  eventId: string;
  startsAt: Date;
  endsAt: Date;
  impact: MaintenanceImpact;
  status: MaintenanceStatus;
  circuitIds: readonly string[];
}

export interface IsolationInterval {
  siteId: string;
  from: Date;
  to: Date;
  /** The maintenance events whose windows on the site's circuits overlap the interval. */
  eventIds: string[];
}

export interface ConnectivityRiskReport {
  /** Per site, the intervals with no working link, earliest first; sites in ascending id order. */
  isolated: IsolationInterval[];
  /** Sites with exactly one ACTIVE circuit: no redundancy. */
  singleLink: { siteId: string; circuitId: string }[];
  /** Circuits OFFLINE (installed but not working). */
  offline: string[];
}

type Span = readonly [number, number];

/** Whether a window takes its circuits down. */
export const takesDown = (window: Pick<MaintenanceWindow, 'impact' | 'status'>): boolean =>
  window.impact === 'OUTAGE' && (window.status === 'TENTATIVE' || window.status === 'CONFIRMED');

/** Sorted, disjoint spans covering the same instants (touching spans merged). */
function union(spans: Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The instants in both lists of sorted disjoint spans. */
function intersect(left: Span[], right: Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const [l0, l1] = left[i]!;
    const [r0, r1] = right[j]!;
    const a = Math.max(l0, r0);
    const b = Math.min(l1, r1);
    if (b > a) out.push([a, b]);
    if (l1 < r1) i += 1;
    else j += 1;
  }
  return out;
}

/**
 * Isolation intervals, single-link sites and offline circuits. With `range`, isolation intervals are
 * clipped to [range.from, range.to).
 */
export function connectivityRisks(
  circuits: readonly SiteCircuit[],
  windows: readonly MaintenanceWindow[],
  range?: { from: Date; to: Date },
): ConnectivityRiskReport {
  const active = circuits.filter((circuit) => circuit.status === 'ACTIVE');
  const circuitsOfSite = new Map<string, string[]>();
  for (const circuit of active) {
    for (const siteId of new Set(circuit.siteIds)) circuitsOfSite.set(siteId, [...(circuitsOfSite.get(siteId) ?? []), circuit.id]);
  }
  const downWindows = windows.filter(takesDown);
  const windowsOfCircuit = new Map<string, MaintenanceWindow[]>();
  for (const window of downWindows) {
    for (const circuitId of new Set(window.circuitIds)) windowsOfCircuit.set(circuitId, [...(windowsOfCircuit.get(circuitId) ?? []), window]);
  }
  const clip: Span = range ? [range.from.getTime(), range.to.getTime()] : [-Infinity, Infinity];

  const isolated: IsolationInterval[] = [];
  const singleLink: ConnectivityRiskReport['singleLink'] = [];
  for (const siteId of [...circuitsOfSite.keys()].sort()) {
    const siteCircuits = circuitsOfSite.get(siteId)!;
    if (siteCircuits.length === 1) singleLink.push({ siteId, circuitId: siteCircuits[0]! });
    let down: Span[] = [clip];
    for (const circuitId of siteCircuits) {
      down = intersect(down, union((windowsOfCircuit.get(circuitId) ?? []).map((w) => [w.startsAt.getTime(), w.endsAt.getTime()] as const)));
      if (down.length === 0) break;
    }
    for (const [from, to] of down) {
      const eventIds = new Set<string>();
      for (const circuitId of siteCircuits) {
        for (const w of windowsOfCircuit.get(circuitId) ?? []) {
          if (w.startsAt.getTime() < to && w.endsAt.getTime() > from) eventIds.add(w.eventId);
        }
      }
      isolated.push({ siteId, from: new Date(from), to: new Date(to), eventIds: [...eventIds].sort() });
    }
  }
  const offline = circuits.filter((circuit) => circuit.status === 'OFFLINE').map((circuit) => circuit.id);
  return { isolated, singleLink, offline };
}
