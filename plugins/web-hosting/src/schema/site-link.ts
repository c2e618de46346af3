// The site-wide pages and links every municipal site must show (accessibility declaration, privacy,
// legal notes, booking, report a problem, FAQ): each points to an https address or to a page of
// the site itself. Visitors see them, so every change raises the site's publication stamp.
import { auditConcerns, InputError, lockForChange, modelRef, NotFoundError, perBuilder, type GeaBuilder, type GeaContext } from '@gea/core';
import type { SiteLinkKind } from '@gea/db';
import { z } from 'zod';
import { pagePath, requiredLinks } from '../model/menus.ts';
import { normalizeDomain } from '../rules/domain.ts';
import { siteScopes } from '../scopes.ts';
import { sitePublicPath, writeOnSiteBody } from './hosted-site.ts';
import { siteLinkKindEnum } from './enums.ts';

export interface SiteLinkView {
  siteId: string;
  entityId: string;
  siteSlug: string;
  kind: SiteLinkKind;
  url: string | null;
  page: { id: string; title: string; slug: string } | null;
}

/** What HostedSite.links selects of a site. */
export const siteLinksSelect = {
  slug: true,
  entityId: true,
  links: { select: { kind: true, url: true, contentItem: { select: { id: true, title: true, slug: true } } } },
} as const;
type LinkRows = { id: string; entityId: string; slug: string; links: { kind: SiteLinkKind; url: string | null; contentItem: { id: string; title: string; slug: string } | null }[] };

/** The six required links in the model's order, with what each points to (url and page null when missing). */
export function linksOf(site: LinkRows): SiteLinkView[] {
  return requiredLinks.map(({ kind }) => {
    const row = site.links.find((link) => link.kind === kind);
    return { siteId: site.id, entityId: site.entityId, siteSlug: site.slug, kind, url: row?.url ?? null, page: row?.contentItem ?? null };
  });
}

/** Why an address cannot be a required link's target, or null: https only, as the validator of measure 1.4.1 checks. */
export function linkUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${text} is not an address (write it whole: https://...)`;
  }
  if (url.protocol !== 'https:') return 'must be an https:// address';
  if (url.username || url.password) return 'must not carry a user name or password';
  return 'problem' in normalizeDomain(url.hostname) ? `${url.hostname} is not a valid host name` : null;
}

/** The SiteLink type, defined once per builder (HostedSite.links and SiteLink.page use it). */
export const siteLinkRef = perBuilder((builder) => {
  const SiteLinkKindEnum = siteLinkKindEnum(builder);
  const SiteLink = builder.objectRef<SiteLinkView>('SiteLink');
  SiteLink.implement({
    description: 'A required link of a site: where it points (an https address or a page of the site), or nothing yet.',
    authScopes: (link) => siteScopes.readOn(link.entityId),
    fields: (t) => ({
      kind: t.field({ type: SiteLinkKindEnum, resolve: (link) => link.kind }),
      label: t.string({ description: 'The label the model gives the link (Italian).', resolve: (link) => requiredLinks.find((r) => r.kind === link.kind)!.label.it }),
      labelEn: t.string({ description: 'The label in English.', resolve: (link) => requiredLinks.find((r) => r.kind === link.kind)!.label.en }),
      dataElement: t.string({ description: 'The data-element attribute the validator looks for.', resolve: (link) => requiredLinks.find((r) => r.kind === link.kind)!.dataElement }),
      url: t.string({ nullable: true, description: 'The address it points to, when it is not a page of the site.', resolve: (link) => link.url }),
      pageId: t.id({
        nullable: true,
        description: 'The global id of the page (a ContentItem of type PAGINA) it points to.',
        resolve: (link) => (link.page ? Buffer.from(`ContentItem:${link.page.id}`).toString('base64') : null),
      }),
      pageTitle: t.string({ nullable: true, resolve: (link) => link.page?.title ?? null }),
      href: t.string({
        nullable: true,
        description: 'Where a visitor goes: the address, or the page on GEA\'s site (/sites/<slug>/<page>); null when missing.',
        resolve: (link) => link.url ?? (link.page ? `${sitePublicPath(link.siteSlug)}${pagePath('PAGINA', link.page.slug, {})}` : null),
      }),
    }),
  });
  return SiteLink;
});

/**
 * `SiteLink.page: ContentItem`, once the ContentItem node exists (it is defined with the pages):
 * the schema index calls this after adding that type.
 */
export function addSiteLinkPageField(builder: GeaBuilder) {
  const ContentItem = modelRef(builder, 'ContentItem');
  builder.objectField(siteLinkRef(builder), 'page', (t) =>
    t.field({
      type: ContentItem,
      nullable: true,
      description: 'The page of the site it points to.',
      resolve: (link, _args, context) => (link.page ? context.prisma.contentItem.findUnique({ where: { id: link.page.id } }) : null),
    }),
  );
}

/** Raises the site's publication stamp: the public API's ETags change with it. */
async function bumpPublication(context: GeaContext, siteId: string) {
  await context.prisma.sitePublicationStamp.upsert({
    where: { siteId },
    create: { siteId, stamp: 1 },
    update: { stamp: { increment: 1 }, changedAt: new Date() },
  });
}

export function addSiteLinkType(builder: GeaBuilder) {
  const HostedSite = modelRef(builder, 'HostedSite');
  const SiteLinkKindEnum = siteLinkKindEnum(builder);
  const SiteLink = siteLinkRef(builder);

  builder.prismaObjectFields('HostedSite', (t) => ({
    links: t.field({
      type: [SiteLink],
      description: "The six required links of the model (model/menus.ts requiredLinks), in the model's order, each with what it points to.",
      select: siteLinksSelect,
      resolve: (site) => linksOf(site as unknown as LinkRows),
    }),
  }));

  const siteOf = (context: GeaContext, siteId: string) =>
    lockForChange(context, {
      model: 'HostedSite',
      what: 'HostedSite',
      id: siteId,
      read: () => context.prisma.hostedSite.findUnique({ where: { id: siteId }, select: { id: true, entityId: true, version: true } }),
    });

  builder.mutationFields((t) => ({
    setSiteLink: t.prismaField({
      type: HostedSite,
      description: 'Points a required link of a site to an https address or to a page (type PAGINA) of the same site: exactly one of url and pageId.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      authScopes: (_root, { siteId }, context) => writeOnSiteBody(String(siteId.id))(context),
      args: {
        siteId: t.arg.globalID({ required: true, for: HostedSite as never }),
        kind: t.arg({ type: SiteLinkKindEnum, required: true }),
        url: t.arg.string({ required: false, validate: z.string().trim().max(2000) }),
        pageId: t.arg.id({ required: false, description: 'The global id of a ContentItem of type PAGINA of this site.' }),
      },
      resolve: async (query, _root, { siteId, kind, url, pageId }, context) => {
        const site = await siteOf(context, String(siteId.id));
        const address = url?.trim() || null;
        const page = pageId ? String(pageId) : null;
        if ((address === null) === (page === null)) {
          throw new InputError([{ path: ['url'], message: 'give either an address or a page of the site', code: 'REQUIRED' }]);
        }
        let contentItemId: string | null = null;
        if (address) {
          const problem = linkUrlProblem(address);
          if (problem) throw new InputError([{ path: ['url'], message: problem, code: 'INVALID_FORMAT' }]);
        } else {
          const text = Buffer.from(page!, 'base64').toString('utf8');
          const decoded = { typename: text.slice(0, text.indexOf(':')), id: text.slice(text.indexOf(':') + 1) };
          const item =
            decoded?.typename === 'ContentItem' && z.uuid().safeParse(decoded.id).success
              ? await context.prisma.contentItem.findUnique({ where: { id: decoded.id }, select: { id: true, siteId: true, type: true } })
              : null;
          if (!item || item.siteId !== site.id) throw new InputError([{ path: ['pageId'], message: 'is not a page of this site' }]);
          if (item.type !== 'PAGINA') throw new InputError([{ path: ['pageId'], message: 'must be a plain page (type PAGINA)', code: 'INVALID_CHOICE' }]);
          contentItemId = item.id;
        }
        const before = await context.prisma.siteLink.findUnique({ where: { siteId_kind: { siteId: site.id, kind } }, select: { url: true, contentItemId: true } });
        const target = { url: address, contentItemId };
        await context.prisma.siteLink.upsert({ where: { siteId_kind: { siteId: site.id, kind } }, create: { siteId: site.id, kind, ...target }, update: target });
        await bumpPublication(context, site.id);
        context.audit = { ...context.audit, targetType: 'HostedSite', targetId: site.id, entityId: site.entityId, before: { kind, ...(before ?? {}) }, after: { kind, ...target } };
        auditConcerns(context, [site.entityId]);
        return context.prisma.hostedSite.findUniqueOrThrow({ ...query, where: { id: site.id } });
      },
    }),
    clearSiteLink: t.prismaField({
      type: HostedSite,
      description: 'Removes where a required link of a site points (the site then has a REQUIRED_LINK_MISSING alert).',
      errors: { types: [NotFoundError], directResult: true },
      authScopes: (_root, { siteId }, context) => writeOnSiteBody(String(siteId.id))(context),
      args: {
        siteId: t.arg.globalID({ required: true, for: HostedSite as never }),
        kind: t.arg({ type: SiteLinkKindEnum, required: true }),
      },
      resolve: async (query, _root, { siteId, kind }, context) => {
        const site = await siteOf(context, String(siteId.id));
        const before = await context.prisma.siteLink.findUnique({ where: { siteId_kind: { siteId: site.id, kind } }, select: { url: true, contentItemId: true } });
        if (before) {
          await context.prisma.siteLink.delete({ where: { siteId_kind: { siteId: site.id, kind } } });
          await bumpPublication(context, site.id);
        }
        context.audit = { ...context.audit, targetType: 'HostedSite', targetId: site.id, entityId: site.entityId, before: { kind, ...(before ?? {}) }, after: { kind } };
        auditConcerns(context, [site.entityId]);
        return context.prisma.hostedSite.findUniqueOrThrow({ ...query, where: { id: site.id } });
      },
    }),
  }));
}
