import { coreRefs, defineLoader, readableEntitiesWhere, type GeaBuilder } from '@gea/core';
import { AssetKind as AssetKinds, type Asset as AssetRow, type Prisma } from '@gea/db';
import { z } from 'zod';
import { inventoryRefs } from './refs.ts';
import { readOn, today } from './shared.ts';

/** Equipment still in use: what renewal planning is about (art. 2: plan replacements before they fail). */
const IN_USE = ['IN_SERVICE', 'UNDER_REPAIR'] as const;

interface Criteria {
  at: Date;
  maxAgeYears: number;
  /** Per kind, overriding maxAgeYears (servers last longer than laptops). */
  ages: ReadonlyMap<AssetKinds, number>;
  warrantyWithinDays: number;
}

interface PrinterReplacement {
  printer: AssetRow;
  multifunctionPrinter: AssetRow;
}

interface RenewalPlan {
  entityId: string;
  criteria: Criteria;
  pastAge: AssetRow[];
  warrantyEnding: AssetRow[];
  replaceablePrinters: PrinterReplacement[];
}

const yearsBefore = (date: Date, years: number) => {
  const shifted = new Date(date);
  shifted.setUTCFullYear(shifted.getUTCFullYear() - years);
  return shifted;
};
const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);
const placeKey = (asset: AssetRow) => `${asset.siteId}|${(asset.floor ?? '').trim().toLowerCase()}`;
const criteriaKey = (c: Criteria) =>
  JSON.stringify([c.at.toISOString(), c.maxAgeYears, [...c.ages].sort(), c.warrantyWithinDays]);

/**
 * Plans for many bodies under the same criteria cost two queries, whatever the number of bodies:
 * one for the old or out-of-warranty equipment, one for the printers and multifunction printers.
 */
const plans = defineLoader<{ entityId: string; criteria: Criteria }, RenewalPlan, string>(
  'inventory.renewalPlans',
  async (keys, context) => {
    const byCriteria = new Map<string, { criteria: Criteria; entityIds: string[] }>();
    for (const key of keys) {
      const group = byCriteria.get(criteriaKey(key.criteria)) ?? { criteria: key.criteria, entityIds: [] };
      group.entityIds.push(key.entityId);
      byCriteria.set(criteriaKey(key.criteria), group);
    }
    const results = new Map<string, RenewalPlan>();
    for (const [groupKey, { criteria, entityIds }] of byCriteria) {
      const ageLimit = (kind: AssetKinds) => yearsBefore(criteria.at, criteria.ages.get(kind) ?? criteria.maxAgeYears);
      const warrantyLimit = daysAfter(criteria.at, criteria.warrantyWithinDays);
      const kinds = Object.values(AssetKinds);
      const [candidates, printing] = await Promise.all([
        context.prisma.asset.findMany({
          where: {
            entityId: { in: entityIds },
            status: { in: [...IN_USE] },
            OR: [
              ...kinds.map((kind) => ({ kind, purchaseDate: { lte: ageLimit(kind) } })),
              { warrantyEnd: { lte: warrantyLimit } },
            ],
          },
          orderBy: [{ purchaseDate: 'asc' }, { id: 'asc' }],
        }),
        context.prisma.asset.findMany({
          where: { entityId: { in: entityIds }, status: 'IN_SERVICE', kind: { in: ['PRINTER', 'MULTIFUNCTION_PRINTER'] }, siteId: { not: null } },
          orderBy: [{ inventoryTag: 'asc' }, { id: 'asc' }],
        }),
      ]);
      for (const entityId of entityIds) {
        const mine = candidates.filter((asset) => asset.entityId === entityId);
        const multifunction = new Map<string, AssetRow>();
        for (const asset of printing) {
          if (asset.entityId === entityId && asset.kind === 'MULTIFUNCTION_PRINTER' && !multifunction.has(placeKey(asset))) {
            multifunction.set(placeKey(asset), asset);
          }
        }
        results.set(`${entityId}|${groupKey}`, {
          entityId,
          criteria,
          pastAge: mine.filter((asset) => asset.purchaseDate && asset.purchaseDate <= ageLimit(asset.kind)),
          warrantyEnding: mine.filter((asset) => asset.warrantyEnd && asset.warrantyEnd <= warrantyLimit),
          replaceablePrinters: printing
            .filter((asset) => asset.entityId === entityId && asset.kind === 'PRINTER' && multifunction.has(placeKey(asset)))
            .map((printer) => ({ printer, multifunctionPrinter: multifunction.get(placeKey(printer))! })),
        });
      }
    }
    return keys.map((key) => results.get(`${key.entityId}|${criteriaKey(key.criteria)}`)!);
  },
  { cacheKeyFn: (key) => `${key.entityId}|${criteriaKey(key.criteria)}` },
);

export function addRenewalSchema(builder: GeaBuilder) {
  const { Entity } = coreRefs(builder);
  const { Asset, AssetKind } = inventoryRefs(builder);

  const KindAge = builder.inputType('RenewalAgeByKind', {
    fields: (t) => ({
      kind: t.field({ type: AssetKind, required: true }),
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
  type CriteriaArg = {
    at?: Date | null;
    maxAgeYears?: number | null;
    ages?: { kind: AssetKinds; years: number }[] | null;
    warrantyWithinDays?: number | null;
  } | null | undefined;
  const toCriteria = (arg: CriteriaArg): Criteria => ({
    at: arg?.at ?? today(),
    maxAgeYears: arg?.maxAgeYears ?? 5,
    ages: new Map((arg?.ages ?? []).map((row) => [row.kind, row.years])),
    warrantyWithinDays: arg?.warrantyWithinDays ?? 0,
  });

  const Replacement = builder.objectRef<PrinterReplacement>('PrinterReplacement').implement({
    description: 'A personal printer that the multifunction printer on the same floor of the same site could replace.',
    authScopes: (row) => readOn(row.printer.entityId),
    fields: (t) => ({
      printer: t.field({ type: Asset, resolve: (row) => row.printer }),
      multifunctionPrinter: t.field({ type: Asset, resolve: (row) => row.multifunctionPrinter }),
    }),
  });

  const Plan = builder.objectRef<RenewalPlan>('RenewalPlan').implement({
    description: 'What a body should plan to renew (art. 2): equipment in use past its age or warranty, printers a shared one could replace.',
    authScopes: (plan) => readOn(plan.entityId),
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
      assetsToRenew: t.int({
        description: 'Distinct assets past their age or warranty.',
        resolve: (plan) => new Set([...plan.pastAge, ...plan.warrantyEnding].map((asset) => asset.id)).size,
      }),
      replacementValueCents: t.int({
        description: 'What those assets cost when bought (a first estimate of the renewal budget), in euro cents.',
        resolve: (plan) => {
          const unique = new Map([...plan.pastAge, ...plan.warrantyEnding].map((asset) => [asset.id, asset.priceCents ?? 0]));
          return [...unique.values()].reduce((sum, cents) => sum + cents, 0);
        },
      }),
    }),
  });

  builder.prismaObjectFields('Entity', (t) => ({
    renewalPlan: t.field({
      type: Plan,
      nullable: true,
      authScopes: (entity) => readOn(entity.id),
      args: { criteria: t.arg({ type: RenewalCriteria, required: false }) },
      resolve: (entity, args, context) => plans(context).load({ entityId: entity.id, criteria: toCriteria(args.criteria) }),
    }),
  }));

  builder.queryField('renewalPlans', (t) =>
    t.field({
      type: [Plan],
      description: 'Renewal plans of the bodies the reader may see (or of those asked), by body name; bodies with nothing to plan are left out.',
      authScopes: { permissionOnSomeBody: 'inventory:read' },
      args: {
        criteria: t.arg({ type: RenewalCriteria, required: false }),
        entityIds: t.arg.globalIDList({ required: false, for: Entity }),
      },
      resolve: async (_root, args, context) => {
        const where: Prisma.EntityWhereInput = {
          ...readableEntitiesWhere(context, 'inventory:read'),
          ...(args.entityIds?.length ? { AND: [{ id: { in: args.entityIds.map((e) => e.id) } }] } : {}),
        };
        const entities = await context.prisma.entity.findMany({ where, select: { id: true }, orderBy: { name: 'asc' } });
        const criteria = toCriteria(args.criteria);
        const all = await Promise.all(entities.map((entity) => plans(context).load({ entityId: entity.id, criteria })));
        return all.filter((plan) => plan.pastAge.length + plan.warrantyEnding.length + plan.replaceablePrinters.length > 0);
      },
    }),
  );
}
