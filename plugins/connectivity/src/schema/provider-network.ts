import { versionDescription, type GeaBuilder } from '@gea/core';
import { scopes } from '../scopes.ts';
import { providerNetworkKindEnum } from './enums.ts';

export function addProviderNetworkType(builder: GeaBuilder) {
  const ProviderNetworkKind = providerNetworkKindEnum(builder);
  builder.prismaNode('ProviderNetwork', {
    description: "A network run by a provider that circuits reach: the regional network (Tuscany's RTRT), SPC's QXN, an MPLS.",
    id: { field: 'id' },
    nullable: true,
    authScopes: scopes.readSome,
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      kind: t.expose('kind', { type: ProviderNetworkKind }),
      description: t.exposeString('description', { nullable: true }),
      provider: t.relation('provider'),
      virtualCircuits: t.relation('virtualCircuits', { query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] } }),
    }),
  });
}
