import {
  auditConcerns,
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
  type GeaContext,
} from '@gea/core';
import { z } from 'zod';
import { scopes } from '../scopes.ts';

export function addProviderAccountType(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const ConnectivityProvider = modelRef(builder, 'ConnectivityProvider');

  const ProviderAccount = builder.prismaNode('ProviderAccount', {
    description: 'A customer account at a provider, and the body that pays it.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (account) => scopes.readOn(account.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      accountNumber: t.exposeString('accountNumber', { description: "The provider's customer code." }),
      name: t.exposeString('name', { nullable: true }),
      provider: t.relation('provider'),
      entity: t.relation('entity', { nullable: true, description: 'The body that pays the account.' }),
    }),
  });

  const AccountInput = builder.inputType('ProviderAccountInput', {
    fields: (t) => ({
      accountNumber: t.string({ required: true, validate: z.string().trim().min(1).max(100), description: "The provider's customer code (unique per provider)." }),
      name: t.string({ required: false, validate: z.string().trim().max(200) }),
    }),
  });
  type Input = typeof AccountInput.$inferInput;
  const data = (input: Input) => ({ accountNumber: input.accountNumber.trim(), name: input.name?.trim() ? input.name.trim() : null });
  const saving = (input: Input) => ({ unique: `account ${input.accountNumber.trim()} already exists at this provider`, missing: 'ConnectivityProvider or Entity' });
  const assertFree = async (context: GeaContext, providerId: string, accountNumber: string, self?: string) => {
    const other = await context.prisma.providerAccount.findFirst({
      where: { providerId, accountNumber, ...(self ? { NOT: { id: self } } : {}) },
      select: { id: true },
    });
    if (other) throw new ConflictError(`account ${accountNumber} already exists at this provider`);
  };
  /** The account's paying body, looked up for the write scope (association-wide when there is no such account). */
  const accountBody = (id: string) => (context: GeaContext) => context.prisma.providerAccount.findUnique({ where: { id }, select: { entityId: true } });

  builder.mutationFields((t) => ({
    createProviderAccount: t.prismaField({
      type: ProviderAccount,
      description: 'Records a customer account at a provider for the body that pays it (connectivity:write on that body).',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      authScopes: (_root, { entityId }) => scopes.writeOn(entityId.id),
      args: {
        providerId: t.arg.globalID({ required: true, for: ConnectivityProvider }),
        entityId: t.arg.globalID({ required: true, for: Entity, description: 'The body that pays the account.' }),
        input: t.arg({ type: AccountInput, required: true }),
      },
      resolve: async (query, _root, { providerId, entityId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'ProviderAccount', entityId: entityId.id };
        const provider = await context.prisma.connectivityProvider.findUnique({ where: { id: providerId.id }, select: { id: true } });
        if (!provider) throw new NotFoundError('ConnectivityProvider');
        const row = { providerId: provider.id, entityId: entityId.id, ...data(input) };
        await assertFree(context, row.providerId, row.accountNumber);
        return save(saving(input), () => context.prisma.providerAccount.create({ ...query, data: row }));
      },
    }),
    updateProviderAccount: t.prismaField({
      type: ProviderAccount,
      description:
        'Changes an account number or name, or the body that pays it (connectivity:write on the body that pays it now and on the new one).',
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      authScopes: async (_root, { id, entityId }, context) => {
        const current = await accountBody(id.id)(context);
        if (!current) return { permission: scopes.write };
        return scopes.writeEvery([...new Set([current.entityId, ...(entityId ? [entityId.id] : [])])]);
      },
      args: {
        id: t.arg.globalID({ required: true, for: ProviderAccount }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        entityId: t.arg.globalID({ required: false, for: Entity, description: 'The new paying body; omitted, it stays.' }),
        input: t.arg({ type: AccountInput, required: true }),
      },
      resolve: async (query, _root, { id, expectedVersion, entityId, input }, context) => {
        const before = await lockForChange(context, {
          model: 'ProviderAccount',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.providerAccount.findUnique({ where: { id: id.id } }),
        });
        // The scope was checked on the body read before the lock; a change of it meanwhile raised the
        // version, so the expected version (required) refuses it as stale.
        const row = { entityId: entityId?.id ?? before.entityId, ...data(input) };
        await assertFree(context, before.providerId, row.accountNumber, before.id);
        const after = await save(saving(input), () => context.prisma.providerAccount.update({ ...query, where: { id: before.id }, data: row }));
        context.audit = { ...context.audit, targetType: 'ProviderAccount', targetId: before.id, entityId: row.entityId, before, after };
        auditConcerns(context, [before.entityId, row.entityId]);
        return after;
      },
    }),
  }));
}
