import { modelRef, versionDescription, type GeaBuilder } from '@gea/core';
import { readsSomewhere, scopes } from '../scopes.ts';

export function addProviderType(builder: GeaBuilder) {
  const Supplier = modelRef(builder, 'Supplier');

  const ConnectivityProvider = builder.prismaNode('ConnectivityProvider', {
    description: 'A connectivity provider: a procurement supplier, with what the network needs to know of it.',
    id: { field: 'id' },
    nullable: true,
    // Providers serve every body: whoever reads connectivity for some body sees them (not what they sell to others).
    authScopes: scopes.readSome,
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      asn: t.exposeInt('asn', { nullable: true, description: 'Autonomous system number.' }),
      supportContact: t.exposeString('supportContact', { nullable: true, description: 'Fault-reporting portal or number.' }),
      note: t.exposeString('note', { nullable: true }),
      supplier: t.field({
        type: Supplier,
        nullable: true,
        description: 'The supplier in procurement; null when the reader may not read procurement.',
        select: (_args, _context, nestedSelection) => ({ supplier: nestedSelection(true) }),
        resolve: (provider, _args, context) =>
          readsSomewhere(context.actor, 'procurement:read') ? (provider as unknown as { supplier: never }).supplier : null,
      }),
      networks: t.relation('networks', { query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] } }),
      // Only the accounts of bodies the reader may see.
      accounts: t.relation('accounts', {
        query: (_args, context) => ({ where: { entity: scopes.readableEntities(context) }, orderBy: [{ accountNumber: 'asc' }, { id: 'asc' }] }),
      }),
    }),
  });

  builder.queryField('connectivityProviders', (t) =>
    t.prismaField({
      type: [ConnectivityProvider],
      description: 'Every connectivity provider, by name.',
      authScopes: scopes.readSome,
      resolve: (query, _root, _args, context) => context.prisma.connectivityProvider.findMany({ ...query, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    }),
  );
}
