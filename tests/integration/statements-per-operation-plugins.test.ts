import inventory from '@gea/plugin-inventory';
import costSharing from '@gea/plugin-cost-sharing';
import procurement, { cigFor } from '@gea/plugin-procurement';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';

const t = useTestApi([inventory, procurement, costSharing]);

const nested = `{
  entities(first: 100) {
    edges { node {
      name
      assets(first: 10, sort: { field: INVENTORY_TAG }) {
        edges { node {
          inventoryTag
          maintenanceContract { subject supplier { name } entities { name } }
          software { version product { name } licence { seatsUsed entities { name } } }
        } }
      }
      contracts { cig coveredAssetCount }
      softwareLicences { reference }
    } }
  }
}`;
const lists = `{
  assets(first: 50, filter: { kind: [DESKTOP_PC], status: [IN_SERVICE] }, sort: { field: WARRANTY_END }) {
    edges { node { inventoryTag site { name } entity { name } maintenanceContract { cig } } }
  }
  contracts(first: 50) { edges { node { subject supplier { name } entities { name } contractingEntity { name } assets { inventoryTag } } } }
  softwareLicences(first: 50) { edges { node { seatsUsed product { name } entities { name } contracts { cig } } } }
}`;

let progressive = 1;
/** Per body: a maintenance contract covering its PCs, a licence for it, and an installation on each PC. */
async function addProcurement(entities: { id: string }[]) {
  await enableModules(t.db, entities.map((e) => e.id), ['procurement']);
  const supplier = await t.db.prisma.supplier.create({ data: { name: `Fornitore ${progressive}` } });
  const product = await t.db.prisma.softwareProduct.create({ data: { name: `Prodotto ${progressive}`, publisher: 'Demo' } });
  for (const entity of entities) {
    const contract = await t.db.prisma.contract.create({
      data: {
        kind: 'MAINTENANCE',
        subject: `Manutenzione ${progressive}`,
        supplierId: supplier.id,
        contractingEntityId: entity.id,
        cig: cigFor(progressive++),
        startsOn: new Date('2020-01-01'),
        endsOn: new Date('2099-12-31'),
        valueCents: 100_00,
        entities: { create: { entityId: entity.id } },
      },
    });
    const licence = await t.db.prisma.softwareLicence.create({
      data: { productId: product.id, kind: 'PERPETUAL', reference: `L${progressive}`, entities: { create: { entityId: entity.id } } },
    });
    await t.db.prisma.contractLicence.create({ data: { contractId: contract.id, licenceId: licence.id } });
    const pcs = await t.db.prisma.asset.findMany({ where: { entityId: entity.id, kind: 'DESKTOP_PC' }, select: { id: true } });
    await t.db.prisma.contractAsset.createMany({ data: pcs.map((pc) => ({ contractId: contract.id, assetId: pc.id })) });
    await t.db.prisma.softwareInstallation.createMany({
      data: pcs.map((pc) => ({ assetId: pc.id, productId: product.id, licenceId: licence.id, installedOn: new Date('2024-01-01') })),
    });
  }
}

async function statementsFor(query: string, variables: Record<string, unknown> = {}) {
  const { result, statements } = await t.api.countStatements(() => t.api.gql(query, variables));
  expect(result.body.errors).toBeUndefined();
  return { data: result.body.data!, statements };
}

describe('SQL statements per operation over inventory and procurement do not grow with the rows (no N+1)', () => {
  it('nested bodies -> assets -> maintenance contract, software and licences, and the three lists', async () => {
    await addProcurement(await seedBodies(t.db, 3, 6, 'P'));
    const smallNested = await statementsFor(nested);
    const smallLists = await statementsFor(lists);
    expect(smallNested.data.entities.edges).toHaveLength(3);

    await addProcurement(await seedBodies(t.db, 25, 6, 'Q'));
    const largeNested = await statementsFor(nested);
    const largeLists = await statementsFor(lists);
    expect(largeNested.data.entities.edges).toHaveLength(28);
    const firstAsset = largeNested.data.entities.edges[0].node.assets.edges[0].node;
    expect(firstAsset.maintenanceContract.subject).toMatch(/^Manutenzione/);
    expect(firstAsset.software[0].licence.seatsUsed).toBe(3);
    expect(largeLists.data.contracts.edges).toHaveLength(28);
    expect(largeLists.data.contracts.edges[0].node.assets).toHaveLength(3);

    expect(largeNested.statements.length).toBe(smallNested.statements.length);
    // The module-enablement check batches per tick: the three lists' rows arrive in one tick or in
    // several, so it costs one to three batches however many bodies there are (3 list queries, up to
    // 3 module batches, and the licences' and contracts' body lookups).
    expect(largeLists.statements.length).toBeLessThanOrEqual(smallLists.statements.length + 2);
    expect(largeLists.statements.length).toBeLessThanOrEqual(9);
  });
});

describe('costAllocation costs the same statements for 3 or 30 member bodies', () => {
  it('reads members, populations, PCs, expenses, rule and correctives in a fixed number of queries', async () => {
    const query = `query ($a: ID!) { costAllocation(association: $a, year: 2026) {
      ... on CostAllocation { netTotalCents bodies { name pcs population totalCents explanation } } } }`;
    const associationOf = async (prefix: string, count: number) => {
      const entities = await seedBodies(t.db, count, 4, prefix);
      await enableModules(t.db, entities.map((e) => e.id), ['procurement', 'cost-sharing']);
      // The 2026 allocation uses the population at 31 December 2025 (art. 13).
      await t.db.prisma.entityPopulation.createMany({ data: entities.map((e, i) => ({ entityId: e.id, referenceDate: new Date('2025-12-31'), population: 1000 + i })) });
      const association = await t.db.prisma.association.create({
        data: {
          kind: 'CONVENTION', name: `Convenzione ${prefix}`, leadEntityId: entities[0]!.id, startDate: new Date('2020-01-01'),
          members: { createMany: { data: entities.map((e) => ({ entityId: e.id, joinedOn: new Date('2020-01-01') })) } },
          expenses: { create: [{ year: 2026, description: 'Canone', plan: 'RUNNING_SERVICES', category: 'CURRENT', amountCents: 1_000_000, grants: { create: { source: 'NATIONAL', grantor: 'PNRR', amountCents: 1000 } } }] },
          costCorrectives: { create: { year: 2026, position: 0, kind: 'MAX_SHARE', label: 'Tetto', basisPoints: 5000, populationBelow: 100_000 } },
        },
      });
      return toGlobalId('Association', association.id);
    };
    const small = await associationOf('CA', 3);
    const large = await associationOf('CB', 30);
    const few = await statementsFor(query.replace('$a', '$a'), { a: small });
    const many = await statementsFor(query, { a: large });
    expect(few.data.costAllocation.bodies).toHaveLength(3);
    expect(many.data.costAllocation.bodies).toHaveLength(30);
    expect(many.data.costAllocation.bodies.reduce((s: number, b: { totalCents: number }) => s + b.totalCents, 0)).toBe(999_000);
    expect(many.statements.length).toBe(few.statements.length);
  });
});
