import { modelRef, versionDescription, type GeaBuilder, type GeaContext } from '@gea/core';
import { siteScopes } from '../scopes.ts';
import { cmsKindEnum, hostedSiteStatusEnum } from './enums.ts';

/** Where the reference front end (apps/site) shows a site. */
export const sitePublicPath = (slug: string) => `/sites/${slug}/`;

export function addHostedSiteType(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const HostedSiteStatus = hostedSiteStatusEnum(builder);
  const CmsKind = cmsKindEnum(builder);

  const HostedSite = builder.prismaNode('HostedSite', {
    description: "A body's institutional web site, hosted by the ICT office (art. 3.3-4).",
    id: { field: 'id' },
    nullable: true,
    authScopes: (site) => siteScopes.readOn(site.entityId),
    fields: (t) => ({
      slug: t.exposeString('slug', { description: 'Path segment of the public API and of the reference front end: /sites/<slug>/.' }),
      name: t.exposeString('name'),
      primaryDomain: t.exposeString('primaryDomain'),
      aliases: t.stringList({
        description: 'Other names of the site, redirected to the primary domain.',
        select: { aliases: { select: { domain: true }, orderBy: { domain: 'asc' } } },
        resolve: (site) => site.aliases.map((alias) => alias.domain),
      }),
      server: t.exposeString('server', { nullable: true }),
      cms: t.expose('cms', { type: CmsKind }),
      cmsVersion: t.exposeString('cmsVersion', { nullable: true }),
      tlsExpiresOn: t.expose('tlsExpiresOn', { type: 'Date', nullable: true }),
      tlsIssuer: t.exposeString('tlsIssuer', { nullable: true }),
      status: t.expose('status', { type: HostedSiteStatus }),
      reviewRequired: t.exposeBoolean('reviewRequired', { description: 'Pages go live only after a reviewer (web-hosting:content:review) publishes them.' }),
      note: t.exposeString('note', { nullable: true }),
      publicPath: t.string({ description: 'Where GEA serves the site: /sites/<slug>/.', select: { slug: true }, resolve: (site) => sitePublicPath(site.slug) }),
      // nullable: the body itself may be outside the reader's scopes even when its site is not
      entity: t.relation('entity', { nullable: true }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      version: t.exposeInt('version', { description: versionDescription }),
    }),
  });

  const listWhere = (context: GeaContext, entityId: { id: string } | null | undefined) => ({
    entity: siteScopes.readableEntities(context),
    ...(entityId ? { entityId: entityId.id } : {}),
  });
  builder.queryField('hostedSites', (t) =>
    t.prismaConnection({
      type: HostedSite,
      cursor: 'id',
      description: 'Hosted sites of the bodies the reader may see (or of one body), by name.',
      authScopes: (_root, args) => siteScopes.readList(args.entityId),
      args: { entityId: t.arg.globalID({ required: false, for: Entity }) },
      totalCount: (_root, args, context) => context.prisma.hostedSite.count({ where: listWhere(context, args.entityId) }),
      resolve: (query, _root, args, context) =>
        context.prisma.hostedSite.findMany({ ...query, where: listWhere(context, args.entityId), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    }),
  );
  return HostedSite;
}
