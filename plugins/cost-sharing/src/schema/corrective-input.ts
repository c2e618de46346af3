import { modelRef, perBuilder } from '@gea/core';
import { CorrectiveKind as CorrectiveKinds } from '@gea/db';
import { z } from 'zod';
import type { CorrectiveSetting } from '../rules/correctives.ts';

export const correctiveKindEnum = perBuilder((builder) => builder.enumType(CorrectiveKinds, { name: 'CorrectiveKind' }));

/** A corrective as a rule or a scenario gives it. */
export const correctiveInputType = perBuilder((builder) =>
  builder.inputType('CorrectiveInput', {
    fields: (t) => ({
      kind: t.field({ type: correctiveKindEnum(builder), required: true }),
      label: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      basisPoints: t.int({ required: false, description: 'MIN_SHARE / MAX_SHARE: share of the general costs, 10000 = 100%.', validate: z.number().int().min(1).max(10_000) }),
      minimumPopulation: t.int({ required: false, description: 'MIN_POPULATION: the population counted at least.', validate: z.number().int().min(1).max(100_000_000) }),
      populationBelow: t.int({ required: false, description: 'Applies to bodies with fewer residents than this...', validate: z.number().int().min(1).max(100_000_000) }),
      entityIds: t.globalIDList({ required: false, for: modelRef(builder, 'Entity'), description: '...or to these bodies.' }),
    }),
  }),
);

type CorrectiveInput = ReturnType<typeof correctiveInputType>['$inferInput'];

/** The correctives as given, with bodies by id, for the rules to check (rules/correctives.ts). */
export const requestedCorrectives = (list: readonly CorrectiveInput[]): CorrectiveSetting[] =>
  list.map((corrective) => ({ ...corrective, entityIds: corrective.entityIds?.map((entity) => entity.id) }));
