// Every error code the API can return reaches the reader in their language: the web kit translates
// each one (errors, request refusals, field issues), in Italian and in English.
import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType } from 'graphql';
import { errorCodes, fieldIssueCodes, requestRefusalCodes } from '../../packages/core/src/errors.ts';
import { translatedCodes } from '../../packages/web-kit/src/issue-codes.ts';
import { describe, expect, it } from 'vitest';

const schema = buildSchema(readFileSync(new URL('../../apps/api/schema.graphql', import.meta.url), 'utf8'));
const schemaCodes = (() => {
  const type = schema.getType('ErrorCode');
  return type && isEnumType(type) ? type.getValues().map((value) => value.name) : [];
})();

const untranslated = (codes: readonly string[], words: { it: Record<string, string>; en: Record<string, string> }) =>
  codes.filter((code) => !words.it[code]?.trim() || !words.en[code]?.trim());

describe('error codes in both languages', () => {
  it('every code of the core and of the schema\'s ErrorCode', () => {
    expect(schemaCodes.length).toBeGreaterThan(10);
    expect(untranslated([...new Set([...errorCodes, ...schemaCodes])], translatedCodes.errors)).toEqual([]);
  });

  it('every request refusal', () => {
    expect(untranslated(Object.keys(requestRefusalCodes), translatedCodes.refusals)).toEqual([]);
  });

  it('every field issue code (INVALID_VALUE keeps the API\'s own message, which says what is wrong)', () => {
    expect(untranslated(Object.keys(fieldIssueCodes).filter((code) => code !== 'INVALID_VALUE'), translatedCodes.issues)).toEqual([]);
  });

  it('no translation differs between the languages in which codes it has', () => {
    for (const words of Object.values(translatedCodes)) expect(Object.keys(words.en).sort()).toEqual(Object.keys(words.it).sort());
  });
});
