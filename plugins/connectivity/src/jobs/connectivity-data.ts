// What the risk query, the deadline calendar and the alert jobs read: a fixed number of statements
// whatever the number of sites, circuits, events or contracts. Used with a request's client (scoped
// by the where-clauses the caller passes) and with a job's (every body).
import { addDays } from '@gea/core';
import type { Circuit, MaintenanceEvent, Prisma, Site } from '@gea/db';
import { contractFacts } from '@gea/plugin-procurement';
import { termOn, type ContractTerms } from '../rules/contract-term.ts';
import { connectivityRisks, type ConnectivityRiskReport } from '../rules/isolation.ts';

type Db = { prisma: Prisma.TransactionClient };

export interface RiskData {
  report: ConnectivityRiskReport;
  sites: Map<string, Site>;
  circuits: Map<string, Circuit>;
  /** With their circuits' bodies. */
  events: Map<string, MaintenanceEvent & { circuits: { circuitId: string; circuit: { entityId: string } }[] }>;
}

/**
 * Isolation intervals within [from, to), single-link sites and offline circuits, for the sites that
 * `siteWhere` selects and the OFFLINE circuits that `circuitWhere` selects. A site's links are all
 * ACTIVE circuits ending on it, whichever body they belong to: a link is a link. Four statements.
 */
export async function loadRiskData(
  db: Db,
  where: { site: Prisma.SiteWhereInput; circuit: Prisma.CircuitWhereInput },
  from: Date,
  to: Date,
): Promise<RiskData> {
  const sites = await db.prisma.site.findMany({ where: { AND: [where.site, { circuitTerminations: { some: {} } }] }, orderBy: { id: 'asc' } });
  const siteIds = sites.map((site) => site.id);
  const [circuits, terminations] = await Promise.all([
    db.prisma.circuit.findMany({
      where: { OR: [{ status: 'ACTIVE', terminations: { some: { siteId: { in: siteIds } } } }, { AND: [where.circuit, { status: 'OFFLINE' }] }] },
      orderBy: [{ entityId: 'asc' }, { cid: 'asc' }, { id: 'asc' }],
    }),
    db.prisma.circuitTermination.findMany({
      where: { siteId: { in: siteIds }, circuit: { status: 'ACTIVE' } },
      select: { circuitId: true, siteId: true },
    }),
  ]);
  const activeIds = circuits.filter((circuit) => circuit.status === 'ACTIVE').map((circuit) => circuit.id);
  const events =
    activeIds.length === 0
      ? []
      : await db.prisma.maintenanceEvent.findMany({
          where: {
            startsAt: { lt: to },
            endsAt: { gt: from },
            impact: 'OUTAGE',
            status: { in: ['TENTATIVE', 'CONFIRMED'] },
            circuits: { some: { circuitId: { in: activeIds } } },
          },
          // The circuits' bodies: what MaintenanceEvent's own read check looks at.
          include: { circuits: { select: { circuitId: true, circuit: { select: { entityId: true } } } } },
          orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        });
  const sitesOf = new Map<string, string[]>();
  for (const row of terminations) sitesOf.set(row.circuitId, [...(sitesOf.get(row.circuitId) ?? []), row.siteId!]);
  const report = connectivityRisks(
    circuits.map((circuit) => ({ id: circuit.id, status: circuit.status, siteIds: sitesOf.get(circuit.id) ?? [] })),
    events.map((event) => ({ ...event, eventId: event.id, circuitIds: event.circuits.map((row) => row.circuitId) })),
    { from, to },
  );
  // Offline circuits come only from the circuit where-clause (ACTIVE ones were fetched for their sites).
  const offlineAllowed = new Set(circuits.filter((circuit) => circuit.status === 'OFFLINE').map((circuit) => circuit.id));
  report.offline = report.offline.filter((id) => offlineAllowed.has(id));
  return {
    report,
    sites: new Map(sites.map((site) => [site.id, site])),
    circuits: new Map(circuits.map((circuit) => [circuit.id, circuit])),
    events: new Map(events.map((event) => [event.id, event])),
  };
}

export type DeadlineKind = 'NOTICE_DATE' | 'TERM_END' | 'FRAMEWORK_END';

export interface Deadline {
  kind: DeadlineKind;
  on: Date;
  contractId: string;
  subject: string;
  cig: string | null;
  /** The bodies the contract serves (its shares). */
  entityIds: string[];
}

/** The term rules' input for a connectivity contract: the later of procurement's end and the last express renewal. */
export function contractTerms(
  row: { currentTermEndsOn: Date; renewal: ContractTerms['renewal']; renewalMonths: number | null; noticePeriodDays: number; noticeGivenOn: Date | null; frameworkEndsOn: Date | null },
  facts: { endsOn: Date; renewableUntil: Date | null },
): ContractTerms {
  return {
    termEndsOn: facts.endsOn.getTime() > row.currentTermEndsOn.getTime() ? facts.endsOn : row.currentTermEndsOn,
    renewal: row.renewal,
    renewalMonths: row.renewalMonths,
    noticePeriodDays: row.noticePeriodDays,
    noticeGivenOn: row.noticeGivenOn,
    renewableUntil: facts.renewableUntil,
    frameworkEndsOn: row.frameworkEndsOn,
  };
}

/**
 * The deadlines of one contract falling in [from, to] (calendar days), as they stand on `from`: the
 * notice date of each term still open to notice (a tacit contract's later terms too), the end of the
 * term when it will not renew, and the framework's end. A passed notice date is not one. With
 * `currentTermOnly`, a tacit contract's later terms are left out (alerts speak of what is due now).
 */
export function deadlinesOf(terms: ContractTerms, from: Date, to: Date, options: { currentTermOnly?: boolean } = {}): { kind: DeadlineKind; on: Date }[] {
  const out: { kind: DeadlineKind; on: Date }[] = [];
  const inRange = (day: Date) => day.getTime() >= from.getTime() && day.getTime() <= to.getTime();
  let day = from;
  for (let guard = 0; guard < 100; guard += 1) {
    const term = termOn(terms, day);
    if (term.state === 'ENDED') break;
    if (term.state === 'ACTIVE' && terms.noticePeriodDays > 0 && inRange(term.noticeDate)) out.push({ kind: 'NOTICE_DATE', on: term.noticeDate });
    if (!term.renewsTacitly) {
      if (inRange(term.termEndsOn)) out.push({ kind: 'TERM_END', on: term.termEndsOn });
      break;
    }
    if (options.currentTermOnly) break;
    // Renews unless notice is given: the next term's deadlines, seen from the day after this notice date.
    const next = addDays(term.noticeDate, 1);
    if (next.getTime() > to.getTime() || next.getTime() <= day.getTime()) break;
    day = next;
  }
  if (terms.frameworkEndsOn && inRange(terms.frameworkEndsOn)) out.push({ kind: 'FRAMEWORK_END', on: terms.frameworkEndsOn });
  return out;
}

/** Deadlines in [from, to] of the connectivity contracts `where` selects, soonest first: two statements. */
export async function loadDeadlines(
  db: Db,
  where: Prisma.ConnectivityContractWhereInput,
  from: Date,
  to: Date,
  options: { currentTermOnly?: boolean } = {},
): Promise<Deadline[]> {
  const rows = await db.prisma.connectivityContract.findMany({ where, include: { shares: { select: { entityId: true } } } });
  const facts = await contractFacts(db, rows.map((row) => row.contractId));
  const out: Deadline[] = [];
  for (const row of rows) {
    const fact = facts.get(row.contractId);
    if (!fact) continue;
    for (const deadline of deadlinesOf(contractTerms(row, fact), from, to, options)) {
      out.push({
        ...deadline,
        contractId: row.contractId,
        subject: fact.subject,
        cig: fact.cig,
        entityIds: row.shares.length ? row.shares.map((share) => share.entityId) : fact.entityIds,
      });
    }
  }
  return out.sort((a, b) => a.on.getTime() - b.on.getTime() || a.contractId.localeCompare(b.contractId) || a.kind.localeCompare(b.kind));
}
