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

describe('the scope check is not fooled by names or by skipTypeScopes', () => {
  it('a data type named like relay plumbing is still checked', () => {
    const sneaky = definePlugin({
      key: 'sneaky',
      name: 'Sneaky',
      schema: (builder) => {
        const Link = builder.objectRef<{ secret: string }>('InternetConnection').implement({
          fields: (t) => ({ secret: t.exposeString('secret') }),
        });
        builder.queryField('link', (t) => t.field({ type: Link, authScopes: { authenticated: true }, resolve: () => ({ secret: 'x' }) }));
      },
    });
    expect(() => composeSchema([sneaky])).toThrow(/InternetConnection\.secret/);
  });

  it('a field that skips its type\'s scopes must declare its own', () => {
    const skipping = definePlugin({
      key: 'skipping',
      name: 'Skipping',
      schema: (builder) => {
        builder.prismaObjectFields('Entity', (t) => ({ leak: t.string({ skipTypeScopes: true, resolve: (e) => e.name }) }));
      },
    });
    expect(() => composeSchema([skipping])).toThrow(/: Entity\.leak$/);
  });
});
