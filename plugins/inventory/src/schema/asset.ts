import {
  centsOf,
  ConflictError,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  perBuilder,
  save,
  StaleVersionError,
  today,
  versionDescription,
  type GeaBuilder,
  type GeaContext,
  type GeaSchemaTypes,
} from '@gea/core';
import type { Prisma } from '@gea/db';
import { z } from 'zod';
import { scopes, writeOnAssetBody } from '../scopes.ts';
import { siteIssue, warrantyIssue } from '../rules/asset-details.ts';
import { holdingSeat } from '../rules/software-installation.ts';
import { assetListInputs, assetOrderBy, assetWhere, type AssetFilterInput } from './asset-filter.ts';
import { searchPlan } from '../search-statistics.ts';
import { searchRunIds } from '../search-runs.ts';
import { assetKindEnum, assetStatusEnum } from './enums.ts';

type GeaTypes = PothosSchemaTypes.ExtendDefaultTypes<GeaSchemaTypes>;

const assetInputs = perBuilder((builder) => {
  const text = (max: number) => z.string().trim().min(1).max(max);
  // What describes an asset, whether registered or edited; its body and status have their own paths.
  const detailFields = (t: PothosSchemaTypes.InputFieldBuilder<GeaTypes, 'InputObject'>) => ({
    manufacturer: t.string({ required: false, validate: text(100) }),
    model: t.string({ required: false, validate: text(100) }),
    serialNumber: t.string({ required: false, validate: text(100) }),
    inventoryTag: t.string({ required: false, validate: text(50) }),
    purchaseDate: t.field({ type: 'Date', required: false }),
    priceCents: t.field({ type: 'Cents', required: false, description: 'Euro cents.', validate: z.number().int().min(0).max(1_000_000_000) }),
    siteId: t.globalID({ required: false, description: 'A site of the same body.' }),
    floor: t.string({ required: false, description: 'Floor or room within the site.', validate: text(100) }),
    assignedTo: t.string({ required: false, validate: text(200) }),
    supplier: t.string({ required: false, validate: text(200) }),
    warrantyEnd: t.field({ type: 'Date', required: false }),
  });
  const CreateAssetInput = builder.inputType('CreateAssetInput', {
    fields: (t) => ({
      entityId: t.globalID({ required: true, for: modelRef(builder, 'Entity') }),
      kind: t.field({ type: assetKindEnum(builder), required: true }),
      status: t.field({ type: assetStatusEnum(builder), required: false }),
      ...detailFields(t),
    }),
  });
  const UpdateAssetInput = builder.inputType('UpdateAssetInput', {
    description: 'The new description of an asset: fields left out are cleared.',
    fields: (t) => ({ kind: t.field({ type: assetKindEnum(builder), required: true }), ...detailFields(t) }),
  });
  return { CreateAssetInput, UpdateAssetInput };
});
type AssetDetails = ReturnType<typeof assetInputs>['UpdateAssetInput']['$inferInput'];

const detailsData = (input: AssetDetails) => ({
  manufacturer: input.manufacturer?.trim() ?? null,
  model: input.model?.trim() ?? null,
  serialNumber: input.serialNumber?.trim() ?? null,
  inventoryTag: input.inventoryTag?.trim() ?? null,
  purchaseDate: input.purchaseDate ?? null,
  priceCents: input.priceCents ?? null,
  siteId: input.siteId?.id ?? null,
  floor: input.floor?.trim() ?? null,
  assignedTo: input.assignedTo?.trim() ?? null,
  supplier: input.supplier?.trim() ?? null,
  warrantyEnd: input.warrantyEnd ?? null,
});

async function checkDetails(context: GeaContext, input: AssetDetails, entityId: string): Promise<void> {
  const dates = warrantyIssue(input);
  if (dates) throw new InputError([dates]);
  if (!input.siteId) return;
  const site =
    input.siteId.typename === 'Site'
      ? await context.prisma.site.findUnique({ where: { id: input.siteId.id }, select: { entityId: true } })
      : null;
  const place = siteIssue(site, entityId);
  if (place) throw new InputError([place]);
}

const saving = (input: AssetDetails) => ({ unique: `inventory tag "${input.inventoryTag}" is already used in this body`, missing: 'Entity' });

export function addAssetType(builder: GeaBuilder) {
  const Asset = builder.prismaNode('Asset', {
    description: 'A piece of ICT equipment of a member body, managed by the ICT office.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (asset) => scopes.readOn(asset.entityId),
    fields: (t) => ({
      kind: t.expose('kind', { type: assetKindEnum(builder) }),
      status: t.expose('status', { type: assetStatusEnum(builder) }),
      version: t.exposeInt('version', { description: versionDescription }),
      manufacturer: t.exposeString('manufacturer', { nullable: true }),
      model: t.exposeString('model', { nullable: true }),
      serialNumber: t.exposeString('serialNumber', { nullable: true }),
      inventoryTag: t.exposeString('inventoryTag', { nullable: true }),
      purchaseDate: t.expose('purchaseDate', { type: 'Date', nullable: true }),
      priceCents: t.expose('priceCents', { type: 'Cents', nullable: true, description: 'Purchase price in euro cents.' }),
      floor: t.exposeString('floor', { nullable: true, description: 'Floor or room within the site.' }),
      assignedTo: t.exposeString('assignedTo', { nullable: true, description: 'Person or office it is assigned to.' }),
      supplier: t.exposeString('supplier', { nullable: true }),
      warrantyEnd: t.expose('warrantyEnd', { type: 'Date', nullable: true }),
      site: t.relation('site', { nullable: true }),
      // nullable: the body itself may be outside the reader's scopes even when its asset is not
      entity: t.relation('entity', { nullable: true }),
      statusHistory: t.relation('statusHistory', {
        description: 'Every status the asset has had, oldest first.',
        query: { orderBy: [{ effectiveOn: 'asc' }, { recordedAt: 'asc' }] },
      }),
      software: t.relation('installations', {
        description: 'Software installed on it now (removed installations: `installations` on the licence).',
        query: { where: holdingSeat, orderBy: [{ installedOn: 'asc' }, { id: 'asc' }] },
      }),
    }),
  });

  const { AssetFilter, AssetSort } = assetListInputs(builder);
  type ListArgs = { filter?: AssetFilterInput | null };
  // `plan`: how to give the search (by default from the statistics, search-statistics.ts).
  const listWhere = async (args: ListArgs, context: GeaContext, plan?: Parameters<typeof assetWhere>[1]): Promise<Prisma.AssetWhereInput> => ({
    ...assetWhere(args.filter, plan ?? (await searchPlan(context, args.filter?.search))),
    // Bodies where the actor lacks the grant or the module is off are never selected.
    entity: scopes.readableEntities(context),
  });
  // The count and the total price of the whole filtered set: one aggregate statement per list,
  // shared by totalCount and totalPriceCents (the connection keeps the list's args object).
  const totalsOf = new WeakMap<object, Promise<{ count: number; priceCents: number }>>();
  const totals = (args: ListArgs, context: GeaContext) => {
    let pending = totalsOf.get(args);
    if (!pending) {
      pending = (async () => {
        const result = await context.prisma.asset.aggregate({ where: await listWhere(args, context), _count: { _all: true }, _sum: { priceCents: true } });
        return { count: result._count._all, priceCents: centsOf(result._sum.priceCents ?? 0n) };
      })();
      totalsOf.set(args, pending);
    }
    return pending;
  };
  builder.queryField('assets', (t) =>
    t.prismaConnection(
      {
        type: Asset,
        cursor: 'id',
        description: 'Equipment of the bodies whose inventory the reader may see.',
        authScopes: scopes.readSome,
        args: { filter: t.arg({ type: AssetFilter, required: false }), sort: t.arg({ type: AssetSort, required: false }) },
        resolve: async (query, _root, args, context) => {
          // A search over every body by tag: the ids its runs find first (search-runs.ts), the page
          // then read among them with the list's own where (one search copy: the planner reads the ids).
          const ids = await searchRunIds(context, args.filter, args.sort, query);
          const where = ids ? { ...(await listWhere(args, context, { searchShare: 1 })), id: { in: ids } } : await listWhere(args, context);
          return context.prisma.asset.findMany({ ...query, where, orderBy: assetOrderBy(args.sort) });
        },
        totalCount: async (_root, args, context) => (await totals(args, context)).count,
      },
      {
        // The totals cover the same rows as the pages, under the same body scoping.
        authScopes: scopes.readSome,
        fields: (t) => ({
          totalPriceCents: t.field({
            type: 'Cents',
            description: 'Sum of the purchase prices of every asset the filter selects (all pages; unknown prices count as 0), in euro cents.',
            resolve: async (connection, _args, context) => (await totals((connection as unknown as { args: ListArgs }).args, context)).priceCents,
          }),
        }),
      },
    ),
  );

  const { CreateAssetInput, UpdateAssetInput } = assetInputs(builder);
  builder.mutationFields((t) => ({
    createAsset: t.prismaField({
      type: Asset,
      description: 'Registers a piece of equipment of a body.',
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      args: { input: t.arg({ type: CreateAssetInput, required: true }) },
      authScopes: (_root, args) => scopes.writeOn(args.input.entityId.id),
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'Asset', entityId: input.entityId.id };
        await checkDetails(context, input, input.entityId.id);
        const status = input.status ?? 'IN_SERVICE';
        return save(saving(input), () =>
          context.prisma.asset.create({
            ...query,
            data: {
              entityId: input.entityId.id,
              kind: input.kind,
              status,
              ...detailsData(input),
              statusHistory: {
                create: {
                  status,
                  effectiveOn: input.purchaseDate ?? today(),
                  changedById: context.actor.kind === 'user' ? context.actor.id : null,
                },
              },
            },
          }),
        );
      },
    }),

    updateAsset: t.prismaField({
      type: Asset,
      description: 'Changes the description of an asset (its status changes through changeAssetStatus).',
      errors: { types: [InputError, NotFoundError, ConflictError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: Asset }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: UpdateAssetInput, required: true }),
      },
      authScopes: (_root, args, context) => writeOnAssetBody(args.id.id)(context),
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'Asset',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.asset.findUnique({ where: { id: id.id } }),
        });
        await checkDetails(context, input, before.entityId);
        const asset = await save(saving(input), () =>
          context.prisma.asset.update({ ...query, where: { id: before.id }, data: { kind: input.kind, ...detailsData(input) } }),
        );
        context.audit = { ...context.audit, entityId: before.entityId, targetType: 'Asset', targetId: before.id, before, after: asset };
        return asset;
      },
    }),
  }));

  return Asset;
}
