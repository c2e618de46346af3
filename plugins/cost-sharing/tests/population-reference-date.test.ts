import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';

/**
 * Art. 13: the allocation of year Y uses the resident population at 31 December of Y-1. Three bodies:
 * A has figures at 2024-12-31 and 2025-12-31 (and a later one, 2026-12-31, that 2026 must not use),
 * B only an older one (2023-12-31), C none at all.
 */
const t = useTestApi([inventory, procurement, costSharing]);
const MODULES = ['inventory', 'procurement', 'cost-sharing'];
const ids: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
let associationGid: string;

const ALLOCATION = `query ($a: ID!, $year: Int!, $scenario: AllocationScenario) {
  costAllocation(association: $a, year: $year, scenario: $scenario) {
    __typename
    ... on CostAllocation { scenario populationReferenceDate bodies { name population populationDate populationFallback explanation(locale: EN) } }
    ... on PopulationMissingError { code message englishMessage year referenceDate bodies { entity name latestEarlierDate } }
  }
}`;

const allocation = async (year: number, scenario?: Record<string, unknown>) => {
  const response = await t.api.gql(ALLOCATION, { a: associationGid, year, scenario });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.costAllocation;
};

beforeAll(async () => {
  const figures: Record<'A' | 'B' | 'C', [string, number][]> = {
    A: [['2024-12-31', 4000], ['2025-12-31', 4100], ['2026-12-31', 4200]],
    B: [['2023-12-31', 900]],
    C: [],
  };
  for (const key of ['A', 'B', 'C'] as const) {
    const entity = await t.db.prisma.entity.create({
      data: {
        kind: 'MUNICIPALITY',
        name: `Comune Popolazione ${key}`,
        populations: { create: figures[key].map(([day, population]) => ({ referenceDate: new Date(day), population })) },
      },
    });
    ids[key] = entity.id;
  }
  await enableModules(t.db, Object.values(ids), MODULES);
  const association = await t.db.prisma.association.create({
    data: {
      kind: 'CONVENTION',
      name: 'Convenzione Popolazione',
      leadEntityId: ids.A,
      startDate: new Date('2020-01-01'),
      members: { create: Object.values(ids).map((entityId) => ({ entityId, joinedOn: new Date('2020-01-01') })) },
    },
  });
  associationGid = toGlobalId('Association', association.id);
});

describe('population at 31 December of the previous year (art. 13)', () => {
  it('refuses an allocation whose members lack the figure, naming the bodies and the date, in Italian and English', async () => {
    const refused = await allocation(2026);
    expect(refused).toMatchObject({
      __typename: 'PopulationMissingError',
      code: 'POPULATION_MISSING',
      year: 2026,
      referenceDate: '2025-12-31',
      bodies: [
        { name: 'Comune Popolazione B', latestEarlierDate: '2023-12-31', entity: toGlobalId('Entity', ids.B) },
        { name: 'Comune Popolazione C', latestEarlierDate: null, entity: toGlobalId('Entity', ids.C) },
      ],
    });
    expect(refused.message).toContain('Manca la popolazione residente al 31 dicembre 2025 per: Comune Popolazione B, Comune Popolazione C');
    expect(refused.englishMessage).toContain('No resident population at 31 December 2025 for: Comune Popolazione B, Comune Popolazione C');
    // A body that has the figure is not named.
    expect(refused.message).not.toContain('Comune Popolazione A');
  });

  it('allocates once every member has the figure, using that date and not a later or earlier one', async () => {
    await t.db.prisma.entityPopulation.createMany({
      data: [
        { entityId: ids.B, referenceDate: new Date('2025-12-31'), population: 950 },
        { entityId: ids.C, referenceDate: new Date('2025-12-31'), population: 50 },
      ],
    });
    try {
      const result = await allocation(2026);
      expect(result.__typename).toBe('CostAllocation');
      expect(result.populationReferenceDate).toBe('2025-12-31');
      expect(result.bodies.map((b: any) => [b.name, b.population, b.populationDate, b.populationFallback])).toEqual([
        ['Comune Popolazione A', 4100, '2025-12-31', false],
        ['Comune Popolazione B', 950, '2025-12-31', false],
        ['Comune Popolazione C', 50, '2025-12-31', false],
      ]);
      expect(result.bodies[0].explanation[0]).toBe('Resident population at 31 December 2025: 4,100');
    } finally {
      await t.db.prisma.entityPopulation.deleteMany({ where: { entityId: { in: [ids.B, ids.C] }, referenceDate: new Date('2025-12-31') } });
    }
  });

  it('lets a scenario fall back to the latest earlier figure, saying which date it used per body', async () => {
    await t.db.prisma.entityPopulation.create({ data: { entityId: ids.C, referenceDate: new Date('2022-12-31'), population: 60 } });
    try {
      const result = await allocation(2026, { pcWeightBasisPoints: 5000 });
      expect(result.__typename).toBe('CostAllocation');
      expect(result.scenario).toBe(true);
      expect(result.bodies.map((b: any) => [b.name, b.population, b.populationDate, b.populationFallback])).toEqual([
        ['Comune Popolazione A', 4100, '2025-12-31', false],
        ['Comune Popolazione B', 900, '2023-12-31', true],
        ['Comune Popolazione C', 60, '2022-12-31', true],
      ]);
      expect(result.bodies[1].explanation[0]).toBe(
        'Resident population at 31 December 2023: 900 (simulation: no figure at 31 December 2025, the latest earlier one is used)',
      );
      // The same year without a scenario is still refused: the fallback is for simulations only.
      expect((await allocation(2026)).__typename).toBe('PopulationMissingError');
    } finally {
      await t.db.prisma.entityPopulation.deleteMany({ where: { entityId: ids.C } });
    }
  });

  it('refuses even a scenario for a body with no figure at all on or before the date', async () => {
    const refused = await allocation(2026, { pcWeightBasisPoints: 5000 });
    expect(refused.__typename).toBe('PopulationMissingError');
    expect(refused.bodies.map((b: any) => b.name)).toEqual(['Comune Popolazione C']);
  });

  it('refuses issuing a plan document without the figures, writing nothing', async () => {
    const issue = `mutation ($a: ID!) { issuePlanDocument(association: $a, year: 2026, plan: PURCHASES) {
      __typename ... on PopulationMissingError { referenceDate bodies { name } } } }`;
    const response = await t.api.gql(issue, { a: associationGid });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.issuePlanDocument).toEqual({
      __typename: 'PopulationMissingError',
      referenceDate: '2025-12-31',
      bodies: [{ name: 'Comune Popolazione B' }, { name: 'Comune Popolazione C' }],
    });
    expect(await t.db.prisma.planDocument.count()).toBe(0);
  });
});
