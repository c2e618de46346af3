import {
  auditConcerns,
  ConflictError,
  containsText,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  save,
  StaleVersionError,
  versionDescription,
  type FieldIssue,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import type { HostedSite as HostedSiteRow } from '@gea/db';
import { z } from 'zod';
import { followsMunicipalForm, municipalDomain, normalizeDomain, slugProblem } from '../rules/domain.ts';
import { siteScopes } from '../scopes.ts';
import { cmsKindEnum, hostedSiteStatusEnum, siteAlertKindEnum } from './enums.ts';
import { alertFactsSelect, alertsOfSite, italianToday } from './site-alerts.ts';

/** Where the reference front end (apps/site) shows a site. */
export const sitePublicPath = (slug: string) => `/sites/${slug}/`;

/** Changing a site named by id, or something on it: web-hosting:sites:write on its body. */
export const writeOnSiteBody = (siteId: string) =>
  siteScopes.writeOnBodyOf((context) => context.prisma.hostedSite.findUnique({ where: { id: siteId }, select: { entityId: true } }));

/** The body's facts the comune.<name>.<province>.it form needs. */
const municipalFacts = { entity: { select: { kind: true, name: true, province: true } } } as const;
type MunicipalFacts = { entity: { kind: string; name: string; province: string | null } };
const municipality = (site: MunicipalFacts) =>
  site.entity.kind === 'MUNICIPALITY' && site.entity.province?.trim() ? { name: site.entity.name, province: site.entity.province } : null;

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
      domainFollowsMunicipalForm: t.boolean({
        nullable: true,
        description:
          "Whether the primary domain has the comune.<name>.<province>.it form (a leading www. allowed). Null when the body is not a municipality with a province. Any valid domain is accepted: this only warns.",
        select: { primaryDomain: true, ...municipalFacts },
        resolve: (site) => {
          const town = municipality(site);
          return town ? followsMunicipalForm(site.primaryDomain, town.name, town.province) : null;
        },
      }),
      suggestedDomain: t.string({
        nullable: true,
        description: "The comune.<name>.<province>.it domain of the site's municipality; null when the body is not a municipality with a province.",
        select: municipalFacts,
        resolve: (site) => {
          const town = municipality(site);
          return town ? municipalDomain(town.name, town.province) : null;
        },
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

  const HostedSiteFilter = builder.inputType('HostedSiteFilter', {
    fields: (t) => ({
      status: t.field({ type: [HostedSiteStatus], required: false, description: 'Any of these statuses.' }),
      cms: t.field({ type: [CmsKind], required: false, description: 'Any of these CMS.' }),
      search: t.string({ required: false, validate: z.string().trim().max(100), description: 'Part of the name, slug or a domain.' }),
      alertKinds: t.field({ type: [siteAlertKindEnum(builder)], required: false, description: 'Sites with an alert of any of these kinds today.' }),
    }),
  });
  const listWhere = async (context: GeaContext, entityId: { id: string } | null | undefined, filter?: typeof HostedSiteFilter.$inferInput | null) => {
    const search = filter?.search?.trim().toLowerCase();
    const where = {
      entity: siteScopes.readableEntities(context),
      ...(entityId ? { entityId: entityId.id } : {}),
      ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
      ...(filter?.cms?.length ? { cms: { in: filter.cms } } : {}),
      ...(search
        ? {
            OR: [
              { name: containsText(search) },
              { slug: containsText(search, { caseSensitive: true }) },
              { primaryDomain: containsText(search, { caseSensitive: true }) },
              { aliases: { some: { domain: containsText(search, { caseSensitive: true }) } } },
            ],
          }
        : {}),
    };
    if (!filter?.alertKinds?.length) return where;
    // alerts are computed, not stored: the sites are few, so they are computed for every candidate
    const kinds = new Set<string>(filter.alertKinds);
    const today = italianToday();
    const candidates = await context.prisma.hostedSite.findMany({ where, select: alertFactsSelect });
    const alerted = await Promise.all(candidates.map(async (site) => ((await alertsOfSite(context, site, today)).some((alert) => kinds.has(alert.kind)) ? site.id : null)));
    return { ...where, id: { in: alerted.filter((id): id is string => id !== null) } };
  };
  builder.queryField('hostedSites', (t) =>
    t.prismaConnection({
      type: HostedSite,
      cursor: 'id',
      description: 'Hosted sites of the bodies the reader may see (or of one body), by name.',
      authScopes: (_root, args) => siteScopes.readList(args.entityId),
      args: { entityId: t.arg.globalID({ required: false, for: Entity }), filter: t.arg({ type: HostedSiteFilter, required: false }) },
      totalCount: async (_root, args, context) => context.prisma.hostedSite.count({ where: await listWhere(context, args.entityId, args.filter) }),
      resolve: async (query, _root, args, context) =>
        context.prisma.hostedSite.findMany({ ...query, where: await listWhere(context, args.entityId, args.filter), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    }),
  );
  builder.queryField('hostedSite', (t) =>
    t.prismaField({
      type: HostedSite,
      nullable: true,
      description: 'The site with this slug, when the reader may see it (null otherwise, as when there is none).',
      authScopes: siteScopes.readSome,
      args: { slug: t.arg.string({ required: true, validate: z.string().max(100) }) },
      resolve: (query, _root, { slug }, context) =>
        context.prisma.hostedSite.findFirst({ ...query, where: { slug: slug.trim(), entity: siteScopes.readableEntities(context) } }),
    }),
  );

  addHostedSiteMutations(builder, { HostedSite, Entity, HostedSiteStatus, CmsKind });
  return HostedSite;
}

function addHostedSiteMutations(
  builder: GeaBuilder,
  refs: {
    HostedSite: ReturnType<typeof modelRef<'HostedSite'>>;
    Entity: ReturnType<typeof modelRef<'Entity'>>;
    HostedSiteStatus: ReturnType<typeof hostedSiteStatusEnum>;
    CmsKind: ReturnType<typeof cmsKindEnum>;
  },
) {
  const { HostedSite, Entity } = refs;
  const HostedSiteInput = builder.inputType('HostedSiteInput', {
    description: 'Every field of a hosted site (updateHostedSite replaces them all).',
    fields: (t) => ({
      entityId: t.globalID({ required: true, for: Entity, description: 'The body whose site it is.' }),
      slug: t.string({ required: true, validate: z.string().max(200), description: 'Lowercase letters and digits, words joined by hyphens: /sites/<slug>/.' }),
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200), description: 'Shown in the header of the site: "Comune di Pelago".' }),
      primaryDomain: t.string({
        required: true,
        validate: z.string().max(300),
        description: 'A host name, stored lowercase (international names as punycode). For a municipality: comune.<name>.<province>.it (see HostedSite.domainFollowsMunicipalForm).',
      }),
      aliases: t.stringList({ required: false, validate: z.array(z.string().max(300)).max(50), description: 'Other host names of the site; none may belong to another site.' }),
      server: t.string({ required: false, validate: z.string().trim().max(200) }),
      cms: t.field({ type: refs.CmsKind, required: true }),
      cmsVersion: t.string({ required: false, validate: z.string().trim().max(50) }),
      tlsExpiresOn: t.field({ type: 'Date', required: false, description: 'Last day of validity of the TLS certificate of the primary domain.' }),
      tlsIssuer: t.string({ required: false, validate: z.string().trim().max(200) }),
      status: t.field({ type: refs.HostedSiteStatus, required: false, description: 'ACTIVE when omitted.' }),
      reviewRequired: t.boolean({ required: false, description: 'False when omitted.' }),
      note: t.string({ required: false, validate: z.string().trim().max(2000) }),
    }),
  });
  type Input = typeof HostedSiteInput.$inferInput;
  const optional = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

  /**
   * The row to write and its aliases, or every problem at once on its field. Domains and slugs of
   * other sites are checked here for a clear message; the unique indexes still guard against races.
   */
  const check = async (context: GeaContext, input: Input, self?: string) => {
    const issues: FieldIssue[] = [];
    const at = (field: string, message: string, code?: FieldIssue['code']) => issues.push({ path: ['input', field], message, ...(code ? { code } : {}) });

    const slug = input.slug.trim();
    const slugIssue = slugProblem(slug);
    if (slugIssue) at('slug', slugIssue.message, slugIssue.code);

    const primary = normalizeDomain(input.primaryDomain);
    if ('problem' in primary) at('primaryDomain', primary.problem.message, primary.problem.code);
    const primaryDomain = 'domain' in primary ? primary.domain : null;

    const aliases: string[] = [];
    const aliasProblems: string[] = [];
    for (const text of input.aliases ?? []) {
      const alias = normalizeDomain(text);
      if ('problem' in alias) aliasProblems.push(alias.problem.code === 'REQUIRED' ? 'an alias is empty' : alias.problem.message);
      else if (alias.domain === primaryDomain) aliasProblems.push(`${alias.domain} is the primary domain`);
      else if (aliases.includes(alias.domain)) aliasProblems.push(`${alias.domain} is listed twice`);
      else aliases.push(alias.domain);
    }

    const others = self ? { NOT: { id: self } } : {};
    if (!slugIssue && (await context.prisma.hostedSite.findFirst({ where: { slug, ...others }, select: { id: true } }))) {
      at('slug', `${slug} is already used by another site`);
    }
    if (primaryDomain) {
      const taken = await context.prisma.hostedSite.findFirst({
        where: { OR: [{ primaryDomain }, { aliases: { some: { domain: primaryDomain } } }], ...others },
        select: { id: true },
      });
      if (taken) at('primaryDomain', `${primaryDomain} is already a domain of another site`);
    }
    if (aliases.length > 0) {
      const [primaries, aliased] = await Promise.all([
        context.prisma.hostedSite.findMany({ where: { primaryDomain: { in: aliases }, ...(self ? { NOT: { id: self } } : {}) }, select: { primaryDomain: true } }),
        context.prisma.siteDomainAlias.findMany({ where: { domain: { in: aliases }, ...(self ? { NOT: { siteId: self } } : {}) }, select: { domain: true } }),
      ]);
      for (const domain of [...primaries.map((row) => row.primaryDomain), ...aliased.map((row) => row.domain)].sort()) {
        aliasProblems.push(`${domain} is already a domain of another site`);
      }
    }
    if (aliasProblems.length > 0) at('aliases', aliasProblems.join('; '), aliasProblems.every((p) => p.includes('not a')) ? 'INVALID_FORMAT' : undefined);

    const entity = await context.prisma.entity.findUnique({ where: { id: input.entityId.id }, select: { id: true } });
    if (!entity) throw new NotFoundError('Entity');
    if (issues.length > 0) throw new InputError(issues);
    const row = {
      entityId: input.entityId.id,
      slug,
      name: input.name.trim(),
      primaryDomain: primaryDomain!,
      server: optional(input.server),
      cms: input.cms,
      cmsVersion: optional(input.cmsVersion),
      tlsExpiresOn: input.tlsExpiresOn ?? null,
      tlsIssuer: optional(input.tlsIssuer),
      status: input.status ?? 'ACTIVE',
      reviewRequired: input.reviewRequired ?? false,
      note: optional(input.note),
    };
    return { row, aliases: aliases.sort() };
  };
  const saving = { unique: 'the slug or a domain is already used by another site', missing: 'Entity' };
  const auditView = (site: HostedSiteRow, aliases: readonly string[]) => ({ ...site, aliases });

  builder.mutationFields((t) => ({
    createHostedSite: t.prismaField({
      type: HostedSite,
      description: "Records a body's site. Slug and domains are unique across sites (aliases too); a municipality's domain may differ from comune.<name>.<province>.it (see domainFollowsMunicipalForm).",
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      authScopes: (_root, { input }) => siteScopes.writeOn(input.entityId.id),
      args: { input: t.arg({ type: HostedSiteInput, required: true }) },
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'HostedSite', entityId: input.entityId.id };
        const { row, aliases } = await check(context, input);
        const created = await save(saving, () =>
          context.prisma.hostedSite.create({ data: { ...row, aliases: { create: aliases.map((domain) => ({ domain })) } } }),
        );
        context.audit = { ...context.audit, targetId: created.id, after: auditView(created, aliases) };
        auditConcerns(context, [row.entityId]);
        return context.prisma.hostedSite.findUniqueOrThrow({ ...query, where: { id: created.id } });
      },
    }),
    updateHostedSite: t.prismaField({
      type: HostedSite,
      description: 'Changes every field of a site with the rules of createHostedSite; moving it to another body needs web-hosting:sites:write on both.',
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      authScopes: async (_root, { id, input }, context) => {
        const current = await context.prisma.hostedSite.findUnique({ where: { id: String(id.id) }, select: { entityId: true } });
        if (!current) return { permission: siteScopes.write };
        return siteScopes.writeEvery([...new Set([current.entityId, input.entityId.id])]);
      },
      args: {
        id: t.arg.globalID({ required: true, for: HostedSite as never }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: HostedSiteInput, required: true }),
      },
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const siteId = String(id.id);
        const before = await lockForChange(context, {
          model: 'HostedSite',
          what: 'HostedSite',
          id: siteId,
          expectedVersion,
          read: () => context.prisma.hostedSite.findUnique({ where: { id: siteId }, include: { aliases: { select: { domain: true }, orderBy: { domain: 'asc' } } } }),
        });
        const { row, aliases } = await check(context, input, siteId);
        const after = await save(saving, async () => {
          await context.prisma.siteDomainAlias.deleteMany({ where: { siteId, domain: { notIn: aliases } } });
          const kept = new Set(before.aliases.map((alias) => alias.domain));
          const added = aliases.filter((domain) => !kept.has(domain));
          if (added.length > 0) await context.prisma.siteDomainAlias.createMany({ data: added.map((domain) => ({ siteId, domain })) });
          return context.prisma.hostedSite.update({ where: { id: siteId }, data: row });
        });
        const { aliases: beforeAliases, ...beforeRow } = before;
        context.audit = {
          ...context.audit,
          targetType: 'HostedSite',
          targetId: siteId,
          entityId: row.entityId,
          before: auditView(beforeRow, beforeAliases.map((alias) => alias.domain)),
          after: auditView(after, aliases),
        };
        auditConcerns(context, [before.entityId, row.entityId]);
        return context.prisma.hostedSite.findUniqueOrThrow({ ...query, where: { id: siteId } });
      },
    }),
  }));
}
