// The scopes this plugin's fields choose from: the server's part, kept apart from the permission
// definitions, which the web client imports too.
import { pluginScopes, type GeaContext } from '@gea/core';

/** The scopes this plugin's fields choose from. */
export const scopes = pluginScopes('cost-sharing:read', 'cost-sharing:write');

/** Readable by whoever reads the cost sharing of at least one member body of the association. */
export const readOnAssociationMembers = async (context: GeaContext, associationId: string) =>
  scopes.readAny((await context.prisma.associationMember.findMany({ where: { associationId }, select: { entityId: true } })).map((row) => row.entityId));

/** Parts of a computed result: whoever got the result may read its parts (bodies are filtered when it is built). */
export const readPartOfResult = { authenticated: true } as const;
