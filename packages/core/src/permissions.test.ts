import { describe, expect, it } from 'vitest';
import { actorFromGrants } from './actor.ts';
import { tokenScopesNow } from './auth/authenticate.ts';
import { bodyScopedRoles, corePermissions, definePermissions, grantsForRoles, mergePermissions, moduleOfPermission, roles } from './permissions.ts';

const core = mergePermissions([]);
const corePermissionNames = Object.keys(corePermissions);

/** What a role assignment lets its holder do with the core's permissions, as the schema asks it. */
const holds = (role: (typeof roles)[number], entityId: string | null) =>
  actorFromGrants({ kind: 'user', id: 'u', label: 'u' }, grantsForRoles([{ role, entityId }], core));

describe('the core permissions each role holds', () => {
  // The access policy of the core, written out: a change to it must change this table.
  const table: Record<(typeof roles)[number], string[]> = {
    ICT_HEAD: corePermissionNames,
    ICT_STAFF: ['core:entities:read', 'core:entities:write', 'core:associations:read', 'core:users:read'],
    REFERENT: ['core:entities:read', 'core:associations:read', 'core:audit:read'],
    WEB_EDITOR: ['core:entities:read', 'core:associations:read'],
    BOARD_MEMBER: ['core:entities:read', 'core:associations:read'],
  };

  it.each(roles)('%s holds exactly its permissions, association-wide when assigned so', (role) => {
    const actor = holds(role, null);
    expect(corePermissionNames.filter((permission) => actor.can(permission))).toEqual(table[role]);
  });

  it.each(roles)('%s assigned for one body holds them for that body only', (role) => {
    const actor = holds(role, 'b1');
    expect(corePermissionNames.filter((permission) => actor.can(permission, 'b1'))).toEqual(table[role]);
    expect(corePermissionNames.filter((permission) => actor.can(permission, 'b2') || actor.can(permission))).toEqual([]);
  });

  it('the ICT office head gets one grant of every permission, for the scope of the assignment', () => {
    expect(grantsForRoles([{ role: 'ICT_HEAD', entityId: null }], core)).toEqual([{ permission: '*', entityId: null }]);
    expect(grantsForRoles([{ role: 'ICT_HEAD', entityId: 'b1' }, { role: 'BOARD_MEMBER', entityId: 'b2' }], core)).toEqual([
      { permission: '*', entityId: 'b1' },
      { permission: 'core:entities:read', entityId: 'b2' },
      { permission: 'core:associations:read', entityId: 'b2' },
    ]);
    expect(grantsForRoles([], core)).toEqual([]);
  });

  it('only the ICT office head reads the audit trail of every body', () => {
    for (const role of roles) expect(holds(role, role === 'REFERENT' ? 'b1' : null).can('core:audit:read')).toBe(role === 'ICT_HEAD');
    expect(holds('REFERENT', 'b1').entitiesWith('core:audit:read')).toEqual(['b1']);
  });

  it('only the ICT office head administers users, tokens, associations and modules', () => {
    const administration = ['core:users:write', 'core:tokens:write', 'core:associations:write', 'core:modules:write'];
    for (const role of roles) {
      const actor = holds(role, null);
      expect(administration.filter((permission) => actor.can(permission))).toEqual(role === 'ICT_HEAD' ? administration : []);
    }
  });

  it('referents and web editors act for one body; the other roles may act for the whole association', () => {
    expect([...bodyScopedRoles].sort()).toEqual(['REFERENT', 'WEB_EDITOR']);
    expect(roles).toEqual(['ICT_HEAD', 'ICT_STAFF', 'REFERENT', 'WEB_EDITOR', 'BOARD_MEMBER']);
  });
});

describe('administrative permissions are never held by a machine client', () => {
  const administrative = ['core:associations:write', 'core:users:write', 'core:tokens:write', 'core:modules:write'];

  it('exactly the administrative core permissions are marked notForTokens', () => {
    expect(corePermissionNames.filter((name) => (corePermissions as Record<string, { notForTokens?: boolean }>)[name]!.notForTokens)).toEqual(administrative);
  });

  it('a token made by the ICT office head keeps every scope but the administrative ones', () => {
    const head = [{ role: 'ICT_HEAD' as const, entityId: null }];
    expect(tokenScopesNow(corePermissionNames, null, head, core)).toEqual(corePermissionNames.filter((name) => !administrative.includes(name)));
    for (const scope of administrative) expect(tokenScopesNow([scope], null, head, core)).toEqual([]);
  });

  it('a plugin permission marked notForTokens is refused to tokens too; an unknown scope is dropped', () => {
    const permissions = mergePermissions([
      { permissions: { 'kit:admin': { description: 'admin', roles: ['ICT_STAFF'], notForTokens: true }, 'kit:read': { description: 'read', roles: ['ICT_STAFF'] } } },
    ]);
    expect(tokenScopesNow(['kit:admin', 'kit:read', 'kit:unknown'], null, [{ role: 'ICT_STAFF', entityId: null }], permissions)).toEqual(['kit:read']);
  });
});

describe('definePermissions and mergePermissions', () => {
  it('accepts names under the plugin key and refuses any other, naming it', () => {
    const permissions = { 'inventory:read': { description: 'r' }, 'inventory:write': { description: 'w' } };
    expect(definePermissions('inventory', permissions)).toBe(permissions);
    expect(() => definePermissions('inventory', { 'inventory:read': { description: 'r' }, 'inventoryx:write': { description: 'w' } } as never)).toThrow(
      'permission "inventoryx:write" of plugin "inventory" must start with "inventory:"',
    );
    expect(() => definePermissions('inv', { 'core:users:write': { description: 'x' } } as never)).toThrow('permission "core:users:write" of plugin "inv" must start with "inv:"');
  });

  it('merges the core permissions with every plugin\'s, plugins without permissions included', () => {
    const read = { description: 'read', roles: ['REFERENT'] as const };
    const merged = mergePermissions([{}, { permissions: { 'inventory:read': read } }, { permissions: { 'pec:read': { description: 'pec' } } }]);
    expect([...merged.keys()]).toEqual([...corePermissionNames, 'inventory:read', 'pec:read']);
    expect(merged.get('inventory:read')).toBe(read);
    expect(merged.get('core:modules:write')).toBe(corePermissions['core:modules:write']);
  });

  it('names the module of a permission by its first segment', () => {
    expect(moduleOfPermission('inventory:assets:read')).toBe('inventory');
    expect(moduleOfPermission('core:entities:read')).toBe('core');
    expect(moduleOfPermission('cost-sharing:read')).toBe('cost-sharing');
  });
});
