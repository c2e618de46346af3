import type { PermissionDefinition } from '@gea/core';

export const inventoryPermissions = {
  'inventory:read': {
    description: 'Read the ICT equipment of a body',
    roles: ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'],
  },
  'inventory:write': { description: 'Register and change ICT equipment of a body', roles: ['ICT_STAFF'] },
} as const satisfies Record<string, PermissionDefinition>;
