import { modelRef, type GeaBuilder, type GeaContext } from '@gea/core';
import type { Circuit, Entity, MaintenanceEvent, Site } from '@gea/db';
import { loadDeadlines, loadRiskData, type Deadline } from '../jobs/connectivity-data.ts';
import { contractScopes, scopes } from '../scopes.ts';
import { checkRange } from './maintenance-event.ts';

interface IsolatedSiteRow {
  site: Site;
  entity: Entity | null;
  from: Date;
  to: Date;
  maintenanceEvents: MaintenanceEvent[];
}
interface SingleLinkRow {
  site: Site;
  circuit: Circuit | null;
}
interface RisksRow {
  isolatedSites: IsolatedSiteRow[];
  singleLinkSites: SingleLinkRow[];
  offlineCircuits: Circuit[];
}

/** Risks of the bodies the reader may see (or of one): a fixed number of statements. */
async function risksFor(context: GeaContext, from: Date, to: Date, entityId?: string): Promise<RisksRow> {
  const readable = scopes.readableEntities(context);
  const body = entityId ? { entityId } : {};
  const data = await loadRiskData(context, { site: { entity: readable, ...body }, circuit: { entity: readable, ...body } }, from, to);
  const entityIds = [...new Set([...data.sites.values()].map((site) => site.entityId))];
  const entities = new Map(
    (entityIds.length ? await context.prisma.entity.findMany({ where: { id: { in: entityIds } } }) : []).map((entity) => [entity.id, entity]),
  );
  // A circuit or an event is shown only when the reader may see one of its bodies' circuits.
  const mayRead = (circuit: Circuit | undefined) => !!circuit && context.actor.can(scopes.read, circuit.entityId);
  return {
    isolatedSites: data.report.isolated.map((interval) => {
      const site = data.sites.get(interval.siteId)!;
      return {
        site,
        entity: entities.get(site.entityId) ?? null,
        from: interval.from,
        to: interval.to,
        maintenanceEvents: interval.eventIds.map((id) => data.events.get(id)!).filter(Boolean),
      };
    }),
    singleLinkSites: data.report.singleLink.map((single) => {
      const circuit = data.circuits.get(single.circuitId);
      return { site: data.sites.get(single.siteId)!, circuit: mayRead(circuit) ? circuit! : null };
    }),
    offlineCircuits: data.report.offline.map((id) => data.circuits.get(id)!),
  };
}

export function addConnectivityRisksType(builder: GeaBuilder) {
  const Site = modelRef(builder, 'Site');
  const Entity = modelRef(builder, 'Entity');
  const Circuit = modelRef(builder, 'Circuit');
  const MaintenanceEvent = modelRef(builder, 'MaintenanceEvent');

  // Rows are built only for the bodies the reader may see (risksFor); the nested records keep their own checks.
  const IsolatedSite = builder.objectRef<IsolatedSiteRow>('IsolatedSite').implement({
    description: 'A site left without any working link by maintenance, and when.',
    authScopes: scopes.readSome,
    fields: (t) => ({
      site: t.field({ type: Site, nullable: true, resolve: (row) => row.site }),
      entity: t.field({ type: Entity, nullable: true, resolve: (row) => row.entity }),
      from: t.field({ type: 'DateTime', resolve: (row) => row.from }),
      to: t.field({ type: 'DateTime', description: 'Exclusive end.', resolve: (row) => row.to }),
      maintenanceEvents: t.field({
        type: [MaintenanceEvent],
        nullable: { list: false, items: true },
        description: 'The maintenance whose windows make up the interval.',
        resolve: (row) => row.maintenanceEvents,
      }),
    }),
  });
  const SingleLinkSite = builder.objectRef<SingleLinkRow>('SingleLinkSite').implement({
    description: 'A site with exactly one ACTIVE circuit: no redundancy.',
    authScopes: scopes.readSome,
    fields: (t) => ({
      site: t.field({ type: Site, nullable: true, resolve: (row) => row.site }),
      circuit: t.field({ type: Circuit, nullable: true, description: "Null when it is another body's the reader may not see.", resolve: (row) => row.circuit }),
    }),
  });
  const ConnectivityRisks = builder.objectRef<RisksRow>('ConnectivityRisks').implement({
    description: 'What threatens the links of the sites the reader may see.',
    authScopes: scopes.readSome,
    fields: (t) => ({
      isolatedSites: t.field({ type: [IsolatedSite], resolve: (row) => row.isolatedSites }),
      singleLinkSites: t.field({ type: [SingleLinkSite], resolve: (row) => row.singleLinkSites }),
      offlineCircuits: t.field({ type: [Circuit], nullable: { list: false, items: true }, resolve: (row) => row.offlineCircuits }),
    }),
  });

  builder.queryField('connectivityRisks', (t) =>
    t.field({
      type: ConnectivityRisks,
      description:
        'Sites left without any working link by maintenance overlapping [from, to) (OUTAGE, TENTATIVE or CONFIRMED), sites with a single ACTIVE circuit and OFFLINE circuits, of the bodies the reader may see (or of one).',
      authScopes: (_root, args) => scopes.readList(args.entityId),
      args: {
        from: t.arg({ type: 'DateTime', required: true }),
        to: t.arg({ type: 'DateTime', required: true }),
        entityId: t.arg.globalID({ required: false, for: Entity }),
      },
      resolve: (_root, { from, to, entityId }, context) => {
        checkRange(from, to);
        return risksFor(context, from, to, entityId?.id);
      },
    }),
  );

  const DeadlineKind = builder.enumType('ConnectivityDeadlineKind', {
    values: {
      NOTICE_DATE: { description: 'Last day to give notice (disdetta) for the term.' },
      TERM_END: { description: 'The term ends and the contract does not renew tacitly.' },
      FRAMEWORK_END: { description: 'The framework agreement ends.' },
    } as const,
  });
  const ConnectivityDeadline = builder.objectRef<Deadline>('ConnectivityDeadline').implement({
    description: 'A date of a connectivity contract to act on.',
    authScopes: (deadline) => contractScopes.readAny(deadline.entityIds),
    fields: (t) => ({
      kind: t.field({ type: DeadlineKind, resolve: (row) => row.kind }),
      on: t.field({ type: 'Date', resolve: (row) => row.on }),
      subject: t.exposeString('subject', { description: "The procurement contract's subject." }),
      cig: t.exposeString('cig', { nullable: true }),
      contractId: t.globalID({
        description: 'The ConnectivityContract (node id), to open it.',
        resolve: (row) => ({ type: 'ConnectivityContract', id: row.contractId }),
      }),
    }),
  });

  builder.queryField('connectivityDeadlines', (t) =>
    t.field({
      type: [ConnectivityDeadline],
      description:
        'Notice dates, term ends (when not renewing) and framework ends in [from, to] of the connectivity contracts serving the bodies the reader may see (or one), as the terms stand on `from`, soonest first.',
      authScopes: (_root, args) => contractScopes.readList(args.entityId),
      args: {
        from: t.arg({ type: 'Date', required: true }),
        to: t.arg({ type: 'Date', required: true }),
        entityId: t.arg.globalID({ required: false, for: Entity }),
      },
      resolve: (_root, { from, to, entityId }, context) => {
        checkRange(from, to);
        return loadDeadlines(
          context,
          { shares: { some: { entity: contractScopes.readableEntities(context), ...(entityId ? { entityId: entityId.id } : {}) } } },
          from,
          to,
        );
      },
    }),
  );
}
