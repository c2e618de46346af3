// The daily hosting alerts, to the ICT office and to the referent of the body whose site it is.
// Each notification carries a subject key: the platform delivers a kind and key to each person
// once, ever, so a daily run repeats nothing, and what must notify again (a new threshold, a new
// certificate, a new version or policy) has it in its key.
import {
  alertThreshold,
  calendarDayInItaly,
  formatDay,
  inDays,
  type JobDefinition,
  type NotificationInput,
  type NotificationKindDefinition,
} from '@gea/core';
import { alertsApply, cmsAlert, daysUntil } from '../rules/site-alerts.ts';

export const TLS_EXPIRING = 'web-hosting:tls-expiring';
export const TLS_EXPIRED = 'web-hosting:tls-expired';
export const CMS_UNSUPPORTED = 'web-hosting:cms-unsupported';

/** Certificates: a first alert a month ahead, a second a week ahead, a third once expired. */
export const TLS_THRESHOLDS = [30, 7] as const;

// web-hosting:read, but not to every reader: web editors and board members do not renew
// certificates or upgrade a CMS; the office does, and the referent speaks for the body.
const roles = ['ICT_HEAD', 'ICT_STAFF', 'REFERENT'] as const;
export const webHostingNotificationKinds: Record<string, NotificationKindDefinition> = {
  [TLS_EXPIRING]: {
    description: "A hosted site's TLS certificate expires within 30 days (again within 7)",
    label: { it: 'Certificati TLS dei siti in scadenza', en: 'Site TLS certificates expiring' },
    permission: 'web-hosting:read',
    roles,
  },
  [TLS_EXPIRED]: {
    description: "A hosted site's TLS certificate has expired",
    label: { it: 'Certificati TLS dei siti scaduti', en: 'Site TLS certificates expired' },
    permission: 'web-hosting:read',
    roles,
  },
  [CMS_UNSUPPORTED]: {
    description: "A hosted site's CMS version is below the oldest the office supports",
    label: { it: 'Siti con CMS non più supportato', en: 'Sites on an unsupported CMS' },
    permission: 'web-hosting:read',
    roles,
  },
};

const isoDay = (day: Date) => day.toISOString().slice(0, 10);
type Prisma = Parameters<JobDefinition['run']>[0]['prisma'];

/** The notifications due on the occurrence `scheduledAt`. Exported for tests. */
export async function webHostingAlerts(prisma: Prisma, scheduledAt: Date): Promise<NotificationInput[]> {
  const today = calendarDayInItaly(scheduledAt);
  const [sites, policies] = await Promise.all([
    prisma.hostedSite.findMany({
      where: { status: { in: ['ACTIVE', 'MAINTENANCE'] } },
      select: { id: true, entityId: true, name: true, primaryDomain: true, status: true, cms: true, cmsVersion: true, tlsExpiresOn: true, tlsIssuer: true },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    }),
    prisma.cmsVersionPolicy.findMany(),
  ]);
  const policyOf = new Map(policies.map((policy) => [policy.cms, policy]));
  const notifications: NotificationInput[] = [];
  for (const site of sites) {
    if (!alertsApply(site.status)) continue;
    const link = `/web-hosting/sites/${encodeURIComponent(Buffer.from(`HostedSite:${site.id}`).toString('base64'))}`;
    const base = { entityId: site.entityId, link };
    if (site.tlsExpiresOn) {
      const daysLeft = daysUntil(today, site.tlsExpiresOn);
      const day = formatDay(site.tlsExpiresOn);
      const issuer = site.tlsIssuer ? ` (${site.tlsIssuer})` : '';
      if (daysLeft < 0) {
        notifications.push({
          ...base,
          kind: TLS_EXPIRED,
          // once per certificate: a renewed one that expires in turn notifies again
          subjectKey: `tls-expired:${site.id}:${isoDay(site.tlsExpiresOn)}`,
          title: { it: `Certificato TLS scaduto: ${site.primaryDomain}`, en: `TLS certificate expired: ${site.primaryDomain}` },
          body: {
            it: `Il certificato TLS${issuer} del sito ${site.name} (${site.primaryDomain}) è scaduto il ${day.it}: i visitatori vedono un avviso di sicurezza. Rinnovalo.`,
            en: `The TLS certificate${issuer} of the site ${site.name} (${site.primaryDomain}) expired on ${day.en}: visitors see a security warning. Renew it.`,
          },
        });
      } else {
        const threshold = alertThreshold(daysLeft, TLS_THRESHOLDS);
        if (threshold !== undefined) {
          const when = inDays(daysLeft);
          notifications.push({
            ...base,
            kind: TLS_EXPIRING,
            subjectKey: `tls:${site.id}:${isoDay(site.tlsExpiresOn)}:${threshold}d`,
            title: { it: `Certificato TLS in scadenza: ${site.primaryDomain}`, en: `TLS certificate expiring: ${site.primaryDomain}` },
            body: {
              it: `Il certificato TLS${issuer} del sito ${site.name} (${site.primaryDomain}) scade il ${day.it} (${when.it}).`,
              en: `The TLS certificate${issuer} of the site ${site.name} (${site.primaryDomain}) expires on ${day.en} (${when.en}).`,
            },
          });
        }
      }
    }
    const policy = policyOf.get(site.cms);
    const cms = cmsAlert(site.cms, site.cmsVersion, policy);
    if (cms?.kind === 'CMS_UNSUPPORTED' && policy) {
      notifications.push({
        ...base,
        kind: CMS_UNSUPPORTED,
        // again when the site moves to another unsupported version or the policy raises its minimum
        subjectKey: `cms:${site.id}:${site.cms}:${site.cmsVersion}:${policy.minimumVersion}`,
        title: { it: `CMS non più supportato: ${site.name}`, en: `Unsupported CMS: ${site.name}` },
        body: {
          it: `Il sito ${site.name} (${site.primaryDomain}) usa ${site.cms} ${site.cmsVersion}, sotto la versione minima supportata ${policy.minimumVersion}: aggiornalo.`,
          en: `The site ${site.name} (${site.primaryDomain}) runs ${site.cms} ${site.cmsVersion}, below the oldest supported version ${policy.minimumVersion}: upgrade it.`,
        },
      });
    }
  }
  return notifications;
}

/** Daily at 07:00 Italian time. */
export const webHostingAlertsJob: JobDefinition = {
  key: 'web-hosting:alerts',
  schedule: '0 7 * * *',
  description: 'Notify about TLS certificates of hosted sites expiring (30 and 7 days before) or expired, and sites on an unsupported CMS version.',
  run: async ({ prisma, scheduledAt, notify, log }) => {
    const notifications = await webHostingAlerts(prisma, scheduledAt);
    const { created } = await notify(notifications);
    log(`${notifications.length} web hosting alerts, ${created} new notifications`);
  },
};
