import { definePermissions } from '@gea/core/permissions';

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
