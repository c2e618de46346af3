import { definePermissions, pluginScopes, type GeaContext } from '@gea/core';

// The head of the office (who holds every permission) sets the rule and issues the documents;
// the board reads every body's share, a referent their own body's.
export const costSharingPermissions = definePermissions('cost-sharing', {
  'cost-sharing:read': {
    description: 'Read the cost allocation and the annual documents of a body',
    roles: ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'],
  },
  'cost-sharing:write': { description: 'Set weights and correctives, issue the annual documents' },
});

declare module '@gea/core' {
  interface GeaPermissions extends Record<keyof typeof costSharingPermissions, true> {}
}

/** The scopes this plugin's fields choose from. */
export const scopes = pluginScopes('cost-sharing:read', 'cost-sharing:write');

/** Readable by whoever reads the cost sharing of at least one member body of the association. */
export const readOnAssociationMembers = async (context: GeaContext, associationId: string) =>
  scopes.readAny((await context.prisma.associationMember.findMany({ where: { associationId }, select: { entityId: true } })).map((row) => row.entityId));

/** Parts of a computed result: whoever got the result may read its parts (bodies are filtered when it is built). */
export const readPartOfResult = { authenticated: true } as const;
