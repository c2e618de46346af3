import { getNamedType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

export class MissingScopeError extends Error {
  override name = 'MissingScopeError';
}

interface ScopeOptions {
  authScopes?: unknown;
  skipTypeScopes?: boolean;
}

const optionsOf = (extensions: Readonly<Record<string, unknown>> | null | undefined) =>
  (extensions?.pothosOptions ?? {}) as ScopeOptions;

const hasExactly = (type: GraphQLObjectType, names: string[]) => {
  const fields = Object.keys(type.getFields()).sort();
  return fields.length === names.length && names.every((name, i) => fields[i] === name);
};

/**
 * Relay plumbing and typed error results carry no stored data of their own: what they hold is
 * guarded by its own type, or is the caller's own failure. Recognised by shape, never by name alone,
 * so a plugin type called `InternetConnection` is still checked.
 */
function isStructural(type: GraphQLObjectType): boolean {
  if (type.name.startsWith('__')) return true;
  if (type.name === 'PageInfo') return hasExactly(type, ['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor']);
  if (type.name.endsWith('Edge')) return hasExactly(type, ['cursor', 'node']);
  if (type.name.endsWith('Connection')) {
    const edges = type.getFields().edges;
    // totalCount counts the same rows as the edges, under the same filter: no more than they show.
    return (hasExactly(type, ['edges', 'pageInfo']) || hasExactly(type, ['edges', 'pageInfo', 'totalCount'])) && !!edges && getNamedType(edges.type).name.endsWith('Edge');
  }
  if (type.name.endsWith('Success')) return hasExactly(type, ['data']);
  return type.getInterfaces().some((iface) => iface.name === 'Error');
}

function fieldIsScoped(field: GraphQLField<unknown, unknown>, typeScoped: boolean): boolean {
  const options = optionsOf(field.extensions);
  if (options.authScopes !== undefined) return true;
  return typeScoped && !options.skipTypeScopes;
}

/**
 * Every field must say who may use it: root fields declare `authScopes`; fields of other object
 * types declare it or inherit their type's `authScopes` (unless they skip it). Run at start, so a
 * plugin that forgets fails the server instead of leaking data.
 */
export function assertEveryFieldDeclaresScope(schema: GraphQLSchema): void {
  const missing: string[] = [];
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isStructural(type)) continue;
    const typeScoped = !roots.has(type) && optionsOf(type.extensions).authScopes !== undefined;
    for (const field of Object.values(type.getFields())) {
      if (!fieldIsScoped(field, typeScoped)) missing.push(`${type.name}.${field.name}`);
    }
  }
  if (missing.length > 0) {
    throw new MissingScopeError(
      `these fields do not declare who may use them (authScopes on the field or its type): ${missing.join(', ')}`,
    );
  }
}
