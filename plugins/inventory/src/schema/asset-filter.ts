// The filter and sort of asset lists: the assets query, a body's assets and the CSV export share them.
import { containsText, modelRef, perBuilder, TRIGRAM_SEARCH_MINIMUM, trigramSearchSchema } from '@gea/core';
import type { Prisma } from '@gea/db';
import { assetKindEnum, assetStatusEnum } from './enums.ts';

type Direction = 'asc' | 'desc';
type Order = Prisma.AssetOrderByWithRelationInput;
// Missing values last in both directions; Prisma accepts `nulls` only on optional columns and refuses
// the whole query otherwise.
const optional = (column: string) => (direction: Direction): Order[] => [{ [column]: { sort: direction, nulls: 'last' } }];
const required = (column: string) => (direction: Direction): Order[] => [{ [column]: direction }];

// Each sort field and the order it stands for (before the id that breaks ties). Each has an index
// in both directions (prisma/schema/inventory.prisma), so a first page never sorts the whole table.
const sortOrders = {
  INVENTORY_TAG: optional('inventoryTag'),
  PURCHASE_DATE: optional('purchaseDate'),
  WARRANTY_END: optional('warrantyEnd'),
  KIND: required('kind'),
  STATUS: required('status'),
  PRICE: optional('priceCents'),
  DEVICE: (direction: Direction): Order[] => [...optional('manufacturer')(direction), ...optional('model')(direction)],
  // The names copied onto each asset by triggers, so that an index serves these too (a joined column cannot).
  BODY: optional('bodyName'),
  SITE: optional('siteName'),
  ASSIGNED_TO: optional('assignedTo'),
} as const;
type SortField = keyof typeof sortOrders;

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
        description:
          `Text in the inventory tag, serial number, manufacturer, model or assignee, anywhere in it and whatever the case; ` +
          `\`%\`, \`_\` and \`\\\` are plain characters. It must contain at least ${TRIGRAM_SEARCH_MINIMUM} letters or digits in a row ` +
          `(SEARCH_TOO_SHORT otherwise): the search runs on a trigram index, which cannot find shorter texts, and a 1-2 character ` +
          `fragment would match most of a large inventory anyway. Empty: no search.`,
        validate: trigramSearchSchema(100),
      }),
      warrantyEndsBefore: t.field({ type: 'Date', required: false }),
      warrantyEndsFrom: t.field({ type: 'Date', required: false, description: 'Only assets whose warranty ends on this day or later.' }),
      warrantyEndsTo: t.field({ type: 'Date', required: false, description: 'Only assets whose warranty ends on this day or earlier.' }),
    }),
  });

  const AssetSortField = builder.enumType('AssetSortField', {
    description:
      'A column to sort assets by, the id breaking ties in the same direction. Missing values come last either way; KIND and STATUS sort in the order their values are declared (STATUS follows the lifecycle: ordered, in service, under repair, spare, retired, disposed); DEVICE is manufacturer then model; BODY and SITE sort by name.',
    values: Object.keys(sortOrders) as SortField[],
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

/**
 * How many times the search filter is repeated (the same answer each time). PostgreSQL estimates the
 * share of assets a search matches (1,000 histogram entries on searchText, see the migration
 * asset_search_text), but cannot know that the matches sit together in the list's order: a tag
 * search hits tags that sort side by side, a printer maker's assets all have ST- tags. Walking the
 * sort index to them then reads most of the 2,000,000 rows (3-10 s measured at national scale), where
 * the trigram index finds them at once. Taking the copies as independent filters, the planner
 * estimates the share cubed and reads the trigram index. Measured with tests/bench/asset-search.ts.
 */
const SEARCH_FILTER_COPIES = 3;

/**
 * Above this share of all assets (by the statistics, search-statistics.ts) a search is given once,
 * and the planner walks the sort index: matches that common are found within the first rows (an
 * office name in 1 asset of 8: 5-10 ms), where reading them all through the trigram index and
 * sorting them took seconds.
 */
const BROAD_SEARCH_SHARE = 0.05;

/**
 * Whether a search may be looked up field by field (the search plan's rare part, the search runs):
 * a control character could meet searchText's separator, so such a search is looked up whole.
 */
export const searchableByField = (text: string) => !/[\u0000-\u001f]/.test(text);

/** The texts searchText joins (migration asset_search_text): a search matches one of them. */
const SEARCHED_FIELDS = ['inventoryTag', 'serialNumber', 'manufacturer', 'model', 'assignedTo'] as const;

/**
 * The where-clause of a filter (body scoping is the caller's: it differs per list). For lists over
 * every readable body, from search-statistics.ts: `searchShare`, the estimated share of assets the
 * search matches; `indexedText`, the part of a search of several words to look up in the trigram
 * index (the whole text is then checked field by field, which is what searchText's ILIKE means:
 * its separator cannot occur in a search).
 */
export function assetWhere(
  filter: AssetFilterInput | null | undefined,
  options: { searchShare?: number | null; indexedText?: string | null } = {},
): Prisma.AssetWhereInput {
  const text = filter?.search?.trim();
  const warranty: Prisma.DateTimeNullableFilter<'Asset'> = {
    ...(filter?.warrantyEndsBefore ? { lt: filter.warrantyEndsBefore } : {}),
    ...(filter?.warrantyEndsFrom ? { gte: filter.warrantyEndsFrom } : {}),
    ...(filter?.warrantyEndsTo ? { lte: filter.warrantyEndsTo } : {}),
  };
  const copies = (options.searchShare ?? 0) > BROAD_SEARCH_SHARE ? 1 : SEARCH_FILTER_COPIES;
  return {
    ...(filter?.entityIds?.length ? { entityId: { in: filter.entityIds.map((e) => e.id) } } : {}),
    ...(filter?.siteId ? { siteId: filter.siteId.id } : {}),
    ...(filter?.kind?.length ? { kind: { in: filter.kind } } : {}),
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
    ...(Object.keys(warranty).length ? { warrantyEnd: warranty } : {}),
    // An ILIKE on the column that joins the five texts (generated by PostgreSQL, never read), so that
    // its trigram index serves the search; the separator between them cannot occur in a search.
    ...(text
      ? {
          AND: [
            ...Array.from({ length: copies }, () => ({ searchText: containsText(options.indexedText ?? text) })),
            ...(options.indexedText ? [{ OR: SEARCHED_FIELDS.map((field) => ({ [field]: containsText(text) })) }] : []),
          ],
        }
      : {}),
  };
}

/** The order of a sort, the id last (in the same direction, so one index serves both) so that pages are stable whatever the sort. */
export function assetOrderBy(sort: AssetSortInput | null | undefined): Prisma.AssetOrderByWithRelationInput[] {
  if (!sort) return [{ id: 'asc' }];
  const direction = sort.direction === 'DESC' ? 'desc' : 'asc';
  return [...sortOrders[sort.field](direction), { id: direction }];
}
