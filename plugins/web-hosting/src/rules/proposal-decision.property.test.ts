import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, isApproved, tally, type Vote } from './proposal-decision.ts';

// A proposal: n member bodies, each YES, NO or not voted, plus votes of bodies that are not members.
const proposal = fc.integer({ min: 0, max: 30 }).chain((n) =>
  fc.record({
    members: fc.constant(Array.from({ length: n }, (_, i) => `m${i}`)),
    choices: fc.array(fc.constantFrom<'YES' | 'NO' | null>('YES', 'NO', null), { minLength: n, maxLength: n }),
    outsiders: fc.array(fc.constantFrom<'YES' | 'NO'>('YES', 'NO'), { maxLength: 5 }),
    closed: fc.boolean(),
  }),
);
const votesOf = (p: { members: string[]; choices: ('YES' | 'NO' | null)[]; outsiders: ('YES' | 'NO')[] }): Vote[] => [
  ...p.members.flatMap((entityId, i) => (p.choices[i] ? [{ entityId, choice: p.choices[i]! }] : [])),
  ...p.outsiders.map((choice, i) => ({ entityId: `left${i}`, choice })),
];

describe('the decision function (property-based)', () => {
  it('approves iff 2 * yes >= members (with at least one member), whatever outsiders voted', () => {
    fc.assert(
      fc.property(proposal, (p) => {
        const t = tally(votesOf(p), new Set(p.members));
        const yes = p.choices.filter((c) => c === 'YES').length;
        expect(t.yes).toBe(yes);
        expect(t.members).toBe(p.members.length);
        expect(decide(t, p.closed) === 'APPROVED').toBe(p.members.length > 0 && 2 * yes >= p.members.length);
        expect(isApproved(t.yes, t.members)).toBe(t.yes >= t.needed && t.members > 0);
      }),
    );
  });

  it('is monotone in yes votes: turning a NO or a missing vote into YES never undoes an approval', () => {
    fc.assert(
      fc.property(proposal, fc.nat(), (p, pick) => {
        const members = new Set(p.members);
        const before = decide(tally(votesOf(p), members), p.closed);
        if (p.members.length === 0) return;
        const i = pick % p.members.length;
        const more = { ...p, choices: p.choices.map((c, j) => (j === i ? ('YES' as const) : c)) };
        const after = decide(tally(votesOf(more), members), p.closed);
        if (before === 'APPROVED') expect(after).toBe('APPROVED');
        expect(tally(votesOf(more), members).yes).toBeGreaterThanOrEqual(tally(votesOf(p), members).yes);
      }),
    );
  });

  it('stays open only while voting is open and someone has not voted', () => {
    fc.assert(
      fc.property(proposal, (p) => {
        const t = tally(votesOf(p), new Set(p.members));
        if (decide(t, p.closed) === null) {
          expect(p.closed).toBe(false);
          expect(t.missing.length).toBeGreaterThan(0);
          expect(2 * t.yes).toBeLessThan(t.members);
        }
      }),
    );
  });
});
