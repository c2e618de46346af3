import { assertVersion, expectedVersionDescription, InputError, lockRow, modelRef, NotFoundError, spliceJson, StaleVersionError, type GeaBuilder, type GeaContext } from '@gea/core';
import type { Prisma } from '@gea/db';
import { z } from 'zod';
import { computeAllocation, type ComputedAllocation } from '../allocation-context.ts';
import { readOnAssociationMembers, scopes } from '../scopes.ts';
import { STATUTE_PC_WEIGHT } from '../rules/allocation-input.ts';
import { correctiveSettings } from '../rules/correctives.ts';
import { allocationScenarioType, scenarioOptions } from './allocation-scenario.ts';
import { appliedCorrectiveType } from './applied-corrective.ts';
import { bodyAllocationType, readableLines, visibleBodies, type VisibleBody } from './body-allocation.ts';
import { bodyLinesJson } from './body-lines-json.ts';
import { correctiveInputType, requestedCorrectives } from './corrective-input.ts';
import { projectPoolType } from './project-pool.ts';
import { PopulationMissingError } from '../population-figures.ts';
import { allocationPdf } from '../documents/allocation-pdf.ts';
import { allocationFileName } from '../documents/file-names.ts';
import { populationMissingErrorType } from './population-missing-error.ts';

const associationName = async (context: GeaContext, id: string) =>
  (await context.prisma.association.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;

const year = z.number().int().min(2000).max(2100);

export function addCostAllocation(builder: GeaBuilder) {
  const Association = modelRef(builder, 'Association');
  const BodyLine = bodyAllocationType(builder);
  const CorrectiveInput = correctiveInputType(builder);
  populationMissingErrorType(builder);

  const Allocation = builder.objectRef<ComputedAllocation>('CostAllocation').implement({
    description:
      'How a year\'s costs of the ICT office are shared among the member bodies (art. 13): net of grants, 50% by PCs in ' +
      'service and 50% by population unless configured otherwise; project capital among participants; staff lent reimbursed in full.',
    // The query's own check (readOnAssociationMembers), answered once per request.
    authScopes: (allocation, context) => readOnAssociationMembers(context, allocation.associationId),
    fields: (t) => ({
      association: t.field({
        type: Association,
        resolve: async (allocation, _args, context) => (await context.prisma.association.findUnique({ where: { id: allocation.associationId } }))!,
      }),
      year: t.exposeInt('year'),
      ruleVersion: t.int({
        description:
          'Version of the rule stored for the year (weights, reference date, correctives): 0 while the statute\'s default applies. ' +
          'Send it back as `expectedVersion` to setCostSharingRule.',
        resolve: async (a, _args, context) =>
          (await context.prisma.costSharingRule.findUnique({ where: { associationId_year: { associationId: a.associationId, year: a.year } }, select: { version: true } }))
            ?.version ?? 0,
      }),
      scenario: t.exposeBoolean('scenario', { description: 'True when computed with changed weights, correctives or expenses: nothing was saved.' }),
      pcReferenceDate: t.field({ type: 'Date', resolve: (a) => a.pcReferenceDate }),
      populationReferenceDate: t.field({ type: 'Date', resolve: (a) => a.populationReferenceDate }),
      pcWeightBasisPoints: t.int({ resolve: (a) => a.input.weights.pcBasisPoints }),
      populationWeightBasisPoints: t.int({ resolve: (a) => a.input.weights.populationBasisPoints }),
      grossTotalCents: t.field({ type: 'Cents', description: 'Expenses with VAT.', resolve: (a) => a.result.grossTotalCents }),
      grantsCents: t.field({ type: 'Cents', resolve: (a) => a.result.grantsCents }),
      netTotalCents: t.field({ type: 'Cents', description: 'Gross minus grants: what the bodies\' totals add up to.', resolve: (a) => a.result.netTotalCents }),
      staffCostsCents: t.field({ type: 'Cents', description: 'Cost of staff lent in kind: shared, then credited to the lenders.', resolve: (a) => a.result.staffCostsCents }),
      generalPoolCents: t.field({ type: 'Cents', resolve: (a) => a.result.generalPoolCents }),
      projectPools: t.field({ type: [projectPoolType(builder)], resolve: (a) => a.result.projectPools }),
      correctives: t.field({
        type: [appliedCorrectiveType(builder)],
        resolve: (a) => a.correctives.map((c) => ({ ...c, bodyCount: c.entityIds?.length ?? 0 })),
      }),
      memberCount: t.int({ description: 'Member bodies sharing the costs, whether the reader may see them or not.', resolve: (a) => a.result.bodies.length }),
      pdfFileName: t.string({
        description: 'An Italian file name for `pdfBase64`: `ripartizione-<year>-<association>.pdf`, `simulazione-ripartizione-...` for a scenario.',
        resolve: async (a, _args, context) => allocationFileName(await associationName(context, a.associationId), a.year, a.scenario),
      }),
      pdfBase64: t.string({
        description:
          'The allocation as shown, as PDF (A4, Italian), base64-encoded: the bodies the reader may see (the others as one line), ' +
          'and for a scenario "SIMULAZIONE" at the top of every page.',
        // Query cost (the API server's query limits): a PDF rendered on each request.
        extensions: { cost: 1_000 },
        resolve: async (a, _args, context) => (await allocationPdf(a, visibleBodies(a), await associationName(context, a.associationId))).toString('base64'),
      }),
      bodies: t.field({
        type: [BodyLine],
        description: 'The member bodies whose share the reader may see (a referent: their own).',
        // Plain figures of thousands of lines: written as JSON here rather than field by field.
        resolve: (a, _args, context, info) => spliceJson(context, info, () => bodyLinesJson(readableLines(a), context, info), [] as VisibleBody[]) ?? visibleBodies(a),
      }),
    }),
  });

  builder.queryField('costAllocation', (t) =>
    t.field({
      type: Allocation,
      description: 'The cost allocation of an association\'s year, or with `scenario` a simulation of it (nothing saved).',
      // Query cost (the API server's query limits): the year's expenses, PCs and populations of every member, computed.
      extensions: { cost: 1_000 },
      errors: { types: [InputError, NotFoundError, PopulationMissingError], directResult: true },
      args: {
        association: t.arg.globalID({ required: true, for: Association }),
        year: t.arg.int({ required: true, validate: year }),
        scenario: t.arg({ type: allocationScenarioType(builder), required: false }),
      },
      authScopes: (_root, args, context) => readOnAssociationMembers(context, args.association.id),
      resolve: async (_root, args, context) => {
        // The association's existence is checked alongside: an unknown one has no members and no costs.
        const [association, computed] = await Promise.allSettled([
          context.prisma.association.findUnique({ where: { id: args.association.id }, select: { id: true } }),
          computeAllocation(context, args.association.id, args.year, scenarioOptions(args.scenario), { readableIds: true }),
        ]);
        if (association.status === 'rejected') throw association.reason;
        if (!association.value) throw new NotFoundError('Association');
        if (computed.status === 'rejected') throw computed.reason;
        return computed.value;
      },
    }),
  );

  builder.mutationField('setCostSharingRule', (t) =>
    t.field({
      type: Allocation,
      description: 'Sets the weights, reference date and correctives of a year, and returns the allocation they give.',
      errors: { types: [InputError, NotFoundError, StaleVersionError, PopulationMissingError], directResult: true },
      authScopes: { permission: scopes.write },
      args: {
        association: t.arg.globalID({ required: true, for: Association }),
        year: t.arg.int({ required: true, validate: year }),
        expectedVersion: t.arg.int({
          required: false,
          description: `${expectedVersionDescription} Here the \`ruleVersion\` of the year's allocation (0: no rule stored yet). Optional.`,
        }),
        pcWeightBasisPoints: t.arg.int({ required: false, defaultValue: STATUTE_PC_WEIGHT, validate: z.number().int().min(0).max(10_000) }),
        pcReferenceDate: t.arg({ type: 'Date', required: false, description: 'Default 31 December of the previous year.' }),
        correctives: t.arg({ type: [CorrectiveInput], required: false, defaultValue: [] }),
      },
      resolve: async (_root, args, context) => {
        const associationId = args.association.id;
        // The association's row, which exists whether or not a rule does: one rule change of an
        // association at a time, so the correctives written are one request's, never a mix.
        if (!(await lockRow(context.prisma, 'Association', associationId))) throw new NotFoundError('Association');
        const correctives = correctiveSettings(requestedCorrectives(args.correctives ?? []), ['correctives']);
        const key = { associationId_year: { associationId, year: args.year } };
        const stored = await context.prisma.costSharingRule.findUnique({ where: key });
        assertVersion('The cost-sharing rule', { version: stored?.version ?? 0 }, args.expectedVersion);
        // Flat records (the trail keeps a record's own fields, not nested ones), the same shape before and after.
        const described = (list: readonly { kind: string; label: string }[]) => list.map((c) => `${c.kind}: ${c.label}`).join('; ');
        const before = {
          year: args.year,
          pcWeightBasisPoints: stored?.pcWeightBasisPoints ?? STATUTE_PC_WEIGHT,
          pcReferenceDate: stored?.pcReferenceDate ?? null,
          correctives: described(await context.prisma.costSharingCorrective.findMany({ where: { associationId, year: args.year }, orderBy: { position: 'asc' } })),
          version: stored?.version ?? 0,
        };
        const rule = { pcWeightBasisPoints: args.pcWeightBasisPoints ?? STATUTE_PC_WEIGHT, pcReferenceDate: args.pcReferenceDate ?? null };
        await context.prisma.costSharingRule.upsert({ where: key, create: { associationId, year: args.year, ...rule }, update: rule });
        await context.prisma.costSharingCorrective.deleteMany({ where: { associationId, year: args.year } });
        await context.prisma.costSharingCorrective.createMany({
          data: correctives.map((c, position) => ({ associationId, year: args.year, position, ...c }) satisfies Prisma.CostSharingCorrectiveCreateManyInput),
        });
        // Computed inside the transaction: a rule the data cannot satisfy is refused and rolled back.
        const computed = await computeAllocation(context, associationId, args.year, {}, { readableIds: true });
        // The trigger raises the rule's version by one on update; a new rule starts at 1.
        const after = { year: args.year, ...rule, correctives: described(correctives), version: before.version + 1 };
        context.audit = { ...context.audit, targetType: 'CostSharingRule', targetId: associationId, before, after };
        return computed;
      },
    }),
  );
}
