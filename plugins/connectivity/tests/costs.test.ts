import connectivity from '@gea/plugin-connectivity';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import { circuitCostOfYear } from '../src/rules/circuit-costs.ts';

/**
 * Circuits' costs of 2026 posted as procurement expenses, then shared by cost sharing (art. 13).
 * Two member bodies A and B (PCs from the seed, populations at 31 December 2025), one outsider O.
 */
const t = useTestApi([inventory, procurement, costSharing, connectivity]);
const YEAR = 2026;
let A: string;
let B: string;
let O: string;
let associationGid: string;
let contractId: string;
const circuits: Record<'full' | 'half' | 'free' | 'outsider', string> = { full: '', half: '', free: '', outsider: '' };

const head = () => actorForRoles(t.api.composed, 'head', [{ role: 'ICT_HEAD', entityId: null }]);
const POST = `mutation ($a: ID!, $year: Int!) {
  postConnectivityCosts(associationId: $a, year: $year) {
    __typename
    ... on ConnectivityCostsPosted { expenseCount amountCents vatCents created updated deleted }
    ... on InputError { issues { path message } }
  }
}`;
const PREVIEW = `query ($a: ID!, $year: Int!, $contract: ID) {
  connectivityCostsOfYear(associationId: $a, year: $year, contractId: $contract) {
    cid entityName providerName contract daysInService amountCents vatCents grossCents
  }
}`;
const ALLOCATION = `query ($a: ID!) { costAllocation(association: $a, year: ${YEAR}) {
  __typename ... on CostAllocation { netTotalCents bodies { name totalCents } } } }`;

const gql = async (query: string, variables: Record<string, unknown> = {}, actor = head()) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
};

const sourced = () =>
  t.db.prisma.expense.findMany({ where: { sourceKey: { startsWith: 'connectivity:' } }, orderBy: { sourceKey: 'asc' } });

/** The expected cost of each circuit, from the rule itself (its own tests pin the arithmetic). */
async function expected() {
  const rows = await t.db.prisma.circuit.findMany({ where: { entityId: { in: [A, B] } } });
  return rows.map((row) => circuitCostOfYear(row, YEAR)).filter((cost) => cost.amountCents + cost.vatCents > 0n);
}

beforeAll(async () => {
  const [a, b, o] = await seedBodies(t.db, 3, 4, 'K');
  [A, B, O] = [a!.id, b!.id, o!.id];
  await enableModules(t.db, [A, B, O], ['procurement', 'cost-sharing', 'connectivity']);
  await t.db.prisma.entityPopulation.createMany({
    data: [
      { entityId: A, referenceDate: new Date('2025-12-31'), population: 3000 },
      { entityId: B, referenceDate: new Date('2025-12-31'), population: 1000 },
    ],
  });
  const association = await t.db.prisma.association.create({
    data: {
      kind: 'CONVENTION',
      name: 'Convenzione Rete',
      leadEntityId: A,
      startDate: new Date('2020-01-01'),
      members: { create: [A, B].map((entityId) => ({ entityId, joinedOn: new Date('2020-01-01') })) },
    },
  });
  associationGid = toGlobalId('Association', association.id);
  const supplier = await t.db.prisma.supplier.create({ data: { name: 'Operatore Rete' } });
  const provider = await t.db.prisma.connectivityProvider.create({ data: { supplierId: supplier.id, name: 'Operatore Rete' } });
  contractId = (
    await t.db.prisma.contract.create({
      data: {
        kind: 'SERVICES',
        subject: 'Connettività sedi',
        supplierId: supplier.id,
        contractingEntityId: A,
        startsOn: new Date('2024-01-01'),
        endsOn: new Date('2028-12-31'),
        valueCents: 10_000_000,
        entities: { create: [{ entityId: A }, { entityId: B }] },
      },
    })
  ).id;
  const circuit = async (cid: string, entityId: string, costs: Record<string, unknown>) =>
    (
      await t.db.prisma.circuit.create({
        data: {
          providerId: provider.id,
          cid,
          type: 'INTERNET',
          technology: 'FTTH_FTTB',
          status: 'ACTIVE',
          entityId,
          contractId,
          downloadKbps: 1_000_000,
          uploadKbps: 300_000,
          ...costs,
        },
      })
    ).id;
  circuits.full = await circuit('FULL-1', A, { monthlyCostCents: 10_000n, installedOn: new Date('2025-03-01') });
  circuits.half = await circuit('HALF-1', B, { yearlyCostCents: 36_500n, oneOffCostCents: 5_000n, installedOn: new Date('2026-07-01'), vatRateBasisPoints: 1000 });
  circuits.free = await circuit('FREE-1', B, {});
  circuits.outsider = await circuit('OUT-1', O, { monthlyCostCents: 99_999n });
});

describe('connectivity costs become expenses of the year and are shared (art. 13)', () => {
  it('previews each circuit of the member bodies, and a referent sees only their own', async () => {
    const lines = (await gql(PREVIEW, { a: associationGid, year: YEAR })).connectivityCostsOfYear;
    expect(lines.map((line: { cid: string }) => line.cid).sort()).toEqual(['FREE-1', 'FULL-1', 'HALF-1']);
    const full = lines.find((line: { cid: string }) => line.cid === 'FULL-1');
    expect(full).toMatchObject({ daysInService: 365, amountCents: 120_000, vatCents: 26_400, grossCents: 146_400, providerName: 'Operatore Rete' });
    expect(full.contract).toBe(toGlobalId('Contract', contractId));
    const half = lines.find((line: { cid: string }) => line.cid === 'HALF-1');
    // 36500 × 184/365 = 18400, plus the one-off 5000; VAT 10%.
    expect(half).toMatchObject({ daysInService: 184, amountCents: 23_400, vatCents: 2_340 });

    const referent = actorForRoles(t.api.composed, 'referent-b', [{ role: 'REFERENT', entityId: B }]);
    const own = (await gql(PREVIEW, { a: associationGid, year: YEAR }, referent)).connectivityCostsOfYear;
    expect(own.map((line: { cid: string }) => line.cid).sort()).toEqual(['FREE-1', 'HALF-1']);
    const bad = (await t.api.gql(PREVIEW, { a: associationGid, year: 1900 }, head())).body;
    expect(bad.errors?.[0]?.message).toContain('year');
  });

  it('posts one expense per circuit with a cost; the allocation includes them and the shares add up to the net total', async () => {
    const staff = actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]);
    const refused = await t.api.gql(POST, { a: associationGid, year: YEAR }, staff);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await sourced()).toHaveLength(0);

    const before = (await gql(ALLOCATION, { a: associationGid })).costAllocation;
    const costs = await expected();
    const amount = costs.reduce((sum, cost) => sum + Number(cost.amountCents), 0);
    const vat = costs.reduce((sum, cost) => sum + Number(cost.vatCents), 0);
    const posted = (await gql(POST, { a: associationGid, year: YEAR })).postConnectivityCosts;
    expect(posted).toEqual({ __typename: 'ConnectivityCostsPosted', expenseCount: 2, amountCents: amount, vatCents: vat, created: 2, updated: 0, deleted: 0 });

    const rows = await sourced();
    expect(rows.map((row) => row.sourceKey).sort()).toEqual([`connectivity:circuit:${circuits.full}:${YEAR}`, `connectivity:circuit:${circuits.half}:${YEAR}`].sort());
    for (const row of rows) expect(row).toMatchObject({ plan: 'RUNNING_SERVICES', category: 'CURRENT', contractId, year: YEAR });
    expect(rows.find((row) => row.sourceKey!.includes(circuits.half))!.description).toBe('Connettività 2026: circuito HALF-1 (Operatore Rete) per Comune K001');

    const after = (await gql(ALLOCATION, { a: associationGid })).costAllocation;
    expect(after.__typename).toBe('CostAllocation');
    expect(after.netTotalCents - before.netTotalCents).toBe(amount + vat);
    expect(after.bodies.reduce((sum: number, body: { totalCents: number }) => sum + body.totalCents, 0)).toBe(after.netTotalCents);
    // A has three times B's population and as many PCs: it pays more.
    const [first, second] = after.bodies;
    expect(first.totalCents).toBeGreaterThan(second.totalCents);
  });

  it('reposting changes nothing; a circuit made free or ended earlier is reflected; hand edits are refused in procurement', async () => {
    const first = await sourced();
    const again = (await gql(POST, { a: associationGid, year: YEAR })).postConnectivityCosts;
    expect(again).toMatchObject({ expenseCount: 2, created: 0, updated: 0, deleted: 0 });
    expect((await sourced()).map((row) => [row.id, row.version])).toEqual(first.map((row) => [row.id, row.version]));

    const kept = first[0]!;
    const edit = await gql(
      `mutation ($id: ID!, $v: Int!, $input: ExpenseInput!) { updateExpense(id: $id, expectedVersion: $v, input: $input) { __typename ... on ConflictError { message } } }`,
      { id: toGlobalId('Expense', kept.id), v: kept.version, input: { year: YEAR, description: 'A mano', plan: 'RUNNING_SERVICES', category: 'CURRENT', amountCents: 1 } },
    );
    expect(edit.updateExpense.__typename).toBe('ConflictError');
    expect(edit.updateExpense.message).toContain('connectivity module');

    await t.db.prisma.circuit.update({ where: { id: circuits.half }, data: { yearlyCostCents: 0n, oneOffCostCents: 0n } });
    await t.db.prisma.circuit.update({ where: { id: circuits.full }, data: { terminatedOn: new Date('2026-06-30'), status: 'DECOMMISSIONED' } });
    const changed = (await gql(POST, { a: associationGid, year: YEAR })).postConnectivityCosts;
    expect(changed).toMatchObject({ expenseCount: 1, created: 0, updated: 1, deleted: 1 });
    const [only] = await sourced();
    const [cost] = await expected();
    expect(Number(only!.amountCents)).toBe(Number(cost!.amountCents));
    expect(cost!.daysInService).toBe(181);
    // The posted total is what the allocation shares.
    const allocation = (await gql(ALLOCATION, { a: associationGid })).costAllocation;
    expect(allocation.bodies.reduce((sum: number, body: { totalCents: number }) => sum + body.totalCents, 0)).toBe(allocation.netTotalCents);
  });
});
