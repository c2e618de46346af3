// The filter and sort of asset lists: the assets query, a body's assets and the CSV export share them.
import { modelRef, perBuilder } from '@gea/core';
import type { Prisma } from '@gea/db';
import { z } from 'zod';
import { assetKindEnum, assetStatusEnum } from './enums.ts';

// Each sort field, its column and whether the column may be null: Prisma accepts `nulls: 'last'` only on
// optional columns and refuses the whole query otherwise.
const sortColumns = {
  INVENTORY_TAG: { column: 'inventoryTag', nullable: true },
  PURCHASE_DATE: { column: 'purchaseDate', nullable: true },
  WARRANTY_END: { column: 'warrantyEnd', nullable: true },
  KIND: { column: 'kind', nullable: false },
  STATUS: { column: 'status', nullable: false },
  PRICE: { column: 'priceCents', nullable: true },
} as const;
type SortField = keyof typeof sortColumns;

export const assetListInputs = perBuilder((builder) => {
  const AssetKind = assetKindEnum(builder);
  const AssetStatus = assetStatusEnum(builder);
  const AssetFilter = builder.inputType('AssetFilter', {
    fields: (t) => ({
      entityIds: t.globalIDList({ required: false, for: modelRef(builder, 'Entity'), description: 'Only these bodies.' }),
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

  const AssetSortField = builder.enumType('AssetSortField', {
    description: 'A column to sort assets by. Missing values come last either way; KIND and STATUS sort in the order their values are declared (STATUS follows the lifecycle: ordered, in service, under repair, spare, retired, disposed).',
    values: Object.keys(sortColumns) as SortField[],
  });
  const SortDirection = builder.enumType('SortDirection', { values: ['ASC', 'DESC'] as const });
  const AssetSort = builder.inputType('AssetSort', {
    fields: (t) => ({
      field: t.field({ type: AssetSortField, required: true }),
      direction: t.field({ type: SortDirection, required: false, defaultValue: 'ASC' }),
    }),
  });
  return { AssetFilter, AssetSort };
});

type Inputs = ReturnType<typeof assetListInputs>;
export type AssetFilterInput = Inputs['AssetFilter']['$inferInput'];
export type AssetSortInput = Inputs['AssetSort']['$inferInput'];

/** The where-clause of a filter (body scoping is the caller's: it differs per list). */
export function assetWhere(filter: AssetFilterInput | null | undefined): Prisma.AssetWhereInput {
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
}

/** The order of a sort, the id last so that pages are stable whatever the sort. */
export function assetOrderBy(sort: AssetSortInput | null | undefined): Prisma.AssetOrderByWithRelationInput[] {
  if (!sort) return [{ id: 'asc' }];
  const { column, nullable } = sortColumns[sort.field];
  const direction = sort.direction === 'DESC' ? 'desc' : 'asc';
  return [{ [column]: nullable ? { sort: direction, nulls: 'last' } : direction }, { id: 'asc' }];
}
