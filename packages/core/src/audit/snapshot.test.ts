import { describe, expect, it } from 'vitest';
import { coreAuditRedaction, snapshot } from './plugin.ts';

const redaction = { secretFields: new Set<string>(coreAuditRedaction.secretFields), contentFields: new Set<string>(coreAuditRedaction.contentFields) };

describe('what the audit keeps of a record', () => {
  it('keeps plain fields and lists of plain values, drops related records, hides secrets', () => {
    const kept = snapshot(
      {
        id: 'm1',
        userIds: ['u1', 'u2'],
        since: new Date('2026-01-02T03:04:05.000Z'),
        users: [{ id: 'u1', email: 'a@b.it' }],
        entity: { id: 'e1', name: 'Comune' },
        tokenHash: 'abc',
        mixed: ['x', { id: 'y' }],
      },
      redaction,
    );
    expect(kept).toEqual({ id: 'm1', userIds: ['u1', 'u2'], since: '2026-01-02T03:04:05.000Z', tokenHash: '(hidden)' });
  });

  it('an emptied list stays visible as an empty list', () => {
    expect(snapshot({ userIds: [] }, redaction)).toEqual({ userIds: [] });
  });
});
