// The filter of contract lists: the contracts query and a body's contracts share it.
import { containsText, modelRef, perBuilder, startsWithText, type GeaContext } from '@gea/core';
import type { Prisma } from '@gea/db';
import { z } from 'zod';
import { scopes } from '../scopes.ts';
import { contractKindEnum } from './enums.ts';

export const contractFilterInput = perBuilder((builder) =>
  builder.inputType('ContractFilter', {
    fields: (t) => ({
      entityIds: t.globalIDList({ required: false, for: modelRef(builder, 'Entity'), description: 'Contracts serving any of these bodies.' }),
      kind: t.field({ type: [contractKindEnum(builder)], required: false }),
      supplierId: t.globalID({ required: false, for: modelRef(builder, 'Supplier') }),
      inForceOn: t.field({ type: 'Date', required: false, description: 'Contracts whose term includes this date.' }),
      endingBefore: t.field({ type: 'Date', required: false, description: 'Contracts whose last day is before this date.' }),
      search: t.string({ required: false, description: 'Text in the subject, CIG or CUP.', validate: z.string().trim().max(100) }),
    }),
  }),
);

export type ContractFilterInput = ReturnType<typeof contractFilterInput>['$inferInput'];

/** Contracts matching a filter, among those serving at least one body the reader may see. */
export function contractWhere(context: GeaContext, filter: ContractFilterInput | null | undefined): Prisma.ContractWhereInput {
  const text = filter?.search?.trim();
  return {
    AND: [
      // Only contracts serving at least one body the reader may see are ever selected.
      { entities: { some: { entity: scopes.readableEntities(context) } } },
      filter?.entityIds?.length ? { entities: { some: { entityId: { in: filter.entityIds.map((e) => e.id) } } } } : {},
      filter?.kind?.length ? { kind: { in: filter.kind } } : {},
      filter?.supplierId ? { supplierId: filter.supplierId.id } : {},
      filter?.inForceOn ? { startsOn: { lte: filter.inForceOn }, endsOn: { gte: filter.inForceOn } } : {},
      filter?.endingBefore ? { endsOn: { lt: filter.endingBefore } } : {},
      text
        ? {
            OR: [
              { subject: containsText(text) },
              { cig: startsWithText(text.toUpperCase(), { caseSensitive: true }) },
              { cup: startsWithText(text.toUpperCase(), { caseSensitive: true }) },
            ],
          }
        : {},
    ],
  };
}
