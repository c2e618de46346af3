import { describe, expect, it } from 'vitest';
import { centsToInput, formatDate, formatEuroCents, formatNumber, parseEuroToCents } from './format.ts';
import { setLocaleForTests } from './i18n/index.ts';

describe('formats follow the language', () => {
  it('Italian: euro cents, numbers and days', () => {
    setLocaleForTests('it');
    expect(formatEuroCents(123456)).toBe('1.234,56\u00a0€');
    expect(formatEuroCents(12345678)).toBe('123.456,78\u00a0€');
    expect(formatEuroCents(5)).toBe('0,05\u00a0€');
    // framework contracts and national totals beyond 32-bit cents, up to 2^53 - 1, to the cent
    expect(formatEuroCents(5_000_000_000)).toBe('50.000.000,00\u00a0€');
    expect(formatEuroCents(9_007_199_254_740_991)).toBe('90.071.992.547.409,91\u00a0€');
    expect(formatEuroCents(-9_007_199_254_740_991)).toBe('-90.071.992.547.409,91\u00a0€');
    expect(formatEuroCents(-5)).toBe('-0,05\u00a0€');
    expect(formatNumber(193568)).toBe('193.568');
    expect(formatDate('2026-12-31')).toBe('31/12/2026');
    expect(formatDate(null)).toBe('');
  });

  it('English: euro cents, numbers and days', () => {
    setLocaleForTests('en');
    expect(formatEuroCents(123456)).toBe('€1,234.56');
    expect(formatEuroCents(9_007_199_254_740_991)).toBe('€90,071,992,547,409.91');
    expect(formatNumber(193568)).toBe('193,568');
    expect(formatDate('2026-01-02')).toBe('02/01/2026');
  });
});

describe('typed euro amounts become integer cents without floating point', () => {
  it.each([
    ['1.234,56', 'it', 123456],
    ['1234,5', 'it', 123450],
    ['1234', 'it', 123400],
    ['1.234', 'it', 123400],
    ['12,34 €', 'it', 1234],
    ['0,1', 'it', 10],
    ['1234.56', 'it', 123456],
    ['1,234.56', 'en', 123456],
    ['1,234', 'en', 123400],
    ['1234.5', 'en', 123450],
    ['  ', 'it', null],
    ['0,29', 'it', 29],
    ['4,35', 'it', 435],
  ] as const)('%s (%s) -> %s', (text, locale, cents) => {
    expect(parseEuroToCents(text, locale)).toBe(cents);
  });

  it.each([['1,23', 'en'], ['12,345', 'it'], ['abc', 'it'], ['1.2.3', 'it'], ['1,2,3', 'en']] as const)('%s (%s) is not an amount', (text, locale) => {
    expect(parseEuroToCents(text, locale)).toBeUndefined();
  });

  it('round-trips what the form shows', () => {
    for (const cents of [0, 5, 99, 100, 123456, 999999999, -1205, 5_000_000_000, 9_007_199_254_740_991]) {
      expect(parseEuroToCents(centsToInput(cents, 'it'), 'it')).toBe(cents);
      expect(parseEuroToCents(centsToInput(cents, 'en'), 'en')).toBe(cents);
    }
  });
});
