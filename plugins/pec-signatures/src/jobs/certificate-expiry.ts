import { alertThreshold, calendarDayInItaly, daysBetween, formatDay, inDays, type JobDefinition, type NotificationInput } from '@gea/core';

export const CERTIFICATE_EXPIRING = 'pec-signatures:certificate-expiring';
/** A new qualified certificate takes days to obtain (identification, device): a month ahead, then a week. */
export const CERTIFICATE_THRESHOLDS = [30, 7] as const;

/** Daily: active signature certificates about to expire, to the people of the holder's body and the ICT office. */
export const certificateExpiryJob: JobDefinition = {
  key: 'pec-signatures:certificate-expiry',
  schedule: '0 7 * * *',
  description: 'Notify about active signature certificates expiring within 30 days (again at 7).',
  run: async ({ prisma, scheduledAt, notify, log }) => {
    const today = calendarDayInItaly(scheduledAt);
    const horizon = new Date(today.getTime() + (Math.max(...CERTIFICATE_THRESHOLDS) + 1) * 86_400_000);
    const certificates = await prisma.signatureCertificate.findMany({
      where: { status: 'ACTIVE', validTo: { gte: scheduledAt, lt: horizon } },
      select: { id: true, entityId: true, holderName: true, deviceType: true, issuer: true, serialNumber: true, validTo: true },
      orderBy: [{ validTo: 'asc' }, { id: 'asc' }],
    });
    const notifications: NotificationInput[] = [];
    for (const certificate of certificates) {
      const lastDay = calendarDayInItaly(certificate.validTo);
      const daysLeft = daysBetween(today, lastDay);
      const threshold = alertThreshold(daysLeft, CERTIFICATE_THRESHOLDS);
      if (threshold === undefined) continue;
      const day = formatDay(lastDay);
      const when = inDays(daysLeft);
      notifications.push({
        kind: CERTIFICATE_EXPIRING,
        entityId: certificate.entityId,
        subjectKey: `certificate:${certificate.id}:${certificate.validTo.toISOString()}:${threshold}d`,
        title: {
          it: `Certificato di firma in scadenza: ${certificate.holderName}`,
          en: `Signature certificate expiring: ${certificate.holderName}`,
        },
        body: {
          it: `Il certificato di firma di ${certificate.holderName} (${certificate.issuer}, n. ${certificate.serialNumber}) scade il ${day.it} (${when.it}). Avvia il rinnovo.`,
          en: `The signature certificate of ${certificate.holderName} (${certificate.issuer}, no. ${certificate.serialNumber}) expires on ${day.en} (${when.en}). Start the renewal.`,
        },
        link: '/pec-signatures',
      });
    }
    const { created } = await notify(notifications);
    log(`${certificates.length} certificates expiring, ${created} new notifications`);
  },
};
