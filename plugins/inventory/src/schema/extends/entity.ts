// What the inventory adds to the core's public bodies.
import { modelRef, type GeaBuilder } from '@gea/core';
import type { Prisma } from '@gea/db';
import { scopes } from '../../scopes.ts';
import { countPersonalComputersInService } from '../../services.ts';
import { assetListInputs, assetOrderBy, assetWhere } from '../asset-filter.ts';
import { loadRenewalPlans, renewalPlanTypes } from '../renewal-plan.ts';

type LoadedLicence = Prisma.SoftwareLicenceGetPayload<object>;

export function extendEntity(builder: GeaBuilder) {
  const { AssetFilter, AssetSort } = assetListInputs(builder);
  const { RenewalPlan, RenewalCriteria } = renewalPlanTypes(builder);

  builder.prismaObjectFields('Entity', (t) => ({
    // Nullable per body: one body outside the reader's scopes must not void the whole list.
    assets: t.relatedConnection('assets', {
      description: 'Equipment of this body.',
      nullable: true,
      cursor: 'id',
      authScopes: (entity) => scopes.readOn(entity.id),
      args: { filter: t.arg({ type: AssetFilter, required: false }), sort: t.arg({ type: AssetSort, required: false }) },
      query: (args) => ({ where: assetWhere(args.filter), orderBy: assetOrderBy(args.sort) }),
    }),
    personalComputersInService: t.int({
      nullable: true,
      description:
        'Desktops and laptops in service at a date (default today), from the status history: half of the cost-sharing key (art. 13).',
      authScopes: (entity) => scopes.readOn(entity.id),
      args: { at: t.arg({ type: 'Date', required: false }) },
      resolve: (entity, args, context) => countPersonalComputersInService(context, entity.id, args.at ?? undefined),
    }),
    softwareLicences: t.field({
      type: [modelRef(builder, 'SoftwareLicence')],
      nullable: true,
      description: 'Licences this body may use, soonest to expire first.',
      authScopes: (entity) => scopes.readOn(entity.id),
      select: (_args, _context, nestedSelection) => ({
        softwareLicences: {
          select: { licence: nestedSelection(true) },
          orderBy: { licence: { validUntil: { sort: 'asc', nulls: 'last' } } },
        },
      }),
      resolve: (entity) =>
        (entity as unknown as { softwareLicences: { licence: LoadedLicence }[] }).softwareLicences.map((row) => row.licence),
    }),
    renewalPlan: t.field({
      type: RenewalPlan,
      nullable: true,
      authScopes: (entity) => scopes.readOn(entity.id),
      args: { criteria: t.arg({ type: RenewalCriteria, required: false }) },
      resolve: async (entity, args, context) => (await loadRenewalPlans(context, [entity.id], args.criteria))[0]!,
    }),
  }));
}
