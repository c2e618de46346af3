import { versionDescription, type GeaBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';

export function addProviderAccountType(builder: GeaBuilder) {
  builder.prismaNode('ProviderAccount', {
    description: 'A customer account at a provider, and the body that pays it.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (account) => scopes.readOn(account.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      accountNumber: t.exposeString('accountNumber', { description: "The provider's customer code." }),
      name: t.exposeString('name', { nullable: true }),
      provider: t.relation('provider'),
      entity: t.relation('entity', { nullable: true, description: 'The body that pays the account.' }),
    }),
  });
}
