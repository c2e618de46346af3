/**
 * Who is making a request. Authentication (sessions, API tokens, OIDC) decides the actor; the
 * schema only asks it questions through scope-auth, so the rules live in one place.
 */
export interface Actor {
  readonly kind: 'anonymous' | 'user' | 'token' | 'system';
  /** User or token id; null for anonymous and the system. */
  readonly id: string | null;
  /** Shown in logs and the audit trail. */
  readonly label: string;
  /** The session a signed-in user's request came with (for logout). */
  readonly sessionId?: string;
  /** Whether the actor holds `permission` for the given body, or (no body given) for the whole association. */
  can(permission: string, entityId?: string): boolean;
  /** The bodies on which the actor holds `permission`: `'all'`, or a list (possibly empty) for WHERE clauses. */
  entitiesWith(permission: string): 'all' | readonly string[];
}

/** A permission held for one body, or for the whole association when `entityId` is null. `*` is every permission. */
export interface Grant {
  permission: string;
  entityId: string | null;
}

export const anonymousActor: Actor = Object.freeze({
  kind: 'anonymous',
  id: null,
  label: 'anonymous',
  can: () => false,
  entitiesWith: () => [],
});

export function actorFromGrants(
  identity: { kind: Exclude<Actor['kind'], 'anonymous'>; id: string | null; label: string; sessionId?: string },
  grants: readonly Grant[],
): Actor {
  // Who may change something may also read it: `x:write` implies `x:read`, so a write is never
  // committed and then refused when its result is shown.
  const implied = (permission: string) =>
    permission.endsWith(':read') ? [permission, `${permission.slice(0, -':read'.length)}:write`] : [permission];
  // Asked once per permission (of the grants as given now): scopes ask again for every object of a
  // list of thousands of bodies.
  const given = [...grants];
  const matched = new Map<string, readonly Grant[]>();
  const matching = (permission: string) => {
    let held = matched.get(permission);
    if (!held) {
      const accepted = implied(permission);
      held = given.filter((g) => g.permission === '*' || accepted.includes(g.permission));
      matched.set(permission, held);
    }
    return held;
  };
  return Object.freeze({
    ...identity,
    can(permission: string, entityId?: string) {
      return matching(permission).some((g) => g.entityId === null || (entityId !== undefined && g.entityId === entityId));
    },
    entitiesWith(permission: string) {
      const held = matching(permission);
      if (held.some((g) => g.entityId === null)) return 'all';
      return [...new Set(held.map((g) => g.entityId!))];
    },
  });
}

/** An actor holding the given permissions on every body (the system itself, scripts, tests). */
export function actorWithPermissions(label: string, permissions: Iterable<string>, kind: Exclude<Actor['kind'], 'anonymous'> = 'system'): Actor {
  return actorFromGrants({ kind, id: null, label }, [...permissions].map((permission) => ({ permission, entityId: null })));
}
