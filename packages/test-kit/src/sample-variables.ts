import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';

/**
 * A value for an operation's variable, for tests that send every document of the web client: a
 * one-element list, the first enum value, an input object with its required fields only, and the
 * test's own choice for each scalar (`scalar(typeName, variableOrFieldName)`).
 */
export function sampleVariable(type: GraphQLInputType, name: string, scalar: (typeName: string, name: string) => unknown): unknown {
  if (isNonNullType(type)) return sampleVariable(type.ofType, name, scalar);
  if (isListType(type)) return [sampleVariable(type.ofType as GraphQLInputType, name, scalar)];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => isNonNullType(field.type))
        .map((field) => [field.name, sampleVariable(field.type, field.name, scalar)]),
    );
  }
  return scalar(named.name, name);
}
