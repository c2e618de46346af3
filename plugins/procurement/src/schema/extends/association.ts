// What procurement adds to the core's associations: the office's expenses, projects and lent staff.
import { type GeaBuilder } from '@gea/core';
import { readOnAssociation, scopes } from '../../scopes.ts';
import { expenseFilterInput } from '../expense.ts';

export function extendAssociation(builder: GeaBuilder) {
  builder.prismaObjectFields('Association', (t) => ({
    expenses: t.relation('expenses', {
      description: 'The office\'s expenses of a year, by plan and description.',
      authScopes: (association, _args, context) => readOnAssociation(context, association.id),
      args: { year: t.arg.int({ required: true }), filter: t.arg({ type: expenseFilterInput(builder), required: false }) },
      query: (args) => ({
        where: {
          year: args.year,
          ...(args.filter?.plan?.length ? { plan: { in: args.filter.plan } } : {}),
          ...(args.filter?.category ? { category: args.filter.category } : {}),
          ...(args.filter?.projectId ? { projectId: args.filter.projectId.id } : {}),
          ...(args.filter?.contractId ? { contractId: args.filter.contractId.id } : {}),
        },
        orderBy: [{ plan: 'asc' }, { description: 'asc' }, { id: 'asc' }],
      }),
    }),
    projects: t.relation('projects', {
      authScopes: (association, _args, context) => readOnAssociation(context, association.id),
      query: { orderBy: { name: 'asc' } },
    }),
    staffSecondments: t.relation('staffSecondments', {
      description: 'Staff lent to the office in a year, for the bodies whose procurement the reader may see.',
      authScopes: (association, _args, context) => readOnAssociation(context, association.id),
      args: { year: t.arg.int({ required: true }) },
      query: (args, context) => ({
        where: { year: args.year, lendingEntity: scopes.readableEntities(context) },
        orderBy: [{ personName: 'asc' }, { id: 'asc' }],
      }),
    }),
  }));
}
