import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cigFor, isValidCig, isValidCup, isValidVatNumber } from './codes.ts';

describe('procurement identifiers', () => {
  it('accepts real CIGs and smart CIGs, refuses altered ones', () => {
    expect(isValidCig('95156957EC')).toBe(true); // published by ANAC (Provincia di Crotone, 2022)
    expect(isValidCig('95156957ED')).toBe(false);
    expect(isValidCig('0000000000')).toBe(false);
    expect(isValidCig('95156957ec')).toBe(false);
    expect(isValidCig('95156957E')).toBe(false);
    const smart = (h: number) => `Z${((h * 211) % 251).toString(16).toUpperCase().padStart(2, '0')}${h.toString(16).toUpperCase().padStart(7, '0')}`;
    expect(isValidCig(smart(0x2a1b3c4))).toBe(true);
    expect(isValidCig(smart(0x2a1b3c4).replace(/^Z/, 'W'))).toBe(false);
  });

  it('every generated CIG is valid, and changing any one character of it breaks the check', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 15 }), (n, position, shift) => {
        const cig = cigFor(n);
        expect(isValidCig(cig)).toBe(true);
        const alphabet = position < 7 ? '0123456789' : '0123456789ABCDEF';
        const index = alphabet.indexOf(cig[position]!);
        const replacement = alphabet[(index + (shift % (alphabet.length - 1)) + 1) % alphabet.length]!;
        const altered = cig.slice(0, position) + replacement + cig.slice(position + 1);
        // A changed digit of N moves (N*211) mod 4091 unless the change is a multiple of 4091.
        if (altered !== cig) expect(isValidCig(altered)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('checks CUP shape and the partita IVA check digit', () => {
    expect(isValidCup('J51B21000010006')).toBe(true);
    expect(isValidCup('J51B2100001000')).toBe(false);
    expect(isValidVatNumber('01114601006')).toBe(true); // Poste Italiane
    expect(isValidVatNumber('00488410010')).toBe(true); // TIM
    expect(isValidVatNumber('00488410011')).toBe(false);
    expect(isValidVatNumber('0048841001')).toBe(false);
  });
});
