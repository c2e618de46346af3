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
  'core:audit:read': { description: 'Read the audit trail (a referent: the events concerning their body)', roles: ['REFERENT'] },
  'core:modules:write': { description: 'Enable or disable modules for a body', notForTokens: true },
} as const satisfies Record<string, PermissionDefinition>;

/**
 * Every permission name the core and the installed plugins declare. A plugin adds its own by
 * declaration merging (`definePermissions` shows how), so a misspelt name fails the type-check
 * instead of refusing everyone at run time.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface GeaPermissions extends Record<keyof typeof corePermissions, true> {}
export type PermissionName = keyof GeaPermissions & string;

/**
 * A plugin's permissions: every name starts with `<key>:`. Then make them known to the type-checker:
 *
 *     export const inventoryPermissions = definePermissions('inventory', { 'inventory:read': {...} });
 *     declare module '@gea/core' {
 *       interface GeaPermissions extends Record<keyof typeof inventoryPermissions, true> {}
 *     }
 */
export function definePermissions<const Key extends string, const P extends Record<`${Key}:${string}`, PermissionDefinition>>(
  key: Key,
  permissions: P,
): P {
  for (const name of Object.keys(permissions)) {
    if (!name.startsWith(`${key}:`)) throw new Error(`permission "${name}" of plugin "${key}" must start with "${key}:"`);
  }
  return permissions;
}

/** Core and plugin permissions by name, for a set of installed plugins. */
export function mergePermissions(plugins: readonly { permissions?: Readonly<Record<string, PermissionDefinition>> }[]) {
  const permissions = new Map<string, PermissionDefinition>(Object.entries(corePermissions));
  for (const plugin of plugins) {
    for (const [name, definition] of Object.entries(plugin.permissions ?? {})) permissions.set(name, definition);
  }
  return permissions as ReadonlyMap<string, PermissionDefinition>;
}

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
