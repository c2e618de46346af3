// What connectivity adds to a body and its sites, for the body's connectivity sheet: its circuits and
// redundancy groups, and on each site the count of links ending there (a site on a single active
// link has no way round a fault: the sheet warns about it).
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

  // Counted in the query that loads the sites (plugin-prisma's relation counts): no statement per site.
  builder.prismaObjectFields('Site', (t) => ({
    linkCount: t.relationCount('circuitTerminations', {
      description: 'Circuits ending on this site, ceased ones excepted (refused where the reader may not read its connectivity).',
      authScopes: (site) => scopes.readOn(site.entityId),
      where: { circuit: { status: { not: 'DECOMMISSIONED' } } },
    }),
    activeLinkCount: t.relationCount('circuitTerminations', {
      description: 'Active circuits ending on this site: 1 means a single link, no way round a fault.',
      authScopes: (site) => scopes.readOn(site.entityId),
      where: { circuit: { status: 'ACTIVE' } },
    }),
  }));
}
