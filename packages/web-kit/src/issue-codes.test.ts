import { describe, expect, it } from 'vitest';
import { issueMessage } from './issues.ts';

// The reader sees the API's issue codes in Italian (the default), with the bound the API gave.
describe('field issues by code', () => {
  it('translates a code with its bound', () => {
    expect(issueMessage({ path: ['input', 'name'], message: 'Too big: expected string to have <=200 characters', code: 'TOO_LONG', maximum: 200 })).toBe(
      'può avere al massimo 200 caratteri',
    );
  });

  it('translates a search too short for the search index, with its minimum', () => {
    expect(issueMessage({ path: ['filter', 'search'], message: 'A search needs at least 3 letters or digits in a row', code: 'SEARCH_TOO_SHORT', minimum: 3 })).toBe(
      'deve contenere almeno 3 lettere o cifre consecutive',
    );
  });

  it('translates a code without a bound', () => {
    expect(issueMessage({ path: ['input', 'cig'], message: 'is not a valid CIG', code: 'INVALID_CIG' })).toMatch(/^non è un CIG valido/);
  });

  it('keeps the API\'s message for INVALID_VALUE, unknown codes and issues without a code', () => {
    expect(issueMessage({ path: [], message: 'a disposed asset is gone', code: 'INVALID_VALUE' })).toBe('a disposed asset is gone');
    expect(issueMessage({ path: [], message: 'something new', code: 'SOMETHING_NEW' })).toBe('something new');
    expect(issueMessage({ path: [], message: 'plain' })).toBe('plain');
  });
});
