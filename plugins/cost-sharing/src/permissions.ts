import { definePermissions } from '@gea/core/permissions';

// The head of the office (who holds every permission) sets the rule and issues the documents;
// the board reads every body's share, a referent their own body's.
export const costSharingPermissions = definePermissions('cost-sharing', {
  'cost-sharing:read': {
    description: 'Read the cost allocation and the annual documents of a body',
    roles: ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'],
  },
  'cost-sharing:write': { description: 'Set weights and correctives, issue the annual documents' },
});

declare module '@gea/core' {
  interface GeaPermissions extends Record<keyof typeof costSharingPermissions, true> {}
}
