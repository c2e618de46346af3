import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashToken } from '../auth/secrets.ts';
import type { GeaBuilder } from '../builder.ts';
import { GeaError, InputError, NotFoundError } from '../errors.ts';
import type { PermissionDefinition } from '../permissions.ts';
import { coreRefs } from './refs.ts';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `gea_<8 alphanumerics>_<43 base64url>`: the prefix identifies a token in lists, the rest is the secret. */
function newApiToken(): { token: string; prefix: string } {
  const prefix = Array.from(randomBytes(8), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
  return { token: `gea_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

interface CreatedApiToken {
  token: string;
  apiTokenId: string;
}

export function addApiTokenSchema(builder: GeaBuilder, permissions: ReadonlyMap<string, PermissionDefinition>) {
  const { Entity } = coreRefs(builder);

  const ApiToken = builder.prismaNode('ApiToken', {
    description: 'A token for a machine client (protocol system). Its secret is shown once, at creation.',
    id: { field: 'id' },
    nullable: true,
    authScopes: { permission: 'core:tokens:write' },
    fields: (t) => ({
      name: t.exposeString('name'),
      prefix: t.exposeString('prefix', { description: 'Start of the token (`gea_<prefix>_...`), to recognise it.' }),
      scopes: t.exposeStringList('scopes'),
      entity: t.relation('entity', { nullable: true, description: 'The body it acts for; null: the whole association.' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
      lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
      revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  const Created = builder.objectRef<CreatedApiToken>('CreatedApiToken').implement({
    fields: (t) => ({
      token: t.exposeString('token', {
        description: 'The secret, shown only now: send it as `Authorization: Bearer <token>`.',
        authScopes: { permission: 'core:tokens:write' },
      }),
      apiToken: t.prismaField({
        type: ApiToken,
        authScopes: { permission: 'core:tokens:write' },
        resolve: (query, created, _args, context) =>
          context.prisma.apiToken.findUniqueOrThrow({ ...query, where: { id: created.apiTokenId } }),
      }),
    }),
  });

  builder.queryFields((t) => ({
    apiTokens: t.prismaField({
      type: [ApiToken],
      description: 'API tokens, newest first.',
      authScopes: { permission: 'core:tokens:write' },
      args: { includeRevoked: t.arg.boolean({ required: false }) },
      resolve: (query, _root, args, context) =>
        context.prisma.apiToken.findMany({
          ...query,
          where: args.includeRevoked ? {} : { revokedAt: null },
          orderBy: { createdAt: 'desc' },
        }),
    }),
  }));

  const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: z.string().trim().min(1).max(100) }),
      scopes: t.stringList({ required: true, validate: z.array(z.string()).min(1, 'give at least one scope') }),
      entityId: t.globalID({ required: false, for: Entity, description: 'The body the token acts for.' }),
      expiresAt: t.field({ type: 'DateTime', required: false }),
    }),
  });

  builder.mutationFields((t) => ({
    createApiToken: t.field({
      type: Created,
      errors: { types: [InputError, NotFoundError], directResult: true },
      authScopes: { permission: 'core:tokens:write' },
      args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
      resolve: async (_root, { input }, context) => {
        // Only a person creates tokens, and never with more than they hold themselves for that body.
        if (context.actor.kind !== 'user') throw new GeaError('FORBIDDEN', 'Only a signed-in person can create API tokens');
        const unknown = input.scopes.filter((scope) => !permissions.has(scope));
        if (unknown.length > 0) {
          throw new InputError([{ path: ['input', 'scopes'], message: `unknown scope(s): ${unknown.join(', ')}` }]);
        }
        const administrative = input.scopes.filter((scope) => permissions.get(scope)?.notForTokens);
        if (administrative.length > 0) {
          throw new InputError([
            { path: ['input', 'scopes'], message: `scope(s) a machine client may not hold: ${administrative.join(', ')}` },
          ]);
        }
        const entityScope = input.entityId?.id;
        const beyond = input.scopes.filter((scope) => !context.actor.can(scope, entityScope));
        if (beyond.length > 0) {
          throw new InputError([{ path: ['input', 'scopes'], message: `you do not hold: ${beyond.join(', ')}` }]);
        }
        if (input.expiresAt && input.expiresAt <= new Date()) {
          throw new InputError([{ path: ['input', 'expiresAt'], message: 'must be in the future', code: 'INVALID_DATE' }]);
        }
        const entityId = input.entityId?.id ?? null;
        if (entityId && !(await context.prisma.entity.count({ where: { id: entityId } }))) throw new NotFoundError('Entity');
        const { token, prefix } = newApiToken();
        const created = await context.prisma.apiToken.create({
          data: {
            name: input.name.trim(),
            prefix,
            tokenHash: hashToken(token),
            scopes: [...new Set(input.scopes)],
            entityId,
            expiresAt: input.expiresAt ?? null,
            createdById: context.actor.kind === 'user' ? context.actor.id : null,
          },
        });
        context.audit = {
          ...context.audit,
          entityId,
          targetType: 'ApiToken',
          targetId: created.id,
          after: { name: created.name, prefix, scopes: created.scopes, entityId, expiresAt: created.expiresAt },
        };
        return { token, apiTokenId: created.id };
      },
    }),

    revokeApiToken: t.prismaField({
      type: ApiToken,
      errors: { types: [NotFoundError], directResult: true },
      authScopes: { permission: 'core:tokens:write' },
      args: { id: t.arg.globalID({ required: true, for: ApiToken }) },
      resolve: async (query, _root, args, context) => {
        const before = await context.prisma.apiToken.findUnique({ where: { id: args.id.id } });
        if (!before) throw new NotFoundError('API token');
        const revoked = await context.prisma.apiToken.update({
          ...query,
          where: { id: before.id },
          data: { revokedAt: before.revokedAt ?? new Date() },
        });
        context.audit = { ...context.audit, entityId: before.entityId, targetType: 'ApiToken', targetId: before.id };
        return revoked;
      },
    }),
  }));
}
