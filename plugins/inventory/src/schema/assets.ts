import {
  ConflictError,
  coreRefs,
  InputError,
  NotFoundError,
  onBodyOf,
  prismaErrorCode,
  readableEntitiesWhere,
  type GeaBuilder,
  type GeaContext,
  type GeaSchemaTypes,
} from '@gea/core';
import { AssetKind as AssetKinds, AssetStatus as AssetStatuses, type Prisma } from '@gea/db';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { countPersonalComputersInService } from '../services.ts';
import { registerInventoryRefs } from './refs.ts';
import { readOn, today, writeOn } from './shared.ts';

type GeaTypes = PothosSchemaTypes.ExtendDefaultTypes<GeaSchemaTypes>;

const read = readOn;
const write = writeOn;
const onAssetBody = (assetId: string) =>
  onBodyOf('inventory:write', (context) => context.prisma.asset.findUnique({ where: { id: assetId }, select: { entityId: true } }));

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
      entityIds: t.globalIDList({ required: false, for: Entity, description: 'Only these bodies.' }),
      siteId: t.globalID({ required: false, description: 'Only this site.' }),
      kind: t.field({ type: [AssetKind], required: false }),
      status: t.field({ type: [AssetStatus], required: false }),
      search: t.string({
        required: false,
        description: 'Text in the inventory tag, serial number, manufacturer, model or assignee.',
        validate: z.string().trim().max(100),
      }),
      warrantyEndsBefore: t.field({ type: 'Date', required: false }),
    }),
  });
  type Filter = {
    entityIds?: { id: string }[] | null;
    siteId?: { id: string } | null;
    kind?: AssetKinds[] | null;
    status?: AssetStatuses[] | null;
    search?: string | null;
    warrantyEndsBefore?: Date | null;
  };
  const where = (filter: Filter | null | undefined): Prisma.AssetWhereInput => {
    const text = filter?.search?.trim();
    const contains = (field: 'inventoryTag' | 'serialNumber' | 'manufacturer' | 'model' | 'assignedTo') => ({
      [field]: { contains: text, mode: 'insensitive' as const },
    });
    return {
      ...(filter?.entityIds?.length ? { entityId: { in: filter.entityIds.map((e) => e.id) } } : {}),
      ...(filter?.siteId ? { siteId: filter.siteId.id } : {}),
      ...(filter?.kind?.length ? { kind: { in: filter.kind } } : {}),
      ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
      ...(filter?.warrantyEndsBefore ? { warrantyEnd: { lt: filter.warrantyEndsBefore } } : {}),
      ...(text
        ? { OR: [contains('inventoryTag'), contains('serialNumber'), contains('manufacturer'), contains('model'), contains('assignedTo')] }
        : {}),
    };
  };

  const AssetSortField = builder.enumType('AssetSortField', {
    values: ['INVENTORY_TAG', 'PURCHASE_DATE', 'WARRANTY_END', 'KIND', 'STATUS', 'PRICE'] as const,
  });
  const SortDirection = builder.enumType('SortDirection', { values: ['ASC', 'DESC'] as const });
  const AssetSort = builder.inputType('AssetSort', {
    fields: (t) => ({
      field: t.field({ type: AssetSortField, required: true }),
      direction: t.field({ type: SortDirection, required: false, defaultValue: 'ASC' }),
    }),
  });
  const sortColumns = {
    INVENTORY_TAG: 'inventoryTag',
    PURCHASE_DATE: 'purchaseDate',
    WARRANTY_END: 'warrantyEnd',
    KIND: 'kind',
    STATUS: 'status',
    PRICE: 'priceCents',
  } as const;
  // The id last, so that pages are stable whatever the sort.
  const orderBy = (sort: { field: keyof typeof sortColumns; direction?: 'ASC' | 'DESC' | null } | null | undefined) =>
    sort
      ? [{ [sortColumns[sort.field]]: { sort: sort.direction === 'DESC' ? 'desc' : 'asc', nulls: 'last' } }, { id: 'asc' as const }]
      : [{ id: 'asc' as const }];

  builder.prismaObjectFields('Entity', (t) => ({
    // Nullable per body: one body outside the reader's scopes must not void the whole list.
    assets: t.relatedConnection('assets', {
      description: 'Equipment of this body.',
      nullable: true,
      cursor: 'id',
      authScopes: (entity) => read(entity.id),
      args: { filter: t.arg({ type: AssetFilter, required: false }), sort: t.arg({ type: AssetSort, required: false }) },
      query: (args) => ({ where: where(args.filter), orderBy: orderBy(args.sort) as Prisma.AssetOrderByWithRelationInput[] }),
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
      description: 'Equipment of the bodies whose inventory the reader may see.',
      authScopes: { permissionOnSomeBody: 'inventory:read' },
      args: { filter: t.arg({ type: AssetFilter, required: false }), sort: t.arg({ type: AssetSort, required: false }) },
      // Bodies where the actor lacks the grant or the module is off are never selected.
      resolve: (query, _root, args, context) =>
        context.prisma.asset.findMany({
          ...query,
          where: { ...where(args.filter), entity: readableEntitiesWhere(context, 'inventory:read') },
          orderBy: orderBy(args.sort) as Prisma.AssetOrderByWithRelationInput[],
        }),
    }),
  }));

  // Every body's figure in one list behind one scope check: the cost-sharing overview and reports
  // ask for all bodies at once, which as a field of each Entity page cost a check per body.
  const BodyPcCount = builder.objectRef<{ entityId: string; count: number }>('BodyPcCount').implement({
    description: 'Desktops and laptops in service in a body at a date.',
    // Rows exist only for bodies the resolver found readable; this check is the cheap guard for any other path.
    authScopes: { permissionOnSomeBody: 'inventory:read' },
    fields: (t) => ({
      entityId: t.id({ description: 'The body (an Entity id).', resolve: (row) => Buffer.from(`Entity:${row.entityId}`).toString('base64') }),
      count: t.exposeInt('count'),
    }),
  });
  builder.queryField('personalComputersInService', (t) =>
    t.field({
      type: [BodyPcCount],
      description:
        'PCs in service at a date (default today) of every body whose inventory the reader may see, from the status history: the PC half of the cost sharing (art. 13).',
      authScopes: { permissionOnSomeBody: 'inventory:read' },
      args: { at: t.arg({ type: 'Date', required: false }) },
      resolve: async (_root, args, context) => {
        const entities = await context.prisma.entity.findMany({
          where: readableEntitiesWhere(context, 'inventory:read'),
          select: { id: true },
          orderBy: { name: 'asc' },
        });
        const counts = await Promise.all(entities.map((e) => countPersonalComputersInService(context, e.id, args.at ?? undefined)));
        return entities.map((e, i) => ({ entityId: e.id, count: counts[i]! }));
      },
    }),
  );

  builder.queryFields((t) => ({
    assetsCsv: t.string({
      description:
        'The filtered, sorted list as CSV (UTF-8, comma-separated, header row), over every body the reader may see. At most 100,000 rows.',
      authScopes: { authenticated: true },
      args: { filter: t.arg({ type: AssetFilter, required: false }), sort: t.arg({ type: AssetSort, required: false }) },
      resolve: async (_root, args, context) => {
        const rows = await context.prisma.asset.findMany({
          where: { ...where(args.filter), entity: readableEntitiesWhere(context, 'inventory:read') },
          orderBy: orderBy(args.sort) as Prisma.AssetOrderByWithRelationInput[],
          include: { entity: { select: { name: true, istatCode: true } }, site: { select: { name: true } } },
          take: 100_000,
        });
        const date = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : '');
        return stringify(
          rows.map((a) => [
            a.entity.name,
            a.entity.istatCode ?? '',
            a.inventoryTag ?? '',
            a.kind,
            a.status,
            a.manufacturer ?? '',
            a.model ?? '',
            a.serialNumber ?? '',
            a.site?.name ?? '',
            a.floor ?? '',
            a.assignedTo ?? '',
            a.supplier ?? '',
            date(a.purchaseDate),
            // integer cents written as euros with two decimals, never through floating point
            a.priceCents === null ? '' : `${Math.trunc(a.priceCents / 100)}.${String(a.priceCents % 100).padStart(2, '0')}`,
            date(a.warrantyEnd),
          ]),
          {
            header: true,
            columns: ['body', 'body_istat_code', 'inventory_tag', 'kind', 'status', 'manufacturer', 'model', 'serial_number', 'site', 'floor', 'assigned_to', 'supplier', 'purchase_date', 'price_eur', 'warranty_end'],
          },
        );
      },
    }),
  }));

  // What describes an asset, whether registered or edited; its body and status have their own paths.
  const detailFields = (t: PothosSchemaTypes.InputFieldBuilder<GeaTypes, 'InputObject'>) => ({
    manufacturer: t.string({ required: false, validate: z.string().trim().min(1).max(100) }),
    model: t.string({ required: false, validate: z.string().trim().min(1).max(100) }),
    serialNumber: t.string({ required: false, validate: z.string().trim().min(1).max(100) }),
    inventoryTag: t.string({ required: false, validate: z.string().trim().min(1).max(50) }),
    purchaseDate: t.field({ type: 'Date', required: false }),
    priceCents: t.int({ required: false, description: 'Euro cents.', validate: z.number().int().min(0).max(1_000_000_000) }),
    siteId: t.globalID({ required: false, description: 'A site of the same body.' }),
    floor: t.string({ required: false, description: 'Floor or room within the site.', validate: z.string().trim().min(1).max(100) }),
    assignedTo: t.string({ required: false, validate: z.string().trim().min(1).max(200) }),
    supplier: t.string({ required: false, validate: z.string().trim().min(1).max(200) }),
    warrantyEnd: t.field({ type: 'Date', required: false }),
  });
  type Details = {
    manufacturer?: string | null;
    model?: string | null;
    serialNumber?: string | null;
    inventoryTag?: string | null;
    purchaseDate?: Date | null;
    priceCents?: number | null;
    siteId?: { id: string; typename: string } | null;
    floor?: string | null;
    assignedTo?: string | null;
    supplier?: string | null;
    warrantyEnd?: Date | null;
  };
  const detailsData = (input: Details) => ({
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
  /** A site must be a Site of the asset's own body: another body's site is refused like a missing one. */
  const checkDetails = async (context: GeaContext, input: Details, entityId: string) => {
    if (input.warrantyEnd && input.purchaseDate && input.warrantyEnd < input.purchaseDate) {
      throw new InputError([{ path: ['input', 'warrantyEnd'], message: 'cannot end before the purchase date', code: 'INVALID_DATE_RANGE' }]);
    }
    if (!input.siteId) return;
    const site =
      input.siteId.typename === 'Site'
        ? await context.prisma.site.findUnique({ where: { id: input.siteId.id }, select: { entityId: true } })
        : null;
    if (site?.entityId !== entityId) {
      throw new InputError([{ path: ['input', 'siteId'], message: 'is not a site of this body' }]);
    }
  };
  const saveError = (error: unknown, input: Details) => {
    const code = prismaErrorCode(error);
    if (code === 'P2002') return new ConflictError(`inventory tag "${input.inventoryTag}" is already used in this body`);
    if (code === 'P2003') return new NotFoundError('Entity');
    return error;
  };

  const CreateAssetInput = builder.inputType('CreateAssetInput', {
    fields: (t) => ({
      entityId: t.globalID({ required: true, for: Entity }),
      kind: t.field({ type: AssetKind, required: true }),
      status: t.field({ type: AssetStatus, required: false }),
      ...detailFields(t),
    }),
  });
  const UpdateAssetInput = builder.inputType('UpdateAssetInput', {
    description: 'The new description of an asset: fields left out are cleared.',
    fields: (t) => ({ kind: t.field({ type: AssetKind, required: true }), ...detailFields(t) }),
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
        await checkDetails(context, input, input.entityId.id);
        const status = input.status ?? 'IN_SERVICE';
        try {
          return await context.prisma.asset.create({
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
          });
        } catch (error) {
          throw saveError(error, input);
        }
      },
    }),

    updateAsset: t.prismaField({
      type: Asset,
      description: 'Changes the description of an asset (its status changes through changeAssetStatus).',
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      args: { id: t.arg.globalID({ required: true, for: Asset }), input: t.arg({ type: UpdateAssetInput, required: true }) },
      authScopes: (_root, args, context) => onAssetBody(args.id.id)(context),
      resolve: async (query, _root, { id, input }, context) => {
        const before = await context.prisma.asset.findUnique({ where: { id: id.id } });
        if (!before) throw new NotFoundError('Asset');
        await checkDetails(context, input, before.entityId);
        try {
          const asset = await context.prisma.asset.update({
            ...query,
            where: { id: before.id },
            data: { kind: input.kind, ...detailsData(input) },
          });
          context.audit = { ...context.audit, entityId: before.entityId, targetType: 'Asset', targetId: before.id, before, after: asset };
          return asset;
        } catch (error) {
          throw saveError(error, input);
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
      authScopes: (_root, args, context) => onAssetBody(args.assetId.id)(context),
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

  const refs = { Asset, AssetKind, AssetStatus };
  registerInventoryRefs(builder, refs);
  return refs;
}
