import {
  centsOf,
  ConflictError,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  perBuilder,
  save,
  StaleVersionError,
  versionDescription,
  type FieldIssue,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import { z } from 'zod';
import { associationMembers } from '../bodies.ts';
import { readOnAssociation, writeAll } from '../scopes.ts';
import { accountingYear, grantsIssue, money } from '../rules/expense.ts';
import { expenseCategoryEnum, expensePlanEnum } from './enums.ts';
import { expenseGrantInput } from './expense-grant.ts';

/** The filter of an association's expenses of a year. */
export const expenseFilterInput = perBuilder((builder) =>
  builder.inputType('ExpenseFilter', {
    fields: (t) => ({
      plan: t.field({ type: [expensePlanEnum(builder)], required: false }),
      category: t.field({ type: expenseCategoryEnum(builder), required: false }),
      projectId: t.globalID({ required: false, for: modelRef(builder, 'Project') }),
      contractId: t.globalID({ required: false, for: modelRef(builder, 'Contract') }),
    }),
  }),
);

const expenseInput = perBuilder((builder) =>
  builder.inputType('ExpenseInput', {
    fields: (t) => ({
      year: t.int({ required: true, validate: accountingYear }),
      description: t.string({ required: true, validate: z.string().trim().min(1).max(500) }),
      plan: t.field({ type: expensePlanEnum(builder), required: true }),
      category: t.field({ type: expenseCategoryEnum(builder), required: true }),
      amountCents: t.field({ type: 'Cents', required: true, validate: money, description: 'Taxable amount, euro cents.' }),
      vatCents: t.field({ type: 'Cents', required: false, validate: money, description: 'VAT, euro cents (default 0).' }),
      contractId: t.globalID({ required: false, for: modelRef(builder, 'Contract') }),
      orderReference: t.string({ required: false, validate: z.string().trim().min(1).max(200) }),
      projectId: t.globalID({ required: false, for: modelRef(builder, 'Project') }),
      grants: t.field({ type: [expenseGrantInput(builder)], required: false }),
    }),
  }),
);
type ExpenseInput = ReturnType<typeof expenseInput>['$inferInput'];

/** The grants, a project of the same association, a contract serving one of its bodies. */
async function checkExpense(context: GeaContext, associationId: string, input: ExpenseInput): Promise<void> {
  const issues: FieldIssue[] = [];
  const grants = grantsIssue(input);
  if (grants) issues.push(grants);
  if (input.projectId) {
    const project = await context.prisma.project.findUnique({ where: { id: input.projectId.id }, select: { associationId: true } });
    if (project?.associationId !== associationId) issues.push({ path: ['input', 'projectId'], message: 'is not a project of this association' });
  }
  if (input.contractId) {
    const members = await associationMembers(context).load(associationId);
    const served = await context.prisma.contractEntity.count({ where: { contractId: input.contractId.id, entityId: { in: members } } });
    if (served === 0) issues.push({ path: ['input', 'contractId'], message: 'is not a contract serving this association\'s bodies' });
  }
  if (issues.length > 0) throw new InputError(issues);
}

const expenseData = (input: ExpenseInput) => ({
  year: input.year,
  description: input.description.trim(),
  plan: input.plan,
  category: input.category,
  amountCents: input.amountCents,
  vatCents: input.vatCents ?? 0,
  contractId: input.contractId?.id ?? null,
  orderReference: input.orderReference?.trim() ?? null,
  projectId: input.projectId?.id ?? null,
});
const grantsData = (input: ExpenseInput) =>
  (input.grants ?? []).map((grant) => ({
    source: grant.source,
    grantor: grant.grantor.trim(),
    amountCents: grant.amountCents,
    reference: grant.reference?.trim() ?? null,
  }));

/** An expense another module keeps (connectivity's circuits) is changed there, never by hand. */
function refuseSourced(expense: { sourceKey: string | null }): void {
  if (expense.sourceKey) {
    const module = expense.sourceKey.split(':')[0];
    throw new ConflictError(`This expense is kept by the ${module} module (${expense.sourceKey}): change it there, it is recomputed when its costs are posted again`);
  }
}

export function addExpenseType(builder: GeaBuilder) {
  const Expense = builder.prismaNode('Expense', {
    description: 'A cost of the ICT office in a year, shared among the member bodies net of its grants (art. 13).',
    id: { field: 'id' },
    nullable: true,
    authScopes: (expense, context) => readOnAssociation(context, expense.associationId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      year: t.exposeInt('year'),
      description: t.exposeString('description'),
      plan: t.expose('plan', { type: expensePlanEnum(builder) }),
      category: t.expose('category', { type: expenseCategoryEnum(builder) }),
      amountCents: t.expose('amountCents', { type: 'Cents', description: 'Taxable amount, euro cents.' }),
      vatCents: t.expose('vatCents', { type: 'Cents', description: 'VAT, euro cents.' }),
      grossCents: t.field({
        type: 'Cents',
        description: 'Amount plus VAT: what the office spends.',
        select: { amountCents: true, vatCents: true },
        resolve: (expense) => centsOf(expense.amountCents) + centsOf(expense.vatCents),
      }),
      grantsCents: t.field({
        type: 'Cents',
        select: { grants: { select: { amountCents: true } } },
        resolve: (expense) => expense.grants.reduce((sum, grant) => sum + centsOf(grant.amountCents), 0),
      }),
      netCents: t.field({
        type: 'Cents',
        description: 'Gross minus grants: what the member bodies share.',
        select: { amountCents: true, vatCents: true, grants: { select: { amountCents: true } } },
        resolve: (expense) => centsOf(expense.amountCents) + centsOf(expense.vatCents) - expense.grants.reduce((sum, grant) => sum + centsOf(grant.amountCents), 0),
      }),
      contract: t.relation('contract', { nullable: true }),
      orderReference: t.exposeString('orderReference', { nullable: true }),
      project: t.relation('project', { nullable: true }),
      grants: t.relation('grants'),
    }),
  });

  const ExpenseInput = expenseInput(builder);
  builder.mutationFields((t) => ({
    createExpense: t.prismaField({
      type: Expense,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: writeAll,
      description: 'Records an expense of the office for a year, with the grants that cover part of it.',
      args: { associationId: t.arg.globalID({ required: true, for: modelRef(builder, 'Association') }), input: t.arg({ type: ExpenseInput, required: true }) },
      resolve: async (query, _root, { associationId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'Expense' };
        await checkExpense(context, associationId.id, input);
        return save({ missing: 'Association' }, () =>
          context.prisma.expense.create({
            ...query,
            data: { associationId: associationId.id, ...expenseData(input), grants: { createMany: { data: grantsData(input) } } },
          }),
        );
      },
    }),
    updateExpense: t.prismaField({
      type: Expense,
      errors: { types: [InputError, NotFoundError, ConflictError, StaleVersionError], directResult: true },
      authScopes: writeAll,
      description: 'Replaces an expense and its grants.',
      args: {
        id: t.arg.globalID({ required: true, for: Expense }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: ExpenseInput, required: true }),
      },
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'Expense',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.expense.findUnique({ where: { id: id.id }, include: { grants: true } }),
        });
        refuseSourced(before);
        await checkExpense(context, before.associationId, input);
        const after = await context.prisma.expense.update({
          ...query,
          where: { id: before.id },
          data: { ...expenseData(input), grants: { deleteMany: {}, createMany: { data: grantsData(input) } } },
        });
        context.audit = { ...context.audit, targetType: 'Expense', targetId: before.id, before, after: { ...expenseData(input), grants: grantsData(input) } };
        return after;
      },
    }),
    deleteExpense: t.field({
      type: 'ID',
      errors: { types: [NotFoundError, ConflictError, StaleVersionError] },
      authScopes: writeAll,
      description: 'Deletes an expense (issued documents keep what they said). Returns its id.',
      args: {
        id: t.arg.globalID({ required: true, for: Expense }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} Optional.` }),
      },
      resolve: async (_root, { id, expectedVersion }, context) => {
        const before = await lockForChange(context, {
          model: 'Expense',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.expense.findUnique({ where: { id: id.id }, include: { grants: true } }),
        });
        refuseSourced(before);
        await context.prisma.expense.delete({ where: { id: before.id } });
        context.audit = { ...context.audit, targetType: 'Expense', targetId: before.id, before };
        return Buffer.from(`Expense:${before.id}`).toString('base64');
      },
    }),
  }));
}
