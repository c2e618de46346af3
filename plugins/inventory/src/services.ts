// What the inventory plugin offers other plugins (cost sharing reads PCs in service from here,
// never from the Asset table).
import { defineLoader, type GeaContext } from '@gea/core';

export const PERSONAL_COMPUTER_KINDS = ['DESKTOP_PC', 'LAPTOP'] as const;

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Keys are `<entityId>|<YYYY-MM-DD>`. One query per distinct date in a request, whatever the number
 * of bodies: each PC's status at the date is its latest change effective on or before it.
 */
const pcsInService = defineLoader<string, number>('inventory.pcsInService', async (keys, context) => {
  const byDate = new Map<string, string[]>();
  for (const key of keys) {
    const [entityId, date] = key.split('|') as [string, string];
    byDate.set(date, [...(byDate.get(date) ?? []), entityId]);
  }
  const counts = new Map<string, number>();
  for (const [date, entityIds] of byDate) {
    const rows = await context.prisma.$queryRaw<{ entityId: string; n: number }[]>`
      select a."entityId"::text as "entityId", count(*)::int as n
      from "Asset" a
      join lateral (
        select s.status from "AssetStatusChange" s
        where s."assetId" = a.id and s."effectiveOn" <= ${date}::date
        order by s."effectiveOn" desc, s."recordedAt" desc
        limit 1
      ) latest on true
      where a."entityId" = any(${[...new Set(entityIds)]}::uuid[])
        and a.kind in ('DESKTOP_PC', 'LAPTOP')
        and latest.status = 'IN_SERVICE'
      group by a."entityId"`;
    for (const row of rows) counts.set(`${row.entityId}|${date}`, row.n);
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
