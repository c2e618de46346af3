import { coreRefs, InputError, NotFoundError, readableEntitiesWhere, type GeaBuilder, type GeaContext } from '@gea/core';
import { CorrectiveKind as CorrectiveKinds, type Prisma } from '@gea/db';
import { procurementRefs } from '@gea/plugin-procurement';
import { z } from 'zod';
import { allocateCosts, AllocationInputError, explainAllocation, type AllocationResult, type BodyAllocation } from '../allocation/index.ts';
import { loadAllocationContext, type AllocationContext, type ScenarioOptions } from '../inputs.ts';
import { scopes } from '../permissions.ts';

/** The allocation of an association's year, with what it was computed from. */
export interface ComputedAllocation extends AllocationContext {
  associationId: string;
  year: number;
  result: AllocationResult;
}

type VisibleBody = BodyAllocation & { entityRow: Prisma.EntityGetPayload<object> };

/**
 * Bodies whose line the reader may see (cost-sharing read on the body, module on), each with its
 * Entity row loaded in one query: thousands of single lookups cost seconds in Prisma's batching.
 */
async function visibleBodies(context: GeaContext, bodies: BodyAllocation[]): Promise<VisibleBody[]> {
  // One query: the bodies among these that the reader may see with the module on, with their rows.
  const rows = new Map(
    (
      await context.prisma.entity.findMany({
        where: { AND: [{ id: { in: bodies.map((body) => body.entityId) } }, readableEntitiesWhere(context, 'cost-sharing:read')] },
      })
    ).map((row) => [row.id, row]),
  );
  return bodies.filter((body) => rows.has(body.entityId)).map((body) => ({ ...body, entityRow: rows.get(body.entityId)! }));
}

/** Runs the allocation; bad stored or scenario data comes back as field issues. */
export async function computeAllocation(
  context: GeaContext,
  associationId: string,
  year: number,
  scenario: ScenarioOptions = {},
): Promise<ComputedAllocation> {
  const loaded = await loadAllocationContext(context, associationId, year, scenario);
  try {
    return { ...loaded, associationId, year, result: allocateCosts(loaded.input) };
  } catch (error) {
    if (error instanceof AllocationInputError) throw new InputError(error.issues.map((issue) => ({ ...issue, path: ['allocation', ...issue.path] })));
    throw error;
  }
}

export const readOnMembers = scopes.readAny;

/** Readable by whoever reads the cost sharing of at least one member body of the association. */
export const readOnAssociationMembers = async (context: GeaContext, associationId: string) =>
  readOnMembers((await context.prisma.associationMember.findMany({ where: { associationId }, select: { entityId: true } })).map((row) => row.entityId));

export function addAllocationSchema(builder: GeaBuilder) {
  const { Entity, Association } = coreRefs(builder);
  const { Project } = procurementRefs(builder);
  const CorrectiveKind = builder.enumType(CorrectiveKinds, { name: 'CorrectiveKind' });
  const Locale = builder.enumType('Locale', { values: { IT: { value: 'it' }, EN: { value: 'en' } } as const });

  // Parts of a computed result: whoever got the result may read its parts (bodies are filtered when it is built).
  const open = { authScopes: { authenticated: true } } as const;

  const CorrectiveLine = builder.objectRef<{ correctiveId: string; label: string; amountCents: number }>('CorrectiveLine').implement({
    ...open,
    description: 'What a corrective moved for a body: positive raises its share, negative lowers it.',
    fields: (t) => ({
      label: t.exposeString('label'),
      amountCents: t.exposeInt('amountCents'),
    }),
  });
  const ProjectLine = builder
    .objectRef<BodyAllocation['projects'][number]>('ProjectAllocationLine')
    .implement({
      ...open,
      description: 'A body\'s share of a project\'s capital expenses (participants only, art. 13.4).',
      fields: (t) => ({
        project: t.field({ type: Project, nullable: true, resolve: (line, _args, context) => context.prisma.project.findUnique({ where: { id: line.projectId } }) }),
        name: t.exposeString('name'),
        pcQuotaCents: t.exposeInt('pcQuotaCents'),
        populationQuotaCents: t.exposeInt('populationQuotaCents'),
        amountCents: t.exposeInt('amountCents'),
      }),
    });

  const BodyLine = builder.objectRef<VisibleBody & { computed: ComputedAllocation }>('BodyAllocation').implement({
    description: 'One member body\'s share of the year\'s costs, line by line: the lines add up to the total.',
    // Lines are built only for bodies the reader may see (visibleBodies): a per-line check would repeat
    // that for every one of thousands of bodies.
    authScopes: { permissionOnSomeBody: 'cost-sharing:read' },
    fields: (t) => ({
      entity: t.field({ type: Entity, resolve: (line) => line.entityRow }),
      name: t.exposeString('name'),
      pcs: t.exposeInt('pcs', { description: 'PCs in service at the reference date (inventory).' }),
      population: t.exposeInt('population', { description: 'Residents at 31 December of the previous year.' }),
      pcShare: t.exposeFloat('pcShare', { description: 'Share of the members\' PCs, 0 to 1 (for display).' }),
      populationShare: t.exposeFloat('populationShare', { description: 'Share of the members\' population, 0 to 1 (for display).' }),
      pcQuotaCents: t.exposeInt('pcQuotaCents', { description: 'PC part of the general costs.' }),
      populationQuotaCents: t.exposeInt('populationQuotaCents', { description: 'Population part of the general costs.' }),
      correctives: t.field({ type: [CorrectiveLine], resolve: (line) => line.correctives }),
      projects: t.field({ type: [ProjectLine], resolve: (line) => line.projects }),
      staffReimbursementCents: t.exposeInt('staffReimbursementCents', { description: 'Credit for staff lent to the office (zero or negative).' }),
      totalCents: t.exposeInt('totalCents'),
      explanation: t.stringList({
        description: 'The lines in plain words, as the web client shows them and the PDF prints them.',
        args: { locale: t.arg({ type: Locale, required: false, defaultValue: 'it' }) },
        resolve: (line, args) => explainAllocation(line, line.computed.result, args.locale ?? 'it'),
      }),
    }),
  });

  const ProjectPool = builder.objectRef<AllocationResult['projectPools'][number]>('ProjectPool').implement({
    ...open,
    fields: (t) => ({
      name: t.exposeString('name'),
      cents: t.exposeInt('cents', { description: 'Net capital expenses of the project this year.' }),
      participantCount: t.int({ resolve: (pool) => pool.participantIds.length }),
    }),
  });

  const AppliedCorrective = builder.objectRef<{ kind: CorrectiveKinds; label: string; basisPoints?: number | null; minimumPopulation?: number | null; populationBelow?: number | null; bodyCount: number }>('AppliedCorrective').implement({
    ...open,
    fields: (t) => ({
      kind: t.expose('kind', { type: CorrectiveKind }),
      label: t.exposeString('label'),
      basisPoints: t.exposeInt('basisPoints', { nullable: true }),
      minimumPopulation: t.exposeInt('minimumPopulation', { nullable: true }),
      populationBelow: t.exposeInt('populationBelow', { nullable: true }),
      bodyCount: t.exposeInt('bodyCount', { description: 'Named bodies it applies to (0 when it goes by population).' }),
    }),
  });

  const Allocation = builder.objectRef<ComputedAllocation & { visible: VisibleBody[] }>('CostAllocation').implement({
    description:
      'How a year\'s costs of the ICT office are shared among the member bodies (art. 13): net of grants, 50% by PCs in ' +
      'service and 50% by population unless configured otherwise; project capital among participants; staff lent reimbursed in full.',
    authScopes: (allocation) => readOnMembers(allocation.input.bodies.map((body) => body.entityId)),
    fields: (t) => ({
      association: t.field({
        type: Association,
        resolve: async (allocation, _args, context) => (await context.prisma.association.findUnique({ where: { id: allocation.associationId } }))!,
      }),
      year: t.exposeInt('year'),
      scenario: t.exposeBoolean('scenario', { description: 'True when computed with changed weights, correctives or expenses: nothing was saved.' }),
      pcReferenceDate: t.field({ type: 'Date', resolve: (a) => a.pcReferenceDate }),
      populationReferenceDate: t.field({ type: 'Date', resolve: (a) => a.populationReferenceDate }),
      pcWeightBasisPoints: t.int({ resolve: (a) => a.input.weights.pcBasisPoints }),
      populationWeightBasisPoints: t.int({ resolve: (a) => a.input.weights.populationBasisPoints }),
      grossTotalCents: t.int({ description: 'Expenses with VAT.', resolve: (a) => a.result.grossTotalCents }),
      grantsCents: t.int({ resolve: (a) => a.result.grantsCents }),
      netTotalCents: t.int({ description: 'Gross minus grants: what the bodies\' totals add up to.', resolve: (a) => a.result.netTotalCents }),
      staffCostsCents: t.int({ description: 'Cost of staff lent in kind: shared, then credited to the lenders.', resolve: (a) => a.result.staffCostsCents }),
      generalPoolCents: t.int({ resolve: (a) => a.result.generalPoolCents }),
      projectPools: t.field({ type: [ProjectPool], resolve: (a) => a.result.projectPools }),
      correctives: t.field({
        type: [AppliedCorrective],
        resolve: (a) => a.correctives.map((c) => ({ ...c, bodyCount: c.entityIds?.length ?? 0 })),
      }),
      memberCount: t.int({ description: 'Member bodies sharing the costs, whether the reader may see them or not.', resolve: (a) => a.result.bodies.length }),
      bodies: t.field({
        type: [BodyLine],
        description: 'The member bodies whose share the reader may see (a referent: their own).',
        resolve: (a) => a.visible.map((body) => ({ ...body, computed: a })),
      }),
    }),
  });

  const CorrectiveInput = builder.inputType('CorrectiveInput', {
    fields: (t) => ({
      kind: t.field({ type: CorrectiveKind, required: true }),
      label: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      basisPoints: t.int({ required: false, description: 'MIN_SHARE / MAX_SHARE: share of the general costs, 10000 = 100%.', validate: z.number().int().min(1).max(10_000) }),
      minimumPopulation: t.int({ required: false, description: 'MIN_POPULATION: the population counted at least.', validate: z.number().int().min(1).max(100_000_000) }),
      populationBelow: t.int({ required: false, description: 'Applies to bodies with fewer residents than this...', validate: z.number().int().min(1).max(100_000_000) }),
      entityIds: t.globalIDList({ required: false, for: Entity, description: '...or to these bodies.' }),
    }),
  });
  const ScenarioExpense = builder.inputType('ScenarioExpenseInput', {
    fields: (t) => ({
      description: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      category: t.field({ type: procurementRefs(builder).ExpenseCategory, required: true }),
      grossCents: t.int({ required: true, validate: z.number().int().min(0).max(1_000_000_000_00) }),
      grantsCents: t.int({ required: false, validate: z.number().int().min(0).max(1_000_000_000_00) }),
      projectId: t.globalID({ required: false, for: Project }),
    }),
  });
  const Scenario = builder.inputType('AllocationScenario', {
    description: 'What to change for a simulation. Nothing is saved.',
    fields: (t) => ({
      pcWeightBasisPoints: t.int({ required: false, description: 'Weight of PCs, 10000 = 100%; population weighs the rest.', validate: z.number().int().min(0).max(10_000) }),
      pcReferenceDate: t.field({ type: 'Date', required: false }),
      correctives: t.field({ type: [CorrectiveInput], required: false, description: 'Replaces the year\'s correctives (empty: none).' }),
      extraExpenses: t.field({ type: [ScenarioExpense], required: false }),
    }),
  });

  type CorrectiveArgs = {
    kind: CorrectiveKinds;
    label: string;
    basisPoints?: number | null;
    minimumPopulation?: number | null;
    populationBelow?: number | null;
    entityIds?: { id: string }[] | null;
  };
  /** Checks each corrective names what its kind needs, and only that. */
  const correctiveSettings = (list: CorrectiveArgs[], path: string[]) => {
    const issues = list.flatMap((c, i) => {
      const at = [...path, String(i)];
      const problems = [];
      if (c.kind === 'MIN_POPULATION' && !c.minimumPopulation) problems.push({ path: [...at, 'minimumPopulation'], message: 'is needed for MIN_POPULATION' });
      if (c.kind !== 'MIN_POPULATION' && !c.basisPoints) problems.push({ path: [...at, 'basisPoints'], message: `is needed for ${c.kind}` });
      if (c.populationBelow && c.entityIds?.length) problems.push({ path: [...at, 'entityIds'], message: 'give either populationBelow or entityIds, not both' });
      if (!c.populationBelow && !c.entityIds?.length) problems.push({ path: [...at, 'populationBelow'], message: 'say which bodies it applies to: populationBelow or entityIds' });
      return problems;
    });
    if (issues.length > 0) throw new InputError(issues);
    return list.map((c) => ({
      kind: c.kind,
      label: c.label.trim(),
      basisPoints: c.kind === 'MIN_POPULATION' ? null : (c.basisPoints ?? null),
      minimumPopulation: c.kind === 'MIN_POPULATION' ? (c.minimumPopulation ?? null) : null,
      populationBelow: c.populationBelow ?? null,
      entityIds: [...new Set((c.entityIds ?? []).map((e) => e.id))],
    }));
  };

  builder.queryField('costAllocation', (t) =>
    t.field({
      type: Allocation,
      description: 'The cost allocation of an association\'s year, or with `scenario` a simulation of it (nothing saved).',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        association: t.arg.globalID({ required: true, for: Association }),
        year: t.arg.int({ required: true, validate: z.number().int().min(2000).max(2100) }),
        scenario: t.arg({ type: Scenario, required: false }),
      },
      authScopes: (_root, args, context) => readOnAssociationMembers(context, args.association.id),
      resolve: async (_root, args, context) => {
        const association = await context.prisma.association.findUnique({ where: { id: args.association.id }, select: { id: true } });
        if (!association) throw new NotFoundError('Association');
        const scenario: ScenarioOptions = args.scenario
          ? {
              pcWeightBasisPoints: args.scenario.pcWeightBasisPoints,
              pcReferenceDate: args.scenario.pcReferenceDate,
              correctives: args.scenario.correctives ? correctiveSettings(args.scenario.correctives, ['scenario', 'correctives']) : null,
              extraExpenses: args.scenario.extraExpenses?.map((expense) => ({
                description: expense.description,
                category: expense.category,
                grossCents: expense.grossCents,
                grantsCents: expense.grantsCents ?? 0,
                projectId: expense.projectId?.id ?? null,
              })),
            }
          : {};
        const computed = await computeAllocation(context, association.id, args.year, scenario);
        return { ...computed, visible: await visibleBodies(context, computed.result.bodies) };
      },
    }),
  );

  builder.mutationFields((t) => ({
    setCostSharingRule: t.field({
      type: Allocation,
      description: 'Sets the weights, reference date and correctives of a year, and returns the allocation they give.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      authScopes: { permission: 'cost-sharing:write' },
      args: {
        association: t.arg.globalID({ required: true, for: Association }),
        year: t.arg.int({ required: true, validate: z.number().int().min(2000).max(2100) }),
        pcWeightBasisPoints: t.arg.int({ required: false, defaultValue: 5000, validate: z.number().int().min(0).max(10_000) }),
        pcReferenceDate: t.arg({ type: 'Date', required: false, description: 'Default 31 December of the previous year.' }),
        correctives: t.arg({ type: [CorrectiveInput], required: false, defaultValue: [] }),
      },
      resolve: async (_root, args, context) => {
        const associationId = args.association.id;
        if (!(await context.prisma.association.findUnique({ where: { id: associationId }, select: { id: true } }))) throw new NotFoundError('Association');
        const correctives = correctiveSettings(args.correctives ?? [], ['correctives']);
        const key = { associationId_year: { associationId, year: args.year } };
        const before = {
          rule: await context.prisma.costSharingRule.findUnique({ where: key }),
          correctives: await context.prisma.costSharingCorrective.findMany({ where: { associationId, year: args.year }, orderBy: { position: 'asc' } }),
        };
        const rule = { pcWeightBasisPoints: args.pcWeightBasisPoints ?? 5000, pcReferenceDate: args.pcReferenceDate ?? null };
        await context.prisma.costSharingRule.upsert({ where: key, create: { associationId, year: args.year, ...rule }, update: rule });
        await context.prisma.costSharingCorrective.deleteMany({ where: { associationId, year: args.year } });
        await context.prisma.costSharingCorrective.createMany({
          data: correctives.map((c, position) => ({ associationId, year: args.year, position, ...c } satisfies Prisma.CostSharingCorrectiveCreateManyInput)),
        });
        // Computed inside the transaction: a rule the data cannot satisfy is refused and rolled back.
        const computed = await computeAllocation(context, associationId, args.year);
        context.audit = { ...context.audit, targetType: 'CostSharingRule', targetId: associationId, before, after: { rule, correctives } };
        return { ...computed, visible: await visibleBodies(context, computed.result.bodies) };
      },
    }),
  }));

  return { Allocation };
}
