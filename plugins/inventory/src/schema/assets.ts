import { ConflictError, InputError, NotFoundError, type GeaBuilder } from '@gea/core';
import { Prisma } from '@gea/db';
import { z } from 'zod';
import { countPersonalComputersInService } from '../services.ts';

const assetKinds = [
  'DESKTOP_PC',
  'LAPTOP',
  'SERVER',
  'PRINTER',
  'MULTIFUNCTION_PRINTER',
  'NETWORK_DEVICE',
  'PHONE_OR_TABLET',
  'OTHER',
] as const;
const assetStatuses = ['ORDERED', 'IN_SERVICE', 'UNDER_REPAIR', 'SPARE', 'RETIRED', 'DISPOSED'] as const;

const read = (entityId: string) => ({ entityPermission: { permission: 'inventory:read', entityId } });
const write = (entityId: string) => ({ entityPermission: { permission: 'inventory:write', entityId } });

export function addAssetSchema(builder: GeaBuilder) {
  const AssetKind = builder.enumType('AssetKind', { values: assetKinds });
  const AssetStatus = builder.enumType('AssetStatus', { values: assetStatuses });

  const Asset = builder.prismaNode('Asset', {
    description: 'A piece of ICT equipment of a member body, managed by the ICT office.',
    id: { field: 'id' },
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
      entity: t.relation('entity'),
    }),
  });

  const AssetFilter = builder.inputType('AssetFilter', {
    fields: (t) => ({
      kind: t.field({ type: [AssetKind], required: false }),
      status: t.field({ type: [AssetStatus], required: false }),
    }),
  });
  type Filter = { kind?: (typeof assetKinds)[number][] | null; status?: (typeof assetStatuses)[number][] | null };
  const where = (filter: Filter | null | undefined): Prisma.AssetWhereInput => ({
    ...(filter?.kind?.length ? { kind: { in: filter.kind } } : {}),
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
  });

  builder.prismaObjectFields('Entity', (t) => ({
    assets: t.relatedConnection('assets', {
      description: 'Equipment of this body.',
      cursor: 'id',
      authScopes: (entity) => read(entity.id),
      args: { filter: t.arg({ type: AssetFilter, required: false }) },
      query: (args) => ({ where: where(args.filter), orderBy: { id: 'asc' } }),
    }),
    personalComputersInService: t.int({
      description: 'Desktops and laptops in service now: half of the cost-sharing key (art. 13).',
      authScopes: (entity) => read(entity.id),
      resolve: (entity, _args, context) => countPersonalComputersInService(context, entity.id),
    }),
  }));

  builder.queryFields((t) => ({
    assets: t.prismaConnection({
      type: Asset,
      cursor: 'id',
      description: 'Equipment of every body, for those who may read the whole inventory.',
      authScopes: { permission: 'inventory:read' },
      args: { filter: t.arg({ type: AssetFilter, required: false }) },
      resolve: (query, _root, args, context) =>
        context.prisma.asset.findMany({ ...query, where: where(args.filter), orderBy: { id: 'asc' } }),
    }),
  }));

  const CreateAssetInput = builder.inputType('CreateAssetInput', {
    fields: (t) => ({
      entityId: t.globalID({ required: true }),
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
        if (input.entityId.typename !== 'Entity') {
          throw new InputError([{ path: ['input', 'entityId'], message: 'must be the id of an Entity' }]);
        }
        const entityId = input.entityId.id;
        if (!(await context.prisma.entity.count({ where: { id: entityId } }))) throw new NotFoundError('Entity');
        try {
          return await context.prisma.asset.create({
            ...query,
            data: {
              entityId,
              kind: input.kind,
              status: input.status ?? 'IN_SERVICE',
              manufacturer: input.manufacturer ?? null,
              model: input.model ?? null,
              serialNumber: input.serialNumber ?? null,
              inventoryTag: input.inventoryTag ?? null,
              purchaseDate: input.purchaseDate ?? null,
              priceCents: input.priceCents ?? null,
            },
          });
        } catch (error) {
          if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
            throw new ConflictError(`inventory tag "${input.inventoryTag}" is already used in this body`);
          }
          throw error;
        }
      },
    }),
  }));
}
