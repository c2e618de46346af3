import { ConflictError, containsText, InputError, save, type GeaBuilder } from '@gea/core';
import { z } from 'zod';
import { scopes } from '../scopes.ts';

export function addSoftwareProductType(builder: GeaBuilder) {
  const SoftwareProduct = builder.prismaNode('SoftwareProduct', {
    description: 'A software product in the catalogue the office supports for every body.',
    id: { field: 'id' },
    nullable: true,
    authScopes: scopes.readSome,
    fields: (t) => ({
      name: t.exposeString('name'),
      publisher: t.exposeString('publisher'),
      category: t.exposeString('category', { nullable: true }),
      licences: t.relation('licences', {
        description: 'Licences of this product for the bodies the reader may see.',
        query: (_args, context) => ({
          where: { entities: { some: { entity: scopes.readableEntities(context) } } },
          orderBy: { validUntil: { sort: 'asc', nulls: 'last' } },
        }),
      }),
    }),
  });

  builder.queryField('softwareProducts', (t) =>
    t.prismaConnection({
      type: SoftwareProduct,
      cursor: 'id',
      description: 'The software catalogue, by publisher and name.',
      authScopes: scopes.readSome,
      args: { search: t.arg.string({ required: false, validate: z.string().trim().max(100) }) },
      resolve: (query, _root, args, context) => {
        const text = args.search?.trim();
        return context.prisma.softwareProduct.findMany({
          ...query,
          where: text
            ? { OR: [{ name: containsText(text) }, { publisher: containsText(text) }] }
            : {},
          orderBy: [{ publisher: 'asc' }, { name: 'asc' }, { id: 'asc' }],
        });
      },
    }),
  );

  const text = (max: number) => z.string().trim().min(1).max(max);
  const ProductInput = builder.inputType('SoftwareProductInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: text(200) }),
      publisher: t.string({ required: true, validate: text(200) }),
      category: t.string({ required: false, validate: text(100) }),
    }),
  });

  builder.mutationField('createSoftwareProduct', (t) =>
    t.prismaField({
      type: SoftwareProduct,
      description: 'Adds a product to the catalogue shared by every body.',
      errors: { types: [InputError, ConflictError], directResult: true },
      authScopes: { permission: scopes.write },
      args: { input: t.arg({ type: ProductInput, required: true }) },
      resolve: (query, _root, { input }, context) => {
        context.audit = { ...context.audit, targetType: 'SoftwareProduct' };
        return save({ unique: `${input.publisher} ${input.name} is already in the catalogue` }, () =>
          context.prisma.softwareProduct.create({
            ...query,
            data: { name: input.name.trim(), publisher: input.publisher.trim(), category: input.category?.trim() ?? null },
          }),
        );
      },
    }),
  );
}
