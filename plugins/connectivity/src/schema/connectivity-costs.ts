// Circuit costs of a year: previewed per circuit, and posted by the head as procurement expenses
// (one per circuit, kept by sourceKey) so that cost sharing divides them among the member bodies
// (art. 13: 50% by PCs, 50% by population, unless configured otherwise).
import { auditConcerns, InputError, modelRef, NotFoundError, type GeaBuilder, type GeaContext } from '@gea/core';
import { membersDuringYear, replaceSourcedExpenses, type SourcedExpense } from '@gea/plugin-procurement';
import { circuitCostOfYear, type CircuitYearCost } from '../rules/circuit-costs.ts';
import { contractScopes } from '../scopes.ts';

export const SOURCE_PREFIX = 'connectivity:circuit:';
export const sourceKeyOf = (circuitId: string, year: number) => `${SOURCE_PREFIX}${circuitId}:${year}`;

export interface CircuitCostLine extends CircuitYearCost {
  circuitId: string;
  cid: string;
  entityId: string;
  entityName: string;
  providerName: string;
  contractId: string | null;
  year: number;
}

const yearIssue = (year: number) =>
  Number.isInteger(year) && year >= 2000 && year <= 2100 ? null : new InputError([{ path: ['year'], message: 'must be a year from 2000 to 2100' }]);

/** Every circuit of the association's member bodies (of the year) and what it costs in the year; `readable` limits to those bodies. */
async function costLines(
  context: GeaContext,
  associationId: string,
  year: number,
  options: { readableOnly: boolean; contractId?: string | null },
): Promise<CircuitCostLine[]> {
  const members = await membersDuringYear(context, associationId, year);
  if (members.length === 0) return [];
  const circuits = await context.prisma.circuit.findMany({
    where: {
      entityId: { in: members },
      ...(options.readableOnly ? { entity: contractScopes.readableEntities(context) } : {}),
      ...(options.contractId ? { contractId: options.contractId } : {}),
    },
    select: {
      id: true,
      cid: true,
      entityId: true,
      contractId: true,
      status: true,
      installedOn: true,
      terminatedOn: true,
      monthlyCostCents: true,
      yearlyCostCents: true,
      oneOffCostCents: true,
      vatRateBasisPoints: true,
      entity: { select: { name: true } },
      provider: { select: { name: true } },
    },
    orderBy: [{ entity: { name: 'asc' } }, { cid: 'asc' }, { id: 'asc' }],
  });
  return circuits.map((circuit) => ({
    circuitId: circuit.id,
    cid: circuit.cid,
    entityId: circuit.entityId,
    entityName: circuit.entity.name,
    providerName: circuit.provider.name,
    contractId: circuit.contractId,
    year,
    ...circuitCostOfYear(circuit, year),
  }));
}

export function addConnectivityCosts(builder: GeaBuilder) {
  const Association = modelRef(builder, 'Association');
  const Contract = modelRef(builder, 'Contract');

  const Line = builder.objectRef<CircuitCostLine>('ConnectivityCostLine').implement({
    description:
      "A circuit's cost in a calendar year: monthly × 12 + yearly fee pro rata by the days in service, plus the one-off cost in the " +
      'year of installation; VAT at the circuit\'s rate. Rounded half up per component (recurring amount, VAT of each part).',
    authScopes: (line) => contractScopes.readOn(line.entityId),
    fields: (t) => ({
      circuit: t.globalID({ resolve: (line) => ({ type: 'Circuit', id: line.circuitId }) }),
      cid: t.exposeString('cid', { description: "The provider's circuit id." }),
      entity: t.globalID({ description: 'The body the circuit serves.', resolve: (line) => ({ type: 'Entity', id: line.entityId }) }),
      entityName: t.exposeString('entityName'),
      providerName: t.exposeString('providerName'),
      contract: t.globalID({
        nullable: true,
        description: 'The procurement contract the circuit is bought under (the expense refers to it).',
        resolve: (line) => (line.contractId ? { type: 'Contract', id: line.contractId } : null),
      }),
      year: t.exposeInt('year'),
      daysInService: t.exposeInt('daysInService'),
      daysInYear: t.exposeInt('daysInYear'),
      nominalYearlyCents: t.field({ type: 'Cents', description: 'Monthly × 12 + yearly fee: a full year.', resolve: (line) => line.nominalYearlyCents }),
      recurringCents: t.field({ type: 'Cents', description: 'The fees pro rata by the days in service.', resolve: (line) => line.recurringCents }),
      oneOffCents: t.field({ type: 'Cents', description: 'The one-off cost, in the year of installation.', resolve: (line) => line.oneOffCents }),
      amountCents: t.field({ type: 'Cents', description: 'Taxable amount: recurring plus one-off.', resolve: (line) => line.amountCents }),
      vatCents: t.field({ type: 'Cents', resolve: (line) => line.vatCents }),
      grossCents: t.field({ type: 'Cents', description: 'Amount plus VAT: the expense posted.', resolve: (line) => line.amountCents + line.vatCents }),
    }),
  });

  builder.queryField('connectivityCostsOfYear', (t) =>
    t.field({
      type: [Line],
      description:
        "What each circuit of the association's member bodies costs in a year, for the bodies whose connectivity the reader may see: " +
        'the expenses postConnectivityCosts would write (lines with a zero cost are listed but not posted).',
      authScopes: contractScopes.readSome,
      args: {
        associationId: t.arg.globalID({ required: true, for: Association }),
        year: t.arg.int({ required: true }),
        contractId: t.arg.globalID({ required: false, for: Contract, description: 'Only the circuits bought under this contract.' }),
      },
      resolve: async (_root, { associationId, year, contractId }, context) => {
        const issue = yearIssue(year);
        if (issue) throw issue;
        return costLines(context, associationId.id, year, { readableOnly: true, contractId: contractId?.id ?? null });
      },
    }),
  );

  const Posted = builder
    .objectRef<{ year: number; expenseCount: number; amountCents: bigint; vatCents: bigint; created: number; updated: number; deleted: number }>('ConnectivityCostsPosted')
    .implement({
      description: "The circuits' expenses of a year as posted to procurement.",
      authScopes: { permission: contractScopes.write },
      fields: (t) => ({
        year: t.exposeInt('year'),
        expenseCount: t.exposeInt('expenseCount', { description: 'Expenses the year now has from connectivity (one per circuit with a cost).' }),
        amountCents: t.field({ type: 'Cents', description: 'Their taxable total.', resolve: (posted) => posted.amountCents }),
        vatCents: t.field({ type: 'Cents', description: 'Their VAT.', resolve: (posted) => posted.vatCents }),
        created: t.exposeInt('created'),
        updated: t.exposeInt('updated'),
        deleted: t.exposeInt('deleted', { description: 'Expenses removed: their circuit is gone, or costs nothing in the year.' }),
      }),
    });

  builder.mutationField('postConnectivityCosts', (t) =>
    t.field({
      type: Posted,
      description:
        "Writes one procurement expense (running services, current) per circuit of the member bodies with a cost in the year, under the circuit's " +
        'contract; removes those of circuits gone or free. Posting twice changes nothing. The head only (art. 7.4).',
      errors: { types: [InputError, NotFoundError], directResult: true },
      authScopes: { permission: contractScopes.write },
      args: { associationId: t.arg.globalID({ required: true, for: Association }), year: t.arg.int({ required: true }) },
      resolve: async (_root, { associationId, year }, context) => {
        context.audit = { ...context.audit, targetType: 'Association', targetId: associationId.id };
        const issue = yearIssue(year);
        if (issue) throw issue;
        const association = await context.prisma.association.findUnique({ where: { id: associationId.id }, select: { id: true } });
        if (!association) throw new NotFoundError('Association');
        const lines = (await costLines(context, associationId.id, year, { readableOnly: false })).filter((line) => line.amountCents + line.vatCents > 0n);
        const expenses: SourcedExpense[] = lines.map((line) => ({
          sourceKey: sourceKeyOf(line.circuitId, year),
          description: `Connettività ${year}: circuito ${line.cid} (${line.providerName}) per ${line.entityName}`,
          amountCents: Number(line.amountCents),
          vatCents: Number(line.vatCents),
          contractId: line.contractId,
          plan: 'RUNNING_SERVICES',
          category: 'CURRENT',
        }));
        const counts = await replaceSourcedExpenses(context, { associationId: associationId.id, year, sourcePrefix: SOURCE_PREFIX, expenses });
        const amountCents = lines.reduce((sum, line) => sum + line.amountCents, 0n);
        const vatCents = lines.reduce((sum, line) => sum + line.vatCents, 0n);
        context.audit = { ...context.audit, after: { year, ...counts, expenseCount: expenses.length, amountCents: Number(amountCents), vatCents: Number(vatCents) } };
        auditConcerns(context, await membersDuringYear(context, associationId.id, year));
        return { year, expenseCount: expenses.length, amountCents, vatCents, ...counts };
      },
    }),
  );
}
