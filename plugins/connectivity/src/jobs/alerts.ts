// The daily connectivity alerts, to the people of the bodies concerned (ICT head and staff, the
// body's referent). Each notification carries a subject key: the platform delivers a kind and key
// to each person once, ever, so a daily run repeats nothing and what must notify again (a new
// threshold, a new window, a new state) has it in its key.
import {
  alertThreshold,
  calendarDayInItaly,
  daysBetween,
  formatDay,
  inDays,
  type JobDefinition,
  type LocalizedText,
  type NotificationInput,
  type NotificationKindDefinition,
} from '@gea/core';
import { loadDeadlines, loadRiskData } from './connectivity-data.ts';

export const NOTICE_DATE = 'connectivity:notice-date';
export const TERM_ENDING = 'connectivity:term-ending';
export const SINGLE_LINK = 'connectivity:single-link';
export const CIRCUIT_OFFLINE = 'connectivity:circuit-offline';
export const MAINTENANCE_ISOLATION = 'connectivity:maintenance-isolation';

/** Notice dates and ends: a first alert two months ahead, a second two weeks ahead. */
export const DEADLINE_THRESHOLDS = [60, 15] as const;
/** How far ahead maintenance is checked for sites left without a link. */
export const ISOLATION_HORIZON_DAYS = 14;
const DAY = 86_400_000;

const roles = ['ICT_HEAD', 'ICT_STAFF', 'REFERENT'] as const;
export const connectivityNotificationKinds: Record<string, NotificationKindDefinition> = {
  [NOTICE_DATE]: {
    description: "A connectivity contract's notice date (disdetta) is within 60 days (again within 15)",
    label: { it: 'Termini di disdetta della connettività', en: 'Connectivity notice dates' },
    permission: 'connectivity:read',
    roles,
  },
  [TERM_ENDING]: {
    description: "A connectivity contract's term (not renewing) or its framework agreement ends within 60 days (again within 15)",
    label: { it: 'Contratti di connettività in scadenza', en: 'Connectivity contracts ending' },
    permission: 'connectivity:read',
    roles,
  },
  [SINGLE_LINK]: {
    description: 'A site has a single active circuit (once per site and circuit)',
    label: { it: 'Sedi con un solo collegamento', en: 'Sites with a single link' },
    permission: 'connectivity:read',
    roles,
  },
  [CIRCUIT_OFFLINE]: {
    description: 'A circuit is offline (once each time it goes offline)',
    label: { it: 'Circuiti non funzionanti', en: 'Circuits offline' },
    permission: 'connectivity:read',
    roles,
  },
  [MAINTENANCE_ISOLATION]: {
    description: 'Maintenance in the next 14 days leaves a site without any working link',
    label: { it: 'Sedi isolate da manutenzioni', en: 'Sites cut off by maintenance' },
    permission: 'connectivity:read',
    roles,
  },
};

const isoDay = (day: Date) => day.toISOString().slice(0, 10);
/** An instant in Italian time, per language. */
const formatInstant = (instant: Date): LocalizedText => {
  const format = (locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(instant);
  return { it: format('it-IT'), en: format('en-GB') };
};

/** The notifications due on the occurrence `scheduledAt`. Exported for tests. */
export async function connectivityAlerts(prisma: JobDefinitionContext['prisma'], scheduledAt: Date): Promise<NotificationInput[]> {
  const today = calendarDayInItaly(scheduledAt);
  const notifications: NotificationInput[] = [];

  const deadlines = await loadDeadlines({ prisma }, {}, today, new Date(today.getTime() + Math.max(...DEADLINE_THRESHOLDS) * DAY), {
    currentTermOnly: true,
  });
  for (const deadline of deadlines) {
    const daysLeft = daysBetween(today, deadline.on);
    const threshold = alertThreshold(daysLeft, DEADLINE_THRESHOLDS);
    if (threshold === undefined) continue;
    const day = formatDay(deadline.on);
    const when = inDays(daysLeft);
    const cig = deadline.cig ? ` (CIG ${deadline.cig})` : '';
    const base = { entityId: deadline.entityIds, link: '/connectivity/calendar' };
    if (deadline.kind === 'NOTICE_DATE') {
      notifications.push({
        ...base,
        kind: NOTICE_DATE,
        subjectKey: `notice:${deadline.contractId}:${isoDay(deadline.on)}:${threshold}d`,
        title: { it: `Termine di disdetta: ${deadline.subject}`, en: `Notice date: ${deadline.subject}` },
        body: {
          it: `L'ultimo giorno per inviare la disdetta del contratto "${deadline.subject}"${cig} è il ${day.it} (${when.it}); senza disdetta il contratto si rinnova o prosegue.`,
          en: `The last day to give notice on the contract "${deadline.subject}"${cig} is ${day.en} (${when.en}); without notice it renews or carries on.`,
        },
      });
    } else {
      const framework = deadline.kind === 'FRAMEWORK_END';
      notifications.push({
        ...base,
        kind: TERM_ENDING,
        subjectKey: `${framework ? 'framework' : 'term'}:${deadline.contractId}:${isoDay(deadline.on)}:${threshold}d`,
        title: framework
          ? { it: `Convenzione in scadenza: ${deadline.subject}`, en: `Framework agreement ending: ${deadline.subject}` }
          : { it: `Contratto di connettività in scadenza: ${deadline.subject}`, en: `Connectivity contract ending: ${deadline.subject}` },
        body: framework
          ? {
              it: `La convenzione o l'accordo quadro del contratto "${deadline.subject}"${cig} termina il ${day.it} (${when.it}): prepara la migrazione.`,
              en: `The framework agreement of the contract "${deadline.subject}"${cig} ends on ${day.en} (${when.en}): plan the migration.`,
            }
          : {
              it: `Il contratto "${deadline.subject}"${cig} termina il ${day.it} (${when.it}) e non si rinnova: prepara il nuovo acquisto.`,
              en: `The contract "${deadline.subject}"${cig} ends on ${day.en} (${when.en}) and does not renew: plan the new purchase.`,
            },
      });
    }
  }

  const risks = await loadRiskData({ prisma }, { site: {}, circuit: {} }, scheduledAt, new Date(scheduledAt.getTime() + ISOLATION_HORIZON_DAYS * DAY));
  for (const interval of risks.report.isolated) {
    const site = risks.sites.get(interval.siteId)!;
    const from = formatInstant(interval.from);
    const to = formatInstant(interval.to);
    const events = interval.eventIds.map((id) => risks.events.get(id)!.summary).join('; ');
    notifications.push({
      kind: MAINTENANCE_ISOLATION,
      entityId: site.entityId,
      subjectKey: `isolation:${site.id}:${interval.from.toISOString()}:${interval.to.toISOString()}`,
      title: { it: `Sede senza collegamento per manutenzione: ${site.name}`, en: `Site cut off by maintenance: ${site.name}` },
      body: {
        it: `La sede ${site.name} resterà senza alcun collegamento funzionante dal ${from.it} al ${to.it} per manutenzione (${events}).`,
        en: `The site ${site.name} will have no working link from ${from.en} to ${to.en} because of maintenance (${events}).`,
      },
      link: '/connectivity/maintenance',
    });
  }
  for (const single of risks.report.singleLink) {
    const site = risks.sites.get(single.siteId)!;
    const circuit = risks.circuits.get(single.circuitId)!;
    notifications.push({
      kind: SINGLE_LINK,
      entityId: site.entityId,
      // Once per site and circuit: a new sole link (another circuit) notifies again.
      subjectKey: `single-link:${site.id}:${circuit.id}`,
      title: { it: `Sede con un solo collegamento: ${site.name}`, en: `Site with a single link: ${site.name}` },
      body: {
        it: `La sede ${site.name} ha un solo circuito attivo (${circuit.cid}): un guasto la lascerebbe isolata.`,
        en: `The site ${site.name} has a single active circuit (${circuit.cid}): a fault would cut it off.`,
      },
      link: '/connectivity/maintenance',
    });
  }
  for (const id of risks.report.offline) {
    const circuit = risks.circuits.get(id)!;
    notifications.push({
      kind: CIRCUIT_OFFLINE,
      entityId: circuit.entityId,
      // Each time it goes offline: every change of the circuit raises its version.
      subjectKey: `offline:${circuit.id}:v${circuit.version}`,
      title: { it: `Circuito non funzionante: ${circuit.cid}`, en: `Circuit offline: ${circuit.cid}` },
      body: {
        it: `Il circuito ${circuit.cid} risulta non funzionante (OFFLINE). Apri un guasto con il fornitore.`,
        en: `The circuit ${circuit.cid} is offline. Report the fault to the provider.`,
      },
      link: '/connectivity/maintenance',
    });
  }
  return notifications;
}

type JobDefinitionContext = Parameters<JobDefinition['run']>[0];

/** Daily at 07:00 Italian time. */
export const connectivityAlertsJob: JobDefinition = {
  key: 'connectivity:alerts',
  schedule: '0 7 * * *',
  description: 'Notify about connectivity notice dates, contracts and frameworks ending, single-link sites, offline circuits and sites cut off by maintenance.',
  run: async ({ prisma, scheduledAt, notify, log }) => {
    const notifications = await connectivityAlerts(prisma, scheduledAt);
    const { created } = await notify(notifications);
    log(`${notifications.length} connectivity alerts, ${created} new notifications`);
  },
};
