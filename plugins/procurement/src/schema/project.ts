import {
  ConflictError,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  readableEntitiesWhere,
  save,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import type { Prisma } from '@gea/db';
import { z } from 'zod';
import { associationMembers } from '../bodies.ts';
import { isValidCup } from '../codes.ts';
import { readOnAssociation, writeAll } from '../scopes.ts';
import { projectParticipants } from '../rules/expense.ts';

type LoadedEntity = Prisma.EntityGetPayload<object>;

async function participantsOf(context: GeaContext, associationId: string, participantIds: readonly { id: string }[]): Promise<string[]> {
  const ids = projectParticipants(await associationMembers(context).load(associationId), participantIds.map((e) => e.id));
  if (!ids) throw new InputError([{ path: ['input', 'participantIds'], message: 'name at least one body, each a member of the association' }]);
  return ids;
}

export function addProjectType(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');

  const Project = builder.prismaNode('Project', {
    description: 'An investment project some member bodies join (art. 13.4): its capital expenses are theirs alone.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (project, context) => readOnAssociation(context, project.associationId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      cup: t.exposeString('cup', { nullable: true, description: 'Codice Unico di Progetto.' }),
      description: t.exposeString('description', { nullable: true }),
      participants: t.field({
        type: [Entity],
        description: 'The bodies that joined it, among those the reader may see.',
        select: (_args, context, nestedSelection) => ({
          participants: {
            where: { entity: readableEntitiesWhere(context, 'core:entities:read') },
            select: { entity: nestedSelection(true) },
            orderBy: { entity: { name: 'asc' } },
          },
        }),
        resolve: (project) =>
          (project as unknown as { participants: { entity: LoadedEntity }[] }).participants.map((row) => row.entity),
      }),
      participantCount: t.relationCount('participants'),
      expenses: t.relation('expenses', { query: { orderBy: [{ year: 'desc' }, { id: 'asc' }] } }),
    }),
  });

  const ProjectInput = builder.inputType('ProjectInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      cup: t.string({
        required: false,
        validate: z.string().trim().toUpperCase().refine(isValidCup, { message: 'is not a valid CUP (15 characters: letter, 2 digits, letter, 11 digits)', params: { code: 'INVALID_CUP' } }),
      }),
      description: t.string({ required: false, validate: z.string().trim().max(2000) }),
      participantIds: t.globalIDList({ required: true, for: Entity, description: 'Member bodies that join it: at least one.' }),
    }),
  });
  type Input = typeof ProjectInput.$inferInput;
  const data = (input: Input) => ({
    name: input.name.trim(),
    cup: input.cup?.trim().toUpperCase() ?? null,
    description: input.description?.trim() || null,
  });
  const saving = (input: Input) => ({ unique: `a project named "${input.name.trim()}" already exists` });

  builder.mutationFields((t) => ({
    createProject: t.prismaField({
      type: Project,
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: writeAll,
      args: { associationId: t.arg.globalID({ required: true, for: modelRef(builder, 'Association') }), input: t.arg({ type: ProjectInput, required: true }) },
      resolve: async (query, _root, { associationId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'Project' };
        const participants = await participantsOf(context, associationId.id, input.participantIds);
        return save(saving(input), () =>
          context.prisma.project.create({
            ...query,
            data: {
              associationId: associationId.id,
              ...data(input),
              participants: { createMany: { data: participants.map((entityId) => ({ entityId })) } },
            },
          }),
        );
      },
    }),
    updateProject: t.prismaField({
      type: Project,
      errors: { types: [InputError, NotFoundError, ConflictError, StaleVersionError], directResult: true },
      authScopes: writeAll,
      args: {
        id: t.arg.globalID({ required: true, for: Project }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: ProjectInput, required: true }),
      },
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'Project',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.project.findUnique({ where: { id: id.id }, include: { participants: true } }),
        });
        const participants = await participantsOf(context, before.associationId, input.participantIds);
        const after = await save(saving(input), () =>
          context.prisma.project.update({
            ...query,
            where: { id: before.id },
            data: { ...data(input), participants: { deleteMany: {}, createMany: { data: participants.map((entityId) => ({ entityId })) } } },
          }),
        );
        context.audit = {
          ...context.audit,
          targetType: 'Project',
          targetId: before.id,
          before: { ...before, participants: before.participants.map((p) => p.entityId) },
          after: { ...input, participantIds: participants },
        };
        return after;
      },
    }),
  }));
}
