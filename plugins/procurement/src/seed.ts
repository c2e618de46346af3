import type { SeedContext } from '@gea/core';
import { assetIdsOfBodies, PERSONAL_COMPUTER_KINDS } from '@gea/plugin-inventory';
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
    const pcs = await assetIdsOfBodies({ prisma }, entityIds, { kinds: PERSONAL_COMPUTER_KINDS, status: 'IN_SERVICE' });
    await prisma.contractAsset.createMany({ data: pcs.map((assetId) => ({ contractId: maintenance.id, assetId })) });
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
  const year = await seedYearOfExpenses(prisma, associations.find((a) => a.kind === 'UNION'));
  log(`seeded 2 suppliers and ${contracts} contracts${year ? `, and ${year}` : ''}`);
}

/**
 * A full demo year for the union (the first association by name): expenses of the three plans,
 * grants, a project only some municipalities join (art. 13.4) and staff lent by one of them (art. 13.5).
 * Amounts are synthetic; plugins/cost-sharing/tests/cost-allocation-demo.test.ts checks the allocation by hand.
 */
export const DEMO_YEAR = 2026;
async function seedYearOfExpenses(prisma: SeedContext['prisma'], association: { id: string; name: string } | undefined) {
  if (!association) return null;
  const byName = async (name: string) => (await prisma.entity.findFirstOrThrow({ where: { name, kind: 'MUNICIPALITY' } })).id;
  const project = await prisma.project.create({
    data: {
      associationId: association.id,
      name: 'SUAP associato',
      cup: 'J51B26000010006',
      description: 'Sportello unico per le attività produttive in forma associata',
      participants: { createMany: { data: await Promise.all(['Pontassieve', 'Pelago', 'Rufina'].map(async (name) => ({ entityId: await byName(name) }))) } },
    },
  });
  const expense = (data: Omit<Parameters<typeof prisma.expense.create>[0]['data'], 'associationId' | 'year'>) =>
    prisma.expense.create({ data: { associationId: association.id, year: DEMO_YEAR, ...data } as never });
  await expense({ description: 'Rinnovo di 40 PC desktop', plan: 'PURCHASES', category: 'CAPITAL', amountCents: 2_800_000, vatCents: 616_000, orderReference: 'MePA ODA 7654321' });
  await expense({
    description: 'Piattaforma SUAP: licenze e avvio',
    plan: 'PURCHASES',
    category: 'CAPITAL',
    amountCents: 2_000_000,
    vatCents: 440_000,
    projectId: project.id,
    grants: { create: [{ source: 'REGIONAL', grantor: 'Regione Toscana', amountCents: 1_000_000, reference: 'Decreto 12345/2026' }] },
  });
  await expense({
    description: 'Protocollo informatico unico: canone annuo',
    plan: 'SOFTWARE_INTEGRATION',
    category: 'CURRENT',
    amountCents: 1_200_000,
    vatCents: 264_000,
    grants: { create: [{ source: 'NATIONAL', grantor: 'PNRR Misura 1.2', amountCents: 400_000 }] },
  });
  await expense({ description: 'Connettività SPC delle sedi', plan: 'RUNNING_SERVICES', category: 'CURRENT', amountCents: 960_000, vatCents: 211_200 });
  await expense({ description: 'Manutenzione e assistenza postazioni', plan: 'RUNNING_SERVICES', category: 'CURRENT', amountCents: 620_000, vatCents: 136_400 });
  await prisma.staffSecondment.create({
    data: {
      associationId: association.id,
      year: DEMO_YEAR,
      lendingEntityId: await byName('Pontassieve'),
      personName: 'Mario Rossi',
      role: 'Tecnico informatico',
      timeShareBasisPoints: 5000,
      costCents: 1_800_000,
    },
  });
  return `a ${DEMO_YEAR} of expenses for ${association.name}`;
}
