import { describe, expect, it } from 'vitest';
import { accountingYear, grantsIssue, money, projectParticipants } from './expense.ts';

describe('expenses', () => {
  it('takes grants up to the amount with VAT, never more', () => {
    expect(grantsIssue({ amountCents: 1000, vatCents: 220, grants: [{ amountCents: 1000 }, { amountCents: 220 }] })).toBeNull();
    expect(grantsIssue({ amountCents: 1000, grants: null })).toBeNull();
    expect(grantsIssue({ amountCents: 1000, vatCents: 220, grants: [{ amountCents: 1221 }] })).toEqual({
      path: ['input', 'grants'],
      message: 'the grants (1221 cents) exceed the expense with VAT (1220 cents)',
    });
  });

  it('counts money in whole cents and years the office keeps accounts for', () => {
    expect(money.safeParse(0).success).toBe(true);
    expect(money.safeParse(1.5).success).toBe(false);
    expect(money.safeParse(-1).success).toBe(false);
    expect(accountingYear.safeParse(1999).success).toBe(false);
    expect(accountingYear.safeParse(2100).success).toBe(true);
  });
});

describe('project participants', () => {
  it('are members of the association, each once, at least one', () => {
    expect(projectParticipants(['a', 'b', 'c'], ['a', 'b', 'a'])).toEqual(['a', 'b']);
    expect(projectParticipants(['a', 'b'], [])).toBeNull();
    expect(projectParticipants(['a', 'b'], ['a', 'z'])).toBeNull();
  });
});
