import type { Database } from '@gea/db';

export const toGlobalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

/** Turns modules on for bodies (they are off until someone enables them). */
export async function enableModules(db: Database, entityIds: readonly string[], modules: readonly string[] = ['inventory']) {
  await db.prisma.moduleEnablement.createMany({
    data: entityIds.flatMap((entityId) => modules.map((moduleKey) => ({ entityId, moduleKey, enabled: true }))),
    skipDuplicates: true,
  });
}

/** Synthetic bodies with `assetsEach` assets, half of them PCs in service, and one population figure; inventory enabled. */
export async function seedBodies(db: Database, count: number, assetsEach: number, prefix = 'T') {
  const entities = [];
  for (let i = 0; i < count; i++) {
    const entity = await db.prisma.entity.create({
      data: {
        kind: 'MUNICIPALITY',
        name: `Comune ${prefix}${String(i).padStart(3, '0')}`,
        populations: { create: { referenceDate: new Date('2024-12-31'), population: 1000 + i } },
      },
    });
    entities.push(entity);
  }
  const assets = await db.prisma.asset.createManyAndReturn({
    data: entities.flatMap((entity, e) =>
      Array.from({ length: assetsEach }, (_, n) => ({
        entityId: entity.id,
        kind: n % 2 === 0 ? ('DESKTOP_PC' as const) : ('PRINTER' as const),
        inventoryTag: `${prefix}${e}-${n}`,
      })),
    ),
    select: { id: true },
  });
  await db.prisma.assetStatusChange.createMany({
    data: assets.map((asset) => ({ assetId: asset.id, status: 'IN_SERVICE' as const, effectiveOn: new Date('2020-01-01') })),
  });
  await enableModules(db, entities.map((entity) => entity.id));
  return entities;
}
