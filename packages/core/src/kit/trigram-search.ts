// The input rule of a text search served by a trigram index (pg_trgm): such an index finds the rows
// containing a text only through the text's runs of three letters or digits. A search without one
// ("HP", "a-b", "%%%") would make PostgreSQL read the whole list (about 30 seconds over 2,000,000
// assets for no hit), so it is refused with its own issue code, which the client shows translated.
import { z } from 'zod';

/** Letters or digits in a row that a search served by a trigram index must contain. */
export const TRIGRAM_SEARCH_MINIMUM = 3;

const run = new RegExp(`[\\p{L}\\p{N}]{${TRIGRAM_SEARCH_MINIMUM}}`, 'u');
// Control characters: nobody types them, and U+001F separates the texts of a search column.
const control = /\p{Cc}/u;

/** Whether a (trimmed) search text can use a trigram index: empty (no search), or with a run of three letters or digits. */
export function isTrigramSearchable(text: string): boolean {
  return text === '' || run.test(text);
}

/**
 * A search argument or input field: trimmed, at most `maxLength` characters, empty or with three
 * letters or digits in a row (SEARCH_TOO_SHORT, `minimum` 3), without control characters.
 */
export function trigramSearchSchema(maxLength = 100) {
  return z
    .string()
    .trim()
    .max(maxLength)
    .check((ctx) => {
      if (control.test(ctx.value)) {
        ctx.issues.push({ code: 'custom', input: ctx.value, message: 'A search cannot contain control characters.' });
      } else if (!isTrigramSearchable(ctx.value)) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          params: { code: 'SEARCH_TOO_SHORT' },
          minimum: TRIGRAM_SEARCH_MINIMUM,
          message: `A search needs at least ${TRIGRAM_SEARCH_MINIMUM} letters or digits in a row (such as part of a serial number, a model or a name).`,
        } as z.core.$ZodRawIssue);
      }
    });
}
