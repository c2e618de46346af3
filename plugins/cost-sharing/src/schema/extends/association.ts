import type { GeaBuilder } from '@gea/core';
import { readOnAssociationMembers } from '../../scopes.ts';

/** An association's issued annual documents. */
export function extendAssociation(builder: GeaBuilder) {
  builder.prismaObjectFields('Association', (t) => ({
    planDocuments: t.relation('planDocuments', {
      description: 'Issued annual documents of a year, latest version first.',
      authScopes: (association, _args, context) => readOnAssociationMembers(context, association.id),
      args: { year: t.arg.int({ required: true }) },
      query: (args) => ({ where: { year: args.year }, orderBy: [{ plan: 'asc' }, { version: 'desc' }] }),
    }),
  }));
}
