import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldIssueCodes } from './errors.ts';
import { trigramSearchSchema } from './kit/trigram-search.ts';
import { fieldIssueOf } from './validation-issues.ts';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise || !result.issues) throw new Error('expected synchronous issues');
  return result.issues.map(fieldIssueOf);
};

describe('fieldIssueOf: zod issues as stable codes with their bounds', () => {
  it.each([
    ['missing value', z.string(), undefined, { code: 'REQUIRED' }],
    ['blank text with min(1)', z.string().trim().min(1), '  ', { code: 'REQUIRED', minimum: null }],
    ['text shorter than min', z.string().min(11), 'abc', { code: 'TOO_SHORT', minimum: 11, maximum: null }],
    ['text longer than max', z.string().max(5), 'abcdefgh', { code: 'TOO_LONG', maximum: 5, minimum: null }],
    ['list with too few items', z.array(z.string()).min(2), ['a'], { code: 'TOO_SHORT', minimum: 2 }],
    ['number below min', z.number().int().min(0), -1, { code: 'TOO_SMALL', minimum: 0 }],
    ['number above max', z.number().max(100), 101, { code: 'TOO_BIG', maximum: 100 }],
    ['exclusive bound: no number to show', z.number().positive(), 0, { code: 'TOO_SMALL', minimum: null }],
    ['date bound: no Int to show', z.date().min(new Date('2020-01-01')), new Date('2019-01-01'), { code: 'TOO_SMALL', minimum: null }],
    ['not an integer', z.number().int(), 1.5, { code: 'NOT_INTEGER' }],
    ['wrong type', z.number(), 'seven', { code: 'INVALID_VALUE' }],
    ['e-mail', z.string().email(), 'nope', { code: 'INVALID_EMAIL' }],
    ['pattern', z.string().regex(/^\d+$/), 'x', { code: 'INVALID_FORMAT' }],
    ['enum', z.enum(['it', 'en']), 'fr', { code: 'INVALID_CHOICE' }],
    ['refinement with its code', z.string().refine(() => false, { message: 'bad CIG', params: { code: 'INVALID_CIG' } }), 'x', { code: 'INVALID_CIG', message: 'bad CIG' }],
    ['search without 3 letters or digits in a row', trigramSearchSchema(), ' a-b ', { code: 'SEARCH_TOO_SHORT', minimum: 3, maximum: null }],
    ['search with a control character', trigramSearchSchema(), 'abc\u001fdef', { code: 'INVALID_VALUE' }],
    ['refinement without a code', z.string().refine(() => false, 'bad'), 'x', { code: 'INVALID_VALUE', message: 'bad' }],
    ['refinement with an unknown code', z.string().refine(() => false, { message: 'odd', params: { code: 'MADE_UP' } }), 'x', { code: 'INVALID_VALUE' }],
  ])('%s', (_name, schema, value, expected) => {
    const [issue] = issuesOf(schema as z.ZodType, value);
    expect(issue).toMatchObject(expected);
    expect(Object.keys(fieldIssueCodes)).toContain(issue!.code);
  });

  it('keeps the path of nested fields as strings', () => {
    const [issue] = issuesOf(z.object({ lines: z.array(z.object({ cents: z.number().min(0) })) }), { lines: [{ cents: 1 }, { cents: -1 }] });
    expect(issue!.path).toEqual(['lines', '1', 'cents']);
  });
});
