import { EntityKind as EntityKinds } from '@gea/db';
import { z } from 'zod';
import type { GeaBuilder } from '../builder.ts';
import { entityScopes } from '../kit/scopes.ts';
import { ConflictError, InputError, NotFoundError, prismaErrorCode, StaleVersionError } from '../errors.ts';
import { expectedVersionDescription, lockForChange, versionDescription } from '../kit/versions.ts';
import { defineLoader } from '../loaders.ts';

/** Population at a date = the latest figure whose reference date is on or before it. One query per request for all bodies asked. */
const populationAt = defineLoader<{ entityId: string; at: Date }, number | null, string>(
  'core.populationAt',
  async (keys, context) => {
    const ids = [...new Set(keys.map((key) => key.entityId))];
    const latest = keys.reduce((max, key) => (key.at > max ? key.at : max), keys[0]!.at);
    const rows = await context.prisma.entityPopulation.findMany({
      where: { entityId: { in: ids }, referenceDate: { lte: latest } },
      orderBy: { referenceDate: 'desc' },
      select: { entityId: true, referenceDate: true, population: true },
    });
    return keys.map(
      (key) => rows.find((row) => row.entityId === key.entityId && row.referenceDate <= key.at)?.population ?? null,
    );
  },
  { cacheKeyFn: (key) => `${key.entityId}@${key.at.toISOString()}` },
);

function isThirtyFirstOfDecember(date: Date): boolean {
  return date.getUTCMonth() === 11 && date.getUTCDate() === 31;
}

export function addEntitySchema(builder: GeaBuilder) {
  const EntityKind = builder.enumType(EntityKinds, { name: 'EntityKind' });

  const entityRead = entityScopes.readOn;

  builder.prismaObject('EntityPopulation', {
    description: 'Resident population of a body at a reference date (31 December).',
    authScopes: (row) => entityRead(row.entityId),
    fields: (t) => ({
      referenceDate: t.expose('referenceDate', { type: 'Date' }),
      population: t.exposeInt('population'),
      source: t.exposeString('source', { nullable: true }),
    }),
  });

  const CodeKind = builder.enumType('EntityCodeKind', { values: ['ISTAT', 'CADASTRAL'] as const });
  builder.prismaObject('EntityCodeChange', {
    description:
      'A code of the body that changed: a municipality moved to another province or region keeps its cadastral code and ' +
      'gets a new ISTAT code. Readable by whoever may read the body.',
    authScopes: (row) => entityRead(row.entityId),
    fields: (t) => ({
      kind: t.expose('kind', { type: CodeKind }),
      oldCode: t.exposeString('oldCode'),
      newCode: t.exposeString('newCode'),
      changedOn: t.expose('changedOn', { type: 'Date', description: 'When the new code took effect (for a change found by an import: the day of the import).' }),
      source: t.exposeString('source', { nullable: true }),
    }),
  });
  // What a merger says about another body, readable with the body itself (public facts: name, code, day).
  const Succession = builder.objectRef<{ name: string; istatCode: string | null; ceasedOn: Date | null }>('EntitySuccessionLink').implement({
    description: 'The other body of a merger (fusione): the successor of a ceased body, or a body that ceased into this one.',
    // Reached only through a body the reader may read; its name and code are part of that body's history.
    authScopes: { authenticated: true },
    fields: (t) => ({
      name: t.exposeString('name'),
      istatCode: t.exposeString('istatCode', { nullable: true }),
      ceasedOn: t.field({ type: 'Date', nullable: true, description: 'For a predecessor: the day it ceased.', resolve: (link) => link.ceasedOn }),
    }),
  });

  const Entity = builder.prismaNode('Entity', {
    description: 'A public body: the union or lead body of a convention, or one of its members.',
    id: { field: 'id' },
    // node(id:) of an id that does not exist answers null, not an error
    nullable: true,
    authScopes: (entity, context) => entityScopes.readOnRow(context, entity.id),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      kind: t.expose('kind', { type: EntityKind }),
      name: t.exposeString('name'),
      istatCode: t.exposeString('istatCode', { nullable: true, description: 'ISTAT code, 6 digits' }),
      cadastralCode: t.exposeString('cadastralCode', { nullable: true }),
      taxCode: t.exposeString('taxCode', { nullable: true }),
      ipaCode: t.exposeString('ipaCode', { nullable: true }),
      province: t.exposeString('province', { nullable: true }),
      pecAddress: t.exposeString('pecAddress', { nullable: true, description: 'Institutional PEC address.' }),
      referent: t.relation('referent', { nullable: true, description: 'The municipal referent (art. 9).' }),
      populations: t.relation('populations', {
        description: 'Population history, newest first.',
        query: { orderBy: { referenceDate: 'desc' } },
      }),
      codeChanges: t.relation('codeChanges', {
        description: 'History of the body\'s codes (old code, new code, date), newest first.',
        query: { orderBy: [{ changedOn: 'desc' }, { createdAt: 'desc' }] },
      }),
      ceasedOn: t.expose('ceasedOn', { type: 'Date', nullable: true, description: 'The day the body ceased (merged into a new one); null while it exists.' }),
      successor: t.field({
        type: Succession,
        nullable: true,
        description: 'The body that took the place of this ceased one (the municipality born of the merger).',
        select: { successor: { select: { name: true, istatCode: true } } },
        resolve: (entity) => (entity.successor ? { ...entity.successor, ceasedOn: null } : null),
      }),
      predecessors: t.field({
        type: [Succession],
        description: 'Bodies that ceased into this one (the municipalities merged to form it).',
        select: { predecessors: { select: { name: true, istatCode: true, ceasedOn: true }, orderBy: { name: 'asc' } } },
        resolve: (entity) => entity.predecessors,
      }),
      population: t.int({
        nullable: true,
        description: 'Resident population at the latest reference date on or before `at` (default: today).',
        args: { at: t.arg({ type: 'Date', required: false }) },
        resolve: (entity, args, context) => populationAt(context).load({ entityId: entity.id, at: args.at ?? new Date() }),
      }),
    }),
  });

  builder.queryFields((t) => ({
    entities: t.prismaConnection({
      type: 'Entity',
      cursor: 'id',
      description: 'Public bodies, by name.',
      authScopes: { authenticated: true },
      args: { kind: t.arg({ type: EntityKind, required: false }) },
      // Only the bodies the actor may read are ever selected.
      resolve: (query, _root, args, context) => {
        const readable = context.actor.entitiesWith('core:entities:read');
        return context.prisma.entity.findMany({
          ...query,
          where: { ...(args.kind ? { kind: args.kind } : {}), ...(readable === 'all' ? {} : { id: { in: [...readable] } }) },
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        });
      },
    }),
  }));

  const EntityInput = builder.inputType('EntityInput', {
    fields: (t) => ({
      kind: t.field({ type: EntityKind, required: true }),
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      istatCode: t.string({ required: false, validate: z.string().regex(/^\d{6}$/, 'must be 6 digits') }),
      cadastralCode: t.string({ required: false, validate: z.string().regex(/^[A-Z]\d{3}$/, 'must be a letter and 3 digits') }),
      taxCode: t.string({ required: false, validate: z.string().regex(/^\d{11}$/, 'must be 11 digits') }),
      ipaCode: t.string({ required: false, validate: z.string().trim().min(1).max(20) }),
      province: t.string({ required: false, validate: z.string().regex(/^[A-Z]{2}$/, 'must be 2 capital letters') }),
      pecAddress: t.string({ required: false, validate: z.email() }),
    }),
  });
  type EntityInputShape = {
    kind: (typeof EntityKinds)[keyof typeof EntityKinds];
    name: string;
    istatCode?: string | null;
    cadastralCode?: string | null;
    taxCode?: string | null;
    ipaCode?: string | null;
    province?: string | null;
    pecAddress?: string | null;
  };
  const entityData = (input: EntityInputShape) => ({
    kind: input.kind,
    name: input.name.trim(),
    istatCode: input.istatCode ?? null,
    cadastralCode: input.cadastralCode ?? null,
    taxCode: input.taxCode ?? null,
    ipaCode: input.ipaCode ?? null,
    province: input.province ?? null,
    pecAddress: input.pecAddress ?? null,
  });
  const duplicateCode = (error: unknown) =>
    prismaErrorCode(error) === 'P2002' ? new ConflictError('another body has the same ISTAT, cadastral or IPA code') : error;

  builder.mutationFields((t) => ({
    createEntity: t.prismaField({
      type: Entity,
      description: 'Adds a public body.',
      errors: { types: [InputError, ConflictError], directResult: true },
      authScopes: { permission: 'core:entities:write' },
      args: { input: t.arg({ type: EntityInput, required: true }) },
      resolve: async (query, _root, { input }, context) => {
        try {
          const entity = await context.prisma.entity.create({ ...query, data: entityData(input) });
          context.audit = { ...context.audit, entityId: entity.id, targetType: 'Entity', targetId: entity.id, after: entityData(input) };
          return entity;
        } catch (error) {
          throw duplicateCode(error);
        }
      },
    }),

    updateEntity: t.prismaField({
      type: Entity,
      description: 'Changes the registry data of a body.',
      errors: { types: [InputError, NotFoundError, ConflictError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: Entity }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: EntityInput, required: true }),
      },
      authScopes: (_root, args) => ({ entityPermission: { permission: 'core:entities:write', entityId: args.id.id } }),
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'Entity',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.entity.findUnique({ where: { id: id.id } }),
        });
        try {
          const entity = await context.prisma.entity.update({ ...query, where: { id: before.id }, data: entityData(input) });
          context.audit = { ...context.audit, entityId: before.id, targetType: 'Entity', targetId: before.id, before, after: entity };
          return entity;
        } catch (error) {
          throw duplicateCode(error);
        }
      },
    }),

    recordPopulation: t.prismaField({
      type: 'Entity',
      description: 'Records (or corrects) the resident population of a body at 31 December of a year.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        entityId: t.arg.globalID({ required: true, for: Entity }),
        referenceDate: t.arg({
          type: 'Date',
          required: true,
          validate: z.date().refine(isThirtyFirstOfDecember, { message: 'the reference date must be 31 December', params: { code: 'INVALID_DATE' } }),
        }),
        population: t.arg.int({ required: true, validate: z.number().int().min(0).max(10_000_000) }),
        source: t.arg.string({ required: false, validate: z.string().max(200) }),
      },
      authScopes: (_root, args) => ({
        entityPermission: { permission: 'core:entities:write', entityId: args.entityId.id },
      }),
      resolve: async (query, _root, args, context) => {
        const entityId = args.entityId.id;
        // One change of a body's figures at a time: `before` is what the previous one left.
        await lockForChange(context, { model: 'Entity', id: entityId, read: () => context.prisma.entity.findUnique({ where: { id: entityId } }) });
        const previous = await context.prisma.entityPopulation.findUnique({
          where: { entityId_referenceDate: { entityId, referenceDate: args.referenceDate } },
        });
        const figures = { population: args.population, ...(args.source != null ? { source: args.source } : {}) };
        try {
          await context.prisma.entityPopulation.upsert({
            where: { entityId_referenceDate: { entityId, referenceDate: args.referenceDate } },
            create: { entityId, referenceDate: args.referenceDate, ...figures },
            update: figures,
          });
        } catch (error) {
          if (prismaErrorCode(error) === 'P2003') throw new NotFoundError('Entity');
          throw error;
        }
        context.audit = {
          ...context.audit,
          entityId,
          targetType: 'EntityPopulation',
          targetId: `${entityId}@${args.referenceDate.toISOString().slice(0, 10)}`,
          before: previous,
          after: { population: args.population, source: args.source ?? previous?.source ?? null },
        };
        return context.prisma.entity.findUniqueOrThrow({ ...query, where: { id: entityId } });
      },
    }),
  }));
  return { Entity };
}
