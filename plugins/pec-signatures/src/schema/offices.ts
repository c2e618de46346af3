import {
  ConflictError,
  coreRefs,
  InputError,
  NotFoundError,
  prismaErrorCode,
  readableEntitiesWhere,
  type GeaBuilder,
} from '@gea/core';
import { z } from 'zod';
import { READ, WRITE } from '../permissions.ts';
import { readList, readOn, writeOnBodyOf } from './shared.ts';

/** Codice AOO: IPA allows letters, digits and a few separators, up to 16 characters. */
const AOO_CODE = /^[A-Za-z0-9_.-]{1,16}$/;

interface ProtocolSystemShape {
  name: string | null;
  token: { prefix: string; name: string; lastUsedAt: Date | null; revokedAt: Date | null; expiresAt: Date | null } | null;
}

export function addRegistryOfficeSchema(builder: GeaBuilder) {
  const { Entity } = coreRefs(builder);

  const ProtocolSystem = builder.objectRef<ProtocolSystemShape>('ProtocolSystem').implement({
    description: 'The protocol system that keeps a registry office\'s register, and the API token it uses (never its secret).',
    fields: (t) => ({
      name: t.exposeString('name', { nullable: true, authScopes: { permissionOnSomeBody: READ } }),
      tokenPrefix: t.string({
        nullable: true,
        description: 'Start of its token (`gea_<prefix>_...`).',
        authScopes: { permissionOnSomeBody: READ },
        resolve: (system) => system.token?.prefix ?? null,
      }),
      tokenName: t.string({ nullable: true, authScopes: { permissionOnSomeBody: READ }, resolve: (system) => system.token?.name ?? null }),
      tokenLastUsedAt: t.field({
        type: 'DateTime',
        nullable: true,
        authScopes: { permissionOnSomeBody: READ },
        resolve: (system) => system.token?.lastUsedAt ?? null,
      }),
      tokenUsable: t.boolean({
        description: 'Whether its token is neither revoked nor expired.',
        authScopes: { permissionOnSomeBody: READ },
        resolve: (system) =>
          !!system.token && !system.token.revokedAt && (!system.token.expiresAt || system.token.expiresAt > new Date()),
      }),
    }),
  });

  const RegistryOffice = builder.prismaNode('RegistryOffice', {
    description: 'An Area Organizzativa Omogenea (AOO): a registry office of a body, with its own protocol register.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (office) => readOn(office.entityId),
    fields: (t) => ({
      code: t.exposeString('code', { description: 'Codice AOO as registered in IPA.' }),
      name: t.exposeString('name'),
      entity: t.relation('entity', { nullable: true }),
      protocolSystem: t.field({
        type: ProtocolSystem,
        nullable: true,
        select: {
          protocolSystemName: true,
          protocolApiToken: { select: { prefix: true, name: true, lastUsedAt: true, revokedAt: true, expiresAt: true } },
        },
        resolve: (office) =>
          office.protocolSystemName || office.protocolApiToken
            ? { name: office.protocolSystemName, token: office.protocolApiToken }
            : null,
      }),
      mailboxes: t.relation('mailboxes', { query: { orderBy: { address: 'asc' } } }),
    }),
  });

  builder.prismaObjectFields('Entity', (t) => ({
    registryOffices: t.relation('registryOffices', {
      nullable: true,
      description: 'Its registry offices (AOO), by code.',
      authScopes: (entity) => readOn(entity.id),
      query: { orderBy: { code: 'asc' } },
    }),
  }));

  builder.queryField('registryOffices', (t) =>
    t.prismaField({
      type: [RegistryOffice],
      description: 'Registry offices of the bodies the reader may see (or of one body), by body and code.',
      args: { entityId: t.arg.globalID({ required: false, for: Entity }) },
      authScopes: (_root, args) => readList(args.entityId),
      resolve: (query, _root, args, context) =>
        context.prisma.registryOffice.findMany({
          ...query,
          where: { entity: readableEntitiesWhere(context, READ), ...(args.entityId ? { entityId: args.entityId.id } : {}) },
          orderBy: [{ entity: { name: 'asc' } }, { code: 'asc' }],
        }),
    }),
  );

  const RegistryOfficeInput = builder.inputType('RegistryOfficeInput', {
    fields: (t) => ({
      code: t.string({
        required: true,
        description: 'Codice AOO (IPA).',
        validate: z.string().trim().regex(AOO_CODE, 'is not an AOO code (1-16 letters, digits, _ . -)'),
      }),
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
    }),
  });
  const CreateRegistryOfficeInput = builder.inputType('CreateRegistryOfficeInput', {
    fields: (t) => ({
      entityId: t.globalID({ required: true, for: Entity }),
      code: t.string({ required: true, validate: z.string().trim().regex(AOO_CODE, 'is not an AOO code (1-16 letters, digits, _ . -)') }),
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
    }),
  });
  const duplicate = (error: unknown, code: string) =>
    prismaErrorCode(error) === 'P2002' ? new ConflictError(`the body already has a registry office with code ${code}`) : error;
  const onOfficeBody = (id: string) =>
    writeOnBodyOf((context) => context.prisma.registryOffice.findUnique({ where: { id }, select: { entityId: true } }));

  builder.mutationFields((t) => ({
    createRegistryOffice: t.prismaField({
      type: RegistryOffice,
      description: 'Records a registry office (AOO) of a body.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: CreateRegistryOfficeInput, required: true }) },
      authScopes: (_root, { input }) => ({ entityPermission: { permission: WRITE, entityId: input.entityId.id } }),
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'RegistryOffice', entityId: input.entityId.id };
        try {
          return await context.prisma.registryOffice.create({
            ...query,
            data: { entityId: input.entityId.id, code: input.code.trim(), name: input.name.trim() },
          });
        } catch (error) {
          if (prismaErrorCode(error) === 'P2003') throw new NotFoundError('Entity');
          throw duplicate(error, input.code.trim());
        }
      },
    }),

    updateRegistryOffice: t.prismaField({
      type: RegistryOffice,
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { id: t.arg.globalID({ required: true, for: RegistryOffice }), input: t.arg({ type: RegistryOfficeInput, required: true }) },
      authScopes: (_root, { id }, context) => onOfficeBody(id.id)(context),
      resolve: async (query, _root, { id, input }, context) => {
        const before = await context.prisma.registryOffice.findUnique({ where: { id: id.id } });
        if (!before) throw new NotFoundError('Registry office');
        try {
          const after = await context.prisma.registryOffice.update({
            ...query,
            where: { id: before.id },
            data: { code: input.code.trim(), name: input.name.trim() },
          });
          context.audit = { ...context.audit, targetType: 'RegistryOffice', targetId: before.id, entityId: before.entityId, before, after };
          return after;
        } catch (error) {
          throw duplicate(error, input.code.trim());
        }
      },
    }),

    setRegistryOfficeProtocolSystem: t.prismaField({
      type: RegistryOffice,
      description:
        'Names the protocol system of a registry office and the API token it uses (made with createApiToken, for the same body, with pec-signatures:write). Once set, only that token may register messages and receipts for the office\'s mailboxes. Leave both out to clear.',
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: RegistryOffice }),
        name: t.arg.string({ required: false, validate: z.string().trim().min(1).max(200) }),
        apiTokenId: t.arg.globalID({ required: false, description: 'An ApiToken id.' }),
      },
      authScopes: (_root, { id }, context) => onOfficeBody(id.id)(context),
      resolve: async (query, _root, args, context) => {
        const before = await context.prisma.registryOffice.findUnique({ where: { id: args.id.id } });
        if (!before) throw new NotFoundError('Registry office');
        let tokenId: string | null = null;
        if (args.apiTokenId) {
          const token =
            args.apiTokenId.typename === 'ApiToken'
              ? await context.prisma.apiToken.findUnique({ where: { id: args.apiTokenId.id } })
              : null;
          const problem = !token
            ? 'is not an API token'
            : token.revokedAt
              ? 'the token has been revoked'
              : token.entityId !== before.entityId
                ? 'the token must act for the registry office\'s body only'
                : !token.scopes.includes(WRITE)
                  ? `the token must hold ${WRITE}`
                  : null;
          if (problem) throw new InputError([{ path: ['apiTokenId'], message: problem }]);
          tokenId = token!.id;
        }
        const after = await context.prisma.registryOffice.update({
          ...query,
          where: { id: before.id },
          data: { protocolSystemName: args.name?.trim() ?? null, protocolApiTokenId: tokenId },
        });
        context.audit = {
          ...context.audit,
          targetType: 'RegistryOffice',
          targetId: before.id,
          entityId: before.entityId,
          before: { protocolSystemName: before.protocolSystemName, protocolApiTokenId: before.protocolApiTokenId },
          after: { protocolSystemName: after.protocolSystemName, protocolApiTokenId: after.protocolApiTokenId },
        };
        return after;
      },
    }),
  }));

  return { RegistryOffice };
}
