// The scopes this plugin's fields choose from: the server's part, kept apart from the permission
// definitions, which the web client imports too.
import { pluginScopes } from '@gea/core';

/** The scopes this plugin's fields choose from. */
export const scopes = pluginScopes('inventory:read', 'inventory:write');

/** Changing an asset named by id, or something on it: inventory:write on its body. */
export const writeOnAssetBody = (assetId: string) =>
  scopes.writeOnBodyOf((context) => context.prisma.asset.findUnique({ where: { id: assetId }, select: { entityId: true } }));
