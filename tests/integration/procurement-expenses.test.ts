import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory, procurement, costSharing]);
const MODULES = ['inventory', 'procurement', 'cost-sharing'];
let association: { id: string; gid: string };
let other: { gid: string; projectGid: string };
const bodies: { id: string; gid: string }[] = [];
let outsiderGid: string;

const CREATE_EXPENSE = `mutation ($a: ID!, $input: ExpenseInput!) {
  createExpense(associationId: $a, input: $input) {
    __typename
    ... on Expense { id grossCents grantsCents netCents grants { source grantor amountCents } }
    ... on InputError { issues { path message } }
  }
}`;
const ALLOCATION = `query ($a: ID!, $scenario: AllocationScenario) {
  costAllocation(association: $a, year: 2027, scenario: $scenario) {
    __typename
    ... on CostAllocation { netTotalCents bodies { name totalCents staffReimbursementCents projects { amountCents } correctives { amountCents } } }
    ... on InputError { issues { path message } }
  }
}`;

const gql = async (query: string, variables: Record<string, unknown> = {}, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
};

beforeAll(async () => {
  for (const [i, name] of ['Comune Spese A', 'Comune Spese B', 'Comune Spese C'].entries()) {
    const entity = await t.db.prisma.entity.create({
      data: { kind: 'MUNICIPALITY', name, istatCode: `09900${i}`, populations: { create: { referenceDate: new Date('2026-12-31'), population: 1000 * (i + 1) } } },
    });
    await enableModules(t.db, [entity.id], MODULES);
    bodies.push({ id: entity.id, gid: toGlobalId('Entity', entity.id) });
  }
  const outsider = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Fuori' } });
  await enableModules(t.db, [outsider.id], MODULES);
  outsiderGid = toGlobalId('Entity', outsider.id);
  const created = await t.db.prisma.association.create({
    data: {
      kind: 'CONVENTION',
      name: 'Convenzione Spese',
      leadEntityId: bodies[0]!.id,
      startDate: new Date('2020-01-01'),
      members: { create: bodies.map((b) => ({ entityId: b.id, joinedOn: new Date('2020-01-01') })) },
    },
  });
  association = { id: created.id, gid: toGlobalId('Association', created.id) };
  const second = await t.db.prisma.association.create({
    data: {
      kind: 'CONVENTION',
      name: 'Convenzione Altra',
      leadEntityId: outsider.id,
      startDate: new Date('2020-01-01'),
      members: { create: [{ entityId: outsider.id, joinedOn: new Date('2020-01-01') }] },
      projects: { create: { name: 'Progetto altrui', participants: { create: { entityId: outsider.id } } } },
    },
    include: { projects: true },
  });
  other = { gid: toGlobalId('Association', second.id), projectGid: toGlobalId('Project', second.projects[0]!.id) };
});

describe('expenses, grants, projects and lent staff, and the allocation they give', () => {
  it('refuses grants above the expense, a project of another association and a lender outside the association, writing nothing', async () => {
    const tooMuch = await gql(CREATE_EXPENSE, {
      a: association.gid,
      input: { year: 2027, description: 'Server', plan: 'PURCHASES', category: 'CAPITAL', amountCents: 100_000, vatCents: 22_000, grants: [{ source: 'REGIONAL', grantor: 'Regione', amountCents: 122_001 }] },
    });
    expect(tooMuch.createExpense.issues).toEqual([{ path: ['input', 'grants'], message: 'the grants (122001 cents) exceed the expense with VAT (122000 cents)' }]);
    const foreign = await gql(CREATE_EXPENSE, {
      a: association.gid,
      input: { year: 2027, description: 'Server', plan: 'PURCHASES', category: 'CAPITAL', amountCents: 100_000, projectId: other.projectGid },
    });
    expect(foreign.createExpense.issues).toEqual([{ path: ['input', 'projectId'], message: 'is not a project of this association' }]);
    const lender = await gql(
      `mutation ($a: ID!, $input: StaffSecondmentInput!) { createStaffSecondment(associationId: $a, input: $input) { __typename ... on InputError { issues { path message } } } }`,
      { a: association.gid, input: { year: 2027, lendingEntityId: outsiderGid, personName: 'Anna Bianchi', timeShareBasisPoints: 10_000, costCents: 3_000_000 } },
    );
    expect(lender.createStaffSecondment.issues).toEqual([{ path: ['input', 'lendingEntityId'], message: 'is not a member of the association in 2027' }]);
    expect(await t.db.prisma.expense.count()).toBe(0);
    expect(await t.db.prisma.staffSecondment.count()).toBe(0);
  });

  it('shares net expenses, project capital among participants and credits lent staff, adding up to the net total', async () => {
    const project = await gql(
      `mutation ($a: ID!, $input: ProjectInput!) { createProject(associationId: $a, input: $input) { ... on Project { id participantCount } ... on InputError { issues { message } } } }`,
      { a: association.gid, input: { name: 'Wi-Fi biblioteche', cup: 'J51B27000010006', participantIds: [bodies[0]!.gid, bodies[1]!.gid] } },
    );
    expect(project.createProject.participantCount).toBe(2);
    const general = await gql(CREATE_EXPENSE, {
      a: association.gid,
      input: { year: 2027, description: 'Canone gestionale', plan: 'RUNNING_SERVICES', category: 'CURRENT', amountCents: 1_000_000, vatCents: 220_000, grants: [{ source: 'NATIONAL', grantor: 'PNRR', amountCents: 220_000 }] },
    });
    expect(general.createExpense).toMatchObject({ grossCents: 1_220_000, grantsCents: 220_000, netCents: 1_000_000 });
    await gql(CREATE_EXPENSE, {
      a: association.gid,
      input: { year: 2027, description: 'Access point', plan: 'PURCHASES', category: 'CAPITAL', amountCents: 300_000, projectId: project.createProject.id },
    });
    await gql(
      `mutation ($a: ID!, $input: StaffSecondmentInput!) { createStaffSecondment(associationId: $a, input: $input) { __typename } }`,
      { a: association.gid, input: { year: 2027, lendingEntityId: bodies[2]!.gid, personName: 'Anna Bianchi', timeShareBasisPoints: 5_000, costCents: 600_000 } },
    );

    const result = (await gql(ALLOCATION, { a: association.gid })).costAllocation;
    // No PCs anywhere: the PC half goes by population too (explained to the reader). Populations 1,000/2,000/3,000.
    // General pool 1,000,000 + 600,000 staff = 1,600,000, two halves of 800,000, each by 1/6, 2/6, 3/6:
    // 133,333.33 / 266,666.67 / 400,000 -> the leftover cent to the larger remainder (B): 133,333 / 266,667 / 400,000.
    // Project 300,000 between A and B only -> 100,000 / 200,000. C is credited its 600,000.
    expect(result.netTotalCents).toBe(1_300_000);
    expect(result.bodies.map((b: any) => [b.name, b.totalCents])).toEqual([
      ['Comune Spese A', 2 * 133_333 + 100_000],
      ['Comune Spese B', 2 * 266_667 + 200_000],
      ['Comune Spese C', 800_000 - 600_000],
    ]);
    expect(result.bodies[2].projects).toEqual([]);
    expect(result.bodies[2].staffReimbursementCents).toBe(-600_000);

    // A scenario with a corrective and an extra expense changes nothing stored.
    const scenario = (
      await gql(ALLOCATION, {
        a: association.gid,
        scenario: {
          correctives: [{ kind: 'MAX_SHARE', label: 'Tetto 40%', basisPoints: 4000, entityIds: [bodies[2]!.gid] }],
          extraExpenses: [{ description: 'Ipotesi', category: 'CURRENT', grossCents: 400_000 }],
        },
      })
    ).costAllocation;
    expect(scenario.netTotalCents).toBe(1_700_000);
    expect(scenario.bodies.reduce((s: number, b: any) => s + b.totalCents, 0)).toBe(1_700_000);
    expect(scenario.bodies[2].correctives[0].amountCents).toBeLessThan(0);
    expect(await t.db.prisma.costSharingCorrective.count()).toBe(0);
  });

  it('splits totals above €21,474,836.47 (32-bit cents) exactly, to the cent', async () => {
    // Stored expenses of 1,300,000 net plus extra ones of 3 x €999,999,999.99: a national-scale total.
    const extra = [99_999_999_999, 99_999_999_999, 99_999_999_999].map((grossCents, i) => ({ description: `Accordo quadro ${i}`, category: 'CURRENT', grossCents, grantsCents: i }));
    const big = (
      await gql(ALLOCATION, {
        a: association.gid,
        scenario: { extraExpenses: extra, correctives: [{ kind: 'MAX_SHARE', label: 'Tetto 40%', basisPoints: 4000, entityIds: [bodies[2]!.gid] }] },
      })
    ).costAllocation;
    const expected = 1_300_000 + 3 * 99_999_999_999 - (0 + 1 + 2);
    expect(expected).toBeGreaterThan(2 ** 31);
    expect(big.netTotalCents).toBe(expected);
    expect(big.bodies.reduce((sum: number, body: { totalCents: number }) => sum + body.totalCents, 0)).toBe(expected);
    for (const body of big.bodies) expect(Number.isSafeInteger(body.totalCents)).toBe(true);
    expect(big.bodies[2].correctives[0].amountCents).toBeLessThan(-(2 ** 31));
  });

  it('refuses a corrective without what its kind needs, naming the field', async () => {
    const result = await gql(ALLOCATION, {
      a: association.gid,
      scenario: { correctives: [{ kind: 'MIN_SHARE', label: 'Minimo', populationBelow: 2000 }] },
    });
    expect(result.costAllocation.issues).toEqual([{ path: ['scenario', 'correctives', '0', 'basisPoints'], message: 'is needed for MIN_SHARE' }]);
  });

  it('lets a referent read their body\'s line and the expenses, and change nothing; hides lent staff of other bodies', async () => {
    const referentA = actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: bodies[0]!.id }]);
    const seen = await gql(
      `query ($a: ID!) { node(id: $a) { ... on Association { expenses(year: 2027) { description netCents } staffSecondments(year: 2027) { personName } } } }`,
      { a: association.gid },
      referentA,
    );
    expect(seen.node.expenses.map((e: any) => e.description).sort()).toEqual(['Access point', 'Canone gestionale']);
    expect(seen.node.staffSecondments).toEqual([]);
    const allocation = (await gql(ALLOCATION, { a: association.gid }, referentA)).costAllocation;
    expect(allocation.bodies.map((b: any) => b.name)).toEqual(['Comune Spese A']);
    const write = await t.api.gql(CREATE_EXPENSE, { a: association.gid, input: { year: 2027, description: 'X', plan: 'PURCHASES', category: 'CURRENT', amountCents: 1 } }, referentA);
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const outsider = actorForRoles(t.api.composed, 'outsider', [{ role: 'REFERENT', entityId: (await t.db.prisma.entity.findFirstOrThrow({ where: { name: 'Comune Fuori' } })).id }]);
    const refused = await t.api.gql(ALLOCATION, { a: association.gid }, outsider);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused.body)).not.toContain('Comune Spese');
  });

  it('stores the rule and correctives, audited, and refuses a rule the data cannot satisfy as a whole', async () => {
    const set = `mutation ($a: ID!, $c: [CorrectiveInput!]) { setCostSharingRule(association: $a, year: 2027, pcWeightBasisPoints: 5000, correctives: $c) {
      __typename ... on CostAllocation { bodies { name correctives { label amountCents } } } ... on InputError { issues { path message } } } }`;
    const ok = await gql(set, { a: association.gid, c: [{ kind: 'MIN_POPULATION', label: 'Almeno 2.500 abitanti', minimumPopulation: 2500, populationBelow: 2500 }] });
    expect(ok.setCostSharingRule.bodies[0].correctives[0].label).toBe('Almeno 2.500 abitanti');
    expect(await t.db.prisma.costSharingCorrective.count()).toBe(1);
    expect(await t.db.prisma.auditEvent.count({ where: { operation: 'setCostSharingRule', outcome: 'SUCCESS' } })).toBe(1);

    // Floors over 100% cannot be met: refused, and the stored correctives stay as they were.
    const impossible = await gql(set, {
      a: association.gid,
      c: [{ kind: 'MIN_SHARE', label: 'Minimo 60%', basisPoints: 6000, entityIds: [bodies[0]!.gid, bodies[1]!.gid] }],
    });
    expect(impossible.setCostSharingRule.__typename).toBe('InputError');
    expect((await t.db.prisma.costSharingCorrective.findMany()).map((c) => c.label)).toEqual(['Almeno 2.500 abitanti']);
  });
});
