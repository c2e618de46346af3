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
import { findSupplier } from '@gea/plugin-procurement';
import { z } from 'zod';
import { asnSchema, normalName } from '../rules/provider.ts';
import { readsSomewhere, scopes, writeAll } from '../scopes.ts';

export function addProviderType(builder: GeaBuilder) {
  const Supplier = modelRef(builder, 'Supplier');

  const ConnectivityProvider = builder.prismaNode('ConnectivityProvider', {
    description: 'A connectivity provider: a procurement supplier, with what the network needs to know of it.',
    id: { field: 'id' },
    nullable: true,
    // Providers serve every body: whoever reads connectivity for some body sees them (not what they sell to others).
    authScopes: scopes.readSome,
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      asn: t.exposeInt('asn', { nullable: true, description: 'Autonomous system number.' }),
      supportContact: t.exposeString('supportContact', { nullable: true, description: 'Fault-reporting portal or number.' }),
      note: t.exposeString('note', { nullable: true }),
      supplier: t.field({
        type: Supplier,
        nullable: true,
        description: 'The supplier in procurement; null when the reader may not read procurement.',
        select: (_args, _context, nestedSelection) => ({ supplier: nestedSelection(true) }),
        resolve: (provider, _args, context) =>
          readsSomewhere(context.actor, 'procurement:read') ? (provider as unknown as { supplier: never }).supplier : null,
      }),
      networks: t.relation('networks', { query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] } }),
      // Only the accounts of bodies the reader may see.
      accounts: t.relation('accounts', {
        query: (_args, context) => ({ where: { entity: scopes.readableEntities(context) }, orderBy: [{ accountNumber: 'asc' }, { id: 'asc' }] }),
      }),
    }),
  });

  builder.queryField('connectivityProviders', (t) =>
    t.prismaField({
      type: [ConnectivityProvider],
      description: 'Every connectivity provider, by name.',
      authScopes: scopes.readSome,
      resolve: (query, _root, _args, context) => context.prisma.connectivityProvider.findMany({ ...query, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
    }),
  );

  const ProviderInput = builder.inputType('ConnectivityProviderInput', {
    fields: (t) => ({
      name: t.string({ required: false, validate: z.string().trim().min(1).max(200), description: "Name on the network; the supplier's name when omitted." }),
      // GraphQL's Int stops at 2^31 - 1: larger 32-bit ASNs are refused before this rule runs.
      asn: t.int({ required: false, validate: asnSchema, description: 'Autonomous system number, 1 to 4294967295.' }),
      supportContact: t.string({ required: false, validate: z.string().trim().max(500) }),
      note: t.string({ required: false, validate: z.string().trim().max(2000) }),
    }),
  });
  type Input = typeof ProviderInput.$inferInput;
  const optional = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

  /** The supplier's name, from what procurement exports (the provider is that supplier). */
  const supplierName = async (context: GeaContext, supplierId: string) => {
    const supplier = await findSupplier(context, supplierId);
    if (!supplier) throw new NotFoundError('Supplier');
    return supplier.name;
  };
  const data = (input: Input, fallbackName: string) => ({
    name: normalName(input.name?.trim() ? input.name : fallbackName),
    asn: input.asn ?? null,
    supportContact: optional(input.supportContact),
    note: optional(input.note),
  });
  /** A clear CONFLICT before the unique indexes would refuse the row (they still guard against races). */
  const assertFree = async (context: GeaContext, row: { supplierId?: string; name: string }, self?: string) => {
    const other = await context.prisma.connectivityProvider.findFirst({
      where: { OR: [...(row.supplierId ? [{ supplierId: row.supplierId }] : []), { name: equalsTextIgnoringCase(row.name) }], ...(self ? { NOT: { id: self } } : {}) },
      select: { supplierId: true, name: true },
    });
    if (other && row.supplierId && other.supplierId === row.supplierId) throw new ConflictError('this supplier is already a connectivity provider');
    if (other) throw new ConflictError(`a connectivity provider named "${other.name}" already exists`);
  };
  const saving = { unique: 'the supplier is already a connectivity provider, or the name is taken', missing: 'Supplier' };

  builder.mutationFields((t) => ({
    createConnectivityProvider: t.prismaField({
      type: ConnectivityProvider,
      description: 'Makes a procurement supplier a connectivity provider (one provider per supplier, names unique).',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      authScopes: writeAll,
      args: {
        supplierId: t.arg.globalID({ required: true, for: Supplier }),
        input: t.arg({ type: ProviderInput, required: true }),
      },
      resolve: async (query, _root, { supplierId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'ConnectivityProvider' };
        const row = { supplierId: supplierId.id, ...data(input, await supplierName(context, supplierId.id)) };
        await assertFree(context, row);
        return save(saving, () => context.prisma.connectivityProvider.create({ ...query, data: row }));
      },
    }),
    updateConnectivityProvider: t.prismaField({
      type: ConnectivityProvider,
      description: "Changes a provider's name, ASN, support contact or note (an omitted name becomes the supplier's).",
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      authScopes: writeAll,
      args: {
        id: t.arg.globalID({ required: true, for: ConnectivityProvider }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: ProviderInput, required: true }),
      },
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'ConnectivityProvider',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.connectivityProvider.findUnique({ where: { id: id.id } }),
        });
        const row = data(input, await supplierName(context, before.supplierId));
        await assertFree(context, row, before.id);
        const after = await save(saving, () => context.prisma.connectivityProvider.update({ ...query, where: { id: before.id }, data: row }));
        context.audit = { ...context.audit, targetType: 'ConnectivityProvider', targetId: before.id, before, after };
        return after;
      },
    }),
  }));
}
