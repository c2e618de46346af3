import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorFromGrants, actorWithPermissions, anonymousActor } from './actor.ts';

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
      { numRuns: Number(process.env.GEA_PROPERTY_RUNS) || 2000 },
    );
  });
});

describe('actor details', () => {
  it('anonymous is frozen, has no id and can nothing, not even for a body', () => {
    expect(anonymousActor).toMatchObject({ kind: 'anonymous', id: null, label: 'anonymous' });
    expect(Object.isFrozen(anonymousActor)).toBe(true);
    expect(anonymousActor.can('core:entities:read', 'b1')).toBe(false);
    expect(anonymousActor.can('*')).toBe(false);
  });

  it('keeps the identity, session included, and cannot be changed afterwards', () => {
    const actor = actorFromGrants({ kind: 'user', id: 'u1', label: 'anna@example.it', sessionId: 's1' }, [{ permission: 'inventory:read', entityId: 'b1' }]);
    expect(actor).toMatchObject({ kind: 'user', id: 'u1', label: 'anna@example.it', sessionId: 's1' });
    expect(Object.isFrozen(actor)).toBe(true);
  });

  it('a write grant implies the read of the same permission only, never the other way round', () => {
    const writer = actorFromGrants({ kind: 'user', id: 'u', label: 'u' }, [{ permission: 'inventory:write', entityId: 'b1' }]);
    expect(writer.can('inventory:read', 'b1')).toBe(true);
    expect(writer.can('inventory:write', 'b1')).toBe(true);
    expect(writer.can('procurement:read', 'b1')).toBe(false);
    expect(writer.entitiesWith('inventory:read')).toEqual(['b1']);
    const reader = actorFromGrants({ kind: 'user', id: 'u', label: 'u' }, [{ permission: 'inventory:read', entityId: null }]);
    expect(reader.can('inventory:write', 'b1')).toBe(false);
    expect(reader.entitiesWith('inventory:write')).toEqual([]);
    // ":read" only at the end: "inventory:reader" is a permission of its own.
    const other = actorFromGrants({ kind: 'user', id: 'u', label: 'u' }, [{ permission: 'inventory:write', entityId: null }]);
    expect(other.can('inventory:reader')).toBe(false);
    expect(other.can('inventory:read:x')).toBe(false);
    // Only a `:read` name implies anything: a write matches its own name alone.
    const odd = actorFromGrants({ kind: 'user', id: 'u', label: 'u' }, [{ permission: 'inventory::write', entityId: null }]);
    expect(odd.can('inventory:write')).toBe(false);
    expect(odd.entitiesWith('inventory:write')).toEqual([]);
  });

  it('a body grant does not answer an association-wide question', () => {
    const actor = actorFromGrants({ kind: 'user', id: 'u', label: 'u' }, [{ permission: '*', entityId: 'b1' }]);
    expect(actor.can('inventory:read')).toBe(false);
    expect(actor.can('inventory:read', 'b1')).toBe(true);
    expect(actor.entitiesWith('anything:write')).toEqual(['b1']);
  });

  it('lists each body once, in the order of the grants', () => {
    const actor = actorFromGrants({ kind: 'token', id: 't', label: 't' }, [
      { permission: 'inventory:read', entityId: 'b2' },
      { permission: 'inventory:write', entityId: 'b1' },
      { permission: 'inventory:read', entityId: 'b2' },
      { permission: '*', entityId: 'b1' },
    ]);
    expect(actor.entitiesWith('inventory:read')).toEqual(['b2', 'b1']);
  });

  it('actorWithPermissions holds its permissions on every body, as the system unless told otherwise', () => {
    const system = actorWithPermissions('import job', new Set(['inventory:write']));
    expect(system).toMatchObject({ kind: 'system', id: null, label: 'import job' });
    expect(system.can('inventory:write')).toBe(true);
    expect(system.can('inventory:read', 'any-body')).toBe(true);
    expect(system.entitiesWith('inventory:read')).toBe('all');
    expect(system.can('procurement:read')).toBe(false);
    expect(actorWithPermissions('script', [], 'user')).toMatchObject({ kind: 'user', id: null });
  });
});
