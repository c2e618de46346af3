import { alertThreshold, calendarDayInItaly, daysBetween, formatDay, inDays, type JobDefinition, type NotificationInput } from '@gea/core';

export const CONTRACT_ENDING = 'procurement:contract-ending';
/** Contracts have notice periods: the first alert comes two months ahead, a second two weeks ahead. */
export const CONTRACT_THRESHOLDS = [60, 15] as const;

/** Daily: contracts whose last day is near, to the people of the bodies they serve and the ICT office. */
export const contractEndingJob: JobDefinition = {
  key: 'procurement:contract-ending',
  schedule: '0 7 * * *',
  description: 'Notify about contracts ending within 60 days (again at 15).',
  run: async ({ prisma, scheduledAt, notify, log }) => {
    const today = calendarDayInItaly(scheduledAt);
    const last = new Date(today.getTime() + Math.max(...CONTRACT_THRESHOLDS) * 86_400_000);
    const contracts = await prisma.contract.findMany({
      where: { endsOn: { gte: today, lte: last } },
      select: {
        id: true,
        subject: true,
        cig: true,
        endsOn: true,
        renewableUntil: true,
        contractingEntityId: true,
        supplier: { select: { name: true } },
        entities: { select: { entityId: true } },
      },
      orderBy: [{ endsOn: 'asc' }, { id: 'asc' }],
    });
    const notifications: NotificationInput[] = [];
    for (const contract of contracts) {
      const daysLeft = daysBetween(today, contract.endsOn);
      const threshold = alertThreshold(daysLeft, CONTRACT_THRESHOLDS);
      if (threshold === undefined) continue;
      const day = formatDay(contract.endsOn);
      const when = inDays(daysLeft);
      const cig = contract.cig ? `, CIG ${contract.cig}` : '';
      const renewable = contract.renewableUntil && contract.renewableUntil > contract.endsOn ? formatDay(contract.renewableUntil) : null;
      notifications.push({
        kind: CONTRACT_ENDING,
        // The bodies it serves and the one that signed it: each person hears once, through any of them.
        entityId: [...new Set([...contract.entities.map((e) => e.entityId), contract.contractingEntityId])],
        subjectKey: `contract:${contract.id}:${contract.endsOn.toISOString().slice(0, 10)}:${threshold}d`,
        title: { it: `Contratto in scadenza: ${contract.subject}`, en: `Contract ending: ${contract.subject}` },
        body: {
          it:
            `Il contratto "${contract.subject}" con ${contract.supplier.name}${cig} termina il ${day.it} (${when.it}).` +
            (renewable ? ` È rinnovabile fino al ${renewable.it}.` : ' Verifica i termini di disdetta e la nuova procedura di acquisto.'),
          en:
            `The contract "${contract.subject}" with ${contract.supplier.name}${cig} ends on ${day.en} (${when.en}).` +
            (renewable ? ` It can be renewed until ${renewable.en}.` : ' Check the notice period and plan the new purchase.'),
        },
        link: '/procurement/contracts',
      });
    }
    const { created } = await notify(notifications);
    log(`${contracts.length} contracts ending, ${created} new notifications`);
  },
};
