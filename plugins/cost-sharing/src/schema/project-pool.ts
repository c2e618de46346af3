import { perBuilder } from '@gea/core';
import type { AllocationResult } from '../allocation/index.ts';
import { readPartOfResult } from '../scopes.ts';

export const projectPoolType = perBuilder((builder) =>
  builder.objectRef<AllocationResult['projectPools'][number]>('ProjectPool').implement({
    authScopes: readPartOfResult,
    fields: (t) => ({
      name: t.exposeString('name'),
      cents: t.exposeInt('cents', { description: 'Net capital expenses of the project this year.' }),
      participantCount: t.int({ resolve: (pool) => pool.participantIds.length }),
    }),
  }),
);
