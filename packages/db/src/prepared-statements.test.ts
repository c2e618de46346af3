import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStatementNamer } from './prepared-statements.ts';

describe('names of prepared statements', () => {
  it('names a text from its second time, always with the same name, never the name of another text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 200 }), (texts) => {
        const namer = createStatementNamer({ after: 2, limit: 1_000 });
        const names = new Map<string, string>();
        const times = new Map<string, number>();
        for (const text of texts) {
          const name = namer.nameOf(text);
          const time = (times.get(text) ?? 0) + 1;
          times.set(text, time);
          if (time < 2) expect(name).toBeUndefined();
          else {
            expect(name).toMatch(/^gea_[A-Za-z0-9_-]+$/);
            if (names.has(text)) expect(name).toBe(names.get(text));
            names.set(text, name!);
          }
        }
        expect(new Set(names.values()).size).toBe(names.size);
      }),
    );
  });

  it('names no more than its limit, and keeps the names it gave', () => {
    const namer = createStatementNamer({ after: 1, limit: 3 });
    const first = ['a', 'b', 'c'].map((text) => namer.nameOf(text));
    expect(first.every((name) => typeof name === 'string')).toBe(true);
    expect(namer.nameOf('d')).toBeUndefined();
    expect(['a', 'b', 'c'].map((text) => namer.nameOf(text))).toEqual(first);
    expect(namer.size).toBe(3);
  });
});
