import {
  auditConcerns,
  ConflictError,
  daysFromToday,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  readableEntitiesWhere,
  save,
  someBodyThrough,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
} from '@gea/core';
import { bodiesOfAssets } from '@gea/plugin-inventory';
import type { Prisma } from '@gea/db';
import { z } from 'zod';
import { contractBodies } from '../bodies.ts';
import { isValidCig, isValidCup } from '../codes.ts';
import { scopes } from '../scopes.ts';
import { contractIssues, strandedAssets } from '../rules/contract.ts';
import { contractFilterInput, contractWhere } from './contract-filter.ts';
import { contractKindEnum } from './enums.ts';

type LoadedEntity = Prisma.EntityGetPayload<object>;

const uniqueIds = (ids: readonly { id: string }[]) => [...new Set(ids.map((e) => e.id))];

export function addContractType(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const Supplier = modelRef(builder, 'Supplier');
  const ContractKind = contractKindEnum(builder);

  const Contract = builder.prismaNode('Contract', {
    description: 'A contract of the ICT office, for one or more bodies (art. 3.12).',
    id: { field: 'id' },
    nullable: true,
    authScopes: async (contract, context) => scopes.readAny(await contractBodies(context).load(contract.id)),
    // The same scope for the compiled read path: a contract is readable through any body it serves.
    extensions: someBodyThrough(scopes.read, 'entities'),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
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
      valueCents: t.expose('valueCents', { type: 'Cents', description: 'Value in euro cents, VAT excluded.' }),
      daysToEnd: t.int({
        description: 'Days from today to its last day (negative once ended).',
        select: { endsOn: true },
        resolve: (contract) => daysFromToday(contract.endsOn),
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
      // Through the contract's own join table: the inventory's scoping of assets applies to what is shown.
      assets: t.field({
        type: [modelRef(builder, 'Asset')],
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
      licences: t.field({
        type: [modelRef(builder, 'SoftwareLicence')],
        description: 'The software licences bought or maintained under it, for the bodies whose inventory the reader may see.',
        select: (_args, context, nestedSelection) => ({
          licences: {
            where: { licence: { entities: { some: { entity: readableEntitiesWhere(context, 'inventory:read') } } } },
            select: { licence: nestedSelection(true) },
            orderBy: { licenceId: 'asc' },
          },
        }),
        resolve: (contract) =>
          (contract as unknown as { licences: { licence: Prisma.SoftwareLicenceGetPayload<object> }[] }).licences.map((row) => row.licence),
      }),
    }),
  });

  builder.queryField('contracts', (t) =>
    t.prismaConnection({
      type: Contract,
      cursor: 'id',
      description: 'Contracts serving the bodies the reader may see, soonest to end first.',
      authScopes: scopes.readSome,
      args: { filter: t.arg({ type: contractFilterInput(builder), required: false }) },
      resolve: (query, _root, args, context) =>
        context.prisma.contract.findMany({ ...query, where: contractWhere(context, args.filter), orderBy: [{ endsOn: 'asc' }, { id: 'asc' }] }),
    }),
  );

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
          .refine(isValidCig, { message: 'is not a valid CIG (10 characters as ANAC issues them: 7 digits and 3 check characters, or a letter and 9 hexadecimal characters, with their check characters where the kind has them)', params: { code: 'INVALID_CIG' } }),
      }),
      cup: t.string({
        required: false,
        validate: z.string().trim().toUpperCase().refine(isValidCup, { message: 'is not a valid CUP (15 characters: letter, 2 digits, letter, 11 digits)', params: { code: 'INVALID_CUP' } }),
      }),
      mepaReference: t.string({ required: false, validate: z.string().trim().min(1).max(100) }),
      startsOn: t.field({ type: 'Date', required: true }),
      endsOn: t.field({ type: 'Date', required: true }),
      renewableUntil: t.field({ type: 'Date', required: false, description: 'Latest date to which it may be renewed.' }),
      valueCents: t.field({ type: 'Cents', required: true, description: 'Euro cents, VAT excluded.', validate: z.number().int().min(0) }),
    }),
  });
  type Input = typeof ContractInput.$inferInput;
  const check = (input: Input) => {
    const issues = contractIssues({ ...input, entityIds: input.entityIds.map((e) => e.id) });
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
  /**
   * The bodies a contract write touches, each needing procurement:write: those it serves, the
   * contracting body that signs it (a contract signed in another body's name is refused, not
   * recorded) and, for a change, the ones it served before.
   */
  const writtenBodies = (input: Input, current: readonly string[] = []) => [
    ...new Set([...current, ...uniqueIds(input.entityIds), input.contractingEntityId.id]),
  ];
  const saving = (input: Input) => ({ unique: `CIG ${input.cig} is already used by another contract`, missing: 'Supplier or Entity' });

  builder.mutationFields((t) => ({
    createContract: t.prismaField({
      type: Contract,
      description: 'Records a contract for one or more bodies; the writer needs procurement rights on every one of them and on the contracting body.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: ContractInput, required: true }) },
      authScopes: (_root, { input }) => scopes.writeEvery(writtenBodies(input)),
      resolve: async (query, _root, { input }, context) => {
        check(input);
        const entityIds = uniqueIds(input.entityIds);
        context.audit = { ...context.audit, targetType: 'Contract', entityId: entityIds.length === 1 ? entityIds[0] : undefined };
        auditConcerns(context, [...entityIds, input.contractingEntityId.id]);
        return save(saving(input), () =>
          context.prisma.contract.create({
            ...query,
            data: { ...data(input), entities: { createMany: { data: entityIds.map((entityId) => ({ entityId })) } } },
          }),
        );
      },
    }),

    updateContract: t.prismaField({
      type: Contract,
      description:
        'Changes a contract (term, renewal, value, bodies). A body that has assets covered by it stays. The writer needs procurement rights on the bodies and contracting body it has and will have.',
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: Contract }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: ContractInput, required: true }),
      },
      authScopes: async (_root, { id, input }, context) => {
        const signer = await context.prisma.contract.findUnique({ where: { id: id.id }, select: { contractingEntityId: true } });
        return scopes.writeEvery(writtenBodies(input, [...(await contractBodies(context).load(id.id)), ...(signer ? [signer.contractingEntityId] : [])]));
      },
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        check(input);
        const before = await lockForChange(context, {
          model: 'Contract',
          id: id.id,
          expectedVersion,
          read: () =>
            context.prisma.contract.findUnique({
              where: { id: id.id },
              include: { entities: true, assets: { select: { assetId: true } } },
            }),
        });
        const entityIds = uniqueIds(input.entityIds);
        // The covered assets' bodies come from the inventory, which owns them.
        const assetBodies = await bodiesOfAssets(context, before.assets.map((row) => row.assetId));
        const stranded = strandedAssets([...assetBodies.values()], entityIds);
        if (stranded > 0) {
          throw new ConflictError(`${stranded} covered asset(s) belong to bodies the contract would no longer serve: remove them first`);
        }
        const after = await save(saving(input), () =>
          context.prisma.contract.update({
            ...query,
            where: { id: before.id },
            data: { ...data(input), entities: { deleteMany: {}, createMany: { data: entityIds.map((entityId) => ({ entityId })) } } },
          }),
        );
        const { assets: _covered, ...recorded } = before;
        context.audit = {
          ...context.audit,
          targetType: 'Contract',
          targetId: before.id,
          before: { ...recorded, entities: before.entities.map((row) => row.entityId) },
          after: { ...data(input), entityIds },
        };
        auditConcerns(context, [...before.entities.map((row) => row.entityId), ...entityIds, input.contractingEntityId.id]);
        return after;
      },
    }),
  }));
}
