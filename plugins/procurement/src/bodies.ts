// The bodies procurement records concern, batched per request: the scope checks of lists read them.
import { defineLoader } from '@gea/core';

/** The bodies a contract serves, for many contracts in one query. */
export const contractBodies = defineLoader<string, string[]>('procurement.contractBodies', async (contractIds, context) => {
  const rows = await context.prisma.contractEntity.findMany({
    where: { contractId: { in: [...contractIds] } },
    select: { contractId: true, entityId: true },
  });
  return contractIds.map((id) => rows.filter((row) => row.contractId === id).map((row) => row.entityId));
});

/** Every body that ever belonged to an association: its office's costs concern them all. */
export const associationMembers = defineLoader<string, string[]>('procurement.associationMembers', async (associationIds, context) => {
  const rows = await context.prisma.associationMember.findMany({
    where: { associationId: { in: [...associationIds] } },
    select: { associationId: true, entityId: true },
  });
  return associationIds.map((id) => [...new Set(rows.filter((row) => row.associationId === id).map((row) => row.entityId))]);
});
