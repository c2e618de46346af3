import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cigFor, cigKind, isValidCig, isValidCup, isValidVatNumber, smartCigFor } from './codes.ts';

const HEX = '0123456789ABCDEF';
const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const hexChars = (length: number) => fc.string({ unit: fc.constantFrom(...HEX), minLength: length, maxLength: length });
const letterIn = (from: string, to: string) => fc.constantFrom(...UPPER.slice(UPPER.indexOf(from), UPPER.indexOf(to) + 1));

// Codes of every kind that ANAC issues, each with its generator.
const ordinary = fc.integer({ min: 1, max: 9_999_999 }).map(cigFor);
const smartChecked = fc.tuple(fc.constantFrom('X' as const, 'Y' as const, 'Z' as const), fc.integer({ min: 1, max: 0xfffffff })).map(([l, h]) => smartCigFor(l, h));
const smartUnchecked = fc.tuple(letterIn('V', 'W'), hexChars(9)).map(([l, rest]) => l + rest);
const platform = fc.tuple(letterIn('A', 'U'), hexChars(9)).map(([l, rest]) => l + rest);
const anyValid = fc.oneof(ordinary, smartChecked, smartUnchecked, platform);

/** The same code with the character at `position` replaced by another one of `alphabet`. */
const changeAt = (code: string, position: number, alphabet: string, shift: number) => {
  const others = [...alphabet].filter((c) => c !== code[position]);
  return code.slice(0, position) + others[shift % others.length] + code.slice(position + 1);
};

describe('CIG', () => {
  it('accepts real codes of each kind ANAC issues', () => {
    // ordinary, SIMOG: published by ANAC (Provincia di Crotone, 2022)
    expect(cigKind('95156957EC')).toBe('ORDINARY');
    // smart CIGs from public purchase records (INFN; a school's PON procurement, 2019)
    expect(cigKind('Z1E31EB332')).toBe('SMART');
    expect(cigKind('ZDB27337A5')).toBe('SMART');
    // CIGs issued through the certified platforms (PCP), from municipalities' and health authorities' acts of 2024-2025
    for (const cig of ['B0E1AD1F10', 'B07E0997CB', 'A03589F8C6', 'B1FCBC8A98', 'B1B36B1A1E']) expect(cigKind(cig)).toBe('PLATFORM');
    // the letters at both ends of each range
    expect(cigKind('U0123456789'.slice(0, 10))).toBe('PLATFORM');
    expect(cigKind('V1A2B3C4D5')).toBe('SMART');
    expect(cigKind('W00000000F')).toBe('SMART');
    expect(cigKind(smartCigFor('X', 0x2a1b3c4))).toBe('SMART');
    expect(cigKind(smartCigFor('Y', 0x2a1b3c4))).toBe('SMART');
    expect(isValidCig('B0E1AD1F10')).toBe(true);
  });

  it('refuses wrong check characters, zero progressives and malformed codes', () => {
    expect(isValidCig('95156957ED')).toBe(false);
    expect(isValidCig('0000000000')).toBe(false);
    expect(isValidCig('00000000000'.slice(0, 7) + '000')).toBe(false);
    // smart CIG: a wrong check, and a zero progressive whose check (0) would otherwise match
    expect(isValidCig('ZDC27337A5')).toBe(false);
    expect(isValidCig('Z1F31EB332')).toBe(false);
    expect(isValidCig('X000000000')).toBe(false);
    expect(isValidCig('Z000000000')).toBe(false);
    // shapes that no kind has
    for (const bad of ['95156957ec', 'b0e1ad1f10', '95156957E', 'B0E1AD1F1', 'B0E1AD1F1G', 'V1A2B3C4DG', '9A156957EC', '951569G7EC', 'ZDB27337A', '', ' ', 'CIG95156957']) {
      expect(isValidCig(bad), bad).toBe(false);
    }
  });

  it('generates codes with their padding', () => {
    expect(cigFor(1)).toBe('00000010D3');
    expect(cigFor(97)).toBe('000009700C');
    expect(smartCigFor('Z', 6)).toBe(`Z${((6 * 211) % 251).toString(16).toUpperCase().padStart(2, '0')}0000006`);
    expect(isValidCig(smartCigFor('Z', 6))).toBe(true);
  });

  it('accepts every generated code of every kind', () => {
    fc.assert(
      fc.property(anyValid, (cig) => {
        expect(isValidCig(cig)).toBe(true);
      }),
      { numRuns: 4000 },
    );
  });

  it('refuses any single-character change of an ordinary CIG', () => {
    // Position 0 keeps to digits: a letter A-U there gives a platform CIG, which has no check character.
    fc.assert(
      fc.property(ordinary, fc.integer({ min: 0, max: 9 }), fc.nat(), (cig, position, shift) => {
        const alphabet = position === 0 ? DIGITS : DIGITS + UPPER;
        expect(isValidCig(changeAt(cig, position, alphabet, shift))).toBe(false);
      }),
      { numRuns: 4000 },
    );
  });

  it('refuses any single-character change of a smart CIG with a check (X, Y, Z) after its letter', () => {
    // The letter itself is outside the check: X, Y and Z number separate series.
    fc.assert(
      fc.property(smartChecked, fc.integer({ min: 1, max: 9 }), fc.nat(), (cig, position, shift) => {
        expect(isValidCig(changeAt(cig, position, DIGITS + UPPER, shift))).toBe(false);
      }),
      { numRuns: 4000 },
    );
  });

  it('refuses a valid code with anything before or after it', () => {
    fc.assert(
      fc.property(anyValid, fc.string({ minLength: 1, maxLength: 3 }), fc.boolean(), (cig, extra, before) => {
        expect(isValidCig(before ? extra + cig : cig + extra)).toBe(false);
      }),
      { numRuns: 2000 },
    );
    // the cases where a missing anchor would let the check still pass
    for (const cig of ['95156957EC', 'ZDB27337A5', 'B0E1AD1F10', 'V1A2B3C4D5']) {
      for (const extra of [' ', 'G', '0', '\n']) {
        expect(isValidCig(cig + extra), JSON.stringify(cig + extra)).toBe(false);
        expect(isValidCig(extra + cig), JSON.stringify(extra + cig)).toBe(false);
      }
    }
    // 001796050E is valid; with a 9 in front its first 10 characters form another valid ordinary CIG
    expect(isValidCig('001796050E')).toBe(true);
    expect(isValidCig('9001796050E')).toBe(false);
  });
});

describe('CUP and partita IVA', () => {
  it('checks the CUP shape, anchored', () => {
    expect(isValidCup('J51B21000010006')).toBe(true);
    expect(isValidCup('E87I17000880007')).toBe(true);
    expect(isValidCup('Z09A99999999999')).toBe(true);
    for (const bad of ['J51B2100001000', 'J51B210000100067', 'XJ51B21000010006', 'J51B21000010006X', 'J51B21000010006 ', '151B21000010006', 'JA1B21000010006', 'J5AB21000010006', 'J511210000100067', 'J51B2100001000A', 'j51b21000010006']) {
      expect(isValidCup(bad), bad).toBe(false);
    }
  });

  it('checks the partita IVA check digit', () => {
    expect(isValidVatNumber('01114601006')).toBe(true); // Poste Italiane
    expect(isValidVatNumber('00488410010')).toBe(true); // TIM: check digit 0
    expect(isValidVatNumber('01565010293')).toBe(true); // a consultant named in a municipality's act
    expect(isValidVatNumber('00488410011')).toBe(false);
    expect(isValidVatNumber('0048841001')).toBe(false);
    // all zero: the check digit would match
    expect(isValidVatNumber('00000000000')).toBe(false);
    // trailing or leading characters, also where the first 11 characters are themselves valid
    for (const bad of ['01114601006 ', ' 01114601006', '01114601006X', 'X01114601006', '011146010060', '101114601006', '000488410010', 'A1114601006']) {
      expect(isValidVatNumber(bad), bad).toBe(false);
    }
  });

  it('refuses any single-digit change of a valid partita IVA', () => {
    const valid = fc
      .string({ unit: fc.constantFrom(...DIGITS), minLength: 10, maxLength: 10 })
      .filter((body) => body !== '0000000000')
      .map((body) => [...DIGITS].map((d) => body + d).find(isValidVatNumber)!);
    fc.assert(
      fc.property(valid, fc.integer({ min: 0, max: 10 }), fc.nat(), (vat, position, shift) => {
        expect(vat).toHaveLength(11);
        expect(isValidVatNumber(changeAt(vat, position, DIGITS, shift))).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
