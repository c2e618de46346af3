// What the procurement plugin offers other plugins (cost sharing reads a year's costs from here,
// never from the tables).
import { centsOf, ConflictError, defineLoader, endOfYear, isoDate, jsonRows, startsWithText, type GeaContext } from '@gea/core';
import { Prisma, type ContractKind, type ExpenseCategory, type ExpensePlan, type Project } from '@gea/db';

export interface YearCosts {
  expenses: {
    id: string;
    description: string;
    plan: ExpensePlan;
    category: ExpenseCategory;
    grossCents: number;
    grantsCents: number;
    projectId: string | null;
    cig: string | null;
    cup: string | null;
  }[];
  projects: { id: string; name: string; cup: string | null; participantIds: string[] }[];
  staff: { id: string; lendingEntityId: string; personName: string; costCents: number }[];
}

/** A year's expenses (with their grants), the association's projects and the staff lent to it: three queries. */
export async function costsOfYear(context: GeaContext, associationId: string, year: number): Promise<YearCosts> {
  const [expenses, projects, staff] = await Promise.all([
    context.prisma.expense.findMany({
      where: { associationId, year },
      include: { grants: { select: { amountCents: true } }, contract: { select: { cig: true, cup: true } }, project: { select: { cup: true } } },
      orderBy: [{ plan: 'asc' }, { description: 'asc' }, { id: 'asc' }],
    }),
    context.prisma.project.findMany({
      where: { associationId },
      include: { participants: { select: { entityId: true } } },
      orderBy: { name: 'asc' },
    }),
    context.prisma.staffSecondment.findMany({ where: { associationId, year }, orderBy: [{ personName: 'asc' }, { id: 'asc' }] }),
  ]);
  return {
    expenses: expenses.map((expense) => ({
      id: expense.id,
      description: expense.description,
      plan: expense.plan,
      category: expense.category,
      grossCents: centsOf(expense.amountCents) + centsOf(expense.vatCents),
      grantsCents: expense.grants.reduce((sum, grant) => sum + centsOf(grant.amountCents), 0),
      projectId: expense.projectId,
      cig: expense.contract?.cig ?? null,
      cup: expense.project?.cup ?? expense.contract?.cup ?? null,
    })),
    projects: projects.map((project) => ({
      id: project.id,
      name: project.name,
      cup: project.cup,
      participantIds: project.participants.map((p) => p.entityId),
    })),
    staff: staff.map((row) => ({ id: row.id, lendingEntityId: row.lendingEntityId, personName: row.personName, costCents: centsOf(row.costCents) })),
  };
}

/**
 * Bodies that are members at some point of a year: they share that year's costs. A union itself is
 * left out: it holds the office whose costs its municipalities share (art. 13), it does not pay a quota.
 */
export async function membersDuringYear(context: Pick<GeaContext, 'prisma'>, associationId: string, year: number): Promise<string[]> {
  // Thousands of members at national scale: their ids as one JSON text, not a row each through Prisma.
  const rows = await jsonRows<{ entityId: string }>(context.prisma, membersDuringYearSql(associationId, year));
  return [...new Set(rows.map((row) => row.entityId))];
}

/**
 * membersDuringYear as a statement of one column, "entityId", for another statement to read from
 * (`... where "entityId" in (${membersDuringYearSql(a, y)})`): statements over thousands of members
 * then start at once, without their ids going back and forth. A body that left and joined again
 * within the year comes twice (the `in` does not mind).
 */
export function membersDuringYearSql(associationId: string, year: number): Prisma.Sql {
  return Prisma.sql`
    select member."entityId"
    from "AssociationMember" member
    where member."associationId" = ${associationId}::uuid
      and member."joinedOn" <= ${isoDate(endOfYear(year))}::date
      and (member."leftOn" is null or member."leftOn" >= ${`${year}-01-01`}::date)
      and member."entityId" not in (select body."id" from "Entity" body where body."kind" = 'UNION')`;
}

const projectsById = defineLoader<string, Project | null>('procurement.projectsById', async (ids, context) => {
  const rows = await context.prisma.project.findMany({ where: { id: { in: [...ids] } } });
  return ids.map((id) => rows.find((row) => row.id === id) ?? null);
});

/** A project by id (null when there is none): all asked in one request cost one query. */
export function findProject(context: GeaContext, projectId: string): Promise<Project | null> {
  return projectsById(context).load(projectId);
}

/** A supplier's id and name (null when there is none), for plugins that build on suppliers (connectivity providers). */
export function findSupplier(context: Pick<GeaContext, 'prisma'>, supplierId: string): Promise<{ id: string; name: string } | null> {
  return context.prisma.supplier.findUnique({ where: { id: supplierId }, select: { id: true, name: true } });
}

/** What other plugins may know of a contract: its term and the bodies it serves. */
export interface ContractFacts {
  id: string;
  kind: ContractKind;
  subject: string;
  cig: string | null;
  supplierId: string;
  contractingEntityId: string;
  startsOn: Date;
  endsOn: Date;
  /** Latest date to which it may be renewed, when limited. */
  renewableUntil: Date | null;
  valueCents: number;
  /** The bodies it serves. */
  entityIds: string[];
}

/** Contracts by id (absent ids are left out): one query. Any client: a request's, a job's or a seed's. */
export async function contractFacts(db: { prisma: Prisma.TransactionClient }, contractIds: readonly string[]): Promise<Map<string, ContractFacts>> {
  if (contractIds.length === 0) return new Map();
  const rows = await db.prisma.contract.findMany({
    where: { id: { in: [...new Set(contractIds)] } },
    include: { entities: { select: { entityId: true }, orderBy: { entityId: 'asc' } } },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        kind: row.kind,
        subject: row.subject,
        cig: row.cig,
        supplierId: row.supplierId,
        contractingEntityId: row.contractingEntityId,
        startsOn: row.startsOn,
        endsOn: row.endsOn,
        renewableUntil: row.renewableUntil,
        valueCents: centsOf(row.valueCents),
        entityIds: row.entities.map((entity) => entity.entityId),
      },
    ]),
  );
}

/** An expense another module keeps: identified by its `sourceKey`, which starts with the module's prefix. */
export interface SourcedExpense {
  sourceKey: string;
  description: string;
  amountCents: number;
  vatCents: number;
  contractId: string | null;
  plan: ExpensePlan;
  category: ExpenseCategory;
}

export interface SourcedExpensesReplaced {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

/**
 * Makes an association's expenses of a year whose sourceKey starts with `sourcePrefix` exactly the
 * listed ones, in the caller's transaction: creates the new keys, updates those that changed (an
 * unchanged expense is not written, so its version stays), deletes the ones no longer listed.
 * Every key must start with the prefix; a key already used by another association or year is a
 * ConflictError (keys name the year, so this means two callers disagree). A fixed number of
 * statements plus one UPDATE per changed expense.
 */
export async function replaceSourcedExpenses(
  db: { prisma: Prisma.TransactionClient },
  request: { associationId: string; year: number; sourcePrefix: string; expenses: readonly SourcedExpense[] },
): Promise<SourcedExpensesReplaced> {
  const { associationId, year, sourcePrefix } = request;
  if (!sourcePrefix) throw new Error('replaceSourcedExpenses: an empty prefix would take over every sourced expense');
  const keys = request.expenses.map((expense) => expense.sourceKey);
  const stray = keys.find((key) => !key.startsWith(sourcePrefix));
  if (stray) throw new Error(`replaceSourcedExpenses: ${stray} does not start with ${sourcePrefix}`);
  if (new Set(keys).size !== keys.length) throw new Error('replaceSourcedExpenses: a sourceKey is listed twice');
  const existing = await db.prisma.expense.findMany({
    where: { OR: [{ associationId, year, sourceKey: startsWithText(sourcePrefix, { caseSensitive: true }) }, { sourceKey: { in: keys } }] },
    include: { grants: { select: { id: true } } },
  });
  const elsewhere = existing.find((row) => row.associationId !== associationId || row.year !== year);
  if (elsewhere) throw new ConflictError(`The expense ${elsewhere.sourceKey} belongs to another association or year`);
  const byKey = new Map(existing.map((row) => [row.sourceKey!, row]));
  const listed = new Set(keys);
  const stale = existing.filter((row) => !listed.has(row.sourceKey!)).map((row) => row.id);
  const toCreate: SourcedExpense[] = [];
  const toUpdate: { id: string; expense: SourcedExpense }[] = [];
  for (const expense of request.expenses) {
    const row = byKey.get(expense.sourceKey);
    if (!row) toCreate.push(expense);
    else if (
      row.description !== expense.description ||
      centsOf(row.amountCents) !== expense.amountCents ||
      centsOf(row.vatCents) !== expense.vatCents ||
      row.contractId !== expense.contractId ||
      row.plan !== expense.plan ||
      row.category !== expense.category ||
      row.orderReference !== null ||
      row.projectId !== null ||
      row.grants.length > 0
    ) {
      toUpdate.push({ id: row.id, expense });
    }
  }
  const data = (expense: SourcedExpense) => ({
    description: expense.description,
    amountCents: expense.amountCents,
    vatCents: expense.vatCents,
    contractId: expense.contractId,
    plan: expense.plan,
    category: expense.category,
    orderReference: null,
    projectId: null,
  });
  if (stale.length > 0) await db.prisma.expense.deleteMany({ where: { id: { in: stale } } });
  if (toCreate.length > 0) {
    await db.prisma.expense.createMany({ data: toCreate.map((expense) => ({ associationId, year, sourceKey: expense.sourceKey, ...data(expense) })) });
  }
  for (const { id, expense } of toUpdate) {
    await db.prisma.expense.update({ where: { id }, data: { ...data(expense), grants: { deleteMany: {} } } });
  }
  return { created: toCreate.length, updated: toUpdate.length, deleted: stale.length, unchanged: request.expenses.length - toCreate.length - toUpdate.length };
}

/**
 * Records suppliers and contracts another plugin's demo data needs (connectivity's providers and the
 * contracts behind the links). For seeds: the screens and the API go through procurement's mutations.
 */
export const recordDemoSuppliers = ({ prisma }: { prisma: Prisma.TransactionClient }, data: Prisma.SupplierCreateManyInput[]) =>
  prisma.supplier.createManyAndReturn({ data });
export const recordDemoContract = ({ prisma }: { prisma: Prisma.TransactionClient }, data: Prisma.ContractUncheckedCreateInput) =>
  prisma.contract.create({ data });
