import { alertThreshold, calendarDayInItaly, daysBetween, formatDay, inDays, type JobDefinition, type NotificationInput } from '@gea/core';

export const MAILBOX_EXPIRING = 'pec-signatures:mailbox-expiring';
/** A PEC mailbox that lapses stops receiving legally valid mail: a month ahead, then a week. */
export const MAILBOX_THRESHOLDS = [30, 7] as const;

/** Daily: PEC mailboxes whose service term ends soon, to the people of their body and the ICT office. */
export const mailboxExpiryJob: JobDefinition = {
  key: 'pec-signatures:mailbox-expiry',
  schedule: '0 7 * * *',
  description: 'Notify about PEC mailboxes whose term ends within 30 days (again at 7).',
  run: async ({ prisma, scheduledAt, notify, log }) => {
    const today = calendarDayInItaly(scheduledAt);
    const last = new Date(today.getTime() + Math.max(...MAILBOX_THRESHOLDS) * 86_400_000);
    const mailboxes = await prisma.pecMailbox.findMany({
      where: { expiresOn: { gte: today, lte: last } },
      select: { id: true, entityId: true, address: true, provider: true, expiresOn: true },
      orderBy: [{ expiresOn: 'asc' }, { address: 'asc' }],
    });
    const notifications: NotificationInput[] = [];
    for (const mailbox of mailboxes) {
      const daysLeft = daysBetween(today, mailbox.expiresOn!);
      const threshold = alertThreshold(daysLeft, MAILBOX_THRESHOLDS);
      if (threshold === undefined) continue;
      const day = formatDay(mailbox.expiresOn!);
      const when = inDays(daysLeft);
      notifications.push({
        kind: MAILBOX_EXPIRING,
        entityId: mailbox.entityId,
        subjectKey: `mailbox:${mailbox.id}:${mailbox.expiresOn!.toISOString().slice(0, 10)}:${threshold}d`,
        title: { it: `Casella PEC in scadenza: ${mailbox.address}`, en: `PEC mailbox expiring: ${mailbox.address}` },
        body: {
          it: `Il servizio della casella PEC ${mailbox.address} (${mailbox.provider}) termina il ${day.it} (${when.it}). Rinnovalo per non perdere messaggi.`,
          en: `The service of the PEC mailbox ${mailbox.address} (${mailbox.provider}) ends on ${day.en} (${when.en}). Renew it so no message is lost.`,
        },
        link: '/pec-signatures',
      });
    }
    const { created } = await notify(notifications);
    log(`${mailboxes.length} mailboxes expiring, ${created} new notifications`);
  },
};
