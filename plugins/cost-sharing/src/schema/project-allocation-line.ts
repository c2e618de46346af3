import { modelRef, perBuilder } from '@gea/core';
import type { BodyAllocation } from '../allocation/index.ts';
import { readPartOfResult } from '../scopes.ts';
import { findProject } from '@gea/plugin-procurement';

export const projectAllocationLineType = perBuilder((builder) =>
  builder.objectRef<BodyAllocation['projects'][number]>('ProjectAllocationLine').implement({
    authScopes: readPartOfResult,
    runScopesOnType: true, // once per line (a body has one per corrective or project), not once per field
    description: 'A body\'s share of a project\'s capital expenses (participants only, art. 13.4).',
    fields: (t) => ({
      project: t.field({
        type: modelRef(builder, 'Project'),
        nullable: true,
        // through procurement's service (batched), never its table
        resolve: (line, _args, context) => findProject(context, line.projectId),
      }),
      name: t.exposeString('name'),
      pcQuotaCents: t.expose('pcQuotaCents', { type: 'Cents' }),
      populationQuotaCents: t.expose('populationQuotaCents', { type: 'Cents' }),
      amountCents: t.expose('amountCents', { type: 'Cents' }),
    }),
  }),
);
