import {
  coreRefs,
  defineLoader,
  InputError,
  NotFoundError,
  ConflictError,
  prismaErrorCode,
  readableEntitiesWhere,
  type FieldIssue,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import { inventoryRefs } from '@gea/plugin-inventory';
import { ContractKind as ContractKinds, type Prisma } from '@gea/db';
import { z } from 'zod';
import { isValidCig, isValidCup } from '../codes.ts';
import type { addSupplierSchema } from './suppliers.ts';

/** Today as a calendar date (UTC midnight, as Prisma reads DATE columns). */
const today = () => new Date(new Date().toISOString().slice(0, 10));
const DAY_MS = 86_400_000;

/** The bodies a contract serves, for many contracts in one query (the scope check of a list). */
const contractBodies = defineLoader<string, string[]>('procurement.contractBodies', async (contractIds, context) => {
  const rows = await context.prisma.contractEntity.findMany({
    where: { contractId: { in: [...contractIds] } },
    select: { contractId: true, entityId: true },
  });
  return contractIds.map((id) => rows.filter((row) => row.contractId === id).map((row) => row.entityId));
});

const readAny = (entityIds: readonly string[]) => ({ someEntityPermission: { permission: 'procurement:read', entityIds } });
const writeEvery = (entityIds: readonly string[]) => ({ everyEntityPermission: { permission: 'procurement:write', entityIds } });

/** A maintenance contract in force on a date covers an asset on that date. */
const inForce = (on: Date): Prisma.ContractWhereInput => ({ kind: 'MAINTENANCE', startsOn: { lte: on }, endsOn: { gte: on } });

type LoadedEntity = Prisma.EntityGetPayload<object>;
type LoadedContract = Prisma.ContractGetPayload<object>;

export function addContractSchema(builder: GeaBuilder, { Supplier }: ReturnType<typeof addSupplierSchema>) {
  const { Entity } = coreRefs(builder);
  const { Asset } = inventoryRefs(builder);
  const ContractKind = builder.enumType(ContractKinds, { name: 'ContractKind' });

  const Contract = builder.prismaNode('Contract', {
    description: 'A contract of the ICT office, for one or more bodies (art. 3.12).',
    id: { field: 'id' },
    nullable: true,
    authScopes: async (contract, context) => readAny(await contractBodies(context).load(contract.id)),
    fields: (t) => ({
      kind: t.expose('kind', { type: ContractKind }),
      subject: t.exposeString('subject', { description: 'Oggetto: what is bought.' }),
      supplier: t.relation('supplier'),
      contractingEntity: t.field({
        type: Entity,
        nullable: true,
        description: 'The body that signed it; null when the reader may not see that body.',
        select: (_args, _context, nestedSelection) => ({ contractingEntityId: true, contractingEntity: nestedSelection(true) }),
        resolve: (contract, _args, context) =>
          context.actor.can('core:entities:read', contract.contractingEntityId)
            ? (contract as unknown as { contractingEntity: LoadedEntity }).contractingEntity
            : null,
      }),
      cig: t.exposeString('cig', { nullable: true, description: 'Codice Identificativo Gara (ANAC).' }),
      cup: t.exposeString('cup', { nullable: true, description: 'Codice Unico di Progetto, for investments.' }),
      mepaReference: t.exposeString('mepaReference', { nullable: true, description: 'MePA order or Consip agreement.' }),
      startsOn: t.expose('startsOn', { type: 'Date' }),
      endsOn: t.expose('endsOn', { type: 'Date' }),
      renewableUntil: t.expose('renewableUntil', { type: 'Date', nullable: true }),
      valueCents: t.exposeInt('valueCents', { description: 'Value in euro cents, VAT excluded.' }),
      daysToEnd: t.int({
        description: 'Days from today to its last day (negative once ended).',
        select: { endsOn: true },
        resolve: (contract) => Math.round((contract.endsOn.getTime() - today().getTime()) / DAY_MS),
      }),
      entities: t.field({
        type: [Entity],
        description: 'The bodies it serves, among those the reader may see.',
        select: (_args, context, nestedSelection) => ({
          entities: {
            where: { entity: readableEntitiesWhere(context, 'core:entities:read') },
            select: { entity: nestedSelection(true) },
            orderBy: { entity: { name: 'asc' } },
          },
        }),
        // The field's own selection; Pothos does not carry it into the parent's type.
        resolve: (contract) => (contract as unknown as { entities: { entity: LoadedEntity }[] }).entities.map((row) => row.entity),
      }),
      assets: t.field({
        type: [Asset],
        description: 'The assets it covers, in the bodies whose inventory the reader may see.',
        select: (_args, context, nestedSelection) => ({
          assets: {
            where: { asset: { entity: readableEntitiesWhere(context, 'inventory:read') } },
            select: { asset: nestedSelection(true) },
            orderBy: { asset: { inventoryTag: 'asc' } },
          },
        }),
        resolve: (contract) =>
          (contract as unknown as { assets: { asset: Prisma.AssetGetPayload<object> }[] }).assets.map((row) => row.asset),
      }),
      coveredAssetCount: t.relationCount('assets', { description: 'Assets it covers, in every body.' }),
    }),
  });

  builder.prismaObjectFields('Asset', (t) => ({
    maintenanceContract: t.field({
      type: Contract,
      nullable: true,
      description: 'The maintenance contract in force today that covers it (the one that lasts longest, if several).',
      authScopes: (asset) => ({ entityPermission: { permission: 'procurement:read', entityId: asset.entityId } }),
      select: (_args, _context, nestedSelection) => ({
        contractCoverage: {
          where: { contract: inForce(today()) },
          orderBy: { contract: { endsOn: 'desc' } },
          take: 1,
          select: { contract: nestedSelection(true) },
        },
      }),
      resolve: (asset) =>
        (asset as unknown as { contractCoverage: { contract: LoadedContract }[] }).contractCoverage[0]?.contract ?? null,
    }),
    contracts: t.field({
      type: [Contract],
      description: 'Every contract that covers or covered it, latest first.',
      authScopes: (asset) => ({ entityPermission: { permission: 'procurement:read', entityId: asset.entityId } }),
      select: (_args, _context, nestedSelection) => ({
        contractCoverage: { orderBy: { contract: { endsOn: 'desc' } }, select: { contract: nestedSelection(true) } },
      }),
      resolve: (asset) => (asset as unknown as { contractCoverage: { contract: LoadedContract }[] }).contractCoverage.map((row) => row.contract),
    }),
  }));

  builder.prismaObjectFields('SoftwareLicence', (t) => ({
    contracts: t.field({
      type: [Contract],
      description: 'The contracts it was bought or is maintained under, among those the reader may see.',
      select: (_args, context, nestedSelection) => ({
        contracts: {
          where: { contract: { entities: { some: { entity: readableEntitiesWhere(context, 'procurement:read') } } } },
          select: { contract: nestedSelection(true) },
        },
      }),
      resolve: (licence) => (licence as unknown as { contracts: { contract: LoadedContract }[] }).contracts.map((row) => row.contract),
    }),
  }));

  const ContractFilter = builder.inputType('ContractFilter', {
    fields: (t) => ({
      entityIds: t.globalIDList({ required: false, for: Entity, description: 'Contracts serving any of these bodies.' }),
      kind: t.field({ type: [ContractKind], required: false }),
      supplierId: t.globalID({ required: false, for: Supplier }),
      inForceOn: t.field({ type: 'Date', required: false, description: 'Contracts whose term includes this date.' }),
      endingBefore: t.field({ type: 'Date', required: false, description: 'Contracts whose last day is before this date.' }),
      search: t.string({ required: false, description: 'Text in the subject, CIG or CUP.', validate: z.string().trim().max(100) }),
    }),
  });
  type Filter = {
    entityIds?: { id: string }[] | null;
    kind?: ContractKinds[] | null;
    supplierId?: { id: string } | null;
    inForceOn?: Date | null;
    endingBefore?: Date | null;
    search?: string | null;
  };
  const where = (context: GeaContext, filter: Filter | null | undefined): Prisma.ContractWhereInput => {
    const text = filter?.search?.trim();
    return {
      AND: [
        // Only contracts serving at least one body the reader may see are ever selected.
        { entities: { some: { entity: readableEntitiesWhere(context, 'procurement:read') } } },
        filter?.entityIds?.length ? { entities: { some: { entityId: { in: filter.entityIds.map((e) => e.id) } } } } : {},
        filter?.kind?.length ? { kind: { in: filter.kind } } : {},
        filter?.supplierId ? { supplierId: filter.supplierId.id } : {},
        filter?.inForceOn ? { startsOn: { lte: filter.inForceOn }, endsOn: { gte: filter.inForceOn } } : {},
        filter?.endingBefore ? { endsOn: { lt: filter.endingBefore } } : {},
        text
          ? {
              OR: [
                { subject: { contains: text, mode: 'insensitive' } },
                { cig: { startsWith: text.toUpperCase() } },
                { cup: { startsWith: text.toUpperCase() } },
              ],
            }
          : {},
      ],
    };
  };

  builder.queryField('contracts', (t) =>
    t.prismaConnection({
      type: Contract,
      cursor: 'id',
      description: 'Contracts serving the bodies the reader may see, soonest to end first.',
      authScopes: { permissionOnSomeBody: 'procurement:read' },
      args: { filter: t.arg({ type: ContractFilter, required: false }) },
      resolve: (query, _root, args, context) =>
        context.prisma.contract.findMany({ ...query, where: where(context, args.filter), orderBy: [{ endsOn: 'asc' }, { id: 'asc' }] }),
    }),
  );

  builder.prismaObjectFields('Entity', (t) => ({
    // A list, not a connection: a body has tens of contracts, and a list loads with its parent page.
    contracts: t.field({
      type: [Contract],
      nullable: true,
      description: 'Contracts serving this body, soonest to end first.',
      authScopes: (entity) => ({ entityPermission: { permission: 'procurement:read', entityId: entity.id } }),
      args: { filter: t.arg({ type: ContractFilter, required: false }) },
      select: (args, context, nestedSelection) => ({
        contracts: {
          where: { contract: where(context, args.filter) },
          orderBy: [{ contract: { endsOn: 'asc' } }, { contractId: 'asc' }],
          select: { contract: nestedSelection(true) },
        },
      }),
      resolve: (entity) => (entity as unknown as { contracts: { contract: LoadedContract }[] }).contracts.map((row) => row.contract),
    }),
  }));

  const ContractInput = builder.inputType('ContractInput', {
    fields: (t) => ({
      kind: t.field({ type: ContractKind, required: true }),
      subject: t.string({ required: true, validate: z.string().trim().min(1).max(500) }),
      supplierId: t.globalID({ required: true, for: Supplier }),
      contractingEntityId: t.globalID({ required: true, for: Entity, description: 'The body that signed it.' }),
      entityIds: t.globalIDList({ required: true, for: Entity, description: 'The bodies it serves: at least one.' }),
      cig: t.string({
        required: false,
        validate: z
          .string()
          .trim()
          .toUpperCase()
          .refine(isValidCig, { message: 'is not a valid CIG (10 characters whose check characters match, as ANAC issues them)', params: { code: 'INVALID_CIG' } }),
      }),
      cup: t.string({
        required: false,
        validate: z.string().trim().toUpperCase().refine(isValidCup, { message: 'is not a valid CUP (15 characters: letter, 2 digits, letter, 11 digits)', params: { code: 'INVALID_CUP' } }),
      }),
      mepaReference: t.string({ required: false, validate: z.string().trim().min(1).max(100) }),
      startsOn: t.field({ type: 'Date', required: true }),
      endsOn: t.field({ type: 'Date', required: true }),
      renewableUntil: t.field({ type: 'Date', required: false, description: 'Latest date to which it may be renewed.' }),
      valueCents: t.int({ required: true, description: 'Euro cents, VAT excluded.', validate: z.number().int().min(0) }),
    }),
  });
  type Input = {
    kind: ContractKinds;
    subject: string;
    supplierId: { id: string };
    contractingEntityId: { id: string };
    entityIds: { id: string }[];
    cig?: string | null;
    cup?: string | null;
    mepaReference?: string | null;
    startsOn: Date;
    endsOn: Date;
    renewableUntil?: Date | null;
    valueCents: number;
  };
  const uniqueIds = (ids: { id: string }[]) => [...new Set(ids.map((e) => e.id))];
  const check = (input: Input) => {
    const issues: FieldIssue[] = [];
    if (input.entityIds.length === 0) issues.push({ path: ['input', 'entityIds'], message: 'name at least one body', code: 'REQUIRED' });
    if (input.endsOn < input.startsOn) issues.push({ path: ['input', 'endsOn'], message: 'cannot be before the start', code: 'INVALID_DATE_RANGE' });
    if (input.renewableUntil && input.renewableUntil < input.endsOn) {
      issues.push({ path: ['input', 'renewableUntil'], message: 'cannot be before the end of the contract', code: 'INVALID_DATE_RANGE' });
    }
    if (issues.length > 0) throw new InputError(issues);
  };
  const data = (input: Input) => ({
    kind: input.kind,
    subject: input.subject.trim(),
    supplierId: input.supplierId.id,
    contractingEntityId: input.contractingEntityId.id,
    cig: input.cig?.trim().toUpperCase() ?? null,
    cup: input.cup?.trim().toUpperCase() ?? null,
    mepaReference: input.mepaReference?.trim() ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    renewableUntil: input.renewableUntil ?? null,
    valueCents: input.valueCents,
  });
  const saveError = (error: unknown, input: Input) => {
    const code = prismaErrorCode(error);
    if (code === 'P2002') return new ConflictError(`CIG ${input.cig} is already used by another contract`);
    if (code === 'P2003') return new NotFoundError('Supplier or Entity');
    return error;
  };

  builder.mutationFields((t) => ({
    createContract: t.prismaField({
      type: Contract,
      description: 'Records a contract for one or more bodies; the writer needs procurement rights on every one of them.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: ContractInput, required: true }) },
      authScopes: (_root, { input }) => writeEvery(uniqueIds(input.entityIds)),
      resolve: async (query, _root, { input }, context) => {
        check(input);
        const entityIds = uniqueIds(input.entityIds);
        context.audit = { ...context.audit, targetType: 'Contract', entityId: entityIds.length === 1 ? entityIds[0] : undefined };
        try {
          return await context.prisma.contract.create({
            ...query,
            data: { ...data(input), entities: { createMany: { data: entityIds.map((entityId) => ({ entityId })) } } },
          });
        } catch (error) {
          throw saveError(error, input);
        }
      },
    }),

    updateContract: t.prismaField({
      type: Contract,
      description: 'Changes a contract (term, renewal, value, bodies). A body that has assets covered by it stays.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { id: t.arg.globalID({ required: true, for: Contract }), input: t.arg({ type: ContractInput, required: true }) },
      authScopes: async (_root, { id, input }, context) =>
        writeEvery([...new Set([...(await contractBodies(context).load(id.id)), ...uniqueIds(input.entityIds)])]),
      resolve: async (query, _root, { id, input }, context) => {
        check(input);
        const before = await context.prisma.contract.findUnique({ where: { id: id.id }, include: { entities: true } });
        if (!before) throw new NotFoundError('Contract');
        const entityIds = uniqueIds(input.entityIds);
        const stranded = await context.prisma.contractAsset.count({
          where: { contractId: before.id, asset: { entityId: { notIn: entityIds } } },
        });
        if (stranded > 0) {
          throw new ConflictError(`${stranded} covered asset(s) belong to bodies the contract would no longer serve: remove them first`);
        }
        try {
          const after = await context.prisma.contract.update({
            ...query,
            where: { id: before.id },
            data: { ...data(input), entities: { deleteMany: {}, createMany: { data: entityIds.map((entityId) => ({ entityId })) } } },
          });
          context.audit = {
            ...context.audit,
            targetType: 'Contract',
            targetId: before.id,
            before: { ...before, entities: before.entities.map((row) => row.entityId) },
            after: { ...data(input), entityIds },
          };
          return after;
        } catch (error) {
          throw saveError(error, input);
        }
      },
    }),

    setContractCoverage: t.prismaField({
      type: Contract,
      description:
        'Adds assets and licences to what a contract covers, or removes them. Each must belong to a body the contract serves.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        contractId: t.arg.globalID({ required: true, for: Contract }),
        addAssetIds: t.arg.globalIDList({ required: false }),
        removeAssetIds: t.arg.globalIDList({ required: false }),
        addLicenceIds: t.arg.globalIDList({ required: false }),
        removeLicenceIds: t.arg.globalIDList({ required: false }),
      },
      authScopes: async (_root, { contractId }, context) => {
        const bodies = await contractBodies(context).load(contractId.id);
        return bodies.length > 0 ? writeEvery(bodies) : { permission: 'procurement:write' };
      },
      resolve: async (query, _root, args, context) => {
        const contract = await context.prisma.contract.findUnique({ where: { id: args.contractId.id }, include: { entities: true } });
        if (!contract) throw new NotFoundError('Contract');
        const served = new Set(contract.entities.map((row) => row.entityId));
        const ids = (list: { id: string; typename: string }[] | null | undefined, typename: string) =>
          [...new Set((list ?? []).filter((item) => item.typename === typename).map((item) => item.id))];
        const addAssets = ids(args.addAssetIds, 'Asset');
        const addLicences = ids(args.addLicenceIds, 'SoftwareLicence');
        const issues: FieldIssue[] = [];
        if (addAssets.length !== (args.addAssetIds?.length ?? 0) || addLicences.length !== (args.addLicenceIds?.length ?? 0)) {
          issues.push({ path: ['addAssetIds'], message: 'list each asset or licence once, by its id' });
        }
        const assets = await context.prisma.asset.findMany({ where: { id: { in: addAssets } }, select: { id: true, entityId: true } });
        // Assets of bodies the contract does not serve are refused like missing ones.
        if (assets.length !== addAssets.length || assets.some((asset) => !served.has(asset.entityId))) {
          issues.push({ path: ['addAssetIds'], message: 'every asset must belong to a body the contract serves' });
        }
        const licences = await context.prisma.softwareLicence.findMany({
          where: { id: { in: addLicences } },
          select: { id: true, entities: { select: { entityId: true } } },
        });
        if (licences.length !== addLicences.length || licences.some((l) => !l.entities.some((e) => served.has(e.entityId)))) {
          issues.push({ path: ['addLicenceIds'], message: 'every licence must serve a body the contract serves' });
        }
        if (issues.length > 0) throw new InputError(issues);
        const removeAssets = ids(args.removeAssetIds, 'Asset');
        const removeLicences = ids(args.removeLicenceIds, 'SoftwareLicence');
        await context.prisma.contractAsset.createMany({ data: addAssets.map((assetId) => ({ contractId: contract.id, assetId })), skipDuplicates: true });
        await context.prisma.contractLicence.createMany({ data: addLicences.map((licenceId) => ({ contractId: contract.id, licenceId })), skipDuplicates: true });
        await context.prisma.contractAsset.deleteMany({ where: { contractId: contract.id, assetId: { in: removeAssets } } });
        await context.prisma.contractLicence.deleteMany({ where: { contractId: contract.id, licenceId: { in: removeLicences } } });
        context.audit = {
          ...context.audit,
          targetType: 'Contract',
          targetId: contract.id,
          after: { addAssets, removeAssets, addLicences, removeLicences },
        };
        return context.prisma.contract.findUniqueOrThrow({ ...query, where: { id: contract.id } });
      },
    }),
  }));

  return { Contract };
}
