import { AssociationKind as AssociationKinds } from '@gea/db';
import { z } from 'zod';
import type { GeaBuilder } from '../builder.ts';
import { ConflictError, InputError, NotFoundError, prismaErrorCode } from '../errors.ts';
import { lockRow, versionDescription } from '../kit/versions.ts';
import { coreRefs } from './refs.ts';

const addYears = (date: Date, years: number) => {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
};

export function addAssociationSchema(builder: GeaBuilder) {
  const { Entity } = coreRefs(builder);
  const AssociationKind = builder.enumType(AssociationKinds, { name: 'AssociationKind' });
  // Anyone who holds the permission for some body may read associations: who belongs to a union is public.
  const canRead = (context: { actor: { entitiesWith(p: string): 'all' | readonly string[] } }) => {
    const scope = context.actor.entitiesWith('core:associations:read');
    return scope === 'all' || scope.length > 0;
  };

  builder.prismaObject('AssociationMember', {
    description: 'A body\'s membership of an association, from `joinedOn` to `leftOn`.',
    authScopes: (_member, context) => canRead(context),
    fields: (t) => ({
      entity: t.relation('entity', { nullable: true }),
      association: t.relation('association'),
      joinedOn: t.expose('joinedOn', { type: 'Date' }),
      leftOn: t.expose('leftOn', { type: 'Date', nullable: true }),
    }),
  });

  builder.prismaObject('CommitteeMember', {
    description: 'A seat on the steering committee (comitato di indirizzo).',
    authScopes: (_member, context) => canRead(context),
    fields: (t) => ({
      id: t.exposeID('id'),
      name: t.exposeString('name'),
      role: t.exposeString('role'),
      entity: t.relation('entity', { nullable: true }),
      fromDate: t.expose('fromDate', { type: 'Date' }),
      toDate: t.expose('toDate', { type: 'Date', nullable: true }),
    }),
  });

  const Association = builder.prismaNode('Association', {
    description: 'A union of municipalities, or a convention between bodies (art. 30 TUEL).',
    id: { field: 'id' },
    nullable: true,
    authScopes: (_association, context) => canRead(context),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      kind: t.expose('kind', { type: AssociationKind }),
      name: t.exposeString('name'),
      lead: t.relation('lead', { nullable: true, description: 'The union itself, or the lead body of a convention.' }),
      legalBasis: t.exposeString('legalBasis', { nullable: true }),
      startDate: t.expose('startDate', { type: 'Date' }),
      durationYears: t.exposeInt('durationYears', { nullable: true }),
      maxRenewals: t.exposeInt('maxRenewals'),
      renewalYears: t.exposeInt('renewalYears', { nullable: true }),
      endDate: t.field({
        type: 'Date',
        nullable: true,
        description: 'End of the initial term (null: open-ended).',
        resolve: (a) => (a.durationYears ? addYears(a.startDate, a.durationYears) : null),
      }),
      latestEndDate: t.field({
        type: 'Date',
        nullable: true,
        description: 'End of the term if every allowed renewal is taken.',
        resolve: (a) =>
          a.durationYears ? addYears(a.startDate, a.durationYears + a.maxRenewals * (a.renewalYears ?? 0)) : null,
      }),
      members: t.relation('members', {
        description: 'Member bodies; with `at`, only those members on that date.',
        args: { at: t.arg({ type: 'Date', required: false }) },
        query: (args) => ({
          where: args.at
            ? { joinedOn: { lte: args.at }, OR: [{ leftOn: null }, { leftOn: { gt: args.at } }] }
            : {},
          orderBy: { joinedOn: 'asc' },
        }),
      }),
      committee: t.relation('committee', { query: { orderBy: { fromDate: 'asc' } } }),
    }),
  });

  builder.prismaObjectFields('Entity', (t) => ({
    memberships: t.relation('memberships', {
      description: 'Associations this body belongs or belonged to.',
      query: { orderBy: { joinedOn: 'asc' } },
    }),
  }));

  builder.queryFields((t) => ({
    associations: t.prismaField({
      type: [Association],
      authScopes: (_root, _args, context) => canRead(context),
      resolve: (query, _root, _args, context) => context.prisma.association.findMany({ ...query, orderBy: { name: 'asc' } }),
    }),
  }));

  const CreateAssociationInput = builder.inputType('CreateAssociationInput', {
    fields: (t) => ({
      kind: t.field({ type: AssociationKind, required: true }),
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      leadEntityId: t.globalID({ required: true, for: Entity }),
      legalBasis: t.string({ required: false, validate: z.string().max(500) }),
      startDate: t.field({ type: 'Date', required: true }),
      durationYears: t.int({ required: false, validate: z.number().int().min(1).max(99) }),
      maxRenewals: t.int({ required: false, validate: z.number().int().min(0).max(10) }),
      renewalYears: t.int({ required: false, validate: z.number().int().min(1).max(99) }),
      memberIds: t.globalIDList({ required: false, for: Entity }),
    }),
  });

  builder.mutationFields((t) => ({
    createAssociation: t.prismaField({
      type: Association,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: { permission: 'core:associations:write' },
      args: { input: t.arg({ type: CreateAssociationInput, required: true }) },
      resolve: async (query, _root, { input }, context) => {
        if ((input.maxRenewals ?? 0) > 0 && !input.renewalYears) {
          throw new InputError([{ path: ['input', 'renewalYears'], message: 'say how long each renewal may last' }]);
        }
        const memberIds = [...new Set([input.leadEntityId.id, ...(input.memberIds ?? []).map((m) => m.id)])];
        try {
          const association = await context.prisma.association.create({
            ...query,
            data: {
              kind: input.kind,
              name: input.name.trim(),
              leadEntityId: input.leadEntityId.id,
              legalBasis: input.legalBasis ?? null,
              startDate: input.startDate,
              durationYears: input.durationYears ?? null,
              maxRenewals: input.maxRenewals ?? 0,
              renewalYears: input.renewalYears ?? null,
              members: { create: memberIds.map((entityId) => ({ entityId, joinedOn: input.startDate })) },
            },
          });
          context.audit = { ...context.audit, targetType: 'Association', targetId: association.id, after: { ...input, memberIds } };
          return association;
        } catch (error) {
          if (prismaErrorCode(error) === 'P2002') throw new ConflictError(`an association named "${input.name}" exists`);
          if (prismaErrorCode(error) === 'P2003') throw new NotFoundError('Entity');
          throw error;
        }
      },
    }),

    setAssociationMembership: t.prismaField({
      type: Association,
      description: 'Adds a body to an association from a date, or records the date it left.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      authScopes: { permission: 'core:associations:write' },
      args: {
        associationId: t.arg.globalID({ required: true, for: Association }),
        entityId: t.arg.globalID({ required: true, for: Entity }),
        joinedOn: t.arg({ type: 'Date', required: false }),
        leftOn: t.arg({ type: 'Date', required: false }),
      },
      resolve: async (query, _root, args, context) => {
        const associationId = args.associationId.id;
        const entityId = args.entityId.id;
        // One membership change of an association at a time: two cannot both find the body absent.
        if (!(await lockRow(context.prisma, 'Association', associationId))) throw new NotFoundError('Association');
        const current = await context.prisma.associationMember.findFirst({ where: { associationId, entityId, leftOn: null } });
        if (args.leftOn) {
          if (!current) throw new NotFoundError('Current membership');
          if (args.leftOn <= current.joinedOn) {
            throw new InputError([{ path: ['leftOn'], message: 'must be after the date the body joined', code: 'INVALID_DATE_RANGE' }]);
          }
          await context.prisma.associationMember.update({
            where: { associationId_entityId_joinedOn: { associationId, entityId, joinedOn: current.joinedOn } },
            data: { leftOn: args.leftOn },
          });
        } else {
          if (!args.joinedOn) throw new InputError([{ path: ['joinedOn'], message: 'give joinedOn, or leftOn to end a membership' }]);
          if (current) throw new InputError([{ path: ['entityId'], message: 'the body is already a member' }]);
          try {
            await context.prisma.associationMember.create({ data: { associationId, entityId, joinedOn: args.joinedOn } });
          } catch (error) {
            if (prismaErrorCode(error) === 'P2003') throw new NotFoundError('Association or body');
            throw error;
          }
        }
        context.audit = {
          ...context.audit,
          entityId,
          targetType: 'Association',
          targetId: associationId,
          after: { joinedOn: args.joinedOn ?? null, leftOn: args.leftOn ?? null },
        };
        return context.prisma.association.findUniqueOrThrow({ ...query, where: { id: associationId } });
      },
    }),
  }));

  return { Association };
}
