// The scopes this plugin's fields choose from: the server's part, kept apart from the permission
// definitions, which the web client imports too.
import { pluginScopes, type GeaContext } from '@gea/core';
import { associationMembers } from './bodies.ts';

/** The scopes this plugin's fields choose from. */
export const scopes = pluginScopes('procurement:read', 'procurement:write');

/** An association's office records: readable by whoever reads procurement for one of its member bodies (each pays a share). */
export const readOnAssociation = async (context: GeaContext, associationId: string) =>
  scopes.readAny(await associationMembers(context).load(associationId));

/** Recording the office's suppliers, expenses and projects: procurement:write for the whole association. */
export const writeAll = { permission: scopes.write } as const;
