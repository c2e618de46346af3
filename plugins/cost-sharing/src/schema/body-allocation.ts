import { defineLoader, modelRef, perBuilder, selectsOnly } from '@gea/core';
import { explainAllocation, type BodyAllocation } from '../allocation/index.ts';
import type { ComputedAllocation, EntityRow } from '../allocation-context.ts';
import { populationLine } from '../population-figures.ts';
import { scopes } from '../scopes.ts';
import { correctiveLineType } from './corrective-line.ts';
import { projectAllocationLineType } from './project-allocation-line.ts';

export type VisibleBody = BodyAllocation & { computed: ComputedAllocation };

/**
 * Bodies whose line the reader may see (cost-sharing read on the body, module on: `readableIds`,
 * found with the allocation's own statements), each with the allocation it belongs to (its fields
 * read the reference dates and the pools).
 */
export function visibleBodies(computed: ComputedAllocation): VisibleBody[] {
  let visible = visibleOf.get(computed);
  if (visible) return visible;
  // A loop and one object literal of a fixed shape: spreading thousands of lines cost tens of ms.
  visible = [];
  for (const body of readableLines(computed)) {
    visible.push({
      entityId: body.entityId,
      name: body.name,
      pcs: body.pcs,
      population: body.population,
      pcShare: body.pcShare,
      populationShare: body.populationShare,
      pcQuotaCents: body.pcQuotaCents,
      populationQuotaCents: body.populationQuotaCents,
      correctives: body.correctives,
      projects: body.projects,
      staffReimbursementCents: body.staffReimbursementCents,
      staffLoans: body.staffLoans,
      totalCents: body.totalCents,
      computed,
    } satisfies Required<VisibleBody>);
  }
  visibleOf.set(computed, visible);
  return visible;
}

/** Built once per allocation, and only when a field needs a line's allocation (not for plain figures). */
const visibleOf = new WeakMap<ComputedAllocation, VisibleBody[]>();

/** The lines the reader may see as the engine gave them, without their allocation: enough for plain figures. */
export function readableLines(computed: ComputedAllocation): BodyAllocation[] {
  const readable = computed.readableIds;
  if (!readable) throw new Error('readableLines: the allocation was computed without { readableIds: true }');
  return readable.size === computed.result.bodies.length ? computed.result.bodies : computed.result.bodies.filter((body) => readable.has(body.entityId));
}

/** The lines' bodies whose other fields a query reads: all of them in one statement. */
const entityRows = defineLoader<string, EntityRow>('cost-sharing.entityRows', async (ids, context) => {
  const rows = new Map((await context.prisma.entity.findMany({ where: { id: { in: [...ids] } } })).map((row) => [row.id, row]));
  return ids.map((id) => rows.get(id) ?? new Error(`body ${id} not found`));
});

export const bodyAllocationType = perBuilder((builder) => {
  const Locale = builder.enumType('Locale', { values: { IT: { value: 'it' }, EN: { value: 'en' } } as const });
  return builder.objectRef<VisibleBody>('BodyAllocation').implement({
    description: 'One member body\'s share of the year\'s costs, line by line: the lines add up to the total.',
    // Lines are built only for bodies the reader may see (visibleBodies): a per-line check would repeat
    // that for every one of thousands of bodies.
    authScopes: scopes.readSomeRow,
    // The type's scope checked once per line (scope-auth wraps isTypeOf) instead of once per field of
    // every line: thousands of lines x a dozen fields of wrapped resolvers cost tens of milliseconds.
    runScopesOnType: true,
    fields: (t) => ({
      entity: t.field({
        type: modelRef(builder, 'Entity'),
        // A body's id is all `entity { id }` needs (the type's scope reads only the id): thousands of
        // lines then load no row at all.
        resolve: (line, _args, context, info) =>
          selectsOnly(info, ['id', '__typename']) ? ({ id: line.entityId } as EntityRow) : entityRows(context).load(line.entityId),
      }),
      name: t.exposeString('name'),
      pcs: t.exposeInt('pcs', { description: 'PCs in service at the reference date (inventory).' }),
      population: t.exposeInt('population', { description: 'Residents at `populationDate` (31 December of the previous year; a scenario may use an earlier figure).' }),
      populationDate: t.field({
        type: 'Date',
        description: 'The date of the population figure used: the reference date, or in a scenario the latest earlier figure when that one is missing.',
        resolve: (line) => line.computed.populations.get(line.entityId)!.referenceDate,
      }),
      populationFallback: t.boolean({
        description: 'True when a scenario used a figure older than the reference date (a real allocation refuses instead).',
        resolve: (line) => line.computed.populations.get(line.entityId)!.referenceDate.getTime() !== line.computed.populationReferenceDate.getTime(),
      }),
      pcShare: t.exposeFloat('pcShare', { description: 'Share of the members\' PCs, 0 to 1 (for display).' }),
      populationShare: t.exposeFloat('populationShare', { description: 'Share of the members\' population, 0 to 1 (for display).' }),
      pcQuotaCents: t.expose('pcQuotaCents', { type: 'Cents', description: 'PC part of the general costs.' }),
      populationQuotaCents: t.expose('populationQuotaCents', { type: 'Cents', description: 'Population part of the general costs.' }),
      correctives: t.field({ type: [correctiveLineType(builder)], resolve: (line) => line.correctives }),
      projects: t.field({ type: [projectAllocationLineType(builder)], resolve: (line) => line.projects }),
      staffReimbursementCents: t.expose('staffReimbursementCents', { type: 'Cents', description: 'Credit for staff lent to the office (zero or negative).' }),
      totalCents: t.expose('totalCents', { type: 'Cents' }),
      explanation: t.stringList({
        description: 'The lines in plain words, as the web client shows them and the PDF prints them.',
        args: { locale: t.arg({ type: Locale, required: false, defaultValue: 'it' }) },
        // The figure's date first: the reader sees which population the quota rests on.
        resolve: (line, args) => [
          populationLine(args.locale ?? 'it', line.computed.populations.get(line.entityId)!, line.computed.populationReferenceDate),
          ...explainAllocation(line, line.computed.result, args.locale ?? 'it'),
        ],
      }),
    }),
  });
});
