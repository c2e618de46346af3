import {
  ConflictError,
  defineLoader,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  readableEntitiesWhere,
  save,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
} from '@gea/core';
import type { Prisma } from '@gea/db';
import { z } from 'zod';
import { scopes } from '../scopes.ts';
import { licenceChangeConflict, licenceIssues } from '../rules/software-licence.ts';
import { holdingSeat } from '../rules/software-installation.ts';
import { bodiesOfLicences } from '../services.ts';
import { licenceKindEnum } from './enums.ts';

/** The bodies of many licences in one query: the scope check of a list of licences. */
const licenceBodies = defineLoader<string, string[]>('inventory.licenceBodies', async (licenceIds, context) => {
  const rows = await context.prisma.softwareLicenceEntity.findMany({
    where: { licenceId: { in: [...licenceIds] } },
    select: { licenceId: true, entityId: true },
  });
  return licenceIds.map((id) => rows.filter((row) => row.licenceId === id).map((row) => row.entityId));
});

type LoadedEntity = Prisma.EntityGetPayload<object>;

const uniqueIds = (ids: readonly { id: string }[]) => [...new Set(ids.map((e) => e.id))];
const text = (max: number) => z.string().trim().min(1).max(max);

export function addSoftwareLicenceType(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const SoftwareProduct = modelRef(builder, 'SoftwareProduct');
  const LicenceKind = licenceKindEnum(builder);

  const SoftwareLicence = builder.prismaNode('SoftwareLicence', {
    description: 'The right to use a product: seats for a term, for one or more bodies (art. 3.12).',
    id: { field: 'id' },
    nullable: true,
    authScopes: async (licence, context) => scopes.readAny(await licenceBodies(context).load(licence.id)),
    fields: (t) => ({
      product: t.relation('product'),
      kind: t.expose('kind', { type: LicenceKind }),
      version: t.exposeInt('version', { description: versionDescription }),
      reference: t.exposeString('reference', { nullable: true, description: 'Order, agreement or licence number.' }),
      seats: t.exposeInt('seats', { nullable: true, description: 'Null: unlimited.' }),
      validFrom: t.expose('validFrom', { type: 'Date', nullable: true }),
      validUntil: t.expose('validUntil', { type: 'Date', nullable: true, description: 'Last day of use; null when perpetual.' }),
      costCents: t.expose('costCents', {
        type: 'Cents',
        nullable: true,
        description: 'What the licence costs for its term (what its renewal costs), in euro cents, VAT excluded; null when unknown.',
      }),
      entities: t.field({
        type: [Entity],
        description: 'The bodies it is for, among those the reader may see.',
        select: (_args, context, nestedSelection) => ({
          entities: {
            where: { entity: readableEntitiesWhere(context, 'core:entities:read') },
            select: { entity: nestedSelection(true) },
          },
        }),
        // The field's own selection; Pothos does not carry it into the parent's type.
        resolve: (licence) => (licence as unknown as { entities: { entity: LoadedEntity }[] }).entities.map((row) => row.entity),
      }),
      seatsUsed: t.relationCount('installations', {
        description: 'Installations holding a seat now, in every body the licence serves.',
        where: holdingSeat,
      }),
      installations: t.relatedConnection('installations', {
        cursor: 'id',
        totalCount: true,
        description: 'Installations under this licence on the equipment of bodies the reader may see.',
        args: { includeRemoved: t.arg.boolean({ required: false, defaultValue: false }) },
        query: (args, context) => ({
          where: { ...(args.includeRemoved ? {} : holdingSeat), asset: { entity: scopes.readableEntities(context) } },
          orderBy: [{ installedOn: 'asc' }, { id: 'asc' }],
        }),
      }),
    }),
  });

  const LicenceFilter = builder.inputType('SoftwareLicenceFilter', {
    fields: (t) => ({
      entityIds: t.globalIDList({ required: false, for: Entity, description: 'Licences serving any of these bodies.' }),
      productId: t.globalID({ required: false, for: SoftwareProduct }),
      expiringBefore: t.field({ type: 'Date', required: false, description: 'Licences whose last day of use is before this date.' }),
    }),
  });

  builder.queryField('softwareLicences', (t) =>
    t.prismaConnection({
      type: SoftwareLicence,
      cursor: 'id',
      description: 'Licences serving the bodies the reader may see, soonest to expire first.',
      authScopes: scopes.readSome,
      args: { filter: t.arg({ type: LicenceFilter, required: false }) },
      resolve: (query, _root, { filter }, context) =>
        context.prisma.softwareLicence.findMany({
          ...query,
          where: {
            AND: [
              { entities: { some: { entity: scopes.readableEntities(context) } } },
              filter?.entityIds?.length ? { entities: { some: { entityId: { in: filter.entityIds.map((e) => e.id) } } } } : {},
              filter?.productId ? { productId: filter.productId.id } : {},
              filter?.expiringBefore ? { validUntil: { lt: filter.expiringBefore } } : {},
            ],
          },
          orderBy: [{ validUntil: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
        }),
    }),
  );

  const LicenceInput = builder.inputType('SoftwareLicenceInput', {
    fields: (t) => ({
      productId: t.globalID({ required: true, for: SoftwareProduct }),
      kind: t.field({ type: LicenceKind, required: true }),
      reference: t.string({ required: false, validate: text(200) }),
      seats: t.int({ required: false, description: 'Null: unlimited.', validate: z.number().int().min(1).max(1_000_000) }),
      validFrom: t.field({ type: 'Date', required: false }),
      validUntil: t.field({ type: 'Date', required: false, description: 'Last day of use; leave out for a perpetual licence.' }),
      costCents: t.field({
        type: 'Cents',
        required: false,
        description: 'What it costs for its term, in euro cents, VAT excluded (renewal planning adds these up).',
        validate: z.number().int().min(0).max(1_000_000_000),
      }),
      entityIds: t.globalIDList({ required: true, for: Entity, description: 'The bodies it is for: at least one.' }),
    }),
  });
  const check = (input: typeof LicenceInput.$inferInput) => {
    const issues = licenceIssues({ ...input, entityIds: input.entityIds.map((e) => e.id) });
    if (issues.length > 0) throw new InputError(issues);
  };
  const terms = (input: typeof LicenceInput.$inferInput) => ({
    kind: input.kind,
    reference: input.reference?.trim() ?? null,
    seats: input.seats ?? null,
    validFrom: input.validFrom ?? null,
    validUntil: input.validUntil ?? null,
    costCents: input.costCents ?? null,
  });

  builder.mutationFields((t) => ({
    createSoftwareLicence: t.prismaField({
      type: SoftwareLicence,
      description: 'Records a licence for one or more bodies; the writer needs the inventory of every one of them.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: LicenceInput, required: true }) },
      authScopes: (_root, { input }) => scopes.writeEvery(uniqueIds(input.entityIds)),
      resolve: async (query, _root, { input }, context) => {
        check(input);
        const entityIds = uniqueIds(input.entityIds);
        context.audit = { ...context.audit, targetType: 'SoftwareLicence', entityId: entityIds.length === 1 ? entityIds[0] : undefined };
        return save({ missing: 'SoftwareProduct or Entity' }, () =>
          context.prisma.softwareLicence.create({
            ...query,
            data: { productId: input.productId.id, ...terms(input), entities: { createMany: { data: entityIds.map((entityId) => ({ entityId })) } } },
          }),
        );
      },
    }),

    updateSoftwareLicence: t.prismaField({
      type: SoftwareLicence,
      description:
        'Changes a licence: its seats never below those in use, its bodies never dropping one that still has installations.',
      errors: { types: [InputError, NotFoundError, ConflictError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: SoftwareLicence }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: LicenceInput, required: true }),
      },
      // Both the bodies it serves now and those it will serve.
      authScopes: async (_root, { id, input }, context) => {
        const now = (await bodiesOfLicences(context, [id.id])).get(id.id) ?? [];
        return scopes.writeEvery([...new Set([...now, ...uniqueIds(input.entityIds)])]);
      },
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        check(input);
        // Locked, so that no installation takes a seat between the check and the change.
        const before = await lockForChange(context, {
          model: 'SoftwareLicence',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.softwareLicence.findUnique({ where: { id: id.id }, include: { entities: true } }),
        });
        if (input.productId.id !== before.productId) {
          throw new InputError([{ path: ['input', 'productId'], message: 'a licence stays with its product' }]);
        }
        const entityIds = uniqueIds(input.entityIds);
        const inUse = await context.prisma.softwareInstallation.findMany({
          where: { licenceId: before.id, ...holdingSeat },
          select: { asset: { select: { entityId: true } } },
        });
        const conflict = licenceChangeConflict(inUse.map((row) => row.asset.entityId), { seats: input.seats, entityIds });
        if (conflict) throw new ConflictError(conflict);
        const licence = await context.prisma.softwareLicence.update({
          ...query,
          where: { id: before.id },
          data: { ...terms(input), entities: { deleteMany: {}, createMany: { data: entityIds.map((entityId) => ({ entityId })) } } },
        });
        context.audit = {
          ...context.audit,
          targetType: 'SoftwareLicence',
          targetId: before.id,
          before: { ...before, entities: before.entities.map((row) => row.entityId) },
          after: { ...input, productId: input.productId.id, entityIds },
        };
        return licence;
      },
    }),
  }));
}

