import { perBuilder } from '@gea/core';
import { readPartOfResult } from '../scopes.ts';
import type { CorrectiveSetting } from '../rules/correctives.ts';
import { correctiveKindEnum } from './corrective-input.ts';

export const appliedCorrectiveType = perBuilder((builder) =>
  builder.objectRef<CorrectiveSetting & { bodyCount: number }>('AppliedCorrective').implement({
    authScopes: readPartOfResult,
    fields: (t) => ({
      kind: t.expose('kind', { type: correctiveKindEnum(builder) }),
      label: t.exposeString('label'),
      basisPoints: t.exposeInt('basisPoints', { nullable: true }),
      minimumPopulation: t.exposeInt('minimumPopulation', { nullable: true }),
      populationBelow: t.exposeInt('populationBelow', { nullable: true }),
      bodyCount: t.exposeInt('bodyCount', { description: 'Named bodies it applies to (0 when it goes by population).' }),
    }),
  }),
);
