// What connectivity adds to a body: its circuits and redundancy groups, for the body's connectivity sheet.
import type { GeaBuilder } from '@gea/core';
import { scopes } from '../../scopes.ts';

export function addEntityConnectivityFields(builder: GeaBuilder) {
  builder.prismaObjectFields('Entity', (t) => ({
    circuits: t.relation('circuits', {
      description: "The body's circuits, by circuit id (empty where the reader may not read its connectivity, or the module is off).",
      authScopes: (entity) => scopes.readOn(entity.id),
      query: { orderBy: [{ cid: 'asc' }, { id: 'asc' }] },
    }),
    redundancyGroups: t.relation('redundancyGroups', {
      description: "The body's redundancy groups, by name.",
      authScopes: (entity) => scopes.readOn(entity.id),
      query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    }),
  }));
}
