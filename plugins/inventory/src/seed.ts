import type { SeedContext } from '@gea/core';
import type { Prisma } from '@gea/db';

/** Synthetic demo equipment (not real data): a few PCs per thousand residents, plus printers and a server. */
export async function seedInventory({ prisma, log }: SeedContext): Promise<void> {
  const entities = await prisma.entity.findMany({
    where: { kind: { in: ['MUNICIPALITY', 'PROVINCE', 'UNION'] } },
    include: { populations: { orderBy: { referenceDate: 'desc' }, take: 1 }, sites: { take: 1, orderBy: { name: 'asc' } } },
    orderBy: { name: 'asc' },
  });
  const rows: Prisma.AssetCreateManyInput[] = [];
  for (const [index, entity] of entities.entries()) {
    const population = entity.populations[0]?.population ?? 5000;
    const pcs = Math.max(8, Math.round(population / 250));
    const prefix = (entity.cadastralCode ?? `E${index}`).trim();
    const siteId = entity.sites[0]?.id ?? null;
    for (let n = 1; n <= pcs; n++) {
      rows.push({
        entityId: entity.id,
        kind: n % 4 === 0 ? 'LAPTOP' : 'DESKTOP_PC',
        status: n % 17 === 0 ? 'RETIRED' : n % 23 === 0 ? 'UNDER_REPAIR' : 'IN_SERVICE',
        manufacturer: n % 3 === 0 ? 'Lenovo' : 'HP',
        model: n % 4 === 0 ? 'ThinkPad T14' : 'EliteDesk 800',
        inventoryTag: `${prefix}-PC-${String(n).padStart(4, '0')}`,
        purchaseDate: new Date(Date.UTC(2019 + (n % 6), n % 12, 1 + (n % 27))),
        priceCents: 65_000 + (n % 5) * 5_000,
        siteId,
        supplier: n % 2 === 0 ? 'Convenzione Consip PC Desktop' : 'MePA - fornitore locale',
        warrantyEnd: new Date(Date.UTC(2022 + (n % 6), n % 12, 1 + (n % 27))),
        assignedTo: n % 5 === 0 ? 'Ufficio anagrafe' : n % 5 === 1 ? 'Ufficio tecnico' : null,
      });
    }
    rows.push(
      { entityId: entity.id, kind: 'MULTIFUNCTION_PRINTER', manufacturer: 'Kyocera', inventoryTag: `${prefix}-MFP-0001`, priceCents: 240_000, siteId },
      { entityId: entity.id, kind: 'SERVER', manufacturer: 'Dell', model: 'PowerEdge R650', inventoryTag: `${prefix}-SRV-0001`, priceCents: 780_000, siteId },
    );
  }
  const assets = await prisma.asset.createManyAndReturn({ data: rows, select: { id: true, status: true, purchaseDate: true } });
  // History: in service from purchase; those retired or under repair changed status in mid-2025.
  const registered = new Date('2018-01-01');
  const changed = new Date('2025-06-30');
  await prisma.assetStatusChange.createMany({
    data: assets.flatMap((asset) => {
      const start = { assetId: asset.id, status: 'IN_SERVICE' as const, effectiveOn: asset.purchaseDate ?? registered };
      return asset.status === 'IN_SERVICE' ? [start] : [start, { assetId: asset.id, status: asset.status, effectiveOn: changed }];
    }),
  });
  log(`seeded ${rows.length} synthetic assets for ${entities.length} bodies, with their status history`);
}
