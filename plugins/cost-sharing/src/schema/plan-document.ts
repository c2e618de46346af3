import { InputError, modelRef, NotFoundError, type GeaBuilder } from '@gea/core';
import type { Prisma } from '@gea/db';
import { expensePlanEnum } from '@gea/plugin-procurement';
import { z } from 'zod';
import { allocationInputIssues, loadAllocationContext } from '../allocation-context.ts';
import { PopulationMissingError } from '../population-figures.ts';
import { populationMissingErrorType } from './population-missing-error.ts';
import { buildPlanContent, PLAN_TITLES, type PlanDocumentContent } from '../documents/content.ts';
import { planDocumentCsv } from '../documents/csv.ts';
import { planDocumentPdf } from '../documents/pdf.ts';
import { planDocumentFileName } from '../documents/file-names.ts';
import { readOnAssociationMembers, scopes } from '../scopes.ts';
import { deadlines, issuedOnTime } from '../rules/plan-deadlines.ts';
import { planExpenseLineType, planQuotaType } from './plan-document-lines.ts';

type DocumentRow = Prisma.PlanDocumentGetPayload<object>;
const contentOf = (document: DocumentRow) => document.content as unknown as PlanDocumentContent;

export function addPlanDocument(builder: GeaBuilder) {
  const Association = modelRef(builder, 'Association');
  const ExpensePlan = expensePlanEnum(builder);
  populationMissingErrorType(builder);

  const PlanDocument = builder.prismaNode('PlanDocument', {
    description: 'An issued version of one of the three annual documents (art. 10), frozen as it was sent.',
    id: { field: 'id' },
    nullable: true,
    // Sent to every member body (art. 10): whoever reads the cost sharing of one of them may read it.
    authScopes: (document, context) => readOnAssociationMembers(context, document.associationId),
    fields: (t) => ({
      year: t.exposeInt('year'),
      // Procurement's enum, found by the Prisma enum it was defined from.
      plan: t.expose('plan', { type: ExpensePlan }),
      title: t.string({ resolve: (d) => `${PLAN_TITLES[d.plan].it} ${d.year}` }),
      version: t.exposeInt('version'),
      note: t.exposeString('note', { nullable: true }),
      issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
      dueOn: t.field({ type: 'Date', description: 'Deadline of the first issue.', resolve: (d) => deadlines(d.plan, d.year).firstIssue }),
      revisionDueOn: t.field({ type: 'Date', description: 'Deadline of the revision (30 September).', resolve: (d) => deadlines(d.plan, d.year).revision }),
      onTime: t.boolean({
        description: 'Issued by its deadline: the first version by the first deadline, a revision by 30 September.',
        resolve: (d) => issuedOnTime(d),
      }),
      netTotalCents: t.field({ type: 'Cents', resolve: (d) => contentOf(d).totals.netCents }),
      expenses: t.field({ type: [planExpenseLineType(builder)], resolve: (d) => contentOf(d).expenses }),
      quotas: t.field({ type: [planQuotaType(builder)], resolve: (d) => contentOf(d).quotas }),
      csv: t.string({ description: 'Each body\'s quota as CSV.', extensions: { cost: 100 }, resolve: (d) => planDocumentCsv(contentOf(d)) }),
      pdfFileName: t.string({ description: 'An Italian file name for the PDF, e.g. `piano-acquisti-2026-v2.pdf`.', resolve: (d) => planDocumentFileName(d.plan, d.year, d.version, 'pdf') }),
      csvFileName: t.string({ description: 'An Italian file name for the CSV, e.g. `piano-acquisti-2026-v2.csv`.', resolve: (d) => planDocumentFileName(d.plan, d.year, d.version, 'csv') }),
      pdfBase64: t.string({
        description: 'The document as PDF (A4), base64-encoded.',
        // Query cost (the API server's query limits): a PDF rendered on each request.
        extensions: { cost: 1_000 },
        resolve: async (d) => (await planDocumentPdf(contentOf(d))).toString('base64'),
      }),
    }),
  });

  builder.mutationField('issuePlanDocument', (t) =>
    t.prismaField({
      type: PlanDocument,
      description:
        'Issues the next version of an annual document from the year\'s current expenses and rule. Issued versions never change.',
      errors: { types: [InputError, NotFoundError, PopulationMissingError], directResult: true },
      authScopes: { permission: scopes.write },
      args: {
        association: t.arg.globalID({ required: true, for: Association }),
        year: t.arg.int({ required: true, validate: z.number().int().min(2000).max(2100) }),
        plan: t.arg({ type: ExpensePlan, required: true }),
        note: t.arg.string({ required: false, validate: z.string().trim().max(2000) }),
      },
      resolve: async (query, _root, args, context) => {
        const association = await context.prisma.association.findUnique({ where: { id: args.association.id }, select: { id: true, name: true } });
        if (!association) throw new NotFoundError('Association');
        // Serialises issues of the same document, so two versions never get the same number.
        await context.prisma.$executeRaw`select pg_advisory_xact_lock(hashtext(${`plan-document:${association.id}:${args.year}:${args.plan}`}))`;
        const last = await context.prisma.planDocument.findFirst({
          where: { associationId: association.id, year: args.year, plan: args.plan },
          orderBy: { version: 'desc' },
          select: { version: true },
        });
        const version = (last?.version ?? 0) + 1;
        const loaded = await loadAllocationContext(context, association.id, args.year);
        let content: PlanDocumentContent;
        try {
          content = buildPlanContent(loaded, { associationName: association.name, year: args.year, plan: args.plan, version, issuedAt: new Date() });
        } catch (error) {
          throw allocationInputIssues(error);
        }
        const document = await context.prisma.planDocument.create({
          ...query,
          data: {
            associationId: association.id,
            year: args.year,
            plan: args.plan,
            version,
            note: args.note?.trim() || null,
            content: content as unknown as Prisma.InputJsonValue,
            issuedById: context.actor.kind === 'user' ? context.actor.id : null,
          },
        });
        context.audit = { ...context.audit, targetType: 'PlanDocument', targetId: document.id, after: { year: args.year, plan: args.plan, version, netCents: content.totals.netCents } };
        return document;
      },
    }),
  );
}
