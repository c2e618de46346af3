// What the inventory plugin offers other plugins (cost sharing reads PCs in service from here,
// never from the Asset table).
import { defineLoader, type GeaContext } from '@gea/core';

export const PERSONAL_COMPUTER_KINDS = ['DESKTOP_PC', 'LAPTOP'] as const;

const pcsInService = defineLoader<string, number>('inventory.pcsInService', async (entityIds, context) => {
  const counts = await context.prisma.asset.groupBy({
    by: ['entityId'],
    where: { entityId: { in: [...entityIds] }, status: 'IN_SERVICE', kind: { in: [...PERSONAL_COMPUTER_KINDS] } },
    _count: { _all: true },
  });
  const byEntity = new Map(counts.map((row) => [row.entityId, row._count._all]));
  return entityIds.map((id) => byEntity.get(id) ?? 0);
});

/**
 * Personal computers (desktops and laptops) currently in service in a body: the figure that drives
 * half of the cost sharing (art. 13). Batched: all bodies asked in one request cost one query.
 */
export function countPersonalComputersInService(context: GeaContext, entityId: string): Promise<number> {
  return pcsInService(context).load(entityId);
}
