// The network view (art. 5.2): every site of the association's bodies the reader may see, the
// circuits from them, the provider networks they reach and the central site as hub, in one answer.
//
// Built with three hand-written statements whatever the number of bodies and circuits (the hub, the
// sites, the links), plain SQL that runs on PGlite and PostgreSQL alike. The rows become plain
// objects whose fields are exposed as they are: no per-row resolver reads anything, so 7,900 bodies
// cost a JSON payload, not 40,000 resolver calls with scope checks (tests/bench/connectivity-network.ts).
//
// Who sees what: the sites and links of the bodies where the reader holds connectivity:read and the
// module is on (a referent: their own body); the hub node always, as the association's fact (where
// every link leads), but never another body's sites or links. A link's far end on a site the reader
// may not see is left out (toSiteId null), the same for the near end.
import { modelRef, type GeaBuilder, type GeaContext } from '@gea/core';
import { Prisma, type CircuitStatus, type CircuitTechnology, type ProviderNetworkKind, type RedundancyPriority } from '@gea/db';
import { agcomClassOf, type AgcomClass } from '../rules/agcom-class.ts';
import { scopes } from '../scopes.ts';
import { agcomClassEnum, circuitStatusEnum, circuitTechnologyEnum, providerNetworkKindEnum, redundancyPriorityEnum } from './enums.ts';

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

export interface NetworkSiteRow {
  id: string;
  name: string;
  entityId: string;
  entityName: string;
  latitude: number | null;
  longitude: number | null;
  isHub: boolean;
  circuitCount: number;
}

export interface NetworkLinkRow {
  id: string;
  cid: string;
  technology: CircuitTechnology;
  agcomClass: AgcomClass | null;
  status: CircuitStatus;
  downloadKbps: number;
  uploadKbps: number;
  providerName: string;
  redundancyPriority: RedundancyPriority | null;
  entityId: string;
  fromSiteId: string | null;
  fromNetworkId: string | null;
  toSiteId: string | null;
  toNetworkId: string | null;
}

export interface NetworkRow {
  hub: NetworkSiteRow | null;
  hubNetworkIds: string[];
  sites: NetworkSiteRow[];
  links: NetworkLinkRow[];
  networks: { id: string; name: string; kind: ProviderNetworkKind }[];
}

export interface NetworkFilter {
  entityIds?: readonly string[] | null;
  status?: readonly CircuitStatus[] | null;
  technology?: readonly CircuitTechnology[] | null;
}

/** Statuses shown when the filter names none: the live network, without ceased circuits. */
const LIVE_STATUSES: readonly CircuitStatus[] = ['ORDERED', 'PLANNED', 'PROVISIONING', 'ACTIVE', 'OFFLINE', 'DEPROVISIONING'];

/** The association's bodies the reader may read connectivity for, with the module on, as a SQL fragment. */
function bodiesOf(context: GeaContext, associationId: string, filter: NetworkFilter): Prisma.Sql {
  const scope = context.actor.entitiesWith(scopes.read);
  const all = scope === 'all';
  const ids = all ? [] : [...scope];
  const only = filter.entityIds?.length ? [...filter.entityIds] : null;
  return Prisma.sql`
    select e.id, e.name from "Entity" e
    where (e.id = (select a."leadEntityId" from "Association" a where a.id = ${associationId}::uuid)
           or exists (select 1 from "AssociationMember" m
                      where m."associationId" = ${associationId}::uuid and m."entityId" = e.id
                        and m."joinedOn" <= current_date and (m."leftOn" is null or m."leftOn" > current_date)))
      and (${all} or e.id = any(${ids}::uuid[]))
      and (${only === null} or e.id = any(${only ?? []}::uuid[]))
      and exists (select 1 from "ModuleEnablement" me where me."entityId" = e.id and me."moduleKey" = 'connectivity' and me.enabled)`;
}

/** The network of an association as the reader may see it: three statements, whatever its size. */
export async function loadNetwork(context: GeaContext, associationId: string, filter: NetworkFilter = {}): Promise<NetworkRow | null> {
  const [head] = await context.prisma.$queryRaw<
    {
      siteId: string | null;
      name: string | null;
      entityId: string | null;
      entityName: string | null;
      latitude: number | null;
      longitude: number | null;
      networkIds: string[] | null;
    }[]
  >`
    select s.id::text as "siteId", s.name, s."entityId"::text as "entityId", e.name as "entityName", s.latitude, s.longitude,
           (select array_agg(distinct t."providerNetworkId"::text)
              from "CircuitTermination" hs
              join "Circuit" c on c.id = hs."circuitId" and c.status <> 'DECOMMISSIONED'
              join "CircuitTermination" t on t."circuitId" = c.id and t."providerNetworkId" is not null
             where hs."siteId" = s.id) as "networkIds"
      from "Association" a
      left join "ConnectivityHub" h on h."associationId" = a.id
      left join "Site" s on s.id = h."siteId"
      left join "Entity" e on e.id = s."entityId"
     where a.id = ${associationId}::uuid`;
  if (!head) return null;

  const bodies = bodiesOf(context, associationId, filter);
  const statuses = filter.status?.length ? [...filter.status] : [...LIVE_STATUSES];
  const technologies = filter.technology?.length ? [...filter.technology] : null;

  const siteRows = await context.prisma.$queryRaw<Omit<NetworkSiteRow, 'isHub' | 'circuitCount'>[]>`
    with bodies as (${bodies})
    select s.id::text as id, s.name, s."entityId"::text as "entityId", b.name as "entityName", s.latitude, s.longitude
      from "Site" s join bodies b on b.id = s."entityId"
     order by b.name, s.name, s.id`;

  const linkRows = await context.prisma.$queryRaw<
    (Omit<NetworkLinkRow, 'agcomClass'> & {
      fromNetworkName: string | null;
      fromNetworkKind: ProviderNetworkKind | null;
      toNetworkName: string | null;
      toNetworkKind: ProviderNetworkKind | null;
    })[]
  >`
    with bodies as (${bodies})
    select c.id::text as id, c.cid, c.technology::text as technology, c.status::text as status,
           c."downloadKbps", c."uploadKbps", p.name as "providerName", r.priority::text as "redundancyPriority",
           c."entityId"::text as "entityId",
           ta."siteId"::text as "fromSiteId", ta."providerNetworkId"::text as "fromNetworkId", na.name as "fromNetworkName", na.kind::text as "fromNetworkKind",
           tz."siteId"::text as "toSiteId", tz."providerNetworkId"::text as "toNetworkId", nz.name as "toNetworkName", nz.kind::text as "toNetworkKind"
      from "Circuit" c
      join bodies b on b.id = c."entityId"
      join "ConnectivityProvider" p on p.id = c."providerId"
      left join "CircuitTermination" ta on ta."circuitId" = c.id and ta.side = 'A'
      left join "ProviderNetwork" na on na.id = ta."providerNetworkId"
      left join "CircuitTermination" tz on tz."circuitId" = c.id and tz.side = 'Z'
      left join "ProviderNetwork" nz on nz.id = tz."providerNetworkId"
      left join "RedundancyGroupMember" r on r."circuitId" = c.id
     where c.status::text = any(${statuses}::text[])
       and (${technologies === null} or c.technology::text = any(${technologies ?? []}::text[]))
     order by b.name, c.cid, c.id`;

  const hub: NetworkSiteRow | null = head.siteId
    ? {
        id: head.siteId,
        name: head.name!,
        entityId: head.entityId!,
        entityName: head.entityName!,
        latitude: head.latitude,
        longitude: head.longitude,
        isHub: true,
        circuitCount: 0,
      }
    : null;
  const sites = new Map<string, NetworkSiteRow>(siteRows.map((row) => [row.id, { ...row, isHub: row.id === hub?.id, circuitCount: 0 }]));
  // The hub node is shown to every reader; its own links only to those who may read its body.
  if (hub && !sites.has(hub.id)) sites.set(hub.id, hub);
  const networks = new Map<string, NetworkRow['networks'][number]>();
  const links: NetworkLinkRow[] = linkRows.map((row) => {
    if (row.fromNetworkId) networks.set(row.fromNetworkId, { id: row.fromNetworkId, name: row.fromNetworkName!, kind: row.fromNetworkKind! });
    if (row.toNetworkId) networks.set(row.toNetworkId, { id: row.toNetworkId, name: row.toNetworkName!, kind: row.toNetworkKind! });
    const fromSiteId = row.fromSiteId && sites.has(row.fromSiteId) ? row.fromSiteId : null;
    const toSiteId = row.toSiteId && sites.has(row.toSiteId) ? row.toSiteId : null;
    for (const id of new Set([fromSiteId, toSiteId])) if (id) sites.get(id)!.circuitCount += 1;
    return {
      id: row.id,
      cid: row.cid,
      technology: row.technology,
      agcomClass: agcomClassOf(row.technology, row.downloadKbps),
      status: row.status,
      downloadKbps: row.downloadKbps,
      uploadKbps: row.uploadKbps,
      providerName: row.providerName,
      redundancyPriority: row.redundancyPriority,
      entityId: row.entityId,
      fromSiteId,
      fromNetworkId: row.fromNetworkId,
      toSiteId,
      toNetworkId: row.toNetworkId,
    };
  });
  const hubNode = hub ? sites.get(hub.id)! : null;
  return {
    hub: hubNode,
    hubNetworkIds: (head.networkIds ?? []).sort(),
    sites: [...sites.values()],
    links,
    networks: [...networks.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Global ids once per row, in plain JavaScript: the GraphQL fields below only expose them. */
function encoded(network: NetworkRow) {
  const site = (row: NetworkSiteRow) => ({ ...row, id: globalId('Site', row.id), entityId: globalId('Entity', row.entityId) });
  return {
    hub: network.hub ? site(network.hub) : null,
    hubNetworkIds: network.hubNetworkIds.map((id) => globalId('ProviderNetwork', id)),
    sites: network.sites.map(site),
    links: network.links.map((link) => ({
      ...link,
      id: globalId('Circuit', link.id),
      entityId: globalId('Entity', link.entityId),
      fromSiteId: link.fromSiteId && globalId('Site', link.fromSiteId),
      fromNetworkId: link.fromNetworkId && globalId('ProviderNetwork', link.fromNetworkId),
      toSiteId: link.toSiteId && globalId('Site', link.toSiteId),
      toNetworkId: link.toNetworkId && globalId('ProviderNetwork', link.toNetworkId),
    })),
    networks: network.networks.map((row) => ({ ...row, id: globalId('ProviderNetwork', row.id) })),
  };
}
type Encoded = ReturnType<typeof encoded>;

export function addNetworkView(builder: GeaBuilder) {
  const Association = modelRef(builder, 'Association');
  const Entity = modelRef(builder, 'Entity');
  const CircuitTechnology = circuitTechnologyEnum(builder);
  const CircuitStatus = circuitStatusEnum(builder);
  const AgcomClass = agcomClassEnum(builder);
  const ProviderNetworkKind = providerNetworkKindEnum(builder);
  const RedundancyPriority = redundancyPriorityEnum(builder);

  // The rows are built only for bodies the reader may see (loadNetwork): the types' scope is the
  // query's, checked once, not per row.
  const NetworkSite = builder.objectRef<Encoded['sites'][number]>('NetworkSite').implement({
    description: 'A site on the network view: a node, placed by its coordinates where known.',
    authScopes: scopes.readSome,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The Site id.' }),
      name: t.exposeString('name'),
      entityId: t.exposeID('entityId', { description: 'The body the site belongs to (Entity id).' }),
      entityName: t.exposeString('entityName'),
      latitude: t.exposeFloat('latitude', { nullable: true, description: 'WGS84 latitude, where known.' }),
      longitude: t.exposeFloat('longitude', { nullable: true, description: 'WGS84 longitude, where known.' }),
      isHub: t.exposeBoolean('isHub', { description: "Whether this is the association's central site." }),
      circuitCount: t.exposeInt('circuitCount', { description: 'Links shown that end on this site.' }),
    }),
  });

  const NetworkLink = builder.objectRef<Encoded['links'][number]>('NetworkLink').implement({
    description: 'A circuit on the network view: an edge from its A end to its Z end (a site or a provider network).',
    authScopes: scopes.readSome,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The Circuit id.' }),
      cid: t.exposeString('cid'),
      technology: t.expose('technology', { type: CircuitTechnology }),
      agcomClass: t.expose('agcomClass', { type: AgcomClass, nullable: true }),
      status: t.expose('status', { type: CircuitStatus }),
      downloadKbps: t.exposeInt('downloadKbps'),
      uploadKbps: t.exposeInt('uploadKbps'),
      providerName: t.exposeString('providerName'),
      redundancyPriority: t.expose('redundancyPriority', { type: RedundancyPriority, nullable: true, description: 'Its place in a redundancy group, if any.' }),
      entityId: t.exposeID('entityId', { description: 'The body the circuit serves (Entity id).' }),
      fromSiteId: t.exposeID('fromSiteId', { nullable: true, description: 'A end on a site shown (Site id).' }),
      fromNetworkId: t.exposeID('fromNetworkId', { nullable: true, description: 'A end on a provider network (ProviderNetwork id).' }),
      toSiteId: t.exposeID('toSiteId', { nullable: true, description: 'Z end on a site shown (Site id); null when on a network or on a site the reader may not see.' }),
      toNetworkId: t.exposeID('toNetworkId', { nullable: true, description: 'Z end on a provider network (ProviderNetwork id).' }),
    }),
  });

  const NetworkProviderNetwork = builder.objectRef<Encoded['networks'][number]>('NetworkProviderNetwork').implement({
    description: 'A provider network the links shown reach: a node of the view.',
    authScopes: scopes.readSome,
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The ProviderNetwork id.' }),
      name: t.exposeString('name'),
      kind: t.expose('kind', { type: ProviderNetworkKind }),
    }),
  });

  const ConnectivityNetwork = builder.objectRef<Encoded>('ConnectivityNetwork').implement({
    description: "An association's network as the reader may see it: sites, links, provider networks and the hub.",
    authScopes: scopes.readSome,
    fields: (t) => ({
      hub: t.field({ type: NetworkSite, nullable: true, description: 'The central site (shown to every reader); null until set.', resolve: (n) => n.hub }),
      hubNetworkIds: t.exposeIDList('hubNetworkIds', { description: "The provider networks the hub's own circuits reach (ProviderNetwork ids)." }),
      sites: t.field({ type: [NetworkSite], description: 'Sites of the bodies shown, by body then name, and the hub.', resolve: (n) => n.sites }),
      links: t.field({ type: [NetworkLink], description: 'Circuits of the bodies shown, by body then circuit id.', resolve: (n) => n.links }),
      networks: t.field({ type: [NetworkProviderNetwork], description: 'Provider networks the links reach, by name.', resolve: (n) => n.networks }),
    }),
  });

  const NetworkFilterInput = builder.inputType('ConnectivityNetworkFilter', {
    fields: (t) => ({
      entityIds: t.globalIDList({ required: false, for: Entity, description: 'Only these bodies.' }),
      status: t.field({ type: [CircuitStatus], required: false, description: 'Any of these statuses (default: all but DECOMMISSIONED).' }),
      technology: t.field({ type: [CircuitTechnology], required: false, description: 'Any of these technologies.' }),
    }),
  });

  builder.queryField('connectivityNetwork', (t) =>
    t.field({
      type: ConnectivityNetwork,
      nullable: true,
      description: "An association's network (art. 5.2): the sites and links of the bodies the reader may see, and the hub; null for an unknown association.",
      authScopes: scopes.readSome,
      args: {
        associationId: t.arg.globalID({ required: true, for: Association }),
        filter: t.arg({ type: NetworkFilterInput, required: false }),
      },
      resolve: async (_root, args, context) => {
        const network = await loadNetwork(context, args.associationId.id, {
          entityIds: args.filter?.entityIds?.map((id) => id.id) ?? null,
          status: args.filter?.status ?? null,
          technology: args.filter?.technology ?? null,
        });
        return network ? encoded(network) : null;
      },
    }),
  );
}
