// The scopes this plugin's fields choose from: the server's part, kept apart from the permission
// definitions, which the web client imports too.
import { pluginScopes, type GeaContext } from '@gea/core';

/** The scopes this plugin's fields choose from. */
export const scopes = pluginScopes('cost-sharing:read', 'cost-sharing:write');

type MemberScope = ReturnType<typeof scopes.readAny>;
const memberScopes = new WeakMap<GeaContext, Map<string, Promise<MemberScope>>>();

/**
 * Readable by whoever reads the cost sharing of at least one member body of the association. The
 * same scope object for the whole request: the query's check and the result type's check are then
 * one evaluation (scope-auth caches by parameter), so thousands of members are looked at once.
 */
export const readOnAssociationMembers = (context: GeaContext, associationId: string): Promise<MemberScope> => {
  let byAssociation = memberScopes.get(context);
  if (!byAssociation) memberScopes.set(context, (byAssociation = new Map()));
  let scope = byAssociation.get(associationId);
  if (!scope) {
    scope = context.prisma
      .$queryRaw<{ entityId: string }[]>`select distinct "entityId"::text as "entityId" from "AssociationMember" where "associationId" = ${associationId}::uuid`
      .then((rows) => scopes.readAny(rows.map((row) => row.entityId)));
    byAssociation.set(associationId, scope);
  }
  return scope;
};

/** Parts of a computed result: whoever got the result may read its parts (bodies are filtered when it is built). */
export const readPartOfResult = { authenticated: true } as const;
