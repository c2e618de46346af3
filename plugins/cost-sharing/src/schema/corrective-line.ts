import { perBuilder } from '@gea/core';
import type { BodyAllocation } from '../allocation/index.ts';
import { readPartOfResult } from '../scopes.ts';

export const correctiveLineType = perBuilder((builder) =>
  builder.objectRef<BodyAllocation['correctives'][number]>('CorrectiveLine').implement({
    authScopes: readPartOfResult,
    runScopesOnType: true, // once per line (a body has one per corrective or project), not once per field
    description: 'What a corrective moved for a body: positive raises its share, negative lowers it.',
    fields: (t) => ({
      label: t.exposeString('label'),
      amountCents: t.expose('amountCents', { type: 'Cents' }),
    }),
  }),
);
