import { definePermissions } from '@gea/core/permissions';

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
