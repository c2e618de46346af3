import { getRefFromModel, type PrismaObjectRef } from '@pothos/plugin-prisma';
import type { PrismaTypes } from '@gea/db';
import type { GeaBuilder, GeaSchemaTypes } from '../builder.ts';

type Types = PothosSchemaTypes.ExtendDefaultTypes<GeaSchemaTypes>;
export type ModelName = keyof PrismaTypes & string;

/**
 * The GraphQL type of a Prisma model, by name, wherever it is defined (core, this plugin or a
 * dependency): no registry, no import of the defining file, so no import circles. The model's
 * type must be defined by whoever owns it before the schema is built; Pothos says so otherwise.
 */
export function modelRef<Name extends ModelName>(builder: GeaBuilder, name: Name): PrismaObjectRef<Types, PrismaTypes[Name]> {
  return getRefFromModel(name, builder as never, 'object') as unknown as PrismaObjectRef<Types, PrismaTypes[Name]>;
}

/**
 * A type (enum, input, object) defined once per builder and shared by several files: each file calls
 * the returned function with its builder and gets the same ref. Builders are not singletons (tests
 * compose several schemas in one process), so neither are the refs.
 */
export function perBuilder<T>(define: (builder: GeaBuilder) => T): (builder: GeaBuilder) => T {
  const defined = new WeakMap<GeaBuilder, T>();
  return (builder) => {
    if (!defined.has(builder)) defined.set(builder, define(builder));
    return defined.get(builder)!;
  };
}
