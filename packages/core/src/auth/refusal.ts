import { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import type { Actor } from '../actor.ts';
import { GeaError } from '../errors.ts';

/**
 * The permissions a failed scope check asked for, in the order the field listed them. Only the
 * permission names: the body ids of `entityPermission` and friends never leave the server.
 */
export function permissionsOfFailure(failure: AuthFailure | undefined): string[] {
  const found = new Set<string>();
  const visit = (node: AuthFailure | undefined) => {
    if (!node) return;
    if (node.kind === AuthScopeFailureType.AnyAuthScopes || node.kind === AuthScopeFailureType.AllAuthScopes) {
      node.failures.forEach(visit);
      return;
    }
    if (node.kind !== AuthScopeFailureType.AuthScope) return;
    const parameter = node.parameter;
    if (typeof parameter === 'string' && (node.scope === 'permission' || node.scope === 'permissionOnSomeBody')) {
      found.add(parameter);
    } else if (parameter && typeof parameter === 'object' && typeof (parameter as { permission?: unknown }).permission === 'string') {
      found.add((parameter as { permission: string }).permission);
    }
  };
  visit(failure);
  return [...found];
}

/**
 * The error for an actor refused by a scope check: UNAUTHENTICATED when nobody signed in,
 * INSUFFICIENT_SCOPE for an API token, FORBIDDEN for a user. The permission that was missing is
 * named (`extensions.permission`, and `extensions.permissions` when any of several would do) so
 * that a user knows what to ask the ICT office for.
 */
export function refusalFor(actor: Pick<Actor, 'kind'>, permissions: readonly string[]): GeaError {
  if (actor.kind === 'anonymous') return new GeaError('UNAUTHENTICATED', 'Sign in to do this');
  const needed = permissions.length === 0 ? '' : permissions.length === 1 ? permissions[0]! : `one of ${permissions.join(', ')}`;
  const extensions = permissions.length === 0 ? {} : { permission: permissions[0], permissions: [...permissions] };
  if (actor.kind === 'token') {
    return new GeaError(
      'INSUFFICIENT_SCOPE',
      needed ? `This API token does not hold the scope needed for this: ${needed}` : 'This API token does not hold the scope needed for this',
      extensions,
    );
  }
  return new GeaError(
    'FORBIDDEN',
    needed ? `You are not allowed to do this: it needs the permission ${needed}` : 'You are not allowed to do this',
    extensions,
  );
}
