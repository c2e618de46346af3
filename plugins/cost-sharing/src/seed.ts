import type { SeedContext } from '@gea/core';

/** The demo year's rule for the union: the statute's 50/50, and one corrective for the smallest bodies. */
export async function seedCostSharing({ prisma, log }: SeedContext): Promise<void> {
  const union = await prisma.association.findFirst({ where: { kind: 'UNION' }, orderBy: { name: 'asc' } });
  if (!union) return;
  const year = 2026;
  await prisma.costSharingRule.create({ data: { associationId: union.id, year, pcWeightBasisPoints: 5000 } });
  await prisma.costSharingCorrective.create({
    data: {
      associationId: union.id,
      year,
      position: 0,
      kind: 'MAX_SHARE',
      label: 'Tetto 2,5% per i comuni sotto i 2.000 abitanti',
      basisPoints: 250,
      populationBelow: 2000,
    },
  });
  log(`seeded the ${year} cost-sharing rule of ${union.name} with one corrective`);
}
