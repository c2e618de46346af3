import {
  ConflictError,
  equalsTextIgnoringCase,
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
import { normalName } from '../rules/provider.ts';
import { scopes, writeAll } from '../scopes.ts';
import { providerNetworkKindEnum } from './enums.ts';

export function addProviderNetworkType(builder: GeaBuilder) {
  const ProviderNetworkKind = providerNetworkKindEnum(builder);
  const ConnectivityProvider = modelRef(builder, 'ConnectivityProvider');
  const ProviderNetwork = builder.prismaNode('ProviderNetwork', {
    description: "A network run by a provider that circuits reach: the regional network (Tuscany's RTRT), SPC's QXN, an MPLS.",
    id: { field: 'id' },
    nullable: true,
    authScopes: scopes.readSome,
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      kind: t.expose('kind', { type: ProviderNetworkKind }),
      description: t.exposeString('description', { nullable: true }),
      provider: t.relation('provider'),
      virtualCircuits: t.relation('virtualCircuits', { query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] } }),
    }),
  });

  const NetworkInput = builder.inputType('ProviderNetworkInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200), description: 'Unique per provider.' }),
      kind: t.field({ type: ProviderNetworkKind, required: true }),
      description: t.string({ required: false, validate: z.string().trim().max(2000) }),
    }),
  });
  type Input = typeof NetworkInput.$inferInput;
  const data = (input: Input) => ({
    name: normalName(input.name),
    kind: input.kind,
    description: input.description?.trim() ? input.description.trim() : null,
  });
  const saving = (input: Input) => ({ unique: `the provider already has a network named "${normalName(input.name)}"`, missing: 'ConnectivityProvider' });
  const assertFree = async (context: GeaContext, providerId: string, name: string, self?: string) => {
    const other = await context.prisma.providerNetwork.findFirst({
      where: { providerId, name: equalsTextIgnoringCase(name), ...(self ? { NOT: { id: self } } : {}) },
      select: { name: true },
    });
    if (other) throw new ConflictError(`the provider already has a network named "${other.name}"`);
  };

  builder.mutationFields((t) => ({
    createProviderNetwork: t.prismaField({
      type: ProviderNetwork,
      description: "Records a network a provider runs (names unique per provider).",
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      authScopes: writeAll,
      args: {
        providerId: t.arg.globalID({ required: true, for: ConnectivityProvider }),
        input: t.arg({ type: NetworkInput, required: true }),
      },
      resolve: async (query, _root, { providerId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'ProviderNetwork' };
        const provider = await context.prisma.connectivityProvider.findUnique({ where: { id: providerId.id }, select: { id: true } });
        if (!provider) throw new NotFoundError('ConnectivityProvider');
        const row = { providerId: provider.id, ...data(input) };
        await assertFree(context, provider.id, row.name);
        return save(saving(input), () => context.prisma.providerNetwork.create({ ...query, data: row }));
      },
    }),
    updateProviderNetwork: t.prismaField({
      type: ProviderNetwork,
      description: "Changes a provider network's name, kind or description.",
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      authScopes: writeAll,
      args: {
        id: t.arg.globalID({ required: true, for: ProviderNetwork }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: NetworkInput, required: true }),
      },
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'ProviderNetwork',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.providerNetwork.findUnique({ where: { id: id.id } }),
        });
        const row = data(input);
        await assertFree(context, before.providerId, row.name, before.id);
        const after = await save(saving(input), () => context.prisma.providerNetwork.update({ ...query, where: { id: before.id }, data: row }));
        context.audit = { ...context.audit, targetType: 'ProviderNetwork', targetId: before.id, before, after };
        return after;
      },
    }),
  }));
}
