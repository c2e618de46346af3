import { actorFromGrants } from '@gea/core';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';

/**
 * The SQL statements of one costAllocation do not grow with the association's members: module
 * switches, the reader's bodies, PCs, populations and the bodies' rows are each read once for all
 * the bodies. Two associations of the same shape, of 3 and of 60 bodies (above the 50 where scopes
 * check module switches in one statement instead of body by body), cost the same statements.
 */
const t = useTestApi([inventory, procurement, costSharing]);
const YEAR = 2025;
const MODULES = ['inventory', 'procurement', 'cost-sharing'];

const QUERY = `query ($a: ID!, $year: Int!, $scenario: AllocationScenario) {
  costAllocation(association: $a, year: $year, scenario: $scenario) {
    __typename
    ... on CostAllocation {
      netTotalCents memberCount
      correctives { label bodyCount }
      projectPools { name cents }
      bodies {
        entity { id name } name pcs population populationDate populationFallback pcQuotaCents populationQuotaCents totalCents
        correctives { label amountCents } projects { name amountCents } staffReimbursementCents explanation(locale: EN)
      }
    }
    ... on InputError { issues { path message } }
  }
}`;

/** An association of `count` fresh bodies with a year of expenses, a project of some, lent staff and a corrective. */
async function association(count: number, prefix: string): Promise<{ gid: string; entityIds: string[] }> {
  const bodies = await seedBodies(t.db, count, 4, prefix);
  const entityIds = bodies.map((body) => body.id);
  await enableModules(t.db, entityIds, MODULES);
  const created = await t.db.prisma.association.create({
    data: {
      kind: 'CONVENTION',
      name: `Convenzione ${prefix}`,
      leadEntityId: entityIds[0]!,
      startDate: new Date('2020-01-01'),
      members: { create: entityIds.map((entityId) => ({ entityId, joinedOn: new Date('2020-01-01') })) },
    },
  });
  const project = await t.db.prisma.project.create({
    data: { associationId: created.id, name: `Progetto ${prefix}`, participants: { create: entityIds.filter((_, i) => i % 3 === 0).map((entityId) => ({ entityId })) } },
  });
  for (const [i, category] of (['CURRENT', 'CAPITAL', 'CAPITAL'] as const).entries()) {
    await t.db.prisma.expense.create({
      data: {
        associationId: created.id,
        year: YEAR,
        description: `Spesa ${i}`,
        plan: 'PURCHASES',
        category,
        amountCents: 1_000_000 + i * 12_345,
        vatCents: 220_000,
        projectId: i === 2 ? project.id : null,
        grants: i === 0 ? { create: { source: 'REGIONAL', grantor: 'Regione', amountCents: 100_000 } } : undefined,
      },
    });
  }
  await t.db.prisma.staffSecondment.create({
    data: { associationId: created.id, year: YEAR, lendingEntityId: entityIds[1]!, personName: 'Persona', timeShareBasisPoints: 5000, costCents: 180_000 },
  });
  await t.db.prisma.costSharingCorrective.create({
    data: { associationId: created.id, year: YEAR, position: 0, kind: 'MIN_SHARE', label: 'Minimo', basisPoints: 100, populationBelow: 1002 },
  });
  return { gid: toGlobalId('Association', created.id), entityIds };
}

let small: { gid: string; entityIds: string[] };
let large: { gid: string; entityIds: string[] };
beforeAll(async () => {
  small = await association(3, 'P');
  large = await association(60, 'Q');
});

const statementsOf = async (gid: string, actor = undefined as Parameters<typeof t.api.gql>[2], scenario?: Record<string, unknown>) => {
  const { result, statements } = await t.api.countStatements(() => t.api.gql(QUERY, { a: gid, year: YEAR, scenario }, actor));
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data!.costAllocation.__typename).toBe('CostAllocation');
  return { statements, allocation: result.body.data!.costAllocation };
};

describe('statements per costAllocation', () => {
  it('are as many for 60 bodies as for 3, and few', async () => {
    const few = await statementsOf(small.gid);
    const many = await statementsOf(large.gid);
    if (process.env.SHOW_STATEMENTS) console.log(few.statements.length, many.statements.length, many.statements.map((s) => s.slice(0, 200)).join('\n'));
    expect(few.allocation.bodies).toHaveLength(3);
    expect(many.allocation.bodies).toHaveLength(60);
    expect(many.statements.length).toBe(few.statements.length);
    expect(many.statements.length).toBeLessThanOrEqual(12);
  });

  it('read no body row when a line asks only for its body\'s id, and one statement for all when it asks for more', async () => {
    const ONLY_IDS = `query ($a: ID!, $year: Int!) { costAllocation(association: $a, year: $year) { ... on CostAllocation { bodies { entity { id } } } } }`;
    const WITH_NAMES = `query ($a: ID!, $year: Int!) { costAllocation(association: $a, year: $year) { ... on CostAllocation { bodies { entity { id name } } } } }`;
    const run = (query: string) => t.api.countStatements(() => t.api.gql(query, { a: large.gid, year: YEAR }));
    const ids = await run(ONLY_IDS);
    const names = await run(WITH_NAMES);
    const bodyRows = (statements: string[]) => statements.filter((sql) => /FROM "public"\."Entity"/.test(sql) && /"t0"\."name"/.test(sql));
    expect(bodyRows(ids.statements)).toHaveLength(0);
    expect(bodyRows(names.statements)).toHaveLength(1);
    expect(names.statements.length).toBe(ids.statements.length + 1);
    const listed = (result: typeof ids.result) => result.body.data!.costAllocation.bodies.map((line: { entity: { id: string } }) => line.entity.id);
    expect(listed(ids.result)).toEqual(listed(names.result));
    expect(new Set(listed(ids.result))).toEqual(new Set(large.entityIds.map((id) => toGlobalId('Entity', id))));
    const byId = new Map((await t.db.prisma.entity.findMany({ where: { id: { in: large.entityIds } } })).map((row) => [toGlobalId('Entity', row.id), row.name]));
    for (const line of names.result.body.data!.costAllocation.bodies as { entity: { id: string; name: string } }[]) expect(line.entity.name).toBe(byId.get(line.entity.id));
  });

  it('are as many for 60 bodies as for 3 in a scenario', async () => {
    const scenario = { pcWeightBasisPoints: 7000, correctives: [] };
    const few = await statementsOf(small.gid, undefined, scenario);
    const many = await statementsOf(large.gid, undefined, scenario);
    expect(many.statements.length).toBe(few.statements.length);
  });

  it('are as many for 60 bodies as for 3 for a referent, who sees their own body\'s line only', async () => {
    const referentOf = (entityId: string) =>
      actorFromGrants({ kind: 'user', id: null, label: 'referent' }, [
        { permission: 'cost-sharing:read', entityId },
        { permission: 'core:entities:read', entityId },
      ]);
    const few = await statementsOf(small.gid, referentOf(small.entityIds[2]!));
    const many = await statementsOf(large.gid, referentOf(large.entityIds[7]!));
    expect(few.allocation.bodies.map((b: { entity: { id: string } }) => b.entity.id)).toEqual([toGlobalId('Entity', small.entityIds[2]!)]);
    expect(many.allocation.bodies.map((b: { entity: { id: string } }) => b.entity.id)).toEqual([toGlobalId('Entity', large.entityIds[7]!)]);
    expect(many.allocation.memberCount).toBe(60);
    expect(many.statements.length).toBe(few.statements.length);
  });

  it('refuse with MODULE_DISABLED when cost sharing is off for every one of the 60 bodies, and not once it is on for one', async () => {
    const refused = async () => (await t.api.gql(QUERY, { a: large.gid, year: YEAR })).body.errors?.[0]?.extensions?.code;
    await t.db.prisma.moduleEnablement.updateMany({ where: { entityId: { in: large.entityIds }, moduleKey: 'cost-sharing' }, data: { enabled: false } });
    expect(await refused()).toBe('MODULE_DISABLED');
    await t.db.prisma.moduleEnablement.updateMany({ where: { entityId: large.entityIds[59]!, moduleKey: 'cost-sharing' }, data: { enabled: true } });
    expect(await refused()).toBeUndefined();
    await t.db.prisma.moduleEnablement.updateMany({ where: { entityId: { in: large.entityIds }, moduleKey: 'cost-sharing' }, data: { enabled: true } });
  });
});
