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
      { entityId: entity.id, kind: 'MULTIFUNCTION_PRINTER', manufacturer: 'Kyocera', inventoryTag: `${prefix}-MFP-0001`, priceCents: 240_000, siteId, floor: 'Piano 1' },
      // Desk printers: the one on the MFP's floor shows up in renewal planning as replaceable.
      { entityId: entity.id, kind: 'PRINTER', manufacturer: 'Brother', model: 'HL-L2350', inventoryTag: `${prefix}-PRN-0001`, priceCents: 12_000, siteId, floor: 'Piano 1', assignedTo: 'Ufficio ragioneria' },
      { entityId: entity.id, kind: 'PRINTER', manufacturer: 'HP', model: 'LaserJet M110', inventoryTag: `${prefix}-PRN-0002`, priceCents: 11_000, siteId, floor: 'Piano 2', assignedTo: 'Ufficio tecnico' },
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
  // Software: an open-source suite everywhere, and a subscription shared by every body (art. 3.12).
  const [office, suite] = await prisma.softwareProduct.createManyAndReturn({
    data: [
      { name: 'LibreOffice', publisher: 'The Document Foundation', category: 'Produttività' },
      { name: 'Protocollo informatico', publisher: 'Fornitore demo', category: 'Gestionali' },
    ],
  });
  const shared = await prisma.softwareLicence.create({
    data: {
      productId: suite!.id,
      kind: 'SUBSCRIPTION',
      reference: 'Contratto di servizio 2025-2027',
      seats: entities.length * 4,
      validFrom: new Date('2025-01-01'),
      validUntil: new Date('2027-12-31'),
      entities: { createMany: { data: entities.map((entity) => ({ entityId: entity.id })) } },
    },
  });
  const pcs = await prisma.asset.findMany({
    where: { kind: { in: ['DESKTOP_PC', 'LAPTOP'] }, status: 'IN_SERVICE' },
    select: { id: true, entityId: true },
    orderBy: { inventoryTag: 'asc' },
  });
  const perBody = new Map<string, number>();
  const installations = pcs.flatMap((pc) => {
    const rank = (perBody.get(pc.entityId) ?? 0) + 1;
    perBody.set(pc.entityId, rank);
    const base = { assetId: pc.id, installedOn: new Date('2025-02-01') };
    return [
      { ...base, productId: office!.id, version: '24.8' },
      ...(rank <= 2 ? [{ ...base, productId: suite!.id, licenceId: shared.id }] : []),
    ];
  });
  await prisma.softwareInstallation.createMany({ data: installations });
  log(`seeded ${rows.length} synthetic assets for ${entities.length} bodies, with their status history, and ${installations.length} software installations`);
}
