import { perBuilder } from '@gea/core';
import type { BodyAllocation } from '../allocation/index.ts';
import { readPartOfResult } from '../scopes.ts';

export const correctiveLineType = perBuilder((builder) =>
  builder.objectRef<BodyAllocation['correctives'][number]>('CorrectiveLine').implement({
    authScopes: readPartOfResult,
    description: 'What a corrective moved for a body: positive raises its share, negative lowers it.',
    fields: (t) => ({
      label: t.exposeString('label'),
      amountCents: t.expose('amountCents', { type: 'Cents' }),
    }),
  }),
);
