import { describe, expect, it } from 'vitest';
import type { PermissionDefinition } from '../permissions.ts';
import { receivingBody, mayEverReceive, type CandidateRecipient } from './recipients.ts';
import { alertThreshold, formatDay, inDays } from './thresholds.ts';
import type { NotificationKindDefinition } from './types.ts';

const permissions = new Map<string, PermissionDefinition>([
  ['inventory:read', { description: '', roles: ['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER'] }],
  ['inventory:write', { description: '', roles: ['ICT_STAFF'] }],
]);
const kind: NotificationKindDefinition = {
  description: 'warranty ending',
  label: { it: 'Garanzie', en: 'Warranties' },
  permission: 'inventory:read',
  roles: ['ICT_HEAD', 'ICT_STAFF', 'REFERENT'],
};
const A = 'entity-a';
const B = 'entity-b';
const rules = {
  permissions,
  installedModules: new Set(['inventory']),
  enabledModules: new Map([
    [A, new Set(['inventory'])],
    [B, new Set(['inventory'])],
  ]),
};
const user = (id: string, roles: CandidateRecipient['roles'], active = true): CandidateRecipient => ({ id, active, roles });

describe('who receives a notification', () => {
  const head = user('head', [{ role: 'ICT_HEAD', entityId: null }]);
  const staff = user('staff', [{ role: 'ICT_STAFF', entityId: null }]);
  const referentA = user('ref-a', [{ role: 'REFERENT', entityId: A }]);
  const referentB = user('ref-b', [{ role: 'REFERENT', entityId: B }]);
  const board = user('board', [{ role: 'BOARD_MEMBER', entityId: null }]);

  it('the body\'s referent and the association-wide ICT office; never another body\'s referent', () => {
    expect(receivingBody(referentA, kind, [A], rules)).toEqual({ entityId: A });
    expect(receivingBody(referentB, kind, [A], rules)).toBeUndefined();
    expect(receivingBody(head, kind, [A], rules)).toEqual({ entityId: A });
    expect(receivingBody(staff, kind, [A], rules)).toEqual({ entityId: A });
  });

  it('only through the kind\'s roles: the board holds inventory:read but is not among them', () => {
    expect(receivingBody(board, kind, [A], rules)).toBeUndefined();
    expect(receivingBody(board, { ...kind, roles: undefined }, [A], rules)).toEqual({ entityId: A });
  });

  it('a disabled account receives nothing', () => {
    expect(receivingBody(user('gone', [{ role: 'ICT_HEAD', entityId: null }], false), kind, [A], rules)).toBeUndefined();
  });

  it('nothing about a body where the module is disabled, not even for the ICT office', () => {
    const off = { ...rules, enabledModules: new Map([[A, new Set<string>()]]) };
    expect(receivingBody(referentA, kind, [A], off)).toBeUndefined();
    expect(receivingBody(head, kind, [A], off)).toBeUndefined();
  });

  it('of several bodies, through the first one the person may read; association-wide only with an association-wide grant', () => {
    expect(receivingBody(referentB, kind, [A, B], rules)).toEqual({ entityId: B });
    expect(receivingBody(staff, kind, null, rules)).toEqual({ entityId: null });
    expect(receivingBody(referentA, kind, null, rules)).toBeUndefined();
  });

  it('the kinds a person\'s preferences list are those they could ever receive', () => {
    expect(mayEverReceive(referentA, kind, permissions)).toBe(true);
    expect(mayEverReceive(board, kind, permissions)).toBe(false);
    expect(mayEverReceive(user('editor', [{ role: 'WEB_EDITOR', entityId: A }]), kind, permissions)).toBe(false);
  });
});

describe('each item notifies once per threshold', () => {
  it('falls under the smallest threshold not below the days left', () => {
    expect(alertThreshold(61, [60, 15])).toBeUndefined();
    expect(alertThreshold(60, [60, 15])).toBe(60);
    expect(alertThreshold(16, [15, 60])).toBe(60);
    expect(alertThreshold(15, [60, 15])).toBe(15);
    expect(alertThreshold(0, [60, 15])).toBe(15);
    expect(alertThreshold(-1, [60, 15])).toBeUndefined();
  });

  it('dates and delays in both languages', () => {
    expect(formatDay(new Date('2027-01-30T00:00:00Z'))).toEqual({ it: '30 gennaio 2027', en: '30 January 2027' });
    expect(inDays(0)).toEqual({ it: 'oggi', en: 'today' });
    expect(inDays(12)).toEqual({ it: 'tra 12 giorni', en: 'in 12 days' });
  });
});
