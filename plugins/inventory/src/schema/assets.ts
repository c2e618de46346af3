import {
  ConflictError,
  coreRefs,
  InputError,
  NotFoundError,
  prismaErrorCode,
  readableEntitiesWhere,
  type GeaBuilder,
} from '@gea/core';
import { AssetKind as AssetKinds, AssetStatus as AssetStatuses, type Prisma } from '@gea/db';
import { z } from 'zod';
import { countPersonalComputersInService } from '../services.ts';

/** Today as a calendar date (UTC midnight, as Prisma reads and writes DATE columns). */
const today = () => new Date(new Date().toISOString().slice(0, 10));

const read = (entityId: string) => ({ entityPermission: { permission: 'inventory:read', entityId } });
const write = (entityId: string) => ({ entityPermission: { permission: 'inventory:write', entityId } });

export function addAssetSchema(builder: GeaBuilder) {
  const AssetKind = builder.enumType(AssetKinds, { name: 'AssetKind' });
  const AssetStatus = builder.enumType(AssetStatuses, { name: 'AssetStatus' });
  const { Entity } = coreRefs(builder);

  const Asset = builder.prismaNode('Asset', {
    description: 'A piece of ICT equipment of a member body, managed by the ICT office.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (asset) => read(asset.entityId),
    fields: (t) => ({
      kind: t.expose('kind', { type: AssetKind }),
      status: t.expose('status', { type: AssetStatus }),
      manufacturer: t.exposeString('manufacturer', { nullable: true }),
      model: t.exposeString('model', { nullable: true }),
      serialNumber: t.exposeString('serialNumber', { nullable: true }),
      inventoryTag: t.exposeString('inventoryTag', { nullable: true }),
      purchaseDate: t.expose('purchaseDate', { type: 'Date', nullable: true }),
      priceCents: t.exposeInt('priceCents', { nullable: true, description: 'Purchase price in euro cents.' }),
      // nullable: the body itself may be outside the reader's scopes even when its asset is not
      entity: t.relation('entity', { nullable: true }),
      statusHistory: t.relation('statusHistory', {
        description: 'Every status the asset has had, oldest first.',
        query: { orderBy: [{ effectiveOn: 'asc' }, { recordedAt: 'asc' }] },
      }),
    }),
  });

  builder.prismaObject('AssetStatusChange', {
    description: 'One step of an asset\'s life.',
    // Loaded with the change itself, so the check costs no query per row.
    select: { asset: { select: { entityId: true } } },
    authScopes: (change) => read(change.asset.entityId),
    fields: (t) => ({
      status: t.expose('status', { type: AssetStatus }),
      effectiveOn: t.expose('effectiveOn', { type: 'Date' }),
      note: t.exposeString('note', { nullable: true }),
      recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
    }),
  });

  const AssetFilter = builder.inputType('AssetFilter', {
    fields: (t) => ({
      kind: t.field({ type: [AssetKind], required: false }),
      status: t.field({ type: [AssetStatus], required: false }),
    }),
  });
  type Filter = { kind?: AssetKinds[] | null; status?: AssetStatuses[] | null };
  const where = (filter: Filter | null | undefined): Prisma.AssetWhereInput => ({
    ...(filter?.kind?.length ? { kind: { in: filter.kind } } : {}),
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
  });

  builder.prismaObjectFields('Entity', (t) => ({
    // Nullable per body: one body outside the reader's scopes must not void the whole list.
    assets: t.relatedConnection('assets', {
      description: 'Equipment of this body.',
      nullable: true,
      cursor: 'id',
      authScopes: (entity) => read(entity.id),
      args: { filter: t.arg({ type: AssetFilter, required: false }) },
      query: (args) => ({ where: where(args.filter), orderBy: { id: 'asc' } }),
    }),
    personalComputersInService: t.int({
      nullable: true,
      description:
        'Desktops and laptops in service at a date (default today), from the status history: half of the cost-sharing key (art. 13).',
      authScopes: (entity) => read(entity.id),
      args: { at: t.arg({ type: 'Date', required: false }) },
      resolve: (entity, args, context) => countPersonalComputersInService(context, entity.id, args.at ?? undefined),
    }),
  }));

  builder.queryFields((t) => ({
    assets: t.prismaConnection({
      type: Asset,
      cursor: 'id',
      description: 'Equipment of every body, for those who may read the whole inventory.',
      authScopes: { permission: 'inventory:read' },
      args: { filter: t.arg({ type: AssetFilter, required: false }) },
      // Bodies where the actor lacks the grant or the module is off are never selected.
      resolve: (query, _root, args, context) =>
        context.prisma.asset.findMany({
          ...query,
          where: { ...where(args.filter), entity: readableEntitiesWhere(context, 'inventory:read') },
          orderBy: { id: 'asc' },
        }),
    }),
  }));

  const CreateAssetInput = builder.inputType('CreateAssetInput', {
    fields: (t) => ({
      entityId: t.globalID({ required: true, for: Entity }),
      kind: t.field({ type: AssetKind, required: true }),
      status: t.field({ type: AssetStatus, required: false }),
      manufacturer: t.string({ required: false, validate: z.string().trim().min(1).max(100) }),
      model: t.string({ required: false, validate: z.string().trim().min(1).max(100) }),
      serialNumber: t.string({ required: false, validate: z.string().trim().min(1).max(100) }),
      inventoryTag: t.string({ required: false, validate: z.string().trim().min(1).max(50) }),
      purchaseDate: t.field({ type: 'Date', required: false }),
      priceCents: t.int({ required: false, validate: z.number().int().min(0) }),
    }),
  });

  builder.mutationFields((t) => ({
    createAsset: t.prismaField({
      type: Asset,
      description: 'Registers a piece of equipment of a body.',
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      args: { input: t.arg({ type: CreateAssetInput, required: true }) },
      authScopes: (_root, args) => write(args.input.entityId.id),
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'Asset', entityId: input.entityId.id };
        const status = input.status ?? 'IN_SERVICE';
        try {
          return await context.prisma.asset.create({
            ...query,
            data: {
              statusHistory: {
                create: {
                  status,
                  effectiveOn: input.purchaseDate ?? today(),
                  changedById: context.actor.kind === 'user' ? context.actor.id : null,
                },
              },
              entityId: input.entityId.id,
              kind: input.kind,
              status,
              manufacturer: input.manufacturer ?? null,
              model: input.model ?? null,
              serialNumber: input.serialNumber ?? null,
              inventoryTag: input.inventoryTag ?? null,
              purchaseDate: input.purchaseDate ?? null,
              priceCents: input.priceCents ?? null,
            },
          });
        } catch (error) {
          const code = prismaErrorCode(error);
          if (code === 'P2002') throw new ConflictError(`inventory tag "${input.inventoryTag}" is already used in this body`);
          if (code === 'P2003') throw new NotFoundError('Entity');
          throw error;
        }
      },
    }),
  }));

  builder.mutationFields((t) => ({
    changeAssetStatus: t.prismaField({
      type: Asset,
      description: 'Records that an asset has a new status from a date (default today). History only moves forward.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        assetId: t.arg.globalID({ required: true, for: Asset }),
        status: t.arg({ type: AssetStatus, required: true }),
        effectiveOn: t.arg({ type: 'Date', required: false }),
        note: t.arg.string({ required: false, validate: z.string().trim().max(500) }),
      },
      // Scoped on the asset's own body, read before the check.
      authScopes: async (_root, args, context) => {
        const asset = await context.prisma.asset.findUnique({ where: { id: args.assetId.id }, select: { entityId: true } });
        return asset ? write(asset.entityId) : { permission: 'inventory:write' };
      },
      resolve: async (query, _root, args, context) => {
        const asset = await context.prisma.asset.findUnique({
          where: { id: args.assetId.id },
          include: { statusHistory: { orderBy: [{ effectiveOn: 'desc' }, { recordedAt: 'desc' }], take: 1 } },
        });
        if (!asset) throw new NotFoundError('Asset');
        const latest = asset.statusHistory[0];
        const effectiveOn = args.effectiveOn ?? today();
        const problem = (message: string) => new InputError([{ path: ['effectiveOn'], message }]);
        if (effectiveOn > today()) throw problem('cannot be in the future');
        if (latest?.status === 'DISPOSED') {
          throw new InputError([{ path: ['status'], message: 'a disposed asset is gone: its status no longer changes' }]);
        }
        if (latest && effectiveOn < latest.effectiveOn) {
          throw problem(`must be on or after ${latest.effectiveOn.toISOString().slice(0, 10)}, the date of the last change`);
        }
        if (latest?.status === args.status) {
          throw new InputError([{ path: ['status'], message: `the asset is already ${args.status}` }]);
        }
        await context.prisma.assetStatusChange.create({
          data: {
            assetId: asset.id,
            status: args.status,
            effectiveOn,
            note: args.note?.trim() || null,
            changedById: context.actor.kind === 'user' ? context.actor.id : null,
          },
        });
        context.audit = {
          ...context.audit,
          entityId: asset.entityId,
          targetType: 'Asset',
          targetId: asset.id,
          before: { status: latest?.status ?? asset.status, since: latest?.effectiveOn ?? null },
          after: { status: args.status, effectiveOn },
        };
        return context.prisma.asset.update({ ...query, where: { id: asset.id }, data: { status: args.status } });
      },
    }),
  }));
}
