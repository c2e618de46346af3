import { perBuilder } from '@gea/core';
import type { PlanDocumentContent } from '../documents/content.ts';
import { readPartOfResult } from '../scopes.ts';

export const planQuotaType = perBuilder((builder) =>
  builder.objectRef<PlanDocumentContent['quotas'][number]>('PlanQuota').implement({
    authScopes: readPartOfResult,
    description: 'A body\'s quota in an issued document.',
    fields: (t) => ({
      name: t.exposeString('name'),
      pcs: t.exposeInt('pcs'),
      population: t.exposeInt('population'),
      totalCents: t.expose('totalCents', { type: 'Cents' }),
      explanation: t.exposeStringList('explanation'),
    }),
  }),
);

export const planExpenseLineType = perBuilder((builder) =>
  builder.objectRef<PlanDocumentContent['expenses'][number]>('PlanExpenseLine').implement({
    authScopes: readPartOfResult,
    fields: (t) => ({
      description: t.exposeString('description'),
      grossCents: t.expose('grossCents', { type: 'Cents' }),
      grantsCents: t.expose('grantsCents', { type: 'Cents' }),
      netCents: t.expose('netCents', { type: 'Cents' }),
      cig: t.exposeString('cig', { nullable: true }),
      cup: t.exposeString('cup', { nullable: true }),
    }),
  }),
);
