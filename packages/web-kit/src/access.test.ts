import { describe, expect, it } from 'vitest';
import { accessFor, rawId, roleHolds } from './access.ts';
import { fieldIssues } from './issues.ts';

const table = {
  'core:entities:read': ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'],
  'core:users:read': ['ICT_STAFF'],
  'core:modules:write': [],
  'inventory:read': ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'],
  'inventory:write': ['ICT_STAFF'],
  'procurement:write': [],
};

describe('what the menus offer mirrors the server rules', () => {
  it('the head holds every permission; write implies read', () => {
    expect(roleHolds('ICT_HEAD', 'core:modules:write', table)).toBe(true);
    expect(roleHolds('ICT_HEAD', 'anything:else', table)).toBe(true);
    expect(roleHolds('ICT_STAFF', 'core:modules:write', table)).toBe(false);
    expect(roleHolds('ICT_STAFF', 'inventory:read', table)).toBe(true);
    expect(roleHolds('WEB_EDITOR', 'inventory:read', table)).toBe(false);
  });

  it('a referent holds their permissions on their own body only', () => {
    const access = accessFor([{ role: 'REFERENT', entity: { id: 'E1' } }], table);
    expect(access.can('inventory:read', 'E1')).toBe(true);
    expect(access.can('inventory:read', 'E2')).toBe(false);
    expect(access.can('inventory:read')).toBe(false);
    expect(access.can('inventory:write', 'E1')).toBe(false);
    expect(access.bodiesWith('inventory:read')).toEqual(new Set(['E1']));
    expect(access.has('REFERENT')).toBe(true);
  });

  it('a role without a body holds for every body', () => {
    const access = accessFor([{ role: 'BOARD_MEMBER', entity: null }], table);
    expect(access.can('core:entities:read', 'E9')).toBe(true);
    expect(access.bodiesWith('core:entities:read')).toBe('all');
    expect(access.can('core:users:read')).toBe(false);
  });

  it('global ids carry the database id the audit trail records', () => {
    expect(rawId(btoa('Entity:0190a1b2-0000-7000-8000-000000000001'))).toBe('0190a1b2-0000-7000-8000-000000000001');
  });
});

describe('InputError issues go next to their fields', () => {
  it('strips the input prefix; issues of no shown field go under the empty key', () => {
    const issues = [
      { path: ['input', 'warrantyEnd'], message: 'cannot end before the purchase date' },
      { path: ['input', 'manufacturer'], message: 'too long' },
      { path: ['input', 'manufacturer'], message: 'bad' },
      { path: ['id'], message: 'not an asset' },
      { path: [], message: 'whole form' },
    ];
    expect(fieldIssues(issues, ['warrantyEnd', 'manufacturer'])).toEqual({
      warrantyEnd: 'cannot end before the purchase date',
      manufacturer: 'too long; bad',
      '': 'not an asset; whole form',
    });
  });
});
