// What the procurement plugin offers other plugins (cost sharing reads a year's costs from here,
// never from the tables).
import { centsOf, defineLoader, endOfYear, type GeaContext } from '@gea/core';
import type { ExpenseCategory, ExpensePlan, Prisma, Project } from '@gea/db';

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
  const rows = await context.prisma.associationMember.findMany({
    where: {
      associationId,
      entity: { kind: { not: 'UNION' } },
      joinedOn: { lte: endOfYear(year) },
      OR: [{ leftOn: null }, { leftOn: { gte: new Date(Date.UTC(year, 0, 1)) } }],
    },
    select: { entityId: true },
  });
  return [...new Set(rows.map((row) => row.entityId))];
}

const projectsById = defineLoader<string, Project | null>('procurement.projectsById', async (ids, context) => {
  const rows = await context.prisma.project.findMany({ where: { id: { in: [...ids] } } });
  return ids.map((id) => rows.find((row) => row.id === id) ?? null);
});

/** A project by id (null when there is none): all asked in one request cost one query. */
export function findProject(context: GeaContext, projectId: string): Promise<Project | null> {
  return projectsById(context).load(projectId);
}

/** What other plugins may know of a contract: its term and the bodies it serves. */
export interface ContractFacts {
  id: string;
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

/**
 * Records suppliers and contracts another plugin's demo data needs (connectivity's providers and the
 * contracts behind the links). For seeds: the screens and the API go through procurement's mutations.
 */
export const recordDemoSuppliers = ({ prisma }: { prisma: Prisma.TransactionClient }, data: Prisma.SupplierCreateManyInput[]) =>
  prisma.supplier.createManyAndReturn({ data });
export const recordDemoContract = ({ prisma }: { prisma: Prisma.TransactionClient }, data: Prisma.ContractUncheckedCreateInput) =>
  prisma.contract.create({ data });
