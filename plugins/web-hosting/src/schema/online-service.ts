// The online services catalogue (art. 11.4): which body offers which service, since when and where.
// Services come from approved proposals (offered by every member body) or are recorded by hand by
// the ICT office, with the offerings of each body.
import {
  ConflictError,
  InputError,
  isoDate,
  modelRef,
  NotFoundError,
  perBuilder,
  save,
  versionDescription,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import { z } from 'zod';
import { findTerm, serviceCategories } from '../model/taxonomies.ts';
import { serviceScopes } from '../scopes.ts';

/** A member body as every reader of the catalogue and of the proposals sees it: id and name only. */
export interface MemberBodyRow {
  id: string;
  name: string;
}

const globalEntityId = (id: string) => Buffer.from(`Entity:${id}`).toString('base64');

/**
 * A body named on the catalogue or a proposal. Not the Entity node: a referent may read only their
 * own body there, but the votes and offerings of every member body are a public decision of the
 * association, visible to every reader of the catalogue.
 */
export const memberBodyType = perBuilder((builder) =>
  builder.objectRef<MemberBodyRow>('MemberBody').implement({
    description: 'A member body as named on the online services catalogue and the service proposals: its Entity id and name.',
    authScopes: serviceScopes.readSome,
    fields: (t) => ({
      id: t.id({ description: 'The Entity id (the same global id as the Entity node).', resolve: (body) => globalEntityId(body.id) }),
      name: t.exposeString('name'),
    }),
  }),
);

export const serviceCategoryType = perBuilder((builder) =>
  builder.objectRef<{ key: string }>('OnlineServiceCategory').implement({
    description: 'A service category of the Designers Italia model (Servizi menu).',
    authScopes: serviceScopes.readSome,
    fields: (t) => ({
      key: t.exposeString('key'),
      label: t.string({ description: 'The Italian name.', resolve: (row) => findTerm('serviceCategories', row.key)?.it ?? row.key }),
      labelEn: t.string({ description: 'The English name.', resolve: (row) => findTerm('serviceCategories', row.key)?.en ?? row.key }),
    }),
  }),
);

export const categorySchema = z
  .string()
  .trim()
  .refine((key) => findTerm('serviceCategories', key) !== undefined, { message: 'not a service category of the model' });

/** Where-clause for the associations whose catalogue and proposals the reader sees: those of their bodies. */
export async function readableAssociations(context: GeaContext): Promise<{ associationId?: { in: string[] } }> {
  const bodies = context.actor.entitiesWith(serviceScopes.read);
  if (bodies === 'all') return {};
  const rows = await context.prisma.associationMember.findMany({ where: { entityId: { in: [...bodies] } }, select: { associationId: true } });
  return { associationId: { in: [...new Set(rows.map((row) => row.associationId))] } };
}

interface OfferingRow {
  entity: MemberBodyRow;
  since: Date;
  url: string | null;
}

export function addOnlineServiceType(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const MemberBody = memberBodyType(builder);
  const Category = serviceCategoryType(builder);

  const Offering = builder.objectRef<OfferingRow>('OnlineServiceOffering').implement({
    description: 'A body offers a service of the catalogue, since a day, at an address.',
    authScopes: serviceScopes.readSome,
    fields: (t) => ({
      entity: t.field({ type: MemberBody, resolve: (row) => row.entity }),
      since: t.expose('since', { type: 'Date' }),
      url: t.exposeString('url', { nullable: true }),
    }),
  });

  const OnlineService = builder.prismaNode('OnlineService', {
    description: 'An online service of the catalogue (art. 11.4), and the bodies that offer it.',
    id: { field: 'id' },
    nullable: true,
    // A reader of one association never sees another's: read rights on a body that is or was a member.
    select: { id: true, association: { select: { members: { select: { entityId: true } } } } },
    authScopes: (service) => serviceScopes.readAny([...new Set(service.association.members.map((member) => member.entityId))]),
    fields: (t) => ({
      name: t.exposeString('name'),
      description: t.exposeString('description', { nullable: true }),
      category: t.field({ type: Category, select: { category: true }, resolve: (service) => ({ key: service.category }) }),
      offerings: t.field({
        type: [Offering],
        description: 'The bodies that offer it, by name.',
        select: { offerings: { select: { since: true, url: true, entity: { select: { id: true, name: true } } } } },
        resolve: (service) => [...service.offerings].sort((a, b) => a.entity.name.localeCompare(b.entity.name, 'it')),
      }),
      proposal: t.relation('proposal', { nullable: true, description: 'The proposal whose approval created it.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      version: t.exposeInt('version', { description: versionDescription }),
    }),
  });

  builder.queryField('onlineServices', (t) =>
    t.prismaField({
      type: [OnlineService],
      description: "The online services catalogue of the reader's associations, by name.",
      authScopes: serviceScopes.readSome,
      resolve: async (query, _root, _args, context) =>
        context.prisma.onlineService.findMany({ ...query, where: await readableAssociations(context), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    }),
  );

  const ServiceInput = builder.inputType('OnlineServiceInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: z.string().trim().min(3).max(200) }),
      description: t.string({ required: false, validate: z.string().trim().max(5000) }),
      category: t.string({ required: true, validate: categorySchema, description: `A service category key: ${serviceCategories.map((c) => c.key).join(', ')}.` }),
    }),
  });
  const urlSchema = z
    .string()
    .trim()
    .max(2000)
    .refine((url) => /^https?:\/\/[^\s/]+/i.test(url), { message: 'an http(s) address' });

  const offeringData = async (context: GeaContext, serviceId: string, entityId: string) => {
    const [service, entity] = await Promise.all([
      context.prisma.onlineService.findUnique({ where: { id: serviceId }, select: { id: true, associationId: true } }),
      context.prisma.entity.findUnique({ where: { id: entityId }, select: { id: true } }),
    ]);
    if (!service) throw new NotFoundError('OnlineService');
    if (!entity) throw new NotFoundError('Entity');
    return service;
  };

  builder.mutationFields((t) => ({
    createOnlineService: t.prismaField({
      type: OnlineService,
      description: "Records a service of the catalogue by hand (one the bodies already offer); names are unique per association.",
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      authScopes: { permission: serviceScopes.write },
      args: {
        associationId: t.arg.globalID({ required: true, for: modelRef(builder, 'Association') }),
        input: t.arg({ type: ServiceInput, required: true }),
      },
      resolve: async (query, _root, { associationId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'OnlineService' };
        const association = await context.prisma.association.findUnique({ where: { id: associationId.id }, select: { id: true } });
        if (!association) throw new NotFoundError('Association');
        const data = { associationId: association.id, name: input.name.trim(), description: input.description?.trim() || null, category: input.category.trim() };
        return save({ unique: `a service named "${data.name}" is already in the catalogue`, missing: 'Association' }, () =>
          context.prisma.onlineService.create({ ...query, data }),
        );
      },
    }),

    setServiceOffering: t.prismaField({
      type: OnlineService,
      description: 'Records that a body offers a service of the catalogue, since a day, at an address (replacing what was recorded).',
      errors: { types: [InputError, NotFoundError], directResult: true },
      authScopes: (_root, args) => serviceScopes.writeOn(args.entityId.id),
      args: {
        serviceId: t.arg.globalID({ required: true, for: OnlineService as never }),
        entityId: t.arg.globalID({ required: true, for: Entity }),
        since: t.arg({ type: 'Date', required: true }),
        url: t.arg.string({ required: false, validate: urlSchema }),
      },
      resolve: async (query, _root, { serviceId, entityId, since, url }, context) => {
        const service = await offeringData(context, String(serviceId.id), entityId.id);
        if (since.getTime() > Date.now() + 366 * 86_400_000) throw new InputError([{ path: ['since'], message: 'more than a year ahead', code: 'INVALID_DATE' }]);
        const key = { serviceId_entityId: { serviceId: service.id, entityId: entityId.id } };
        const before = await context.prisma.onlineServiceOffering.findUnique({ where: key });
        const after = { serviceId: service.id, entityId: entityId.id, since: isoDate(since), url: url?.trim() || null };
        await context.prisma.onlineServiceOffering.upsert({
          where: key,
          create: { serviceId: service.id, entityId: entityId.id, since, url: after.url },
          update: { since, url: after.url },
        });
        context.audit = { ...context.audit, targetType: 'OnlineService', targetId: service.id, entityId: entityId.id, before: before ?? undefined, after };
        return context.prisma.onlineService.findUniqueOrThrow({ ...query, where: { id: service.id } });
      },
    }),

    removeServiceOffering: t.prismaField({
      type: OnlineService,
      description: 'Records that a body no longer offers a service of the catalogue.',
      errors: { types: [NotFoundError], directResult: true },
      authScopes: (_root, args) => serviceScopes.writeOn(args.entityId.id),
      args: {
        serviceId: t.arg.globalID({ required: true, for: OnlineService as never }),
        entityId: t.arg.globalID({ required: true, for: Entity }),
      },
      resolve: async (query, _root, { serviceId, entityId }, context) => {
        const service = await offeringData(context, String(serviceId.id), entityId.id);
        const key = { serviceId_entityId: { serviceId: service.id, entityId: entityId.id } };
        const before = await context.prisma.onlineServiceOffering.findUnique({ where: key });
        if (!before) throw new NotFoundError('OnlineServiceOffering');
        await context.prisma.onlineServiceOffering.delete({ where: key });
        context.audit = { ...context.audit, targetType: 'OnlineService', targetId: service.id, entityId: entityId.id, before, after: null };
        return context.prisma.onlineService.findUniqueOrThrow({ ...query, where: { id: service.id } });
      },
    }),
  }));

  return OnlineService;
}
