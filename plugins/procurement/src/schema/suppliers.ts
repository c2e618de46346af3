import { ConflictError, InputError, NotFoundError, prismaErrorCode, type GeaBuilder } from '@gea/core';
import { z } from 'zod';
import { isValidVatNumber } from '../codes.ts';

export function addSupplierSchema(builder: GeaBuilder) {
  const Supplier = builder.prismaNode('Supplier', {
    description: 'A company the ICT office buys from.',
    id: { field: 'id' },
    nullable: true,
    // Suppliers are public knowledge (published tenders); what was bought from them is scoped per contract.
    authScopes: { permissionOnSomeBody: 'procurement:read' },
    fields: (t) => ({
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
      authScopes: { permissionOnSomeBody: 'procurement:read' },
      args: { search: t.arg.string({ required: false, validate: z.string().trim().max(100) }) },
      resolve: (query, _root, args, context) => {
        const text = args.search?.trim();
        return context.prisma.supplier.findMany({
          ...query,
          where: text ? { OR: [{ name: { contains: text, mode: 'insensitive' } }, { vatNumber: { startsWith: text } }] } : {},
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
  type Input = { name: string; vatNumber?: string | null; pecAddress?: string | null };
  const data = (input: Input) => ({
    name: input.name.trim(),
    vatNumber: input.vatNumber?.trim() ?? null,
    pecAddress: input.pecAddress?.trim().toLowerCase() ?? null,
  });
  const saveError = (error: unknown, input: Input) =>
    prismaErrorCode(error) === 'P2002' ? new ConflictError(`a supplier with partita IVA ${input.vatNumber} already exists`) : error;

  builder.mutationFields((t) => ({
    createSupplier: t.prismaField({
      type: Supplier,
      errors: { types: [InputError, ConflictError], directResult: true },
      authScopes: { permission: 'procurement:write' },
      args: { input: t.arg({ type: SupplierInput, required: true }) },
      resolve: async (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'Supplier' };
        try {
          return await context.prisma.supplier.create({ ...query, data: data(input) });
        } catch (error) {
          throw saveError(error, input);
        }
      },
    }),
    updateSupplier: t.prismaField({
      type: Supplier,
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      authScopes: { permission: 'procurement:write' },
      args: { id: t.arg.globalID({ required: true, for: Supplier }), input: t.arg({ type: SupplierInput, required: true }) },
      resolve: async (query, _root, { id, input }, context) => {
        const before = await context.prisma.supplier.findUnique({ where: { id: id.id } });
        if (!before) throw new NotFoundError('Supplier');
        try {
          const after = await context.prisma.supplier.update({ ...query, where: { id: before.id }, data: data(input) });
          context.audit = { ...context.audit, targetType: 'Supplier', targetId: before.id, before, after };
          return after;
        } catch (error) {
          throw saveError(error, input);
        }
      },
    }),
  }));

  return { Supplier };
}
