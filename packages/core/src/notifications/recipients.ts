import { actorFromGrants } from '../actor.ts';
import { grantsForRoles, moduleOfPermission, type RoleAssignmentLike } from '../permissions.ts';
import type { PermissionDefinition } from '../permissions.ts';
import type { NotificationKindDefinition } from './types.ts';

export interface CandidateRecipient {
  id: string;
  active: boolean;
  roles: readonly RoleAssignmentLike[];
}

export interface RecipientRules {
  permissions: ReadonlyMap<string, PermissionDefinition>;
  /** Keys of the installed plugins: their permissions count only on bodies where the module is enabled. */
  installedModules: ReadonlySet<string>;
  /** Modules enabled per body. */
  enabledModules: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The body through which `user` receives a notification of `kind` about `entityIds`: the first of
 * them on which the user holds the kind's permission (module enabled there), through the kind's
 * roles. `null` body list: association-wide, so only an association-wide grant counts. Returns
 * undefined when the user must not receive it, so a referent of one body never hears of another's.
 */
export function receivingBody(
  user: CandidateRecipient,
  kind: NotificationKindDefinition,
  entityIds: readonly string[] | null,
  rules: RecipientRules,
): { entityId: string | null } | undefined {
  if (!user.active) return undefined;
  const assignments = kind.roles ? user.roles.filter((assignment) => kind.roles!.includes(assignment.role)) : user.roles;
  if (assignments.length === 0) return undefined;
  const actor = actorFromGrants({ kind: 'user', id: user.id, label: user.id }, grantsForRoles(assignments, rules.permissions));
  if (entityIds === null) return actor.can(kind.permission) ? { entityId: null } : undefined;
  const module = moduleOfPermission(kind.permission);
  const gated = rules.installedModules.has(module);
  const entityId = entityIds.find(
    (id) => actor.can(kind.permission, id) && (!gated || rules.enabledModules.get(id)?.has(module) === true),
  );
  return entityId === undefined ? undefined : { entityId };
}

/** Whether `user` could receive `kind` about some body at all: the kinds their preferences list. */
export function mayEverReceive(user: CandidateRecipient, kind: NotificationKindDefinition, permissions: ReadonlyMap<string, PermissionDefinition>): boolean {
  if (!user.active) return false;
  const assignments = kind.roles ? user.roles.filter((assignment) => kind.roles!.includes(assignment.role)) : user.roles;
  const actor = actorFromGrants({ kind: 'user', id: user.id, label: user.id }, grantsForRoles(assignments, permissions));
  const scope = actor.entitiesWith(kind.permission);
  return scope === 'all' || scope.length > 0;
}
