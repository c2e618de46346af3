// What the inventory plugin offers other plugins: they read assets and licences through these,
// never from the inventory's tables (cost sharing counts PCs here, procurement checks bodies here).
import { defineLoader, isoDate, jsonRows, jsonTuples, type GeaContext } from '@gea/core';
import { Prisma, type AssetKind, type AssetStatus } from '@gea/db';
import { scopes } from './scopes.ts';

export const PERSONAL_COMPUTER_KINDS = ['DESKTOP_PC', 'LAPTOP'] as const;

/** Any client: a request's (GeaContext) or a seeding transaction's (SeedContext). */
type Db = { prisma: Prisma.TransactionClient };

/**
 * PCs in service at a date in each of the given bodies, in ONE statement whatever their number. The
 * count at a date is the sum of the per-body changes up to it, which triggers keep exact in
 * PcServiceYear (past years) and PcServiceDelta (days of the date's own year) whenever the history or
 * an asset's kind or body changes: about 60 ms for 7,900 bodies and 2,000,000 assets, where walking
 * every PC's history took seconds (tests/bench/inventory-scale.ts). Bodies without any change count 0.
 *
 * The bodies are ids, or a statement of one column "entityId" (an association's members), which
 * this one then reads from: thousands of ids need not be fetched first and sent back. With a
 * statement, only bodies with a change are in the map (the others count 0 all the same).
 */
export async function personalComputersInServiceOf(context: Db, bodies: readonly string[] | Prisma.Sql, at: Date): Promise<Map<string, number>> {
  const ids = bodies instanceof Prisma.Sql ? null : [...new Set(bodies)];
  const counts = new Map<string, number>((ids ?? []).map((id) => [id, 0]));
  if (ids?.length === 0) return counts;
  // A page of bodies is read by key; many bodies, or a statement of them, by range and join.
  const byKey = ids !== null && ids.length <= 500;
  const among =
    ids === null ? Prisma.sql`"entityId" in (${bodies as Prisma.Sql})` : byKey ? Prisma.sql`"entityId" = any(${ids}::uuid[])` : Prisma.sql`"entityId" in (select unnest(${ids}::uuid[]))`;
  const date = isoDate(at);
  // On 31 December (the reference date of the cost sharing), the count is the sum of the yearly
  // totals up to that year: PcServiceYear's row of a year is kept equal to the sum of the year's
  // PcServiceDelta rows by the same statements, so the year's days need not be read one by one (at
  // national scale, 100,000 rows fewer and a third of the time).
  // [entityId, n] per body: thousands of bodies for an association's cost sharing.
  const rows = await jsonTuples<[string, number]>(
    context.prisma,
    ['entityId', 'n'],
    date.endsWith('-12-31')
      ? Prisma.sql`
          select "entityId", sum("delta")::int as n from "PcServiceYear"
          where "year" <= ${Number(date.slice(0, 4))} and ${among}
          group by "entityId"`
      : byKey
        ? Prisma.sql`
            select "entityId", sum(n)::int as n from (
              select "entityId", "delta" as n from "PcServiceYear"
              where ${among} and "year" < extract(year from ${date}::date)::int
              union all
              select "entityId", "delta" from "PcServiceDelta"
              where ${among}
                and "day" >= make_date(extract(year from ${date}::date)::int, 1, 1) and "day" <= ${date}::date
            ) changes
            group by "entityId"`
        : Prisma.sql`
            select "entityId", sum(n)::int as n from (
              select "entityId", "delta" as n from "PcServiceYear"
              where "year" < extract(year from ${date}::date)::int
              union all
              select "entityId", "delta" from "PcServiceDelta"
              where "day" >= make_date(extract(year from ${date}::date)::int, 1, 1) and "day" <= ${date}::date
            ) changes
            where ${among}
            group by "entityId"`,
  );
  for (const row of rows) counts.set(row[0], row[1]);
  return counts;
}

/** Keys are `<entityId>|<YYYY-MM-DD>`: one statement per distinct date in a request, whatever the number of bodies. */
const pcsInService = defineLoader<string, number>('inventory.pcsInService', async (keys, context) => {
  const byDate = new Map<string, string[]>();
  for (const key of keys) {
    const [entityId, date] = key.split('|') as [string, string];
    const ids = byDate.get(date);
    if (ids) ids.push(entityId);
    else byDate.set(date, [entityId]);
  }
  const counts = new Map<string, number>();
  for (const [date, entityIds] of byDate) {
    for (const [entityId, n] of await personalComputersInServiceOf(context, entityIds, new Date(`${date}T00:00:00Z`))) counts.set(`${entityId}|${date}`, n);
  }
  return keys.map((key) => counts.get(key) ?? 0);
});

/**
 * Personal computers (desktops and laptops) in service in a body at a date (default: today), from
 * the status history: the figure that drives half of the cost sharing (art. 13). Batched: all the
 * bodies asked in one request cost one query per date.
 */
export function countPersonalComputersInService(context: GeaContext, entityId: string, at: Date = new Date()): Promise<number> {
  return pcsInService(context).load(`${entityId}|${isoDate(at)}`);
}

/**
 * PCs in service at a date (default: today) in every body whose inventory the reader may see, by
 * body name: ONE statement whatever the number of bodies, with the reader's bodies and the module's
 * enablement as predicates in it. The same sums as countPersonalComputersInService (the yearly totals
 * of the years before the date's year, then that year day by day up to the date); a body without
 * any change counts 0. The planner joins by hash for many bodies and probes by key for a few.
 */
export function personalComputersInServicePerReadableBody(context: GeaContext, at: Date = new Date()): Promise<{ entityId: string; count: number }[]> {
  const date = isoDate(at);
  // On 31 December the yearly totals alone (see personalComputersInServiceOf).
  const changes = date.endsWith('-12-31')
    ? Prisma.sql`select "entityId", "delta" from "PcServiceYear" where "year" <= ${Number(date.slice(0, 4))}`
    : Prisma.sql`
        select "entityId", "delta" from "PcServiceYear"
        where "year" < extract(year from ${date}::date)::int
        union all
        select "entityId", "delta" from "PcServiceDelta"
        where "day" >= make_date(extract(year from ${date}::date)::int, 1, 1) and "day" <= ${date}::date`;
  return context.prisma.$queryRaw<{ entityId: string; count: number }[]>`
    select e."id"::text as "entityId", coalesce(totals."count", 0)::int as "count"
    from "Entity" e
    left join (
      -- summed per body before the join: one hashed total per body, not every change joined to its body
      select "entityId", sum("delta") as "count" from (${changes}) changes
      group by "entityId"
    ) totals on totals."entityId" = e."id"
    where ${scopes.readableEntitiesSql(context, Prisma.sql`e."id"`)}
    order by e."name", e."id"`;
}

/** The body of each asset that exists, by asset id (one query); unknown ids are left out. */
export async function bodiesOfAssets({ prisma }: Db, assetIds: readonly string[]): Promise<Map<string, string>> {
  if (assetIds.length === 0) return new Map();
  const rows = await prisma.asset.findMany({ where: { id: { in: [...assetIds] } }, select: { id: true, entityId: true } });
  return new Map(rows.map((row) => [row.id, row.entityId]));
}

/** The bodies each licence that exists is for, by licence id (one query); unknown ids are left out. */
export async function bodiesOfLicences({ prisma }: Db, licenceIds: readonly string[]): Promise<Map<string, string[]>> {
  if (licenceIds.length === 0) return new Map();
  const rows = await prisma.softwareLicence.findMany({
    where: { id: { in: [...licenceIds] } },
    select: { id: true, entities: { select: { entityId: true } } },
  });
  return new Map(rows.map((row) => [row.id, row.entities.map((e) => e.entityId)]));
}

/** Ids of the assets of some bodies, optionally of some kinds and in one status (demo data, reports). */
export async function assetIdsOfBodies(
  { prisma }: Db,
  entityIds: readonly string[],
  only: { kinds?: readonly AssetKind[]; status?: AssetStatus } = {},
): Promise<string[]> {
  const rows = await prisma.asset.findMany({
    where: {
      entityId: { in: [...entityIds] },
      ...(only.kinds ? { kind: { in: [...only.kinds] } } : {}),
      ...(only.status ? { status: only.status } : {}),
    },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/**
 * Records equipment another plugin's demo data needs (connectivity's routers at the town halls), in
 * service since `since`, with its status history as the inventory keeps it. For seeds: the screens
 * and the API record assets through the inventory's own mutations.
 */
export async function recordDemoAssets({ prisma }: Db, rows: readonly Prisma.AssetCreateManyInput[], since: Date): Promise<{ id: string; siteId: string | null }[]> {
  const assets = await prisma.asset.createManyAndReturn({ data: rows.map((row) => ({ ...row, status: 'IN_SERVICE' as const })), select: { id: true, siteId: true } });
  await prisma.assetStatusChange.createMany({ data: assets.map((asset) => ({ assetId: asset.id, status: 'IN_SERVICE' as const, effectiveOn: since })) });
  return assets;
}
