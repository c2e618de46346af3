// Data only: the web client imports it too (menus), so it reaches @gea/core/permissions alone.
import { definePermissions } from '@gea/core/permissions';

// The ICT staff design and run the network (art. 3.8); every act on connectivity contracts is the
// head's (art. 7.4), who holds every permission; referents and the board read their bodies' links.
export const connectivityPermissions = definePermissions('connectivity', {
  'connectivity:read': {
    description: 'Read the sites\' links, circuits, maintenance and connectivity contracts of a body',
    roles: ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'],
  },
  'connectivity:write': {
    description: 'Record providers, circuits, terminations, redundancy and maintenance for a body',
    roles: ['ICT_STAFF'],
  },
  'connectivity:contracts:write': {
    description: 'Set the terms of connectivity contracts (framework, notice, renewal, shares) and post their costs (art. 7.4)',
  },
});

declare module '@gea/core' {
  interface GeaPermissions extends Record<keyof typeof connectivityPermissions, true> {}
}
