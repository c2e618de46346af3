import { describe, expect, it } from 'vitest';
import { StaleVersionError } from '../errors.ts';
import { assertVersion, quotedTableName } from './versions.ts';

describe('record versions in the plugin kit', () => {
  it('quotes only the schema\'s own model names as tables', () => {
    expect(quotedTableName('Asset')).toBe('"Asset"');
    expect(() => quotedTableName('Asset" where true; drop table "Asset' as never)).toThrow(/not a model of the schema/);
    expect(() => quotedTableName('asset' as never)).toThrow(/not a model of the schema/);
  });

  it('refuses a change made on another version, naming the current one; no version given: no comparison', () => {
    expect(() => assertVersion('Asset', { version: 3 }, 3)).not.toThrow();
    expect(() => assertVersion('Asset', { version: 3 }, undefined)).not.toThrow();
    expect(() => assertVersion('Asset', { version: 3 }, null)).not.toThrow();
    let refusal: unknown;
    try {
      assertVersion('Asset', { version: 4 }, 3);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StaleVersionError);
    expect(refusal).toMatchObject({ code: 'STALE_VERSION', currentVersion: 4, expectedVersion: 3 });
    expect((refusal as Error).message).toBe(
      'Asset was changed by someone else meanwhile: it is now at version 4, not 3. Reload it and apply your change again.',
    );
    expect((refusal as StaleVersionError).extensions).toMatchObject({ code: 'STALE_VERSION', currentVersion: 4 });
  });
});
