import {
  ConflictError,
  containsText,
  expectedVersionDescription,
  InputError,
  lockForChange,
  NotFoundError,
  save,
  StaleVersionError,
  startsWithText,
  versionDescription,
  type GeaBuilder,
} from '@gea/core';
import { z } from 'zod';
import { isValidVatNumber } from '../codes.ts';
import { scopes, writeAll } from '../scopes.ts';

export function addSupplierType(builder: GeaBuilder) {
  const Supplier = builder.prismaNode('Supplier', {
    description: 'A company the ICT office buys from.',
    id: { field: 'id' },
    nullable: true,
    // Suppliers are public knowledge (published tenders); what was bought from them is scoped per contract.
    authScopes: scopes.readSome,
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      vatNumber: t.exposeString('vatNumber', { nullable: true, description: 'Partita IVA.' }),
      pecAddress: t.exposeString('pecAddress', { nullable: true }),
    }),
  });

  builder.queryField('suppliers', (t) =>
    t.prismaConnection({
      type: Supplier,
      cursor: 'id',
      description: 'Suppliers by name.',
      authScopes: scopes.readSome,
      args: { search: t.arg.string({ required: false, validate: z.string().trim().max(100) }) },
      resolve: (query, _root, args, context) => {
        const text = args.search?.trim();
        return context.prisma.supplier.findMany({
          ...query,
          where: text ? { OR: [{ name: containsText(text) }, { vatNumber: startsWithText(text, { caseSensitive: true }) }] } : {},
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        });
      },
    }),
  );

  const SupplierInput = builder.inputType('SupplierInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      vatNumber: t.string({
        required: false,
        validate: z.string().trim().refine(isValidVatNumber, { message: 'is not a valid partita IVA (11 digits with its check digit)', params: { code: 'INVALID_VAT_NUMBER' } }),
      }),
      pecAddress: t.string({ required: false, validate: z.string().trim().email('is not an e-mail address').max(200) }),
    }),
  });
  type Input = typeof SupplierInput.$inferInput;
  const data = (input: Input) => ({
    name: input.name.trim(),
    vatNumber: input.vatNumber?.trim() ?? null,
    pecAddress: input.pecAddress?.trim().toLowerCase() ?? null,
  });
  const saving = (input: Input) => ({ unique: `a supplier with partita IVA ${input.vatNumber} already exists` });

  builder.mutationFields((t) => ({
    createSupplier: t.prismaField({
      type: Supplier,
      errors: { types: [InputError, ConflictError], directResult: true },
      authScopes: writeAll,
      args: { input: t.arg({ type: SupplierInput, required: true }) },
      resolve: (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'Supplier' };
        return save(saving(input), () => context.prisma.supplier.create({ ...query, data: data(input) }));
      },
    }),
    updateSupplier: t.prismaField({
      type: Supplier,
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      authScopes: writeAll,
      args: {
        id: t.arg.globalID({ required: true, for: Supplier }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: SupplierInput, required: true }),
      },
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'Supplier',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.supplier.findUnique({ where: { id: id.id } }),
        });
        const after = await save(saving(input), () => context.prisma.supplier.update({ ...query, where: { id: before.id }, data: data(input) }));
        context.audit = { ...context.audit, targetType: 'Supplier', targetId: before.id, before, after };
        return after;
      },
    }),
  }));
}
