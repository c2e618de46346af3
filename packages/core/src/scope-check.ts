import { isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

export class MissingScopeError extends Error {
  override name = 'MissingScopeError';
}

function declaresScope(extensions: Readonly<Record<string, unknown>> | null | undefined): boolean {
  const options = (extensions?.pothosOptions ?? {}) as { authScopes?: unknown; skipTypeScopes?: unknown };
  return options.authScopes !== undefined;
}

/** Connection plumbing and error results carry no data of their own: their fields are guarded by what holds them. */
function isStructural(type: GraphQLObjectType): boolean {
  return (
    type.name === 'PageInfo' ||
    type.name.endsWith('Connection') ||
    type.name.endsWith('Edge') ||
    type.getInterfaces().some((iface) => iface.name === 'Error') ||
    type.name.endsWith('Success') ||
    type.name.startsWith('__')
  );
}

/**
 * Every field must say who may use it: root fields always declare `authScopes`; fields of other
 * object types declare it themselves or inherit it from their type's `authScopes`. Run at start,
 * so a plugin that forgets fails the server instead of leaking data.
 */
export function assertEveryFieldDeclaresScope(schema: GraphQLSchema): void {
  const missing: string[] = [];
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isStructural(type)) continue;
    const typeScoped = !roots.has(type) && declaresScope(type.extensions);
    for (const field of Object.values(type.getFields())) {
      if (!typeScoped && !declaresScope(field.extensions)) missing.push(`${type.name}.${field.name}`);
    }
  }
  if (missing.length > 0) {
    throw new MissingScopeError(
      `these fields do not declare who may use them (authScopes on the field or its type): ${missing.join(', ')}`,
    );
  }
}
