import {
  ConflictError,
  coreRefs,
  defineLoader,
  InputError,
  NotFoundError,
  onBodyOf,
  prismaErrorCode,
  readableEntitiesWhere,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import { LicenceKind as LicenceKinds, type Prisma } from '@gea/db';
import { z } from 'zod';
import { registerInventoryRefs } from './refs.ts';
import { isoDate, readOn, today } from './shared.ts';

const licenceRead = (entityIds: readonly string[]) => ({ someEntityPermission: { permission: 'inventory:read', entityIds } });
const licenceWrite = (entityIds: readonly string[]) => ({ everyEntityPermission: { permission: 'inventory:write', entityIds } });

/** The bodies of a stored licence, for scopes on operations that name it by id. */
const licenceBodies = async (context: GeaContext, licenceId: string) =>
  (await context.prisma.softwareLicenceEntity.findMany({ where: { licenceId }, select: { entityId: true } })).map((row) => row.entityId);

/** The bodies of many licences in one query: the scope check of a list of licences. */
const licenceBodiesLoader = defineLoader<string, string[]>('inventory.licenceBodies', async (licenceIds, context) => {
  const rows = await context.prisma.softwareLicenceEntity.findMany({
    where: { licenceId: { in: [...licenceIds] } },
    select: { licenceId: true, entityId: true },
  });
  return licenceIds.map((id) => rows.filter((row) => row.licenceId === id).map((row) => row.entityId));
});

type LoadedEntity = Prisma.EntityGetPayload<object>;
type LoadedLicence = Prisma.SoftwareLicenceGetPayload<object>;

/** Installations that hold a seat: not removed. */
const holdingSeat = { removedOn: null } satisfies Prisma.SoftwareInstallationWhereInput;

export function addSoftwareSchema(builder: GeaBuilder) {
  const { Entity } = coreRefs(builder);
  const LicenceKind = builder.enumType(LicenceKinds, { name: 'LicenceKind' });

  const SoftwareProduct = builder.prismaNode('SoftwareProduct', {
    description: 'A software product in the catalogue the office supports for every body.',
    id: { field: 'id' },
    nullable: true,
    authScopes: { permissionOnSomeBody: 'inventory:read' },
    fields: (t) => ({
      name: t.exposeString('name'),
      publisher: t.exposeString('publisher'),
      category: t.exposeString('category', { nullable: true }),
      licences: t.relation('licences', {
        description: 'Licences of this product for the bodies the reader may see.',
        query: (_args, context) => ({
          where: { entities: { some: { entity: readableEntitiesWhere(context, 'inventory:read') } } },
          orderBy: { validUntil: { sort: 'asc', nulls: 'last' } },
        }),
      }),
    }),
  });

  const SoftwareLicence = builder.prismaNode('SoftwareLicence', {
    description: 'The right to use a product: seats for a term, for one or more bodies (art. 3.12).',
    id: { field: 'id' },
    nullable: true,
    authScopes: async (licence, context) => licenceRead(await licenceBodiesLoader(context).load(licence.id)),
    fields: (t) => ({
      product: t.relation('product'),
      kind: t.expose('kind', { type: LicenceKind }),
      reference: t.exposeString('reference', { nullable: true, description: 'Order, agreement or licence number.' }),
      seats: t.exposeInt('seats', { nullable: true, description: 'Null: unlimited.' }),
      validFrom: t.expose('validFrom', { type: 'Date', nullable: true }),
      validUntil: t.expose('validUntil', { type: 'Date', nullable: true, description: 'Last day of use; null when perpetual.' }),
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
          where: {
            ...(args.includeRemoved ? {} : holdingSeat),
            asset: { entity: readableEntitiesWhere(context, 'inventory:read') },
          },
          orderBy: [{ installedOn: 'asc' }, { id: 'asc' }],
        }),
      }),
    }),
  });

  const SoftwareInstallation = builder.prismaNode('SoftwareInstallation', {
    description: 'A product installed on an asset; a removed one keeps its record.',
    id: { field: 'id' },
    nullable: true,
    select: { asset: { select: { entityId: true } } },
    authScopes: (installation) => readOn(installation.asset.entityId),
    fields: (t) => ({
      asset: t.relation('asset'),
      product: t.relation('product'),
      licence: t.relation('licence', { nullable: true }),
      version: t.exposeString('version', { nullable: true }),
      installedOn: t.expose('installedOn', { type: 'Date' }),
      removedOn: t.expose('removedOn', { type: 'Date', nullable: true }),
    }),
  });

  builder.prismaObjectFields('Asset', (t) => ({
    software: t.relation('installations', {
      description: 'Software installed on it now (removed installations: `installations` on the licence).',
      query: { where: holdingSeat, orderBy: [{ installedOn: 'asc' }, { id: 'asc' }] },
    }),
  }));

  builder.prismaObjectFields('Entity', (t) => ({
    softwareLicences: t.field({
      type: [SoftwareLicence],
      nullable: true,
      description: 'Licences this body may use, soonest to expire first.',
      authScopes: (entity) => readOn(entity.id),
      select: (_args, _context, nestedSelection) => ({
        softwareLicences: {
          select: { licence: nestedSelection(true) },
          orderBy: { licence: { validUntil: { sort: 'asc', nulls: 'last' } } },
        },
      }),
      resolve: (entity) =>
        (entity as unknown as { softwareLicences: { licence: LoadedLicence }[] }).softwareLicences.map((row) => row.licence),
    }),
  }));

  const LicenceFilter = builder.inputType('SoftwareLicenceFilter', {
    fields: (t) => ({
      entityIds: t.globalIDList({ required: false, for: Entity, description: 'Licences serving any of these bodies.' }),
      productId: t.globalID({ required: false, for: SoftwareProduct }),
      expiringBefore: t.field({ type: 'Date', required: false, description: 'Licences whose last day of use is before this date.' }),
    }),
  });

  builder.queryFields((t) => ({
    softwareProducts: t.prismaConnection({
      type: SoftwareProduct,
      cursor: 'id',
      description: 'The software catalogue, by publisher and name.',
      authScopes: { permissionOnSomeBody: 'inventory:read' },
      args: { search: t.arg.string({ required: false, validate: z.string().trim().max(100) }) },
      resolve: (query, _root, args, context) => {
        const text = args.search?.trim();
        return context.prisma.softwareProduct.findMany({
          ...query,
          where: text
            ? { OR: [{ name: { contains: text, mode: 'insensitive' } }, { publisher: { contains: text, mode: 'insensitive' } }] }
            : {},
          orderBy: [{ publisher: 'asc' }, { name: 'asc' }, { id: 'asc' }],
        });
      },
    }),
    softwareLicences: t.prismaConnection({
      type: SoftwareLicence,
      cursor: 'id',
      description: 'Licences serving the bodies the reader may see, soonest to expire first.',
      authScopes: { permissionOnSomeBody: 'inventory:read' },
      args: { filter: t.arg({ type: LicenceFilter, required: false }) },
      resolve: (query, _root, { filter }, context) =>
        context.prisma.softwareLicence.findMany({
          ...query,
          where: {
            AND: [
              { entities: { some: { entity: readableEntitiesWhere(context, 'inventory:read') } } },
              filter?.entityIds?.length ? { entities: { some: { entityId: { in: filter.entityIds.map((e) => e.id) } } } } : {},
              filter?.productId ? { productId: filter.productId.id } : {},
              filter?.expiringBefore ? { validUntil: { lt: filter.expiringBefore } } : {},
            ],
          },
          orderBy: [{ validUntil: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
        }),
    }),
  }));

  const text = (max: number) => z.string().trim().min(1).max(max);
  const ProductInput = builder.inputType('SoftwareProductInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: text(200) }),
      publisher: t.string({ required: true, validate: text(200) }),
      category: t.string({ required: false, validate: text(100) }),
    }),
  });
  const LicenceInput = builder.inputType('SoftwareLicenceInput', {
    fields: (t) => ({
      productId: t.globalID({ required: true, for: SoftwareProduct }),
      kind: t.field({ type: LicenceKind, required: true }),
      reference: t.string({ required: false, validate: text(200) }),
      seats: t.int({ required: false, description: 'Null: unlimited.', validate: z.number().int().min(1).max(1_000_000) }),
      validFrom: t.field({ type: 'Date', required: false }),
      validUntil: t.field({ type: 'Date', required: false, description: 'Last day of use; leave out for a perpetual licence.' }),
      entityIds: t.globalIDList({ required: true, for: Entity, description: 'The bodies it is for: at least one.' }),
    }),
  });
  type LicenceArgs = {
    kind: LicenceKinds;
    validFrom?: Date | null;
    validUntil?: Date | null;
    entityIds: { id: string }[];
  };
  const checkLicence = (input: LicenceArgs) => {
    const issues = [];
    if (input.entityIds.length === 0) issues.push({ path: ['input', 'entityIds'], message: 'name at least one body', code: 'REQUIRED' as const });
    if (input.validFrom && input.validUntil && input.validUntil < input.validFrom) {
      issues.push({ path: ['input', 'validUntil'], message: 'cannot be before the start of validity', code: 'INVALID_DATE_RANGE' as const });
    }
    if (input.kind === 'SUBSCRIPTION' && !input.validUntil) {
      issues.push({ path: ['input', 'validUntil'], message: 'a subscription has an end date' });
    }
    if (issues.length > 0) throw new InputError(issues);
  };
  const uniqueIds = (ids: { id: string }[]) => [...new Set(ids.map((e) => e.id))];

  builder.mutationFields((t) => ({
    createSoftwareProduct: t.prismaField({
      type: SoftwareProduct,
      description: 'Adds a product to the catalogue shared by every body.',
      errors: { types: [InputError, ConflictError], directResult: true },
      authScopes: { permission: 'inventory:write' },
      args: { input: t.arg({ type: ProductInput, required: true }) },
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'SoftwareProduct' };
        try {
          return await context.prisma.softwareProduct.create({
            ...query,
            data: { name: input.name.trim(), publisher: input.publisher.trim(), category: input.category?.trim() ?? null },
          });
        } catch (error) {
          if (prismaErrorCode(error) === 'P2002') throw new ConflictError(`${input.publisher} ${input.name} is already in the catalogue`);
          throw error;
        }
      },
    }),

    createSoftwareLicence: t.prismaField({
      type: SoftwareLicence,
      description: 'Records a licence for one or more bodies; the writer needs the inventory of every one of them.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: LicenceInput, required: true }) },
      authScopes: (_root, { input }) => licenceWrite(uniqueIds(input.entityIds)),
      resolve: async (query, _root, { input }, context) => {
        checkLicence(input);
        const entityIds = uniqueIds(input.entityIds);
        context.audit = { ...context.audit, targetType: 'SoftwareLicence', entityId: entityIds.length === 1 ? entityIds[0] : undefined };
        try {
          return await context.prisma.softwareLicence.create({
            ...query,
            data: {
              productId: input.productId.id,
              kind: input.kind,
              reference: input.reference?.trim() ?? null,
              seats: input.seats ?? null,
              validFrom: input.validFrom ?? null,
              validUntil: input.validUntil ?? null,
              entities: { createMany: { data: entityIds.map((entityId) => ({ entityId })) } },
            },
          });
        } catch (error) {
          if (prismaErrorCode(error) === 'P2003') throw new NotFoundError('SoftwareProduct or Entity');
          throw error;
        }
      },
    }),

    updateSoftwareLicence: t.prismaField({
      type: SoftwareLicence,
      description:
        'Changes a licence: its seats never below those in use, its bodies never dropping one that still has installations.',
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: SoftwareLicence }),
        input: t.arg({ type: LicenceInput, required: true }),
      },
      // Both the bodies it serves now and those it will serve.
      authScopes: async (_root, { id, input }, context) =>
        licenceWrite([...new Set([...(await licenceBodies(context, id.id)), ...uniqueIds(input.entityIds)])]),
      resolve: async (query, _root, { id, input }, context) => {
        checkLicence(input);
        // Locked, so that no installation takes a seat between the check and the change.
        const [locked] = await context.prisma.$queryRaw<{ id: string }[]>`
          select id::text from "SoftwareLicence" where id = ${id.id}::uuid for update`;
        const before = locked
          ? await context.prisma.softwareLicence.findUnique({ where: { id: id.id }, include: { entities: true } })
          : null;
        if (!before) throw new NotFoundError('SoftwareLicence');
        if (input.productId.id !== before.productId) {
          throw new InputError([{ path: ['input', 'productId'], message: 'a licence stays with its product' }]);
        }
        const entityIds = uniqueIds(input.entityIds);
        const inUse = await context.prisma.softwareInstallation.findMany({
          where: { licenceId: before.id, ...holdingSeat },
          select: { asset: { select: { entityId: true } } },
        });
        if (input.seats != null && inUse.length > input.seats) {
          throw new ConflictError(`${inUse.length} seats are in use: remove installations before lowering the seats to ${input.seats}`);
        }
        const dropped = new Set(inUse.map((row) => row.asset.entityId).filter((entityId) => !entityIds.includes(entityId)));
        if (dropped.size > 0) {
          throw new ConflictError(`the licence is installed in ${dropped.size === 1 ? 'a body' : `${dropped.size} bodies`} it would no longer serve`);
        }
        const licence = await context.prisma.softwareLicence.update({
          ...query,
          where: { id: before.id },
          data: {
            kind: input.kind,
            reference: input.reference?.trim() ?? null,
            seats: input.seats ?? null,
            validFrom: input.validFrom ?? null,
            validUntil: input.validUntil ?? null,
            entities: { deleteMany: {}, createMany: { data: entityIds.map((entityId) => ({ entityId })) } },
          },
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

  const InstallInput = builder.inputType('InstallSoftwareInput', {
    fields: (t) => ({
      assetId: t.globalID({ required: true, description: 'The asset (an Asset id).' }),
      productId: t.globalID({ required: true, for: SoftwareProduct }),
      licenceId: t.globalID({ required: false, for: SoftwareLicence, description: 'Leave out for software that needs no licence.' }),
      version: t.string({ required: false, validate: text(50) }),
      installedOn: t.field({ type: 'Date', required: false, description: 'Default today.' }),
    }),
  });
  const onAssetBody = (assetId: string) =>
    onBodyOf('inventory:write', (context) => context.prisma.asset.findUnique({ where: { id: assetId }, select: { entityId: true } }));
  const onInstallationBody = (installationId: string) =>
    onBodyOf('inventory:write', async (context) => {
      const installation = await context.prisma.softwareInstallation.findUnique({
        where: { id: installationId },
        select: { asset: { select: { entityId: true } } },
      });
      return installation?.asset ?? null;
    });

  builder.mutationFields((t) => ({
    installSoftware: t.prismaField({
      type: SoftwareInstallation,
      description:
        'Records a product installed on an asset, under a licence that serves its body, is valid that day and has a free seat.',
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      args: { input: t.arg({ type: InstallInput, required: true }) },
      authScopes: (_root, { input }, context) => onAssetBody(input.assetId.id)(context),
      resolve: async (query, _root, { input }, context) => {
        const asset = await context.prisma.asset.findUnique({ where: { id: input.assetId.id } });
        if (!asset || input.assetId.typename !== 'Asset') throw new NotFoundError('Asset');
        context.audit = { ...context.audit, targetType: 'SoftwareInstallation', entityId: asset.entityId };
        const installedOn = input.installedOn ?? today();
        const problem = (field: string, message: string) => new InputError([{ path: ['input', field], message }]);
        if (installedOn > today()) throw problem('installedOn', 'cannot be in the future');
        if (asset.status === 'RETIRED' || asset.status === 'DISPOSED') {
          throw problem('assetId', `the asset is ${asset.status.toLowerCase()}: nothing can be installed on it`);
        }
        if (input.licenceId) {
          // Locked until the transaction ends: two installations cannot both take the last seat.
          await context.prisma.$queryRaw`select 1 from "SoftwareLicence" where id = ${input.licenceId.id}::uuid for update`;
          const licence = await context.prisma.softwareLicence.findUnique({
            where: { id: input.licenceId.id },
            include: { entities: { where: { entityId: asset.entityId } }, _count: { select: { installations: { where: holdingSeat } } } },
          });
          // A licence of another body is refused like a missing one.
          if (!licence || licence.entities.length === 0) throw problem('licenceId', 'is not a licence of this body');
          if (licence.productId !== input.productId.id) throw problem('licenceId', 'is a licence of another product');
          if (licence.validFrom && installedOn < licence.validFrom) {
            throw problem('installedOn', `the licence is valid from ${isoDate(licence.validFrom)}`);
          }
          if (licence.validUntil && installedOn > licence.validUntil) {
            throw problem('installedOn', `the licence ended on ${isoDate(licence.validUntil)}`);
          }
          if (licence.seats !== null && licence._count.installations >= licence.seats) {
            throw new ConflictError(`all ${licence.seats} seats of the licence are in use`);
          }
        }
        const already = await context.prisma.softwareInstallation.findFirst({
          where: { assetId: asset.id, productId: input.productId.id, ...holdingSeat },
          select: { id: true },
        });
        if (already) throw new ConflictError('the product is already installed on this asset');
        try {
          return await context.prisma.softwareInstallation.create({
            ...query,
            data: {
              assetId: asset.id,
              productId: input.productId.id,
              licenceId: input.licenceId?.id ?? null,
              version: input.version?.trim() ?? null,
              installedOn,
            },
          });
        } catch (error) {
          if (prismaErrorCode(error) === 'P2003') throw new NotFoundError('SoftwareProduct');
          throw error;
        }
      },
    }),

    removeSoftware: t.prismaField({
      type: SoftwareInstallation,
      description: 'Records that software was removed from an asset (its seat is freed; the record stays).',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        installationId: t.arg.globalID({ required: true, for: SoftwareInstallation }),
        removedOn: t.arg({ type: 'Date', required: false, description: 'Default today.' }),
      },
      authScopes: (_root, args, context) => onInstallationBody(args.installationId.id)(context),
      resolve: async (query, _root, args, context) => {
        const installation = await context.prisma.softwareInstallation.findUnique({
          where: { id: args.installationId.id },
          include: { asset: { select: { entityId: true } } },
        });
        if (!installation) throw new NotFoundError('SoftwareInstallation');
        const removedOn = args.removedOn ?? today();
        const problem = (message: string) => new InputError([{ path: ['removedOn'], message }]);
        if (installation.removedOn) throw problem(`already removed on ${isoDate(installation.removedOn)}`);
        if (removedOn > today()) throw problem('cannot be in the future');
        if (removedOn < installation.installedOn) throw problem(`cannot be before the installation, ${isoDate(installation.installedOn)}`);
        context.audit = {
          ...context.audit,
          targetType: 'SoftwareInstallation',
          targetId: installation.id,
          entityId: installation.asset.entityId,
          before: { removedOn: null },
          after: { removedOn },
        };
        return context.prisma.softwareInstallation.update({ ...query, where: { id: installation.id }, data: { removedOn } });
      },
    }),
  }));

  const refs = { SoftwareProduct, SoftwareLicence, SoftwareInstallation };
  registerInventoryRefs(builder, refs);
  return refs;
}
