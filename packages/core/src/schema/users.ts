import { Role as Roles } from '@gea/db';
import { z } from 'zod';
import { hashPassword } from '../auth/secrets.ts';
import type { GeaBuilder } from '../builder.ts';
import type { GeaContext } from '../context.ts';
import { ConflictError, InputError, NotFoundError, prismaErrorCode, StaleVersionError } from '../errors.ts';
import { expectedVersionDescription, lockForChange, versionDescription } from '../kit/versions.ts';
import { bodyScopedRoles } from '../permissions.ts';
import { coreRefs } from './refs.ts';
import { containsText } from '../kit/text-match.ts';

/** Who may see a user: the user themselves (also right after signing in), or whoever may read users. */
const selfOrUserReader = (userId: string, context: GeaContext) =>
  context.actor.id === userId || context.signedInUserId === userId ? ({ public: true } as const) : ({ permission: 'core:users:read' } as const);

const publicUser = (user: { id: string; email: string; name: string; active: boolean }) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  active: user.active,
});

export function addUserSchema(builder: GeaBuilder) {
  const { Entity } = coreRefs(builder);
  const Role = builder.enumType(Roles, { name: 'Role' });

  builder.prismaObject('RoleAssignment', {
    description: 'A role held for one body, or for the whole association when `entity` is null.',
    authScopes: (assignment, context) => selfOrUserReader(assignment.userId, context),
    fields: (t) => ({
      id: t.exposeID('id'),
      role: t.expose('role', { type: Role }),
      entity: t.relation('entity', { nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const User = builder.prismaNode('User', {
    description: 'A person with a local account or an OpenID Connect identity.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (user, context) => selfOrUserReader(user.id, context),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      email: t.exposeString('email'),
      name: t.exposeString('name'),
      active: t.exposeBoolean('active'),
      locale: t.exposeString('locale'),
      hasPassword: t.boolean({ select: { passwordHash: true }, resolve: (user) => user.passwordHash !== null }),
      roles: t.relation('roles', { query: { orderBy: { createdAt: 'asc' } } }),
      referentOf: t.relation('referentOf', { description: 'Bodies this user is the referent of (art. 9).' }),
    }),
  });

  builder.queryFields((t) => ({
    users: t.prismaConnection({
      type: User,
      cursor: 'id',
      description:
        'Users, by name; `search` matches name or e-mail, `role` and `entityId` a role held (for that body, or for the whole association), `active` the account state.',
      authScopes: { permission: 'core:users:read' },
      args: {
        search: t.arg.string({ required: false, validate: z.string().max(100) }),
        role: t.arg({ type: Role, required: false }),
        entityId: t.arg.globalID({ required: false, for: Entity, description: 'Users holding a role for this body.' }),
        active: t.arg.boolean({ required: false }),
      },
      resolve: (query, _root, args, context) => {
        const held = args.role || args.entityId ? { role: args.role ?? undefined, entityId: args.entityId?.id } : undefined;
        return context.prisma.user.findMany({
          ...query,
          where: {
            ...(args.search
              ? {
                  OR: [
                    { name: containsText(args.search) },
                    { email: containsText(args.search) },
                  ],
                }
              : {}),
            ...(held ? { roles: { some: held } } : {}),
            ...(typeof args.active === 'boolean' ? { active: args.active } : {}),
          },
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        });
      },
    }),
  }));

  const CreateUserInput = builder.inputType('CreateUserInput', {
    fields: (t) => ({
      email: t.string({ required: true, validate: z.string().trim().toLowerCase().pipe(z.email()) }),
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      password: t.string({
        required: false,
        description: 'At least 12 characters. Leave out for users who sign in only through OpenID Connect.',
        validate: z.string().min(12, 'must be at least 12 characters').max(200),
      }),
      locale: t.string({ required: false, validate: z.enum(['it', 'en']) }),
    }),
  });

  builder.mutationFields((t) => ({
    createUser: t.prismaField({
      type: User,
      errors: { types: [InputError, ConflictError], directResult: true },
      authScopes: { permission: 'core:users:write' },
      args: { input: t.arg({ type: CreateUserInput, required: true }) },
      resolve: async (query, _root, { input }, context) => {
        try {
          const user = await context.prisma.user.create({
            ...query,
            data: {
              email: input.email.trim().toLowerCase(),
              name: input.name.trim(),
              passwordHash: input.password ? await hashPassword(input.password) : null,
              locale: input.locale ?? 'it',
            },
          });
          context.audit = { ...context.audit, targetType: 'User', targetId: user.id, after: publicUser(user) };
          return user;
        } catch (error) {
          if (prismaErrorCode(error) === 'P2002') throw new ConflictError(`a user with e-mail ${input.email} already exists`);
          throw error;
        }
      },
    }),

    assignRole: t.prismaField({
      type: 'RoleAssignment',
      description: 'Grants a role: for one body (`entityId`), or for the whole association.',
      errors: { types: [InputError, NotFoundError, ConflictError], directResult: true },
      authScopes: { permission: 'core:users:write' },
      args: {
        userId: t.arg.globalID({ required: true, for: User }),
        role: t.arg({ type: Role, required: true }),
        entityId: t.arg.globalID({ required: false, for: Entity }),
      },
      resolve: async (query, _root, args, context) => {
        const entityId = args.entityId?.id ?? null;
        if (bodyScopedRoles.includes(args.role) && !entityId) {
          throw new InputError([{ path: ['entityId'], message: `a ${args.role} acts for one body: give entityId` }]);
        }
        if (args.role === 'ICT_HEAD' && entityId) {
          throw new InputError([{ path: ['entityId'], message: 'the ICT office head acts for the whole association' }]);
        }
        // The unique index treats NULL bodies as distinct, so association-wide duplicates are checked
        // here, under a per-user lock so that two concurrent grants cannot both pass the check.
        await context.prisma.$executeRaw`select pg_advisory_xact_lock(hashtext(${args.userId.id}))`;
        const existing = await context.prisma.roleAssignment.findFirst({
          where: { userId: args.userId.id, role: args.role, entityId },
        });
        if (existing) throw new ConflictError('the user already holds this role there');
        try {
          const assignment = await context.prisma.roleAssignment.create({
            ...query,
            data: { userId: args.userId.id, role: args.role, entityId, grantedById: context.actor.id },
          });
          context.audit = {
            ...context.audit,
            entityId,
            targetType: 'User',
            targetId: args.userId.id,
            after: { role: args.role, entityId },
          };
          return assignment;
        } catch (error) {
          if (prismaErrorCode(error) === 'P2003') throw new NotFoundError('User or body');
          throw error;
        }
      },
    }),

    revokeRole: t.boolean({
      description: 'Takes a role assignment away.',
      errors: { types: [NotFoundError] },
      authScopes: { permission: 'core:users:write' },
      args: { assignmentId: t.arg.id({ required: true, validate: z.uuid() }) },
      resolve: async (_root, args, context) => {
        const assignment = await context.prisma.roleAssignment.findUnique({ where: { id: String(args.assignmentId) } });
        if (!assignment) throw new NotFoundError('Role assignment');
        await context.prisma.roleAssignment.delete({ where: { id: assignment.id } });
        context.audit = {
          ...context.audit,
          entityId: assignment.entityId,
          targetType: 'User',
          targetId: assignment.userId,
          before: { role: assignment.role, entityId: assignment.entityId },
        };
        return true;
      },
    }),

    setUserActive: t.prismaField({
      type: User,
      description: 'Disables or re-enables an account; disabling ends its sessions.',
      errors: { types: [NotFoundError, StaleVersionError], directResult: true },
      authScopes: { permission: 'core:users:write' },
      args: {
        userId: t.arg.globalID({ required: true, for: User }),
        active: t.arg.boolean({ required: true }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} Optional.` }),
      },
      resolve: async (query, _root, args, context) => {
        const before = await lockForChange(context, {
          model: 'User',
          id: args.userId.id,
          expectedVersion: args.expectedVersion,
          read: () => context.prisma.user.findUnique({ where: { id: args.userId.id } }),
        });
        const user = await context.prisma.user.update({ ...query, where: { id: before.id }, data: { active: args.active } });
        if (!args.active) {
          await context.prisma.session.updateMany({ where: { userId: before.id, revokedAt: null }, data: { revokedAt: new Date() } });
        }
        context.audit = { ...context.audit, targetType: 'User', targetId: before.id, before: publicUser(before), after: publicUser(user) };
        return user;
      },
    }),

    setReferent: t.prismaField({
      type: Entity,
      description: 'Names the referent of a body (art. 9), or clears it.',
      errors: { types: [NotFoundError, StaleVersionError], directResult: true },
      authScopes: { permission: 'core:users:write' },
      args: {
        entityId: t.arg.globalID({ required: true, for: Entity }),
        userId: t.arg.globalID({ required: false, for: User }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} (of the body) Optional.` }),
      },
      resolve: async (query, _root, args, context) => {
        const before = await lockForChange(context, {
          model: 'Entity',
          id: args.entityId.id,
          expectedVersion: args.expectedVersion,
          read: () => context.prisma.entity.findUnique({ where: { id: args.entityId.id } }),
        });
        const referentId = args.userId?.id ?? null;
        if (referentId && !(await context.prisma.user.count({ where: { id: referentId } }))) throw new NotFoundError('User');
        const entity = await context.prisma.entity.update({ ...query, where: { id: before.id }, data: { referentId } });
        context.audit = {
          ...context.audit,
          entityId: before.id,
          targetType: 'Entity',
          targetId: before.id,
          before: { referentId: before.referentId },
          after: { referentId },
        };
        return entity;
      },
    }),
  }));

  return { User };
}
