import { definePermissions, pluginScopes } from '@gea/core';

export const inventoryPermissions = definePermissions('inventory', {
  'inventory:read': {
    description: 'Read the ICT equipment of a body',
    roles: ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'],
  },
  'inventory:write': { description: 'Register and change ICT equipment of a body', roles: ['ICT_STAFF'] },
});

declare module '@gea/core' {
  interface GeaPermissions extends Record<keyof typeof inventoryPermissions, true> {}
}

/** The scopes this plugin's fields choose from. */
export const scopes = pluginScopes('inventory:read', 'inventory:write');

/** Changing an asset named by id, or something on it: inventory:write on its body. */
export const writeOnAssetBody = (assetId: string) =>
  scopes.writeOnBodyOf((context) => context.prisma.asset.findUnique({ where: { id: assetId }, select: { entityId: true } }));
