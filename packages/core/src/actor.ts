/**
 * Who is making a request. Authentication (sessions, API tokens, OIDC) decides the actor; the
 * schema only asks it questions through scope-auth, so the rules live in one place.
 */
export interface Actor {
  readonly kind: 'anonymous' | 'user' | 'token' | 'system';
  /** User or token id; null for anonymous. */
  readonly id: string | null;
  /** Shown in logs and the audit trail. */
  readonly label: string;
  /** Whether the actor holds `permission`, for the given body or (no body) for the whole association. */
  can(permission: string, entityId?: string): boolean;
  /** The bodies on which the actor holds `permission`: `'all'`, or a list (possibly empty) for WHERE clauses. */
  entitiesWith(permission: string): 'all' | readonly string[];
}

export const anonymousActor: Actor = Object.freeze({
  kind: 'anonymous',
  id: null,
  label: 'anonymous',
  can: () => false,
  entitiesWith: () => [],
});

/** An actor with a fixed set of permissions on every body (the system itself, scripts, tests). */
export function actorWithPermissions(
  label: string,
  permissions: Iterable<string>,
  kind: Actor['kind'] = 'system',
): Actor {
  const granted = new Set(permissions);
  const has = (permission: string) => granted.has(permission) || granted.has('*');
  return Object.freeze({
    kind,
    id: null,
    label,
    can: has,
    entitiesWith: (permission: string) => (has(permission) ? 'all' : []),
  });
}
