// What needs attention on the hosted sites today (Italian time): certificates, CMS versions and
// missing required links. Computed on read from the site, its links and the CMS policies.
import { calendarDayInItaly, modelRef, type GeaBuilder, type GeaContext } from '@gea/core';
import type { Prisma } from '@gea/db';
import { siteAlerts, type SiteAlert } from '../rules/site-alerts.ts';
import { siteScopes } from '../scopes.ts';
import { cmsPolicies } from './cms-version-policy.ts';
import { siteAlertKindEnum, siteLinkKindEnum } from './enums.ts';

/** What the alerts need of a site. */
export const alertFactsSelect = {
  id: true,
  entityId: true,
  status: true,
  cms: true,
  cmsVersion: true,
  tlsExpiresOn: true,
  links: { select: { kind: true } },
} as const satisfies Prisma.HostedSiteSelect;
export type AlertFacts = Prisma.HostedSiteGetPayload<{ select: typeof alertFactsSelect }>;

type SiteAlertView = SiteAlert & { siteId: string; entityId: string };

/** The alerts of a site on `today` (a calendar day as DATE columns read: UTC midnight). */
export async function alertsOfSite(context: GeaContext, site: AlertFacts, today: Date): Promise<SiteAlertView[]> {
  const policies = await cmsPolicies(context).load('all');
  return siteAlerts({ ...site, linkKinds: new Set(site.links.map((link) => link.kind)) }, policies.get(site.cms), today).map((alert) => ({ ...alert, siteId: site.id, entityId: site.entityId }));
}

/** Today in Italy: a certificate's last day ends at midnight there. */
export const italianToday = () => calendarDayInItaly(new Date());

export function addSiteAlertType(builder: GeaBuilder) {
  const HostedSite = modelRef(builder, 'HostedSite');
  const SiteLinkKindEnum = siteLinkKindEnum(builder);
  const SiteAlertKind = siteAlertKindEnum(builder);

  const SiteAlertRef = builder.objectRef<SiteAlertView>('SiteAlert');
  SiteAlertRef.implement({
    description: 'Something on a hosted site that needs attention today (Italian time).',
    authScopes: (alert) => siteScopes.readOn(alert.entityId),
    fields: (t) => ({
      kind: t.field({ type: SiteAlertKind, resolve: (alert) => alert.kind }),
      message: t.string({ description: 'In English; clients word it from kind, dueOn and linkKind.', resolve: (alert) => alert.message }),
      dueOn: t.field({ type: 'Date', nullable: true, description: "The certificate's last valid day.", resolve: (alert) => alert.dueOn }),
      linkKind: t.field({ type: SiteLinkKindEnum, nullable: true, description: 'The missing link, for REQUIRED_LINK_MISSING.', resolve: (alert) => alert.linkKind }),
      site: t.prismaField({
        type: HostedSite,
        nullable: true,
        description: 'The site it concerns.',
        resolve: (query, alert, _args, context) => context.prisma.hostedSite.findUnique({ ...query, where: { id: alert.siteId } }),
      }),
    }),
  });

  builder.prismaObjectFields('HostedSite', (t) => ({
    alerts: t.field({
      type: [SiteAlertRef],
      description: 'What needs attention on the site today (Italian time): certificate, CMS version, missing required links. None for suspended or decommissioned sites.',
      select: alertFactsSelect,
      resolve: (site, _args, context) => alertsOfSite(context, site as unknown as AlertFacts, italianToday()),
    }),
  }));

  const Entity = modelRef(builder, 'Entity');
  builder.queryField('siteAlerts', (t) =>
    t.field({
      type: [SiteAlertRef],
      description: 'The alerts of every site the reader may see (or of one body), by site name then urgency: for a dashboard.',
      authScopes: (_root, args) => siteScopes.readList(args.entityId),
      args: {
        entityId: t.arg.globalID({ required: false, for: Entity }),
        kinds: t.arg({ type: [SiteAlertKind], required: false, description: 'Only these kinds.' }),
      },
      resolve: async (_root, args, context) => {
        const sites = await context.prisma.hostedSite.findMany({
          where: { entity: siteScopes.readableEntities(context), status: { in: ['ACTIVE', 'MAINTENANCE'] }, ...(args.entityId ? { entityId: args.entityId.id } : {}) },
          select: alertFactsSelect,
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        });
        const today = italianToday();
        const kinds = args.kinds?.length ? new Set<string>(args.kinds) : null;
        const all = (await Promise.all(sites.map((site) => alertsOfSite(context, site, today)))).flat();
        return kinds ? all.filter((alert) => kinds.has(alert.kind)) : all;
      },
    }),
  );
}
