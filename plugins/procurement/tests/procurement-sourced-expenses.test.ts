import inventory from '@gea/plugin-inventory';
import procurement, { replaceSourcedExpenses } from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';

/** Expenses another module keeps (by sourceKey): replaced through the exported service, refused by hand. */
const t = useTestApi([inventory, procurement]);
let associationId: string;

const line = (key: string, amountCents: number) => ({
  sourceKey: `test:line:${key}:2026`,
  description: `Linea ${key}`,
  amountCents,
  vatCents: Math.round(amountCents * 0.22),
  contractId: null,
  plan: 'RUNNING_SERVICES' as const,
  category: 'CURRENT' as const,
});

beforeAll(async () => {
  const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Spese Fonte' } });
  await enableModules(t.db, [entity.id], ['inventory', 'procurement']);
  const association = await t.db.prisma.association.create({
    data: { kind: 'CONVENTION', name: 'Convenzione Spese Fonte', leadEntityId: entity.id, startDate: new Date('2020-01-01'), members: { create: { entityId: entity.id, joinedOn: new Date('2020-01-01') } } },
  });
  associationId = association.id;
});

describe('expenses kept by another module', () => {
  it('replaceSourcedExpenses creates, keeps unchanged rows untouched, updates, and deletes what is no longer listed', async () => {
    const replace = (expenses: ReturnType<typeof line>[]) =>
      t.db.prisma.$transaction((prisma) => replaceSourcedExpenses({ prisma }, { associationId, year: 2026, sourcePrefix: 'test:', expenses }));
    // A hand-made expense of the same year is never touched.
    await t.db.prisma.expense.create({ data: { associationId, year: 2026, description: 'A mano', plan: 'PURCHASES', category: 'CAPITAL', amountCents: 100 } });
    expect(await replace([line('a', 1000), line('b', 2000)])).toEqual({ created: 2, updated: 0, deleted: 0, unchanged: 0 });
    const first = await t.db.prisma.expense.findMany({ where: { sourceKey: { not: null } }, orderBy: { sourceKey: 'asc' } });
    expect(await replace([line('a', 1000), line('b', 2000)])).toEqual({ created: 0, updated: 0, deleted: 0, unchanged: 2 });
    const again = await t.db.prisma.expense.findMany({ where: { sourceKey: { not: null } }, orderBy: { sourceKey: 'asc' } });
    expect(again.map((e) => [e.id, e.version])).toEqual(first.map((e) => [e.id, e.version]));

    expect(await replace([line('a', 1500)])).toEqual({ created: 0, updated: 1, deleted: 1, unchanged: 0 });
    const rows = await t.db.prisma.expense.findMany({ where: { associationId, year: 2026 }, orderBy: { description: 'asc' } });
    expect(rows.map((e) => [e.description, Number(e.amountCents), e.sourceKey])).toEqual([
      ['A mano', 100, null],
      ['Linea a', 1500, 'test:line:a:2026'],
    ]);
    await expect(
      t.db.prisma.$transaction((prisma) => replaceSourcedExpenses({ prisma }, { associationId, year: 2027, sourcePrefix: 'test:', expenses: [line('a', 1)] })),
    ).rejects.toThrow(/another association or year/);
  });

  it('updateExpense and deleteExpense refuse an expense with a sourceKey, and change nothing', async () => {
    const kept = await t.db.prisma.expense.findUniqueOrThrow({ where: { sourceKey: 'test:line:a:2026' } });
    const id = toGlobalId('Expense', kept.id);
    const update = await t.api.gql(
      `mutation ($id: ID!, $v: Int!, $input: ExpenseInput!) { updateExpense(id: $id, expectedVersion: $v, input: $input) { __typename ... on ConflictError { message } } }`,
      { id, v: kept.version, input: { year: 2026, description: 'Cambiata', plan: 'RUNNING_SERVICES', category: 'CURRENT', amountCents: 1 } },
    );
    expect(update.body.data!.updateExpense.__typename).toBe('ConflictError');
    expect(update.body.data!.updateExpense.message).toContain('kept by the test module');
    const remove = await t.api.gql(`mutation ($id: ID!) { deleteExpense(id: $id) { __typename ... on MutationDeleteExpenseSuccess { data } ... on ConflictError { message } } }`, { id });
    expect(remove.body.errors).toBeUndefined();
    expect(remove.body.data!.deleteExpense.__typename).toBe('ConflictError');
    const after = await t.db.prisma.expense.findUniqueOrThrow({ where: { id: kept.id } });
    expect([after.description, after.version]).toEqual([kept.description, kept.version]);
  });
});
