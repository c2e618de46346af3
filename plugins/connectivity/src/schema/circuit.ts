import { modelRef, versionDescription, type GeaBuilder, type GeaContext } from '@gea/core';
import type { Prisma } from '@gea/db';
import { z } from 'zod';
import { agcomClassOf } from '../rules/agcom-class.ts';
import { scopes } from '../scopes.ts';
import { agcomClassEnum, circuitStatusEnum, circuitTechnologyEnum, circuitTypeEnum, serviceWindowEnum } from './enums.ts';

export function addCircuitType(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const Contract = modelRef(builder, 'Contract');
  const CircuitTechnology = circuitTechnologyEnum(builder);
  const CircuitType = circuitTypeEnum(builder);
  const CircuitStatus = circuitStatusEnum(builder);
  const ServiceWindow = serviceWindowEnum(builder);
  const AgcomClass = agcomClassEnum(builder);
  const ConnectivityProvider = modelRef(builder, 'ConnectivityProvider');

  const Circuit = builder.prismaNode('Circuit', {
    description: 'A link bought from a provider for a body (NetBox circuits are the model).',
    id: { field: 'id' },
    nullable: true,
    authScopes: (circuit) => scopes.readOn(circuit.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      cid: t.exposeString('cid', { description: "The provider's circuit id (unique per provider)." }),
      type: t.expose('type', { type: CircuitType }),
      technology: t.expose('technology', { type: CircuitTechnology }),
      agcomClass: t.field({
        type: AgcomClass,
        nullable: true,
        description: 'AGCOM class (delibera 292/18/CONS), from the technology and the nominal download; null for satellite and other links.',
        select: { technology: true, downloadKbps: true },
        resolve: (circuit) => agcomClassOf(circuit.technology, circuit.downloadKbps),
      }),
      status: t.expose('status', { type: CircuitStatus }),
      entity: t.relation('entity', { nullable: true, description: 'The body the circuit serves.' }),
      provider: t.relation('provider'),
      providerAccount: t.relation('providerAccount', { nullable: true }),
      contract: t.field({
        type: Contract,
        nullable: true,
        description: 'The procurement contract the circuit is bought under; null when there is none or the reader may not read procurement for the body.',
        select: (_args, _context, nestedSelection) => ({ entityId: true, contract: nestedSelection(true) }),
        resolve: (circuit, _args, context) => {
          const contract = (circuit as unknown as { contract: object | null }).contract;
          return contract && context.actor.can('procurement:read', circuit.entityId) ? (contract as never) : null;
        },
      }),
      downloadKbps: t.exposeInt('downloadKbps', { description: 'Nominal download bandwidth, kbit/s.' }),
      uploadKbps: t.exposeInt('uploadKbps', { description: 'Nominal upload bandwidth, kbit/s.' }),
      guaranteedDownloadKbps: t.exposeInt('guaranteedDownloadKbps', { nullable: true, description: 'Guaranteed minimum download (BMG), kbit/s.' }),
      guaranteedUploadKbps: t.exposeInt('guaranteedUploadKbps', { nullable: true, description: 'Guaranteed minimum upload, kbit/s.' }),
      publicIpAddresses: t.exposeStringList('publicIpAddresses', { description: 'Public IPv4/IPv6 addresses or CIDR prefixes.' }),
      installedOn: t.expose('installedOn', { type: 'Date', nullable: true }),
      terminatedOn: t.expose('terminatedOn', { type: 'Date', nullable: true, description: 'The day the circuit was ceased.' }),
      slaAvailabilityHundredths: t.exposeInt('slaAvailabilityHundredths', {
        nullable: true,
        description: 'Availability the SLA guarantees, in hundredths of a percent (9990 = 99.90%).',
      }),
      slaRestoreHours: t.exposeInt('slaRestoreHours', { nullable: true, description: 'Time to restore a fault, hours within the service window.' }),
      slaServiceWindow: t.expose('slaServiceWindow', { type: ServiceWindow, nullable: true }),
      monthlyCostCents: t.expose('monthlyCostCents', { type: 'Cents', description: 'Monthly fee, euro cents, VAT excluded.' }),
      yearlyCostCents: t.expose('yearlyCostCents', { type: 'Cents', description: 'Yearly fee, euro cents, VAT excluded.' }),
      oneOffCostCents: t.expose('oneOffCostCents', { type: 'Cents', description: 'One-off (activation) cost, euro cents, VAT excluded.' }),
      vatRateBasisPoints: t.exposeInt('vatRateBasisPoints', { description: 'VAT rate in basis points (2200 = 22%).' }),
      description: t.exposeString('description', { nullable: true }),
      terminations: t.relation('terminations', { query: { orderBy: { side: 'asc' } } }),
      redundancy: t.relation('redundancy', { nullable: true, description: 'The redundancy group the circuit belongs to, with its priority.' }),
      virtualCircuits: t.relation('virtualTerminations', { description: 'The virtual circuits the circuit takes part in.' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    }),
  });

  const CircuitFilter = builder.inputType('CircuitFilter', {
    fields: (t) => ({
      entityId: t.globalID({ required: false, for: Entity, description: 'Circuits of this body.' }),
      providerId: t.globalID({ required: false, for: ConnectivityProvider }),
      status: t.field({ type: [CircuitStatus], required: false, description: 'Any of these statuses.' }),
      technology: t.field({ type: [CircuitTechnology], required: false, description: 'Any of these technologies.' }),
      search: t.string({ required: false, validate: z.string().trim().max(100), description: 'Part of the circuit id or description.' }),
    }),
  });

  const circuitWhere = (context: GeaContext, filter: typeof CircuitFilter.$inferInput | null | undefined): Prisma.CircuitWhereInput => ({
    // Bodies where the reader lacks the permission or the module is off are never selected.
    entity: scopes.readableEntities(context),
    ...(filter?.entityId ? { entityId: filter.entityId.id } : {}),
    ...(filter?.providerId ? { providerId: filter.providerId.id } : {}),
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter?.technology?.length ? { technology: { in: filter.technology } } : {}),
    ...(filter?.search?.trim()
      ? {
          OR: [
            { cid: { contains: filter.search.trim(), mode: 'insensitive' as const } },
            { description: { contains: filter.search.trim(), mode: 'insensitive' as const } },
          ],
        }
      : {}),
  });

  builder.queryField('circuits', (t) =>
    t.prismaConnection({
      type: Circuit,
      cursor: 'id',
      description: 'Circuits of the bodies the reader may see (or of one body), by body then circuit id.',
      authScopes: (_root, args) => scopes.readList(args.filter?.entityId),
      args: { filter: t.arg({ type: CircuitFilter, required: false }) },
      totalCount: (_root, args, context) => context.prisma.circuit.count({ where: circuitWhere(context, args.filter) }),
      resolve: (query, _root, args, context) =>
        context.prisma.circuit.findMany({ ...query, where: circuitWhere(context, args.filter), orderBy: [{ entityId: 'asc' }, { cid: 'asc' }, { id: 'asc' }] }),
    }),
  );
}
