import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASN_MAX, ASN_MIN, isValidAsn, normalName } from './provider.ts';

describe('provider rules', () => {
  it('accepts exactly the whole numbers 1..4294967295 as ASNs', () => {
    expect(isValidAsn(0)).toBe(false);
    expect(isValidAsn(ASN_MIN)).toBe(true);
    expect(isValidAsn(ASN_MAX)).toBe(true);
    expect(isValidAsn(ASN_MAX + 1)).toBe(false);
    expect(isValidAsn(1.5)).toBe(false);
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => isValidAsn(n) === (n >= ASN_MIN && n <= ASN_MAX)));
  });

  it('normalises names idempotently, without leading, trailing or doubled spaces', () => {
    expect(normalName('  Regione   Toscana ')).toBe('Regione Toscana');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalName(s);
        return normalName(once) === once && once === once.trim() && !/\s\s/.test(once);
      }),
    );
  });
});
