// The first assets of a search over every body, in inventory-tag order, read as ordered runs: the
// distinct tags, manufacturers, models and assignees that contain the text (AssetSearchValue, a few
// thousand short rows, kept by a trigger), then each value's assets through an index on
// (value, inventoryTag, id), stopping at the page; serial numbers (nearly all distinct) through
// their own trigram index. One statement reads at most a page per value, where the search's own
// trigram index must read and sort every match: a printer maker's 60,000 assets, a tag number that
// 5,000 bodies share (150-370 ms at 2,000,000 assets, see tests/bench/asset-search.ts).
//
// It only narrows: the page is still the list's own query, restricted to the ids found here, so the
// answer is the list's whatever this statement finds beyond the page. It must find the page itself,
// which it does because every run applies the list's body scoping and cursor and is cut at the
// page's size: the page's assets are the first of their runs.
import { likeLiteral, type GeaContext, isUuid } from '@gea/core';
import { Prisma } from '@gea/db';
import { searchableByField, type AssetFilterInput, type AssetSortInput } from './schema/asset-filter.ts';
import { scopes } from './scopes.ts';

/** More values than this and the search is too common for runs: the list's usual plan reads it. */
export const MAX_SEARCH_RUNS = 64;


/** The Asset columns whose distinct values AssetSearchValue lists (migration asset_search_values). */
const VALUE_COLUMNS = ['inventoryTag', 'manufacturer', 'model', 'assignedTo'] as const;

/** What plugin-prisma asks of a connection's page: its size (one more than `first`) and where it starts. */
export interface PageQuery {
  take?: number;
  skip?: number;
  cursor?: { id?: string };
}

/**
 * The ids among which the page lies, or null where runs do not apply: a search with no other filter
 * (the everyday search box), sorted by inventory tag ascending (the list's default), read forward,
 * by a reader of every body (a body's own referent has its body's index), without a character
 * that could meet searchText's separator.
 */
export async function searchRunIds(
  context: GeaContext,
  filter: AssetFilterInput | null | undefined,
  sort: AssetSortInput | null | undefined,
  page: PageQuery,
): Promise<string[] | null> {
  const text = filter?.search?.trim();
  if (!text || !searchableByField(text)) return null;
  const { search: _search, ...others } = filter!;
  if (Object.values(others).some((value) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))) return null;
  if (sort?.field !== 'INVENTORY_TAG' || (sort.direction ?? 'ASC') !== 'ASC') return null;
  const take = page.take ?? 0;
  if (!Number.isInteger(take) || take < 1) return null;
  if (context.actor.entitiesWith('inventory:read') !== 'all') return null;
  const cursorId = page.cursor?.id ?? null;
  // A cursor that is no asset id is the list's own query to refuse, with its own error.
  if (cursorId !== null && !isUuid(cursorId)) return null;

  const pattern = `%${likeLiteral(text)}%`;
  // As a scalar sub-select, so that PostgreSQL checks it on each row a run reads (a probe of the
  // module switch's key) instead of joining every body's switch first: a hash of 7,900 switches cost
  // 3 ms on every search.
  const readable = Prisma.sql`(select ${scopes.readableEntitiesSql(context, Prisma.sql`a."entityId"`)})`;
  // After the cursor in (inventoryTag NULLS LAST, id): tagged assets after it as a row comparison,
  // which the index reads as a range (none when the cursor has no tag: untagged ones come last);
  // untagged assets when the cursor has a tag, or after its id when it has none.
  const cursorTag = Prisma.sql`(select c."inventoryTag" from "Asset" c where c.id = ${cursorId}::uuid)`;
  const taggedAfter = cursorId ? Prisma.sql`(a."inventoryTag", a.id) > (${cursorTag}, ${cursorId}::uuid)` : Prisma.sql`true`;
  const untaggedAfter = cursorId
    ? Prisma.sql`(exists (select 1 from "Asset" c where c.id = ${cursorId}::uuid and c."inventoryTag" is not null) or a.id > ${cursorId}::uuid)`
    : Prisma.sql`true`;
  // A first page: one ordered read per value (the index keeps untagged assets last, by id).
  const firstRun = (match: Prisma.Sql) => Prisma.sql`
    (select a.id, a."inventoryTag" as tag from "Asset" a where ${match} and ${readable}
      order by a."inventoryTag" nulls last, a.id limit ${take})`;
  const laterRun = (match: Prisma.Sql) => Prisma.sql`
    (select s.id, s.tag from (
      (select a.id, a."inventoryTag" as tag from "Asset" a
        where ${match} and a."inventoryTag" is not null and ${taggedAfter} and ${readable}
        order by a."inventoryTag", a.id limit ${take})
      union all
      (select a.id, null from "Asset" a
        where ${match} and a."inventoryTag" is null and ${untaggedAfter} and ${readable}
        order by a.id limit ${take})
    ) s order by s.tag nulls last, s.id limit ${take})`;
  const run = cursorId ? laterRun : firstRun;
  const valueRuns = VALUE_COLUMNS.map(
    (column) => Prisma.sql`
      select r.id, r.tag from found v cross join lateral ${run(Prisma.sql`a.${Prisma.raw(`"${column}"`)} = v.value`)} r
      where v.field = ${column}`,
  );
  // Serial numbers: read through their trigram index, the cursor a filter on what it finds.
  const serialRun = run(Prisma.sql`a."serialNumber" ilike ${pattern}`);
  const [row] = await context.prisma.$queryRaw<{ tooMany: boolean; ids: string[] | null }[]>`
    with found as materialized (
      select "field", "value" from "AssetSearchValue" where "value" ilike ${pattern} limit ${MAX_SEARCH_RUNS + 1}
    )
    select (select count(*) from found) > ${MAX_SEARCH_RUNS} as "tooMany",
      case when (select count(*) from found) <= ${MAX_SEARCH_RUNS} then (
        select array_agg(p.id::text order by p.tag nulls last, p.id) from (
          select distinct h.id, h.tag from (${Prisma.join([...valueRuns, Prisma.sql`select * from ${serialRun} sr`], ' union all ')}) h
          order by h.tag nulls last, h.id limit ${take}
        ) p
      ) end as ids`;
  if (!row || row.tooMany) return null;
  // The cursor's own row too: Prisma starts a page at its cursor (then skips it), and finds no page
  // when the cursor is not among the rows the where selects.
  return [...(cursorId ? [cursorId] : []), ...(row.ids ?? [])];
}
