import fc from 'fast-check';
import { GraphQLError, parseValue } from 'graphql';
import { describe, expect, it } from 'vitest';
import { centsOf, MAX_CENTS, parseCents, parseCentsLiteral } from './cents.ts';

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions;
  }
  throw new Error('not refused');
};

describe('Cents', () => {
  it('takes integers and strings of digits up to 2^53 - 1 either way, as the same number', () => {
    expect(parseCents(5_000_000_000)).toBe(5_000_000_000); // €50,000,000.00
    expect(parseCents('5000000000')).toBe(5_000_000_000);
    expect(parseCents(MAX_CENTS)).toBe(MAX_CENTS);
    expect(parseCents('9007199254740991')).toBe(MAX_CENTS);
    expect(parseCents('-9007199254740991')).toBe(-MAX_CENTS);
    expect(parseCents(-125)).toBe(-125);
    expect(parseCentsLiteral(parseValue('9007199254740991'))).toBe(MAX_CENTS);
    expect(parseCentsLiteral(parseValue('"2147483648"'))).toBe(2_147_483_648);
    expect(centsOf(9_007_199_254_740_991n)).toBe(MAX_CENTS);
    expect(centsOf(-3n)).toBe(-3);
  });

  it('refuses amounts beyond the exact range and fractions, with their reason', () => {
    expect(reasonOf(() => parseCents(MAX_CENTS + 1))).toEqual({ code: 'BAD_USER_INPUT', reason: 'CENTS_OUT_OF_RANGE' });
    expect(reasonOf(() => parseCents('9007199254740992'))).toEqual({ code: 'BAD_USER_INPUT', reason: 'CENTS_OUT_OF_RANGE' });
    expect(reasonOf(() => parseCents('-9007199254740992'))).toEqual({ code: 'BAD_USER_INPUT', reason: 'CENTS_OUT_OF_RANGE' });
    expect(reasonOf(() => parseCents(1e300))).toMatchObject({ reason: 'CENTS_OUT_OF_RANGE' });
    expect(reasonOf(() => parseCents(Number.POSITIVE_INFINITY))).toMatchObject({ reason: 'CENTS_OUT_OF_RANGE' });
    expect(reasonOf(() => parseCentsLiteral(parseValue('9007199254740992')))).toMatchObject({ reason: 'CENTS_OUT_OF_RANGE' });
    for (const fraction of [1.5, '1.50', '12,50', '1e3', '', ' - 1', '0x10']) {
      expect(reasonOf(() => parseCents(fraction)), String(fraction)).toEqual({ code: 'BAD_USER_INPUT', reason: 'CENTS_NOT_AN_INTEGER' });
    }
    expect(reasonOf(() => parseCentsLiteral(parseValue('10.5')))).toMatchObject({ reason: 'CENTS_NOT_AN_INTEGER' });
    expect(reasonOf(() => parseCents(null))).toMatchObject({ reason: 'CENTS_NOT_AN_INTEGER' });
    expect(() => centsOf(9_007_199_254_740_992n)).toThrow(RangeError);
    expect(() => centsOf(0.5)).toThrow(RangeError);
  });

  it('every safe integer round-trips as a number and as its digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_CENTS, max: MAX_CENTS }), (n) => {
        expect(parseCents(n)).toBe(n);
        expect(parseCents(String(n))).toBe(n);
        expect(centsOf(BigInt(n))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: BigInt(MAX_CENTS) + 1n, max: 10n ** 30n }), fc.boolean(), (n, negative) => {
        const text = (negative ? -n : n).toString();
        expect(reasonOf(() => parseCents(text))).toMatchObject({ reason: 'CENTS_OUT_OF_RANGE' });
      }),
    );
  });
});
