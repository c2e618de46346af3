import { alertThreshold, calendarDayInItaly, daysBetween, formatDay, inDays, type JobDefinition, type NotificationInput } from '@gea/core';

export const WARRANTY_ENDING = 'inventory:warranty-ending';
/** Days before a warranty ends when people hear of it (the renewal planning's window). */
export const WARRANTY_THRESHOLDS = [30] as const;

/** Daily: equipment in use whose warranty ends within the window, to its body's referent and the ICT office. */
export const warrantyEndingJob: JobDefinition = {
  key: 'inventory:warranty-ending',
  schedule: '0 7 * * *',
  description: 'Notify about equipment in use whose warranty ends within 30 days.',
  run: async ({ prisma, scheduledAt, notify, log }) => {
    const today = calendarDayInItaly(scheduledAt);
    const last = new Date(today.getTime() + Math.max(...WARRANTY_THRESHOLDS) * 86_400_000);
    const assets = await prisma.asset.findMany({
      where: { status: { in: ['IN_SERVICE', 'UNDER_REPAIR'] }, warrantyEnd: { gte: today, lte: last } },
      select: { id: true, entityId: true, kind: true, manufacturer: true, model: true, inventoryTag: true, warrantyEnd: true },
      orderBy: [{ warrantyEnd: 'asc' }, { id: 'asc' }],
    });
    const notifications: NotificationInput[] = [];
    for (const asset of assets) {
      const daysLeft = daysBetween(today, asset.warrantyEnd!);
      const threshold = alertThreshold(daysLeft, WARRANTY_THRESHOLDS);
      if (threshold === undefined) continue;
      const name = [asset.manufacturer, asset.model].filter(Boolean).join(' ') || asset.kind;
      const tag = asset.inventoryTag ? ` (${asset.inventoryTag})` : '';
      const day = formatDay(asset.warrantyEnd!);
      const when = inDays(daysLeft);
      notifications.push({
        kind: WARRANTY_ENDING,
        entityId: asset.entityId,
        // The end date is part of the subject: an extended warranty notifies again when it nears its new end.
        subjectKey: `asset:${asset.id}:${asset.warrantyEnd!.toISOString().slice(0, 10)}:${threshold}d`,
        title: { it: `Garanzia in scadenza: ${name}${tag}`, en: `Warranty ending: ${name}${tag}` },
        body: {
          it: `La garanzia di ${name}${tag} termina il ${day.it} (${when.it}). Valuta rinnovo o sostituzione.`,
          en: `The warranty of ${name}${tag} ends on ${day.en} (${when.en}). Consider renewing or replacing it.`,
        },
        link: `/inventory/assets/${encodeURIComponent(Buffer.from(`Asset:${asset.id}`).toString('base64'))}`,
      });
    }
    const { created } = await notify(notifications);
    log(`${assets.length} warranties ending, ${created} new notifications`);
  },
};
