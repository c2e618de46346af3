// What the signed-in person may see, for menus and buttons only: the API checks every permission
// itself. Mirrors the server's rules: ICT_HEAD holds every permission, `x:write` implies `x:read`, a
// role held without a body holds for every body.
import type { PermissionTable } from './registry.ts';

export type Role = 'ICT_HEAD' | 'ICT_STAFF' | 'REFERENT' | 'WEB_EDITOR' | 'BOARD_MEMBER';

export interface RoleHeld {
  role: Role;
  /** Null: for the whole association. */
  entity: { id: string } | null;
}

/** Roles that hold each permission by default: the core's and the installed plugins' (see registry.ts). */
export type PermissionRoles = PermissionTable;

export function roleHolds(role: Role, permission: string, table: PermissionRoles): boolean {
  if (role === 'ICT_HEAD') return true;
  if (table[permission]?.includes(role)) return true;
  return permission.endsWith(':read') && !!table[`${permission.slice(0, -':read'.length)}:write`]?.includes(role);
}

export interface Access {
  /** Whether the person holds `permission` on `entityId` (or, without one, on the whole association). */
  can(permission: string, entityId?: string): boolean;
  /** Bodies on which the person holds `permission`. */
  bodiesWith(permission: string): 'all' | ReadonlySet<string>;
  has(role: Role): boolean;
}

export function accessFor(roles: readonly RoleHeld[], table: PermissionRoles): Access {
  const holding = (permission: string) => roles.filter((held) => roleHolds(held.role, permission, table));
  return {
    can(permission, entityId) {
      return holding(permission).some((held) => held.entity === null || (entityId !== undefined && held.entity.id === entityId));
    },
    bodiesWith(permission) {
      const held = holding(permission);
      if (held.some((h) => h.entity === null)) return 'all';
      return new Set(held.map((h) => h.entity!.id));
    },
    has: (role) => roles.some((held) => held.role === role),
  };
}

/** The database id inside a GEA global id (`base64("Entity:<uuid>")`), as the audit trail records it. */
export function rawId(globalId: string): string {
  try {
    const decoded = atob(globalId);
    return decoded.slice(decoded.indexOf(':') + 1);
  } catch {
    return globalId;
  }
}
