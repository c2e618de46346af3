import type { SeedContext } from '@gea/core';
import { cigFor } from './codes.ts';

/**
 * Synthetic demo contracts (not real data): a PC maintenance contract signed by each association's
 * lead body for its members, covering their PCs, and a connectivity services contract.
 */
export async function seedProcurement({ prisma, log }: SeedContext): Promise<void> {
  const [maintainer, carrier] = await prisma.supplier.createManyAndReturn({
    data: [
      { name: 'Assistenza Informatica Toscana S.r.l.', vatNumber: '01114601006', pecAddress: 'assistenza@pec.example.it' },
      { name: 'Rete Pubblica Connettività S.p.A.', vatNumber: '00488410010', pecAddress: 'rpc@pec.example.it' },
    ],
  });
  const associations = await prisma.association.findMany({ include: { members: { select: { entityId: true } } }, orderBy: { name: 'asc' } });
  let progressive = 4_120_001;
  let contracts = 0;
  for (const association of associations) {
    const entityIds = association.members.map((m) => m.entityId);
    if (entityIds.length === 0) continue;
    const maintenance = await prisma.contract.create({
      data: {
        kind: 'MAINTENANCE',
        subject: `Manutenzione e assistenza postazioni di lavoro - ${association.name}`,
        supplierId: maintainer!.id,
        contractingEntityId: association.leadEntityId,
        cig: cigFor(progressive++),
        mepaReference: 'MePA RDO 3456789',
        startsOn: new Date('2025-01-01'),
        endsOn: new Date('2027-12-31'),
        renewableUntil: new Date('2029-12-31'),
        valueCents: 18_500_000,
        entities: { createMany: { data: entityIds.map((entityId) => ({ entityId })) } },
      },
    });
    const pcs = await prisma.asset.findMany({
      where: { entityId: { in: entityIds }, kind: { in: ['DESKTOP_PC', 'LAPTOP'] }, status: 'IN_SERVICE' },
      select: { id: true },
    });
    await prisma.contractAsset.createMany({ data: pcs.map((pc) => ({ contractId: maintenance.id, assetId: pc.id })) });
    await prisma.contract.create({
      data: {
        kind: 'SERVICES',
        subject: `Connettività SPC delle sedi - ${association.name}`,
        supplierId: carrier!.id,
        contractingEntityId: association.leadEntityId,
        cig: cigFor(progressive++),
        mepaReference: 'Consip SPC2 - contratto esecutivo',
        startsOn: new Date('2023-07-01'),
        endsOn: new Date('2026-12-31'),
        valueCents: 9_600_000,
        entities: { createMany: { data: entityIds.map((entityId) => ({ entityId })) } },
      },
    });
    contracts += 2;
  }
  log(`seeded 2 suppliers and ${contracts} contracts`);
}
