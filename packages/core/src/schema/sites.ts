import { z } from 'zod';
import type { GeaBuilder } from '../builder.ts';
import { entityScopes } from '../kit/scopes.ts';
import { ConflictError, InputError, NotFoundError, prismaErrorCode, StaleVersionError } from '../errors.ts';
import { expectedVersionDescription, lockForChange, versionDescription } from '../kit/versions.ts';
import { onBodyOf } from '../modules.ts';
import { coreRefs } from './refs.ts';

export function addSiteSchema(builder: GeaBuilder) {
  const { Entity } = coreRefs(builder);
  const { readOn: read, writeOn: write } = entityScopes;

  const Site = builder.prismaNode('Site', {
    description: 'A site (sede) of a body.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (site) => read(site.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      address: t.exposeString('address'),
      ictStaffPresent: t.exposeBoolean('ictStaffPresent', { description: 'Whether ICT staff work at this site.' }),
      latitude: t.exposeFloat('latitude', { nullable: true, description: 'WGS84 latitude in decimal degrees, where known.' }),
      longitude: t.exposeFloat('longitude', { nullable: true, description: 'WGS84 longitude in decimal degrees, where known.' }),
      entity: t.relation('entity'),
    }),
  });

  builder.prismaObjectFields('Entity', (t) => ({
    sites: t.relation('sites', { query: { orderBy: { name: 'asc' } } }),
  }));

  const SiteInput = builder.inputType('SiteInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      address: t.string({ required: true, validate: z.string().trim().min(1).max(300) }),
      ictStaffPresent: t.boolean({ required: false }),
      latitude: t.float({ required: false, validate: z.number().min(-90).max(90) }),
      longitude: t.float({ required: false, validate: z.number().min(-180).max(180) }),
    }),
    // Both or neither: a point needs the two. Loose: the parsed value replaces the input, keep every field.
    validate: z
      .looseObject({ latitude: z.number().nullish(), longitude: z.number().nullish() })
      .refine((input) => (input.latitude == null) === (input.longitude == null), {
        message: 'give both latitude and longitude, or neither',
        path: ['longitude'],
      }),
  });
  const coordinates = (input: { latitude?: number | null; longitude?: number | null }) => ({
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
  });

  const conflict = (error: unknown, name: string) => {
    if (prismaErrorCode(error) === 'P2002') return new ConflictError(`this body already has a site named "${name}"`);
    return error;
  };

  builder.mutationFields((t) => ({
    createSite: t.prismaField({
      type: Site,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      args: { entityId: t.arg.globalID({ required: true, for: Entity }), input: t.arg({ type: SiteInput, required: true }) },
      authScopes: (_root, args) => write(args.entityId.id),
      resolve: async (query, _root, { entityId, input }, context) => {
        try {
          const site = await context.prisma.site.create({
            ...query,
            data: {
              entityId: entityId.id,
              name: input.name.trim(),
              address: input.address.trim(),
              ictStaffPresent: input.ictStaffPresent ?? false,
              ...coordinates(input),
            },
          });
          context.audit = { ...context.audit, entityId: entityId.id, targetType: 'Site', targetId: site.id, after: input };
          return site;
        } catch (error) {
          if (prismaErrorCode(error) === 'P2003') throw new NotFoundError('Entity');
          throw conflict(error, input.name);
        }
      },
    }),

    updateSite: t.prismaField({
      type: Site,
      errors: { types: [InputError, NotFoundError, ConflictError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: Site }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: SiteInput, required: true }),
      },
      authScopes: (_root, args, context) =>
        onBodyOf('core:entities:write', (c) => c.prisma.site.findUnique({ where: { id: args.id.id }, select: { entityId: true } }))(context),
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'Site',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.site.findUnique({ where: { id: id.id } }),
        });
        try {
          const site = await context.prisma.site.update({
            ...query,
            where: { id: before.id },
            data: {
              name: input.name.trim(),
              address: input.address.trim(),
              ictStaffPresent: input.ictStaffPresent ?? before.ictStaffPresent,
              // left out: kept (forms that do not show the map keep the point); null: cleared
              ...(input.latitude === undefined && input.longitude === undefined ? {} : coordinates(input)),
            },
          });
          context.audit = { ...context.audit, entityId: before.entityId, targetType: 'Site', targetId: before.id, before, after: site };
          return site;
        } catch (error) {
          throw conflict(error, input.name);
        }
      },
    }),
  }));
}
