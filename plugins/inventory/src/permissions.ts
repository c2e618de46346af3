export const inventoryPermissions = {
  'inventory:read': { description: 'Read the ICT equipment of a body' },
  'inventory:write': { description: 'Register and change ICT equipment of a body' },
} as const;
