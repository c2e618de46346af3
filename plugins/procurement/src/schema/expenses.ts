import {
  coreRefs,
  defineLoader,
  InputError,
  NotFoundError,
  ConflictError,
  prismaErrorCode,
  readableEntitiesWhere,
  type FieldIssue,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import { ExpenseCategory as ExpenseCategories, ExpensePlan as ExpensePlans, GrantSource as GrantSources, type Prisma } from '@gea/db';
import { z } from 'zod';
import { isValidCup } from '../codes.ts';
import type { addContractSchema } from './contracts.ts';
import { registerProcurementRefs } from './refs.ts';

/** Every body that ever belonged to an association: its office's costs concern them all. */
const associationMembers = defineLoader<string, string[]>('procurement.associationMembers', async (associationIds, context) => {
  const rows = await context.prisma.associationMember.findMany({
    where: { associationId: { in: [...associationIds] } },
    select: { associationId: true, entityId: true },
  });
  return associationIds.map((id) => [...new Set(rows.filter((row) => row.associationId === id).map((row) => row.entityId))]);
});

/**
 * Bodies that are members at some point of a year: they share that year's costs. A union itself is
 * left out: it holds the office whose costs its municipalities share (art. 13), it does not pay a quota.
 */
export async function membersDuringYear(context: GeaContext, associationId: string, year: number): Promise<string[]> {
  const rows = await context.prisma.associationMember.findMany({
    where: {
      associationId,
      entity: { kind: { not: 'UNION' } },
      joinedOn: { lte: new Date(`${year}-12-31`) },
      OR: [{ leftOn: null }, { leftOn: { gte: new Date(`${year}-01-01`) } }],
    },
    select: { entityId: true },
  });
  return [...new Set(rows.map((row) => row.entityId))];
}

/** Readable by whoever reads procurement for at least one member body (each pays a share). */
export const readOnAssociation = async (context: GeaContext, associationId: string) => ({
  someEntityPermission: { permission: 'procurement:read', entityIds: await associationMembers(context).load(associationId) },
});

const money = z.number().int().min(0).max(1_000_000_000_00);
const MAX_YEAR = 2100;
const year = z.number().int().min(2000).max(MAX_YEAR);

type LoadedEntity = Prisma.EntityGetPayload<object>;

export function addExpenseSchema(builder: GeaBuilder, { Contract }: ReturnType<typeof addContractSchema>) {
  const { Entity, Association } = coreRefs(builder);
  const ExpenseCategory = builder.enumType(ExpenseCategories, { name: 'ExpenseCategory' });
  const ExpensePlan = builder.enumType(ExpensePlans, { name: 'ExpensePlan' });
  const GrantSource = builder.enumType(GrantSources, { name: 'GrantSource' });

  const Project = builder.prismaNode('Project', {
    description: 'An investment project some member bodies join (art. 13.4): its capital expenses are theirs alone.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (project, context) => readOnAssociation(context, project.associationId),
    fields: (t) => ({
      name: t.exposeString('name'),
      cup: t.exposeString('cup', { nullable: true, description: 'Codice Unico di Progetto.' }),
      description: t.exposeString('description', { nullable: true }),
      participants: t.field({
        type: [Entity],
        description: 'The bodies that joined it, among those the reader may see.',
        select: (_args, context, nestedSelection) => ({
          participants: {
            where: { entity: readableEntitiesWhere(context, 'core:entities:read') },
            select: { entity: nestedSelection(true) },
            orderBy: { entity: { name: 'asc' } },
          },
        }),
        resolve: (project) =>
          (project as unknown as { participants: { entity: LoadedEntity }[] }).participants.map((row) => row.entity),
      }),
      participantCount: t.relationCount('participants'),
      expenses: t.relation('expenses', { query: { orderBy: [{ year: 'desc' }, { id: 'asc' }] } }),
    }),
  });

  const Grant = builder.prismaObject('ExpenseGrant', {
    description: 'A contribution obtained for an expense: the expense is shared net of it (art. 13.2).',
    select: { expense: { select: { associationId: true } } },
    authScopes: (grant, context) => readOnAssociation(context, grant.expense.associationId),
    fields: (t) => ({
      source: t.expose('source', { type: GrantSource }),
      grantor: t.exposeString('grantor'),
      amountCents: t.exposeInt('amountCents'),
      reference: t.exposeString('reference', { nullable: true }),
    }),
  });

  const Expense = builder.prismaNode('Expense', {
    description: 'A cost of the ICT office in a year, shared among the member bodies net of its grants (art. 13).',
    id: { field: 'id' },
    nullable: true,
    authScopes: (expense, context) => readOnAssociation(context, expense.associationId),
    fields: (t) => ({
      year: t.exposeInt('year'),
      description: t.exposeString('description'),
      plan: t.expose('plan', { type: ExpensePlan }),
      category: t.expose('category', { type: ExpenseCategory }),
      amountCents: t.exposeInt('amountCents', { description: 'Taxable amount, euro cents.' }),
      vatCents: t.exposeInt('vatCents', { description: 'VAT, euro cents.' }),
      grossCents: t.int({
        description: 'Amount plus VAT: what the office spends.',
        select: { amountCents: true, vatCents: true },
        resolve: (expense) => expense.amountCents + expense.vatCents,
      }),
      grantsCents: t.int({
        select: { grants: { select: { amountCents: true } } },
        resolve: (expense) => expense.grants.reduce((sum, grant) => sum + grant.amountCents, 0),
      }),
      netCents: t.int({
        description: 'Gross minus grants: what the member bodies share.',
        select: { amountCents: true, vatCents: true, grants: { select: { amountCents: true } } },
        resolve: (expense) => expense.amountCents + expense.vatCents - expense.grants.reduce((sum, grant) => sum + grant.amountCents, 0),
      }),
      contract: t.relation('contract', { nullable: true }),
      orderReference: t.exposeString('orderReference', { nullable: true }),
      project: t.relation('project', { nullable: true }),
      grants: t.relation('grants', { type: Grant }),
    }),
  });

  const StaffSecondment = builder.prismaNode('StaffSecondment', {
    description: 'Staff a member body assigns to the ICT office in a year; its cost is reimbursed in full (art. 13.5).',
    id: { field: 'id' },
    nullable: true,
    // Names and costs of people: only for those who read the lending body's procurement.
    authScopes: (row) => ({ entityPermission: { permission: 'procurement:read', entityId: row.lendingEntityId } }),
    fields: (t) => ({
      year: t.exposeInt('year'),
      lendingEntity: t.relation('lendingEntity'),
      personName: t.exposeString('personName'),
      role: t.exposeString('role', { nullable: true }),
      timeShareBasisPoints: t.exposeInt('timeShareBasisPoints', { description: 'Share of working time, 10000 = full time.' }),
      costCents: t.exposeInt('costCents'),
    }),
  });

  const ExpenseFilter = builder.inputType('ExpenseFilter', {
    fields: (t) => ({
      plan: t.field({ type: [ExpensePlan], required: false }),
      category: t.field({ type: ExpenseCategory, required: false }),
      projectId: t.globalID({ required: false, for: Project }),
      contractId: t.globalID({ required: false, for: Contract }),
    }),
  });

  builder.prismaObjectFields('Association', (t) => ({
    expenses: t.relation('expenses', {
      description: 'The office\'s expenses of a year, by plan and description.',
      authScopes: (association, _args, context) => readOnAssociation(context, association.id),
      args: { year: t.arg.int({ required: true }), filter: t.arg({ type: ExpenseFilter, required: false }) },
      query: (args) => ({
        where: {
          year: args.year,
          ...(args.filter?.plan?.length ? { plan: { in: args.filter.plan } } : {}),
          ...(args.filter?.category ? { category: args.filter.category } : {}),
          ...(args.filter?.projectId ? { projectId: args.filter.projectId.id } : {}),
          ...(args.filter?.contractId ? { contractId: args.filter.contractId.id } : {}),
        },
        orderBy: [{ plan: 'asc' }, { description: 'asc' }, { id: 'asc' }],
      }),
    }),
    projects: t.relation('projects', {
      authScopes: (association, _args, context) => readOnAssociation(context, association.id),
      query: { orderBy: { name: 'asc' } },
    }),
    staffSecondments: t.relation('staffSecondments', {
      description: 'Staff lent to the office in a year, for the bodies whose procurement the reader may see.',
      authScopes: (association, _args, context) => readOnAssociation(context, association.id),
      args: { year: t.arg.int({ required: true }) },
      query: (args, context) => ({
        where: { year: args.year, lendingEntity: readableEntitiesWhere(context, 'procurement:read') },
        orderBy: [{ personName: 'asc' }, { id: 'asc' }],
      }),
    }),
  }));

  const GrantInput = builder.inputType('ExpenseGrantInput', {
    fields: (t) => ({
      source: t.field({ type: GrantSource, required: true }),
      grantor: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      amountCents: t.int({ required: true, validate: z.number().int().min(1).max(1_000_000_000_00) }),
      reference: t.string({ required: false, validate: z.string().trim().min(1).max(200) }),
    }),
  });
  const ExpenseInput = builder.inputType('ExpenseInput', {
    fields: (t) => ({
      year: t.int({ required: true, validate: year }),
      description: t.string({ required: true, validate: z.string().trim().min(1).max(500) }),
      plan: t.field({ type: ExpensePlan, required: true }),
      category: t.field({ type: ExpenseCategory, required: true }),
      amountCents: t.int({ required: true, validate: money, description: 'Taxable amount, euro cents.' }),
      vatCents: t.int({ required: false, validate: money, description: 'VAT, euro cents (default 0).' }),
      contractId: t.globalID({ required: false, for: Contract }),
      orderReference: t.string({ required: false, validate: z.string().trim().min(1).max(200) }),
      projectId: t.globalID({ required: false, for: Project }),
      grants: t.field({ type: [GrantInput], required: false }),
    }),
  });
  type Input = {
    year: number;
    description: string;
    plan: ExpensePlans;
    category: ExpenseCategories;
    amountCents: number;
    vatCents?: number | null;
    contractId?: { id: string } | null;
    orderReference?: string | null;
    projectId?: { id: string } | null;
    grants?: { source: GrantSources; grantor: string; amountCents: number; reference?: string | null }[] | null;
  };
  const checkExpense = async (context: GeaContext, associationId: string, input: Input) => {
    const issues: FieldIssue[] = [];
    const gross = input.amountCents + (input.vatCents ?? 0);
    const grants = (input.grants ?? []).reduce((sum, grant) => sum + grant.amountCents, 0);
    if (grants > gross) issues.push({ path: ['input', 'grants'], message: `the grants (${grants} cents) exceed the expense with VAT (${gross} cents)` });
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
  };
  const expenseData = (input: Input) => ({
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
  const grantsData = (input: Input) =>
    (input.grants ?? []).map((grant) => ({
      source: grant.source,
      grantor: grant.grantor.trim(),
      amountCents: grant.amountCents,
      reference: grant.reference?.trim() ?? null,
    }));

  const ProjectInput = builder.inputType('ProjectInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      cup: t.string({
        required: false,
        validate: z.string().trim().toUpperCase().refine(isValidCup, { message: 'is not a valid CUP (15 characters: letter, 2 digits, letter, 11 digits)', params: { code: 'INVALID_CUP' } }),
      }),
      description: t.string({ required: false, validate: z.string().trim().max(2000) }),
      participantIds: t.globalIDList({ required: true, for: Entity, description: 'Member bodies that join it: at least one.' }),
    }),
  });
  type ProjectArgs = { name: string; cup?: string | null; description?: string | null; participantIds: { id: string }[] };
  const checkParticipants = async (context: GeaContext, associationId: string, input: ProjectArgs) => {
    const members = new Set(await associationMembers(context).load(associationId));
    const ids = [...new Set(input.participantIds.map((e) => e.id))];
    if (ids.length === 0 || ids.some((id) => !members.has(id))) {
      throw new InputError([{ path: ['input', 'participantIds'], message: 'name at least one body, each a member of the association' }]);
    }
    return ids;
  };
  const projectError = (error: unknown, input: ProjectArgs) =>
    prismaErrorCode(error) === 'P2002' ? new ConflictError(`a project named "${input.name.trim()}" already exists`) : error;

  const StaffInput = builder.inputType('StaffSecondmentInput', {
    fields: (t) => ({
      year: t.int({ required: true, validate: year }),
      lendingEntityId: t.globalID({ required: true, for: Entity, description: 'The member body that assigns the person.' }),
      personName: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      role: t.string({ required: false, validate: z.string().trim().min(1).max(200) }),
      timeShareBasisPoints: t.int({ required: true, validate: z.number().int().min(1).max(10_000) }),
      costCents: t.int({ required: true, validate: money }),
    }),
  });
  type StaffArgs = { year: number; lendingEntityId: { id: string }; personName: string; role?: string | null; timeShareBasisPoints: number; costCents: number };
  const staffData = async (context: GeaContext, associationId: string, input: StaffArgs) => {
    if (!(await membersDuringYear(context, associationId, input.year)).includes(input.lendingEntityId.id)) {
      throw new InputError([{ path: ['input', 'lendingEntityId'], message: `is not a member of the association in ${input.year}` }]);
    }
    return {
      year: input.year,
      lendingEntityId: input.lendingEntityId.id,
      personName: input.personName.trim(),
      role: input.role?.trim() ?? null,
      timeShareBasisPoints: input.timeShareBasisPoints,
      costCents: input.costCents,
    };
  };

  const write = { permission: 'procurement:write' } as const;
  const existing = async <T,>(find: Promise<T | null>, what: string): Promise<T> => {
    const row = await find;
    if (!row) throw new NotFoundError(what);
    return row;
  };

  builder.mutationFields((t) => ({
    createProject: t.prismaField({
      type: Project,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: write,
      args: { associationId: t.arg.globalID({ required: true, for: Association }), input: t.arg({ type: ProjectInput, required: true }) },
      resolve: async (query, _root, { associationId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'Project' };
        const participants = await checkParticipants(context, associationId.id, input);
        try {
          return await context.prisma.project.create({
            ...query,
            data: {
              associationId: associationId.id,
              name: input.name.trim(),
              cup: input.cup?.trim().toUpperCase() ?? null,
              description: input.description?.trim() || null,
              participants: { createMany: { data: participants.map((entityId) => ({ entityId })) } },
            },
          });
        } catch (error) {
          throw projectError(error, input);
        }
      },
    }),
    updateProject: t.prismaField({
      type: Project,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: write,
      args: { id: t.arg.globalID({ required: true, for: Project }), input: t.arg({ type: ProjectInput, required: true }) },
      resolve: async (query, _root, { id, input }, context) => {
        const before = await existing(context.prisma.project.findUnique({ where: { id: id.id }, include: { participants: true } }), 'Project');
        const participants = await checkParticipants(context, before.associationId, input);
        try {
          const after = await context.prisma.project.update({
            ...query,
            where: { id: before.id },
            data: {
              name: input.name.trim(),
              cup: input.cup?.trim().toUpperCase() ?? null,
              description: input.description?.trim() || null,
              participants: { deleteMany: {}, createMany: { data: participants.map((entityId) => ({ entityId })) } },
            },
          });
          context.audit = {
            ...context.audit,
            targetType: 'Project',
            targetId: before.id,
            before: { ...before, participants: before.participants.map((p) => p.entityId) },
            after: { ...input, participantIds: participants },
          };
          return after;
        } catch (error) {
          throw projectError(error, input);
        }
      },
    }),

    createExpense: t.prismaField({
      type: Expense,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: write,
      description: 'Records an expense of the office for a year, with the grants that cover part of it.',
      args: { associationId: t.arg.globalID({ required: true, for: Association }), input: t.arg({ type: ExpenseInput, required: true }) },
      resolve: async (query, _root, { associationId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'Expense' };
        await checkExpense(context, associationId.id, input);
        try {
          return await context.prisma.expense.create({
            ...query,
            data: { associationId: associationId.id, ...expenseData(input), grants: { createMany: { data: grantsData(input) } } },
          });
        } catch (error) {
          if (prismaErrorCode(error) === 'P2003') throw new NotFoundError('Association');
          throw error;
        }
      },
    }),
    updateExpense: t.prismaField({
      type: Expense,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: write,
      description: 'Replaces an expense and its grants.',
      args: { id: t.arg.globalID({ required: true, for: Expense }), input: t.arg({ type: ExpenseInput, required: true }) },
      resolve: async (query, _root, { id, input }, context) => {
        const before = await existing(context.prisma.expense.findUnique({ where: { id: id.id }, include: { grants: true } }), 'Expense');
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
      errors: { types: [NotFoundError] },
      authScopes: write,
      description: 'Deletes an expense (issued documents keep what they said). Returns its id.',
      args: { id: t.arg.globalID({ required: true, for: Expense }) },
      resolve: async (_root, { id }, context) => {
        const before = await existing(context.prisma.expense.findUnique({ where: { id: id.id }, include: { grants: true } }), 'Expense');
        await context.prisma.expense.delete({ where: { id: before.id } });
        context.audit = { ...context.audit, targetType: 'Expense', targetId: before.id, before };
        return Buffer.from(`Expense:${before.id}`).toString('base64');
      },
    }),

    createStaffSecondment: t.prismaField({
      type: StaffSecondment,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: write,
      args: { associationId: t.arg.globalID({ required: true, for: Association }), input: t.arg({ type: StaffInput, required: true }) },
      resolve: async (query, _root, { associationId, input }, context) => {
        const data = await staffData(context, associationId.id, input);
        context.audit = { ...context.audit, targetType: 'StaffSecondment', entityId: data.lendingEntityId };
        return context.prisma.staffSecondment.create({ ...query, data: { associationId: associationId.id, ...data } });
      },
    }),
    updateStaffSecondment: t.prismaField({
      type: StaffSecondment,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: write,
      args: { id: t.arg.globalID({ required: true, for: StaffSecondment }), input: t.arg({ type: StaffInput, required: true }) },
      resolve: async (query, _root, { id, input }, context) => {
        const before = await existing(context.prisma.staffSecondment.findUnique({ where: { id: id.id } }), 'StaffSecondment');
        const data = await staffData(context, before.associationId, input);
        const after = await context.prisma.staffSecondment.update({ ...query, where: { id: before.id }, data });
        context.audit = { ...context.audit, targetType: 'StaffSecondment', targetId: before.id, entityId: data.lendingEntityId, before, after };
        return after;
      },
    }),
    deleteStaffSecondment: t.field({
      type: 'ID',
      errors: { types: [NotFoundError] },
      authScopes: write,
      args: { id: t.arg.globalID({ required: true, for: StaffSecondment }) },
      resolve: async (_root, { id }, context) => {
        const before = await existing(context.prisma.staffSecondment.findUnique({ where: { id: id.id } }), 'StaffSecondment');
        await context.prisma.staffSecondment.delete({ where: { id: before.id } });
        context.audit = { ...context.audit, targetType: 'StaffSecondment', targetId: before.id, entityId: before.lendingEntityId, before };
        return Buffer.from(`StaffSecondment:${before.id}`).toString('base64');
      },
    }),
  }));

  const refs = { Project, Expense, StaffSecondment, ExpensePlan, ExpenseCategory };
  registerProcurementRefs(builder, refs);
  return refs;
}
