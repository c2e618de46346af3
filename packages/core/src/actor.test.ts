import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorFromGrants, anonymousActor } from './actor.ts';

const permissions = ['core:entities:read', 'inventory:read', 'inventory:write'];
const bodies = ['b1', 'b2', 'b3', 'b4'];
const grantArb = fc.record({
  permission: fc.constantFrom(...permissions, '*'),
  entityId: fc.option(fc.constantFrom(...bodies), { nil: null }),
});

describe('actor grants', () => {
  it('anonymous can do nothing anywhere', () => {
    for (const permission of permissions) {
      expect(anonymousActor.can(permission)).toBe(false);
      expect(anonymousActor.entitiesWith(permission)).toEqual([]);
    }
  });

  it('can(permission, body) holds exactly when a grant covers that body, and entitiesWith agrees with can', () => {
    fc.assert(
      fc.property(fc.array(grantArb, { maxLength: 6 }), fc.constantFrom(...permissions), fc.constantFrom(...bodies), (grants, permission, body) => {
        const actor = actorFromGrants({ kind: 'user', id: 'u', label: 'u' }, grants);
        // holding x:write implies x:read
        const accepted = permission.endsWith(':read') ? [permission, permission.replace(/:read$/, ':write')] : [permission];
        const covering = grants.some(
          (g) => (accepted.includes(g.permission) || g.permission === '*') && (g.entityId === null || g.entityId === body),
        );
        expect(actor.can(permission, body)).toBe(covering);
        const scope = actor.entitiesWith(permission);
        expect(scope === 'all' || scope.includes(body)).toBe(covering);
        // association-wide only with an association-wide grant
        expect(actor.can(permission)).toBe(scope === 'all');
      }),
      { numRuns: 2000 },
    );
  });
});
