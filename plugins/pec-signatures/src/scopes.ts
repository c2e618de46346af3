// The scopes this plugin's fields choose from: the server's part, kept apart from the permission
// definitions, which the web client imports too.
import { pluginScopes } from '@gea/core';

/** The scopes this plugin's fields choose from. */
export const scopes = pluginScopes('pec-signatures:read', 'pec-signatures:write');
