import { describe, expect, it } from 'vitest';
import { closingInstant, decide, isApproved, isClosed, membersOn, neededYes, startOfDayInItaly, tally, type Membership, type Vote } from './proposal-decision.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const member = (entityId: string, joinedOn: string, leftOn: string | null = null): Membership => ({
  entityId,
  joinedOn: day(joinedOn),
  leftOn: leftOn ? day(leftOn) : null,
});
const votes = (yes: string[], no: string[] = []): Vote[] => [
  ...yes.map((entityId) => ({ entityId, choice: 'YES' as const })),
  ...no.map((entityId) => ({ entityId, choice: 'NO' as const })),
];
const seven = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

describe('the half-of-the-bodies rule (art. 11.4)', () => {
  it('counts bodies, not people: 4 of 7, 1 of 2, 2 of 4 approve; 3 of 7 and 1 of 4 do not', () => {
    expect(isApproved(4, 7)).toBe(true);
    expect(isApproved(3, 7)).toBe(false);
    expect(isApproved(1, 2)).toBe(true);
    expect(isApproved(0, 2)).toBe(false);
    expect(isApproved(2, 4)).toBe(true);
    expect(isApproved(1, 4)).toBe(false);
    expect(isApproved(0, 0)).toBe(false);
    expect([7, 2, 4, 8, 1].map(neededYes)).toEqual([4, 1, 2, 4, 1]);
  });

  it('tallies only the votes of member bodies, and names the members that have not voted', () => {
    const members = new Set(seven);
    const t = tally(votes(['a', 'b', 'x'], ['c', 'y']), members);
    expect(t).toEqual({ yes: 2, no: 1, members: 7, needed: 4, missing: ['d', 'e', 'f', 'g'] });
  });

  it('decides on reaching half, or rejects when closed or when everyone voted short of it', () => {
    const members = new Set(seven);
    expect(decide(tally(votes(['a', 'b', 'c']), members), false)).toBeNull();
    expect(decide(tally(votes(['a', 'b', 'c', 'd']), members), false)).toBe('APPROVED');
    expect(decide(tally(votes(['a', 'b', 'c']), members), true)).toBe('REJECTED');
    expect(decide(tally(votes(['a', 'b', 'c'], ['d', 'e', 'f', 'g']), members), false)).toBe('REJECTED');
    // approval wins even at closing
    expect(decide(tally(votes(['a', 'b', 'c', 'd']), members), true)).toBe('APPROVED');
  });

  it('membership runs from joinedOn (included) to leftOn (excluded)', () => {
    const memberships = [member('a', '2020-01-01'), member('b', '2020-01-01', '2027-03-10'), member('c', '2027-03-10'), member('b', '2027-06-01')];
    expect([...membersOn(memberships, day('2027-03-09'))].sort()).toEqual(['a', 'b']);
    expect([...membersOn(memberships, day('2027-03-10'))].sort()).toEqual(['a', 'c']);
    expect([...membersOn(memberships, day('2027-06-01'))].sort()).toEqual(['a', 'b', 'c']);
  });

  it('a body that joins raises the threshold; one that leaves after voting yes no longer counts', () => {
    // 4 of 7 before; an eighth body joins: 4 of 8 still approves, 3 of 8 does not
    const before = [...seven.map((id) => member(id, '2020-01-01'))];
    const after = [...before, member('h', '2027-03-10')];
    expect(tally(votes(['a', 'b', 'c']), membersOn(after, day('2027-03-10'))).needed).toBe(4);
    expect(decide(tally(votes(['a', 'b', 'c']), membersOn(before, day('2027-03-09'))), false)).toBeNull();
    // 4 yes of 7, one yes voter leaves: 3 of 6 still approves; with 2 leaving, 2 of 5 does not
    const oneLeft = before.map((m) => (m.entityId === 'a' ? { ...m, leftOn: day('2027-03-10') } : m));
    expect(decide(tally(votes(['a', 'b', 'c', 'd']), membersOn(oneLeft, day('2027-03-10'))), false)).toBe('APPROVED');
    const twoLeft = oneLeft.map((m) => (m.entityId === 'b' ? { ...m, leftOn: day('2027-03-10') } : m));
    expect(tally(votes(['a', 'b', 'c', 'd']), membersOn(twoLeft, day('2027-03-10')))).toMatchObject({ yes: 2, members: 5, needed: 3 });
  });

  it('voting closes at the end of closesOn in Italian time, winter and summer', () => {
    expect(startOfDayInItaly(day('2027-01-15')).toISOString()).toBe('2027-01-14T23:00:00.000Z');
    expect(startOfDayInItaly(day('2027-07-15')).toISOString()).toBe('2027-07-14T22:00:00.000Z');
    expect(closingInstant(day('2027-03-31')).toISOString()).toBe('2027-03-31T22:00:00.000Z');
    expect(isClosed(day('2027-01-15'), new Date('2027-01-15T22:59:59.999Z'))).toBe(false);
    expect(isClosed(day('2027-01-15'), new Date('2027-01-15T23:00:00.000Z'))).toBe(true);
    expect(isClosed(null, new Date('2099-01-01'))).toBe(false);
  });
});
