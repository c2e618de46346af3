// The kit's text filters mean the literal text: whatever the text and the value, PostgreSQL's
// LIKE / ILIKE with the pattern Prisma builds from them (the value pasted between `%`) answers as a
// plain substring, prefix or equality test does. Checked on an in-memory PGlite (no schema needed).
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsText, equalsTextIgnoringCase, likeLiteral, startsWithText } from './text-match.ts';

let pg: PGlite;
// The first PGlite of a process compiles its WASM: seconds, more on a busy machine.
beforeAll(async () => {
  pg = await PGlite.create();
}, 120_000);
afterAll(() => pg.close());

// Few characters, LIKE's own among them, so that values and texts overlap often.
const text = fc.array(fc.constantFrom(...'aAbB1 %_\\èÈ'), { maxLength: 6 }).map((c) => c.join(''));
// ASCII and the accents above fold alike in JavaScript and in PGlite's C.UTF-8 lower().
const fold = (value: string) => value.toLowerCase();

describe('text filters of the kit', () => {
  it('likeLiteral escapes exactly %, _ and \\', () => {
    expect(likeLiteral('a_b%c\\d')).toBe('a\\_b\\%c\\\\d');
    fc.assert(fc.property(fc.string(), (value) => likeLiteral(value).replace(/\\(.)/gs, '$1') === value));
  });

  it('contains, startsWith and insensitive equals match the literal text, as LIKE / ILIKE run them', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (value, search) => {
        const contains = containsText(search);
        const containsCase = containsText(search, { caseSensitive: true });
        const starts = startsWithText(search, { caseSensitive: true });
        const equals = equalsTextIgnoringCase(search);
        // The SQL Prisma sends for each (the pattern built in SQL from the filter's value).
        const { rows } = await pg.query<Record<string, boolean>>(
          `select $1 ILIKE ('%' || $2 || '%') as contains, $1 LIKE ('%' || $3 || '%') as "containsCase",
                  $1 LIKE ($4 || '%') as starts, $1 ILIKE $5 as equals`,
          [value, contains.contains, containsCase.contains, starts.startsWith, equals.equals],
        );
        expect(contains.mode).toBe('insensitive');
        expect(containsCase.mode).toBeUndefined();
        expect(rows[0]).toEqual({
          contains: fold(value).includes(fold(search)),
          containsCase: value.includes(search),
          starts: value.startsWith(search),
          equals: fold(value) === fold(search),
        });
      }),
      { numRuns: 300 },
    );
  });
});
