import {
  ConflictError,
  containsText,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  save,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import type { CircuitStatus, Prisma } from '@gea/db';
import { contractFacts } from '@gea/plugin-procurement';
import { z } from 'zod';
import { agcomClassOf } from '../rules/agcom-class.ts';
import { circuitIssues, datesForStatus, type CircuitFacts } from '../rules/circuit.ts';
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
      contractId: t.globalID({ required: false, for: Contract, description: 'Circuits bought under this procurement contract.' }),
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
    ...(filter?.contractId ? { contractId: filter.contractId.id } : {}),
    ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter?.technology?.length ? { technology: { in: filter.technology } } : {}),
    ...(filter?.search?.trim()
      ? {
          OR: [
            { cid: containsText(filter.search.trim()) },
            { description: containsText(filter.search.trim()) },
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

  addCircuitMutations(builder, { Circuit, Entity, Contract, ConnectivityProvider, CircuitTechnology, CircuitType, CircuitStatus, ServiceWindow });
}

/** The records a circuit points to, checked against its provider and body. */
export interface CircuitLinks {
  providerId: string;
  entityId: string;
  providerAccountId: string | null;
  contractId: string | null;
}

/** Problems of the provider account and contract a circuit points to (read through procurement's services for the contract). */
export async function linkIssues(context: Pick<GeaContext, 'prisma'>, links: CircuitLinks): Promise<{ field: string; message: string }[]> {
  const issues: { field: string; message: string }[] = [];
  if (links.providerAccountId) {
    const account = await context.prisma.providerAccount.findUnique({ where: { id: links.providerAccountId }, select: { providerId: true, entityId: true } });
    if (!account) issues.push({ field: 'providerAccountId', message: 'no such provider account' });
    else if (account.providerId !== links.providerId) issues.push({ field: 'providerAccountId', message: "is an account at another provider than the circuit's" });
    else if (account.entityId !== links.entityId) issues.push({ field: 'providerAccountId', message: "is paid by another body than the circuit's" });
  }
  if (links.contractId) {
    const facts = (await contractFacts(context, [links.contractId])).get(links.contractId);
    if (!facts) issues.push({ field: 'contractId', message: 'no such contract' });
    else if (!facts.entityIds.includes(links.entityId)) issues.push({ field: 'contractId', message: "does not serve the circuit's body" });
  }
  return issues;
}

const cidSchema = z.string().trim().min(1).max(100);

/** Changing a circuit named by id, or something on it: connectivity:write on its body. */
export const writeOnCircuitBody = (circuitId: string) =>
  scopes.writeOnBodyOf((context) => context.prisma.circuit.findUnique({ where: { id: circuitId }, select: { entityId: true } }));

function addCircuitMutations(
  builder: GeaBuilder,
  refs: {
    Circuit: ReturnType<typeof modelRef<'Circuit'>>;
    Entity: ReturnType<typeof modelRef<'Entity'>>;
    Contract: ReturnType<typeof modelRef<'Contract'>>;
    ConnectivityProvider: ReturnType<typeof modelRef<'ConnectivityProvider'>>;
    CircuitTechnology: ReturnType<typeof circuitTechnologyEnum>;
    CircuitType: ReturnType<typeof circuitTypeEnum>;
    CircuitStatus: ReturnType<typeof circuitStatusEnum>;
    ServiceWindow: ReturnType<typeof serviceWindowEnum>;
  },
) {
  const { Circuit, Entity, Contract, ConnectivityProvider } = refs;
  const ProviderAccount = modelRef(builder, 'ProviderAccount');
  const kbps = z.number().int().min(0).max(1_000_000_000);
  const cents = z.number().int().min(0);
  const CircuitInput = builder.inputType('CircuitInput', {
    description: 'Every field of a circuit; the provider and the body are given when it is created and stay.',
    fields: (t) => ({
      cid: t.string({ required: true, validate: cidSchema, description: "The provider's circuit id." }),
      type: t.field({ type: refs.CircuitType, required: true }),
      technology: t.field({ type: refs.CircuitTechnology, required: true }),
      status: t.field({ type: refs.CircuitStatus, required: true }),
      providerAccountId: t.globalID({ required: false, for: ProviderAccount, description: "An account of the circuit's provider paid by its body." }),
      contractId: t.globalID({ required: false, for: Contract, description: "A procurement contract serving the circuit's body." }),
      downloadKbps: t.int({ required: true, validate: kbps, description: 'Nominal download, kbit/s.' }),
      uploadKbps: t.int({ required: true, validate: kbps, description: 'Nominal upload, kbit/s.' }),
      guaranteedDownloadKbps: t.int({ required: false, validate: kbps, description: 'Guaranteed download, kbit/s: at most the nominal.' }),
      guaranteedUploadKbps: t.int({ required: false, validate: kbps, description: 'Guaranteed upload, kbit/s: at most the nominal.' }),
      publicIpAddresses: t.stringList({
        required: false,
        validate: z.array(z.string().trim().min(1).max(50)).max(64),
        description: 'Public IPv4/IPv6 addresses or CIDR prefixes (private and reserved ranges are refused).',
      }),
      installedOn: t.field({ type: 'Date', required: false, description: 'Required when ACTIVE.' }),
      terminatedOn: t.field({ type: 'Date', required: false, description: 'Required when DECOMMISSIONED; not before installedOn.' }),
      slaAvailabilityHundredths: t.int({ required: false, validate: z.number().int().min(0).max(10_000), description: '9990 = 99.90%.' }),
      slaRestoreHours: t.int({ required: false, validate: z.number().int().min(0).max(8_760) }),
      slaServiceWindow: t.field({ type: refs.ServiceWindow, required: false }),
      monthlyCostCents: t.field({ type: 'Cents', required: false, validate: cents, description: 'Euro cents, VAT excluded (0 when omitted).' }),
      yearlyCostCents: t.field({ type: 'Cents', required: false, validate: cents, description: 'Euro cents, VAT excluded (0 when omitted).' }),
      oneOffCostCents: t.field({ type: 'Cents', required: false, validate: cents, description: 'Euro cents, VAT excluded (0 when omitted).' }),
      vatRateBasisPoints: t.int({ required: false, validate: z.number().int().min(0).max(10_000), description: '2200 = 22% (the default).' }),
      description: t.string({ required: false, validate: z.string().trim().max(1000) }),
    }),
  });
  type Input = typeof CircuitInput.$inferInput;

  const data = (input: Input) => ({
    cid: input.cid.trim(),
    type: input.type,
    technology: input.technology,
    status: input.status,
    providerAccountId: input.providerAccountId?.id ?? null,
    contractId: input.contractId?.id ?? null,
    downloadKbps: input.downloadKbps,
    uploadKbps: input.uploadKbps,
    guaranteedDownloadKbps: input.guaranteedDownloadKbps ?? null,
    guaranteedUploadKbps: input.guaranteedUploadKbps ?? null,
    publicIpAddresses: (input.publicIpAddresses ?? []).map((address) => address.trim().toLowerCase()),
    installedOn: input.installedOn ?? null,
    terminatedOn: input.terminatedOn ?? null,
    slaAvailabilityHundredths: input.slaAvailabilityHundredths ?? null,
    slaRestoreHours: input.slaRestoreHours ?? null,
    slaServiceWindow: input.slaServiceWindow ?? null,
    monthlyCostCents: input.monthlyCostCents ?? 0,
    yearlyCostCents: input.yearlyCostCents ?? 0,
    oneOffCostCents: input.oneOffCostCents ?? 0,
    vatRateBasisPoints: input.vatRateBasisPoints ?? 2200,
    description: input.description?.trim() || null,
  });

  const check = async (context: GeaContext, providerId: string, entityId: string, input: Input) => {
    const values = data(input);
    const issues = [
      ...circuitIssues(values as CircuitFacts).map((issue) => ({ path: ['input', issue.field], message: issue.message, code: issue.code })),
      ...(await linkIssues(context, { providerId, entityId, providerAccountId: values.providerAccountId, contractId: values.contractId })).map((issue) => ({
        path: ['input', issue.field],
        message: issue.message,
      })),
    ];
    if (issues.length > 0) throw new InputError(issues);
    return values;
  };
  const saving = (input: Input) => ({ unique: `circuit id ${input.cid.trim()} is already used at this provider`, missing: 'Provider, body, account or contract' });


  builder.mutationFields((t) => ({
    createCircuit: t.prismaField({
      type: Circuit,
      description: "Records a circuit of a provider for a body. The circuit id is unique per provider; the account and the contract, if given, must be the provider's and the body's.",
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: {
        providerId: t.arg.globalID({ required: true, for: ConnectivityProvider }),
        entityId: t.arg.globalID({ required: true, for: Entity }),
        input: t.arg({ type: CircuitInput, required: true }),
      },
      authScopes: (_root, args) => scopes.writeOn(args.entityId.id),
      resolve: async (query, _root, { providerId, entityId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'Circuit', entityId: entityId.id };
        const provider = await context.prisma.connectivityProvider.findUnique({ where: { id: providerId.id }, select: { id: true } });
        if (!provider) throw new NotFoundError('Provider');
        const values = await check(context, providerId.id, entityId.id, input);
        const after = await save(saving(input), () =>
          context.prisma.circuit.create({ ...query, data: { ...values, providerId: providerId.id, entityId: entityId.id } }),
        );
        context.audit = { ...context.audit, targetId: (after as { id: string }).id, after: { ...values, providerId: providerId.id, entityId: entityId.id } };
        return after;
      },
    }),

    updateCircuit: t.prismaField({
      type: Circuit,
      description: 'Changes every field of a circuit (not its provider or body), with the rules of createCircuit.',
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: Circuit as never }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: CircuitInput, required: true }),
      },
      authScopes: (_root, args, context) => writeOnCircuitBody(String(args.id.id))(context),
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'Circuit',
          id: String(id.id),
          expectedVersion,
          read: () => context.prisma.circuit.findUnique({ where: { id: String(id.id) } }),
        });
        const values = await check(context, before.providerId, before.entityId, input);
        const after = await save(saving(input), () => context.prisma.circuit.update({ ...query, where: { id: before.id }, data: values }));
        context.audit = { ...context.audit, targetType: 'Circuit', targetId: before.id, entityId: before.entityId, before, after: values };
        return after;
      },
    }),

    setCircuitStatus: t.prismaField({
      type: Circuit,
      description:
        'Changes the status of a circuit on a day: the first activation records the installation date, decommissioning the termination date (kept when already recorded).',
      errors: { types: [InputError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: Circuit as never }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        status: t.arg({ type: refs.CircuitStatus, required: true }),
        on: t.arg({ type: 'Date', required: true, description: 'The day of the change.' }),
      },
      authScopes: (_root, args, context) => writeOnCircuitBody(String(args.id.id))(context),
      resolve: async (query, _root, { id, expectedVersion, status, on }, context) => {
        const before = await lockForChange(context, {
          model: 'Circuit',
          id: String(id.id),
          expectedVersion,
          read: () => context.prisma.circuit.findUnique({ where: { id: String(id.id) } }),
        });
        const dates = datesForStatus(before, status as CircuitStatus, on);
        const issues = circuitIssues({ ...before, ...dates, status: status as CircuitStatus });
        if (issues.length > 0) throw new InputError(issues.map((issue) => ({ path: [issue.field === 'installedOn' || issue.field === 'terminatedOn' ? 'on' : issue.field], message: issue.message, code: issue.code })));
        const after = await context.prisma.circuit.update({ ...query, where: { id: before.id }, data: { status, ...dates } });
        context.audit = {
          ...context.audit,
          targetType: 'Circuit',
          targetId: before.id,
          entityId: before.entityId,
          before: { status: before.status, installedOn: before.installedOn, terminatedOn: before.terminatedOn },
          after: { status, ...dates },
        };
        return after;
      },
    }),
  }));
}
