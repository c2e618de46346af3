import {
  ConflictError,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  save,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
} from '@gea/core';
import { z } from 'zod';
import { scopes } from '../scopes.ts';
import { protocolTokenProblem } from '../rules/protocol-system.ts';
import { protocolSystemType } from './protocol-system.ts';

/** Codice AOO: IPA allows letters, digits and a few separators, up to 16 characters. */
const AOO_CODE = /^[A-Za-z0-9_.-]{1,16}$/;
const aooCode = z.string().trim().regex(AOO_CODE, 'is not an AOO code (1-16 letters, digits, _ . -)');
const officeName = z.string().trim().min(1).max(200);

const duplicateCode = (code: string) => `the body already has a registry office with code ${code}`;

export function addRegistryOffice(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const ProtocolSystem = protocolSystemType(builder);

  const RegistryOffice = builder.prismaNode('RegistryOffice', {
    description: 'An Area Organizzativa Omogenea (AOO): a registry office of a body, with its own protocol register.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (office) => scopes.readOn(office.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
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

  builder.queryField('registryOffices', (t) =>
    t.prismaField({
      type: [RegistryOffice],
      description: 'Registry offices of the bodies the reader may see (or of one body), by body and code.',
      args: { entityId: t.arg.globalID({ required: false, for: Entity }) },
      authScopes: (_root, args) => scopes.readList(args.entityId),
      resolve: (query, _root, args, context) =>
        context.prisma.registryOffice.findMany({
          ...query,
          where: { entity: scopes.readableEntities(context), ...(args.entityId ? { entityId: args.entityId.id } : {}) },
          orderBy: [{ entity: { name: 'asc' } }, { code: 'asc' }],
        }),
    }),
  );

  const RegistryOfficeInput = builder.inputType('RegistryOfficeInput', {
    fields: (t) => ({
      code: t.string({ required: true, description: 'Codice AOO (IPA).', validate: aooCode }),
      name: t.string({ required: true, validate: officeName }),
    }),
  });
  const CreateRegistryOfficeInput = builder.inputType('CreateRegistryOfficeInput', {
    fields: (t) => ({
      entityId: t.globalID({ required: true, for: Entity }),
      code: t.string({ required: true, validate: aooCode }),
      name: t.string({ required: true, validate: officeName }),
    }),
  });
  const onOfficeBody = (id: string) =>
    scopes.writeOnBodyOf((context) => context.prisma.registryOffice.findUnique({ where: { id }, select: { entityId: true } }));

  builder.mutationFields((t) => ({
    createRegistryOffice: t.prismaField({
      type: RegistryOffice,
      description: 'Records a registry office (AOO) of a body.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      args: { input: t.arg({ type: CreateRegistryOfficeInput, required: true }) },
      authScopes: (_root, { input }) => scopes.writeOn(input.entityId.id),
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'RegistryOffice', entityId: input.entityId.id };
        const code = input.code.trim();
        return save({ unique: duplicateCode(code), missing: 'Entity' }, () =>
          context.prisma.registryOffice.create({ ...query, data: { entityId: input.entityId.id, code, name: input.name.trim() } }),
        );
      },
    }),

    updateRegistryOffice: t.prismaField({
      type: RegistryOffice,
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: RegistryOffice }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: RegistryOfficeInput, required: true }),
      },
      authScopes: (_root, { id }, context) => onOfficeBody(id.id)(context),
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'RegistryOffice',
          what: 'Registry office',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.registryOffice.findUnique({ where: { id: id.id } }),
        });
        const code = input.code.trim();
        const after = await save({ unique: duplicateCode(code) }, () =>
          context.prisma.registryOffice.update({ ...query, where: { id: before.id }, data: { code, name: input.name.trim() } }),
        );
        context.audit = { ...context.audit, targetType: 'RegistryOffice', targetId: before.id, entityId: before.entityId, before, after };
        return after;
      },
    }),

    setRegistryOfficeProtocolSystem: t.prismaField({
      type: RegistryOffice,
      description:
        'Names the protocol system of a registry office and the API token it uses (made with createApiToken, for the same body, with pec-signatures:write). Once set, only that token may register messages and receipts for the office\'s mailboxes. Leave both out to clear.',
      errors: { types: [InputError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: RegistryOffice }),
        name: t.arg.string({ required: false, validate: officeName }),
        apiTokenId: t.arg.globalID({ required: false, description: 'An ApiToken id.' }),
        expectedVersion: t.arg.int({ required: false, description: `${expectedVersionDescription} Optional.` }),
      },
      authScopes: (_root, { id }, context) => onOfficeBody(id.id)(context),
      resolve: async (query, _root, args, context) => {
        const before = await lockForChange(context, {
          model: 'RegistryOffice',
          what: 'Registry office',
          id: args.id.id,
          expectedVersion: args.expectedVersion,
          read: () => context.prisma.registryOffice.findUnique({ where: { id: args.id.id } }),
        });
        let tokenId: string | null = null;
        if (args.apiTokenId) {
          const token =
            args.apiTokenId.typename === 'ApiToken' ? await context.prisma.apiToken.findUnique({ where: { id: args.apiTokenId.id } }) : null;
          const problem = protocolTokenProblem(token, before.entityId, scopes.write);
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
}
