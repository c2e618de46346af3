import inventory from '@gea/plugin-inventory';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory]);
let body: { id: string; gid: string };
let other: { id: string; gid: string };

const PLAN = `query ($id: ID!, $criteria: RenewalCriteria) {
  node(id: $id) {
    ... on Entity {
      renewalPlan(criteria: $criteria) {
        at
        pastAge { inventoryTag }
        warrantyEnding { inventoryTag }
        replaceablePrinters { printer { inventoryTag } multifunctionPrinter { inventoryTag } }
        assetsToRenew
        replacementValueCents
      }
    }
  }
}`;

beforeAll(async () => {
  const entity = await t.db.prisma.entity.create({
    data: { kind: 'MUNICIPALITY', name: 'Comune Rinnovi', sites: { create: [{ name: 'Municipio', address: 'Piazza 1' }, { name: 'Biblioteca', address: 'Via 2' }] } },
    include: { sites: { orderBy: { name: 'asc' } } },
  });
  const [library, townHall] = entity.sites;
  const second = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Vicino' } });
  await enableModules(t.db, [entity.id, second.id]);
  body = { id: entity.id, gid: toGlobalId('Entity', entity.id) };
  other = { id: second.id, gid: toGlobalId('Entity', second.id) };
  const asset = (tag: string, kind: string, extra: Record<string, unknown> = {}) => ({
    entityId: entity.id,
    inventoryTag: tag,
    kind: kind as never,
    status: 'IN_SERVICE' as const,
    ...extra,
  });
  await t.db.prisma.asset.createMany({
    data: [
      asset('OLD-PC', 'DESKTOP_PC', { purchaseDate: new Date('2019-03-01'), warrantyEnd: new Date('2022-03-01'), priceCents: 70_000 }),
      asset('NEW-PC', 'DESKTOP_PC', { purchaseDate: new Date('2024-03-01'), warrantyEnd: new Date('2026-02-15'), priceCents: 80_000 }),
      asset('OLD-SRV', 'SERVER', { purchaseDate: new Date('2019-03-01'), warrantyEnd: new Date('2027-03-01'), priceCents: 500_000 }),
      asset('RETIRED-PC', 'DESKTOP_PC', { purchaseDate: new Date('2010-01-01'), status: 'RETIRED' }),
      asset('MFP-1', 'MULTIFUNCTION_PRINTER', { siteId: townHall!.id, floor: 'Piano 1', purchaseDate: new Date('2024-01-01') }),
      asset('PRN-SAME-FLOOR', 'PRINTER', { siteId: townHall!.id, floor: ' piano 1 ', purchaseDate: new Date('2024-01-01') }),
      asset('PRN-OTHER-FLOOR', 'PRINTER', { siteId: townHall!.id, floor: 'Piano 2', purchaseDate: new Date('2024-01-01') }),
      asset('PRN-OTHER-SITE', 'PRINTER', { siteId: library!.id, floor: 'Piano 1', purchaseDate: new Date('2024-01-01') }),
    ],
  });
});

const plan = async (criteria: Record<string, unknown>, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(PLAN, { id: body.gid, criteria }, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.node.renewalPlan;
};
const tags = (list: { inventoryTag: string }[]) => list.map((a) => a.inventoryTag);

describe('renewal planning (art. 2)', () => {
  it('lists equipment in use past its age or warranty at a date, with per-kind ages', async () => {
    const fiveYears = await plan({ at: '2026-01-31' });
    expect(tags(fiveYears.pastAge)).toEqual(['OLD-PC', 'OLD-SRV']);
    expect(tags(fiveYears.warrantyEnding)).toEqual(['OLD-PC']);
    expect(fiveYears.assetsToRenew).toBe(2);
    expect(fiveYears.replacementValueCents).toBe(570_000);

    const serversLast = await plan({ at: '2026-01-31', ages: [{ kind: 'SERVER', years: 8 }], warrantyWithinDays: 30 });
    expect(tags(serversLast.pastAge)).toEqual(['OLD-PC']);
    expect(tags(serversLast.warrantyEnding)).toEqual(['OLD-PC', 'NEW-PC']);
    expect(serversLast.assetsToRenew).toBe(2);

    // Earlier, nothing was old enough.
    expect(tags((await plan({ at: '2023-01-01' })).pastAge)).toEqual([]);
  });

  it('pairs personal printers with the multifunction printer on the same floor of the same site', async () => {
    const result = await plan({});
    expect(result.replaceablePrinters).toEqual([
      { printer: { inventoryTag: 'PRN-SAME-FLOOR' }, multifunctionPrinter: { inventoryTag: 'MFP-1' } },
    ]);
  });

  it('refuses bad criteria with the field named', async () => {
    const response = await t.api.gql(PLAN, { id: body.gid, criteria: { maxAgeYears: 0 } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives a referent their own body\'s plan only, and the all-bodies list costs the same statements for 3 or 30 bodies', async () => {
    const referent = actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: other.id }]);
    const refused = await t.api.gql(PLAN, { id: body.gid, criteria: {} }, referent);
    expect(refused.body.data?.node?.renewalPlan ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await t.api.gql('{ renewalPlans { entity { name } } }', {}, referent);
    expect(list.body.data!.renewalPlans).toEqual([]);

    const all = '{ renewalPlans(criteria: { at: "2030-01-01", maxAgeYears: 1 }) { entity { name } pastAge { inventoryTag } } }';
    const dated = () => t.db.prisma.asset.updateMany({ where: { purchaseDate: null }, data: { purchaseDate: new Date('2020-01-01') } });
    await seedBodies(t.db, 3, 2, 'R');
    await dated();
    const few = await t.api.countStatements(() => t.api.gql(all));
    await seedBodies(t.db, 27, 2, 'S');
    await dated();
    const many = await t.api.countStatements(() => t.api.gql(all));
    expect(many.result.body.data!.renewalPlans.length).toBeGreaterThan(few.result.body.data!.renewalPlans.length);
    expect(many.statements.length).toBe(few.statements.length);
  });
});
