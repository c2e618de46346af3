import { describe, expect, it } from 'vitest';
import { recipientChanges, recipientStateChanges } from './receipt-recipients.ts';

describe('recipientChanges', () => {
  const stored = [
    { id: 'r1', address: 'a@pec.it', kind: null },
    { id: 'r2', address: 'b@pec.it', kind: 'CERTIFIED' as const },
  ];

  it('adds addresses the registration lacked and retypes known ones the receipt tells differently', () => {
    expect(
      recipientChanges(stored, [
        { address: 'a@pec.it', kind: 'CERTIFIED' },
        { address: 'b@pec.it', kind: 'CERTIFIED' },
        { address: 'c@mail.it', kind: 'EXTERNAL' },
      ]),
    ).toEqual({ additions: [{ address: 'c@mail.it', kind: 'EXTERNAL' }], retypes: [{ id: 'r1', kind: 'CERTIFIED' }] });
  });

  it('changes nothing when the receipt agrees', () => {
    expect(recipientChanges(stored, [{ address: 'b@pec.it', kind: 'CERTIFIED' }])).toEqual({ additions: [], retypes: [] });
  });

  it('keeps the last differing kind of an address listed twice', () => {
    expect(
      recipientChanges(stored, [
        { address: 'b@pec.it', kind: 'EXTERNAL' },
        { address: 'b@pec.it', kind: 'CERTIFIED' },
        { address: 'd@pec.it', kind: 'CERTIFIED' },
        { address: 'd@pec.it', kind: 'EXTERNAL' },
      ]),
    ).toEqual({ additions: [{ address: 'd@pec.it', kind: 'EXTERNAL' }], retypes: [{ id: 'r2', kind: 'EXTERNAL' }] });
  });
});

describe('recipientStateChanges', () => {
  const delivered = new Date('2026-03-02T10:00:00Z');
  const outcomes = new Map([
    ['a@pec.it', { state: 'DELIVERED' as const, deliveredAt: delivered, error: null }],
    ['b@pec.it', { state: 'PENDING' as const, deliveredAt: null, error: null }],
  ]);

  it('lists only the recipients whose state, error or delivery time changed', () => {
    expect(
      recipientStateChanges(
        [
          { id: 'r1', address: 'a@pec.it', state: 'PENDING', deliveredAt: null, error: null },
          { id: 'r2', address: 'b@pec.it', state: 'PENDING', deliveredAt: null, error: null },
        ],
        outcomes,
      ),
    ).toEqual([{ id: 'r1', next: outcomes.get('a@pec.it') }]);
    expect(
      recipientStateChanges([{ id: 'r1', address: 'a@pec.it', state: 'DELIVERED', deliveredAt: new Date(delivered), error: null }], outcomes),
    ).toEqual([]);
  });
});
