// The scopes this plugin's fields choose from: the server's part, kept apart from the permission
// definitions, which the web client imports too.
import { jsonRows, pluginScopes, type GeaContext } from '@gea/core';
import { Prisma } from '@gea/db';

/** The scopes this plugin's fields choose from. */
export const scopes = pluginScopes('cost-sharing:read', 'cost-sharing:write');

type MemberScope = ReturnType<typeof scopes.readAny> | true;
const memberScopes = new WeakMap<GeaContext, Map<string, Promise<MemberScope>>>();

/**
 * Readable by whoever reads the cost sharing of at least one member body of the association. The
 * same scope object for the whole request: the query's check and the result type's check are then
 * one evaluation (scope-auth caches by parameter). Asked of the database in one statement over the
 * membership (thousands of members: no list of their ids goes back and forth); only a refusal
 * looks at the members one by one, so that it names the missing permission or module like any other.
 */
export const readOnAssociationMembers = (context: GeaContext, associationId: string): Promise<MemberScope> => {
  let byAssociation = memberScopes.get(context);
  if (!byAssociation) memberScopes.set(context, (byAssociation = new Map()));
  let scope = byAssociation.get(associationId);
  if (!scope) {
    const bodies = context.actor.entitiesWith(scopes.read);
    const readable =
      bodies !== 'all' && bodies.length === 0
        ? Promise.resolve(false)
        : jsonRows<{ readable: boolean }>(
            context.prisma,
            Prisma.sql`select exists (
              select 1 from "AssociationMember" member
              where member."associationId" = ${associationId}::uuid and ${scopes.readableEntitiesSql(context, Prisma.sql`member."entityId"`)}
            ) as readable`,
          ).then(([row]) => row?.readable === true);
    scope = readable.then(async (yes): Promise<MemberScope> => {
      if (yes) return true;
      const rows = await jsonRows<{ entityId: string }>(
        context.prisma,
        Prisma.sql`select distinct "entityId" from "AssociationMember" where "associationId" = ${associationId}::uuid`,
      );
      return scopes.readAny(rows.map((row) => row.entityId));
    });
    byAssociation.set(associationId, scope);
  }
  return scope;
};

/** Parts of a computed result: whoever got the result may read its parts (bodies are filtered when it is built). */
export const readPartOfResult = { authenticated: true } as const;
