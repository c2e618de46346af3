import { describe, expect, it } from 'vitest';
import { composeSchema } from './compose.ts';
import { definePlugin } from './plugin.ts';

describe('every field declares who may use it', () => {
  it('the core alone passes the check', () => {
    expect(() => composeSchema([])).not.toThrow();
  });

  it('a plugin root field without authScopes fails composition, naming the field', () => {
    const careless = definePlugin({
      key: 'careless',
      name: 'Careless',
      schema: (builder) => {
        builder.queryField('secrets', (t) => t.string({ resolve: () => 'oops' }));
      },
    });
    expect(() => composeSchema([careless])).toThrow(/do not declare who may use them.*Query\.secrets/);
  });

  it('an object type without type-level scopes needs them on each field', () => {
    const partial = definePlugin({
      key: 'partial',
      name: 'Partial',
      schema: (builder) => {
        const Thing = builder.objectRef<{ a: string; b: string }>('Thing').implement({
          fields: (t) => ({
            a: t.exposeString('a', { authScopes: { authenticated: true } }),
            b: t.exposeString('b'),
          }),
        });
        builder.queryField('thing', (t) =>
          t.field({ type: Thing, authScopes: { authenticated: true }, resolve: () => ({ a: '1', b: '2' }) }),
        );
      },
    });
    expect(() => composeSchema([partial])).toThrow(/: Thing\.b$/);
  });
});
