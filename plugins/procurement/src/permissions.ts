import { definePermissions, pluginScopes, type GeaContext } from '@gea/core';
import { associationMembers } from './bodies.ts';

// Purchases and contracts belong to the head of the ICT office (art. 7, 10.5), who holds every
// permission; the others read what concerns their bodies.
export const procurementPermissions = definePermissions('procurement', {
  'procurement:read': {
    description: 'Read the suppliers, contracts and expenses that concern a body',
    roles: ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'],
  },
  'procurement:write': { description: 'Record suppliers, contracts and expenses for a body' },
});

declare module '@gea/core' {
  interface GeaPermissions extends Record<keyof typeof procurementPermissions, true> {}
}

/** The scopes this plugin's fields choose from. */
export const scopes = pluginScopes('procurement:read', 'procurement:write');

/** An association's office records: readable by whoever reads procurement for one of its member bodies (each pays a share). */
export const readOnAssociation = async (context: GeaContext, associationId: string) =>
  scopes.readAny(await associationMembers(context).load(associationId));

/** Recording the office's suppliers, expenses and projects: procurement:write for the whole association. */
export const writeAll = { permission: scopes.write } as const;
