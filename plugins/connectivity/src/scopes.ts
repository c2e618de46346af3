// The scopes this plugin's fields choose from: the server's part, kept apart from the permission
// definitions, which the web client imports too.
import { pluginScopes, type Actor } from '@gea/core';

/** Circuits, terminations, redundancy and maintenance: read and written per body. */
export const scopes = pluginScopes('connectivity:read', 'connectivity:write');

/** Connectivity contracts: read like the rest, written by the head only (art. 7.4). */
export const contractScopes = pluginScopes('connectivity:read', 'connectivity:contracts:write');

/** Providers and provider networks serve every body: recorded with connectivity:write everywhere. */
export const writeAll = { permission: scopes.write } as const;

/** Whether the actor holds a permission on at least one body. */
export const readsSomewhere = (actor: Actor, permission: string): boolean => {
  const bodies = actor.entitiesWith(permission);
  return bodies === 'all' || bodies.length > 0;
};
