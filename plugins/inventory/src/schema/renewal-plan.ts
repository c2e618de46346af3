import { defineLoader, modelRef, perBuilder, today, type GeaBuilder, type GeaContext } from '@gea/core';
import { AssetKind, type Prisma } from '@gea/db';
import { z } from 'zod';
import { scopes } from '../scopes.ts';
import {
  ageLimit,
  assetsToRenewCount,
  criteriaKey,
  hasWork,
  IN_USE,
  renewalPlan,
  replacementValueCents,
  warrantyLimit,
  type PrinterReplacement,
  type RenewalCriteria,
  type RenewalPlan,
} from '../rules/renewal.ts';
import { assetKindEnum } from './enums.ts';

/**
 * Plans for many bodies under the same criteria cost two queries, whatever the number of bodies:
 * one for the old or out-of-warranty equipment, one for the printers and multifunction printers.
 */
const plans = defineLoader<{ entityId: string; criteria: RenewalCriteria }, RenewalPlan, string>(
  'inventory.renewalPlans',
  async (keys, context) => {
    const byCriteria = new Map<string, { criteria: RenewalCriteria; entityIds: string[] }>();
    for (const key of keys) {
      const group = byCriteria.get(criteriaKey(key.criteria)) ?? { criteria: key.criteria, entityIds: [] };
      group.entityIds.push(key.entityId);
      byCriteria.set(criteriaKey(key.criteria), group);
    }
    const results = new Map<string, RenewalPlan>();
    for (const [groupKey, { criteria, entityIds }] of byCriteria) {
      const [candidates, printing] = await Promise.all([
        context.prisma.asset.findMany({
          where: {
            entityId: { in: entityIds },
            status: { in: [...IN_USE] },
            OR: [
              ...Object.values(AssetKind).map((kind) => ({ kind, purchaseDate: { lte: ageLimit(criteria, kind) } })),
              { warrantyEnd: { lte: warrantyLimit(criteria) } },
            ],
          },
          orderBy: [{ purchaseDate: 'asc' }, { id: 'asc' }],
        }),
        context.prisma.asset.findMany({
          where: { entityId: { in: entityIds }, status: 'IN_SERVICE', kind: { in: ['PRINTER', 'MULTIFUNCTION_PRINTER'] }, siteId: { not: null } },
          orderBy: [{ inventoryTag: 'asc' }, { id: 'asc' }],
        }),
      ]);
      for (const entityId of entityIds) results.set(`${entityId}|${groupKey}`, renewalPlan(entityId, criteria, candidates, printing));
    }
    return keys.map((key) => results.get(`${key.entityId}|${criteriaKey(key.criteria)}`)!);
  },
  { cacheKeyFn: (key) => `${key.entityId}|${criteriaKey(key.criteria)}` },
);

/** The renewal plan's types, shared with the field on Entity. */
export const renewalPlanTypes = perBuilder((builder) => {
  const KindAge = builder.inputType('RenewalAgeByKind', {
    fields: (t) => ({
      kind: t.field({ type: assetKindEnum(builder), required: true }),
      years: t.int({ required: true, validate: z.number().int().min(1).max(30) }),
    }),
  });
  const RenewalCriteria = builder.inputType('RenewalCriteria', {
    description: 'When equipment is due for renewal. Every value has a default from common practice in the office.',
    fields: (t) => ({
      at: t.field({ type: 'Date', required: false, description: 'The date the plan looks from (default today).' }),
      maxAgeYears: t.int({ required: false, defaultValue: 5, validate: z.number().int().min(1).max(30), description: 'Age from purchase.' }),
      ages: t.field({ type: [KindAge], required: false, description: 'Ages per kind, overriding maxAgeYears.' }),
      warrantyWithinDays: t.int({
        required: false,
        defaultValue: 0,
        validate: z.number().int().min(0).max(3650),
        description: 'Include warranties ending within this many days of the date (0: already ended).',
      }),
    }),
  });
  return { RenewalCriteria, RenewalPlan: builder.objectRef<RenewalPlan>('RenewalPlan') };
});

type CriteriaInput = ReturnType<typeof renewalPlanTypes>['RenewalCriteria']['$inferInput'];

/** Bodies' plans under the criteria asked (defaults filled in); batched with the other bodies of the request. */
export function loadRenewalPlans(context: GeaContext, entityIds: readonly string[], input: CriteriaInput | null | undefined): Promise<RenewalPlan[]> {
  const criteria = toCriteria(input);
  return Promise.all(entityIds.map((entityId) => plans(context).load({ entityId, criteria })));
}

const toCriteria = (input: CriteriaInput | null | undefined): RenewalCriteria => ({
  at: input?.at ?? today(),
  maxAgeYears: input?.maxAgeYears ?? 5,
  ages: new Map((input?.ages ?? []).map((row) => [row.kind, row.years])),
  warrantyWithinDays: input?.warrantyWithinDays ?? 0,
});

export function addRenewalPlanType(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const Asset = modelRef(builder, 'Asset');
  const { RenewalPlan, RenewalCriteria } = renewalPlanTypes(builder);

  const Replacement = builder.objectRef<PrinterReplacement>('PrinterReplacement').implement({
    description: 'A personal printer that the multifunction printer on the same floor of the same site could replace.',
    authScopes: (row) => scopes.readOn(row.printer.entityId),
    fields: (t) => ({
      printer: t.field({ type: Asset, resolve: (row) => row.printer }),
      multifunctionPrinter: t.field({ type: Asset, resolve: (row) => row.multifunctionPrinter }),
    }),
  });

  RenewalPlan.implement({
    description: 'What a body should plan to renew (art. 2): equipment in use past its age or warranty, printers a shared one could replace.',
    authScopes: (plan) => scopes.readOn(plan.entityId),
    fields: (t) => ({
      entity: t.field({
        type: Entity,
        description: 'The body.',
        // findUnique calls of one tick are batched by Prisma into one query.
        resolve: async (plan, _args, context) => (await context.prisma.entity.findUnique({ where: { id: plan.entityId } }))!,
      }),
      at: t.field({ type: 'Date', resolve: (plan) => plan.criteria.at }),
      pastAge: t.field({ type: [Asset], description: 'In use and older than the age limit, oldest first.', resolve: (plan) => plan.pastAge }),
      warrantyEnding: t.field({
        type: [Asset],
        description: 'In use with the warranty ended (or ending within the days asked).',
        resolve: (plan) => plan.warrantyEnding,
      }),
      replaceablePrinters: t.field({ type: [Replacement], resolve: (plan) => plan.replaceablePrinters }),
      assetsToRenew: t.int({ description: 'Distinct assets past their age or warranty.', resolve: assetsToRenewCount }),
      replacementValueCents: t.field({ type: 'Cents',
        description: 'What those assets cost when bought (a first estimate of the renewal budget), in euro cents.',
        resolve: replacementValueCents,
      }),
    }),
  });

  builder.queryField('renewalPlans', (t) =>
    t.field({
      type: [RenewalPlan],
      description: 'Renewal plans of the bodies the reader may see (or of those asked), by body name; bodies with nothing to plan are left out.',
      authScopes: scopes.readSome,
      args: {
        criteria: t.arg({ type: RenewalCriteria, required: false }),
        entityIds: t.arg.globalIDList({ required: false, for: Entity }),
      },
      resolve: async (_root, args, context) => {
        const where: Prisma.EntityWhereInput = {
          ...scopes.readableEntities(context),
          ...(args.entityIds?.length ? { AND: [{ id: { in: args.entityIds.map((e) => e.id) } }] } : {}),
        };
        const entities = await context.prisma.entity.findMany({ where, select: { id: true }, orderBy: { name: 'asc' } });
        const all = await loadRenewalPlans(context, entities.map((entity) => entity.id), args.criteria);
        return all.filter(hasWork);
      },
    }),
  );
}
