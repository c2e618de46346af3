import type { Role } from '@gea/db';
import type { Grant } from './actor.ts';

/** A permission the core or a plugin declares, and the roles that hold it by default. */
export interface PermissionDefinition {
  description: string;
  /**
   * Roles that get this permission, for the bodies their assignment covers. ICT_HEAD holds every
   * permission and need not be listed.
   */
  roles?: readonly Role[];
  /** Administration a machine client must never hold: only people may grant access. */
  notForTokens?: boolean;
}

export const roles = ['ICT_HEAD', 'ICT_STAFF', 'REFERENT', 'WEB_EDITOR', 'BOARD_MEMBER'] as const satisfies readonly Role[];

/** Roles that only make sense for one body: a referent or web editor acts for their own body. */
export const bodyScopedRoles: readonly Role[] = ['REFERENT', 'WEB_EDITOR'];

export const corePermissions = {
  'core:entities:read': {
    description: 'Read public bodies, their sites, population history, referent and modules',
    roles: ['ICT_STAFF', 'REFERENT', 'WEB_EDITOR', 'BOARD_MEMBER'],
  },
  'core:entities:write': { description: 'Change public bodies and their sites, record population', roles: ['ICT_STAFF'] },
  'core:associations:read': {
    description: 'Read associations, their members and steering committee',
    roles: ['ICT_STAFF', 'REFERENT', 'WEB_EDITOR', 'BOARD_MEMBER'],
  },
  'core:associations:write': { description: 'Change associations, memberships and committees', notForTokens: true },
  'core:users:read': { description: 'Read users and their roles', roles: ['ICT_STAFF'] },
  'core:users:write': { description: 'Create users, grant and revoke roles, end sessions', notForTokens: true },
  'core:tokens:write': { description: 'Create and revoke API tokens for machine clients', notForTokens: true },
  'core:audit:read': { description: 'Read the audit trail' },
  'core:modules:write': { description: 'Enable or disable modules for a body', notForTokens: true },
} as const satisfies Record<string, PermissionDefinition>;

export interface RoleAssignmentLike {
  role: Role;
  entityId: string | null;
}

/** The grants a user's role assignments give, under the permissions the installed plugins declare. */
export function grantsForRoles(
  assignments: readonly RoleAssignmentLike[],
  permissions: ReadonlyMap<string, PermissionDefinition>,
): Grant[] {
  const grants: Grant[] = [];
  for (const assignment of assignments) {
    if (assignment.role === 'ICT_HEAD') {
      grants.push({ permission: '*', entityId: assignment.entityId });
      continue;
    }
    for (const [permission, definition] of permissions) {
      if (definition.roles?.includes(assignment.role)) grants.push({ permission, entityId: assignment.entityId });
    }
  }
  return grants;
}

/** The module a permission belongs to: `inventory:read` -> `inventory`; core permissions -> `core`. */
export function moduleOfPermission(permission: string): string {
  return permission.slice(0, permission.indexOf(':'));
}
