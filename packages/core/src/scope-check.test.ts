import {
  GraphQLBoolean,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLOutputType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSchema } from './compose.ts';
import { definePlugin } from './plugin.ts';
import { assertEveryFieldDeclaresScope, MissingScopeError } from './scope-check.ts';

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

/**
 * The structural-type rule on hand-built schemas (graphql-js, no Pothos), so that each shape is
 * checked on its own: a type is exempt only with exactly the fields of its kind. Extra fields are
 * named `zz…` on purpose: they sort after the expected ones, so a check that compared only the
 * first names (and not the count) would let them through.
 */
describe('structural types are recognised by shape, for every kind', () => {
  const scoped = { pothosOptions: { authScopes: { authenticated: true } } };
  const str = { type: GraphQLString };
  const checked = (...types: GraphQLObjectType[]) => {
    const query = new GraphQLObjectType({
      name: 'Query',
      fields: Object.fromEntries(types.map((type, i) => [`f${i}`, { type, extensions: scoped }])),
    });
    return () => assertEveryFieldDeclaresScope(new GraphQLSchema({ query }));
  };
  const object = (name: string, fields: Record<string, { type: GraphQLOutputType }>, interfaces: GraphQLInterfaceType[] = []) =>
    new GraphQLObjectType({ name, fields, interfaces });
  const node = object('Secret', { value: str });

  it('PageInfo with the four relay fields passes; with one more it is checked', () => {
    const fields = { endCursor: str, hasNextPage: { type: GraphQLBoolean }, hasPreviousPage: { type: GraphQLBoolean }, startCursor: str };
    expect(checked(object('PageInfo', fields))).not.toThrow();
    expect(checked(object('PageInfo', { ...fields, zzLeak: str }))).toThrow(/: PageInfo\.endCursor, PageInfo\.hasNextPage, PageInfo\.hasPreviousPage, PageInfo\.startCursor, PageInfo\.zzLeak$/);
    expect(checked(object('PageInfo', { endCursor: str, hasNextPage: str, hasPreviousPage: str }))).toThrow(/PageInfo\.endCursor/);
  });

  it('an Edge with cursor and node passes; with one more field, or under another name, it is checked', () => {
    expect(checked(object('SecretEdge', { cursor: str, node: { type: node } }))).toThrow(/: Secret\.value$/);
    expect(checked(object('SecretEdge', { cursor: str, node: { type: node }, zzLeak: str }))).toThrow(
      /: SecretEdge\.cursor, SecretEdge\.node, SecretEdge\.zzLeak, Secret\.value$/,
    );
    expect(checked(object('SecretEdges', { cursor: str, node: str }))).toThrow(/: SecretEdges\.cursor, SecretEdges\.node$/);
    expect(checked(object('SecretEdge', { cursor: str }))).toThrow(/: SecretEdge\.cursor$/);
    // The fields are compared as a set: declared in another order, an Edge is still an Edge.
    expect(checked(object('OtherEdge', { node: str, cursor: str }))).not.toThrow();
  });

  it('a Connection passes with edges and pageInfo, and totalCount; not with more, nor with edges that are not edges', () => {
    const pageInfo = object('PageInfo', { endCursor: str, hasNextPage: { type: GraphQLBoolean }, hasPreviousPage: { type: GraphQLBoolean }, startCursor: str });
    const edge = object('ThingEdge', { cursor: str, node: str });
    const edges = { type: new GraphQLList(edge) };
    expect(checked(object('ThingConnection', { edges, pageInfo: { type: pageInfo } }))).not.toThrow();
    expect(checked(object('ThingConnection', { edges, pageInfo: { type: pageInfo }, totalCount: { type: GraphQLInt } }))).not.toThrow();
    expect(checked(object('ThingConnection', { edges, pageInfo: { type: pageInfo }, totalCount: { type: GraphQLInt }, zzLeak: str }))).toThrow(
      /: ThingConnection\.edges, ThingConnection\.pageInfo, ThingConnection\.totalCount, ThingConnection\.zzLeak$/,
    );
    expect(checked(object('ThingConnection', { edges, pageInfo: { type: pageInfo }, zzLeak: str }))).toThrow(/ThingConnection\.zzLeak$/);
    // `edges` holding a data type, not an Edge: its rows would escape the check.
    expect(checked(object('ThingConnection', { edges: { type: new GraphQLList(node) }, pageInfo: { type: pageInfo } }))).toThrow(
      /: ThingConnection\.edges, ThingConnection\.pageInfo, Secret\.value$/,
    );
    expect(checked(object('ThingConnection', { edges: str, pageInfo: { type: pageInfo } }))).toThrow(/ThingConnection\.edges/);
    expect(checked(object('ThingConnection', { pageInfo: { type: pageInfo }, totalCount: { type: GraphQLInt } }))).toThrow(/ThingConnection\.pageInfo/);
  });

  it('a Success result passes with `data` alone; with more, or under another name, it is checked', () => {
    expect(checked(object('SaveSuccess', { data: { type: node } }))).toThrow(/: Secret\.value$/);
    expect(checked(object('SaveSuccess', { data: str, zzLeak: str }))).toThrow(/: SaveSuccess\.data, SaveSuccess\.zzLeak$/);
    expect(checked(object('SaveSuccesses', { data: str }))).toThrow(/: SaveSuccesses\.data$/);
  });

  it('a type implementing Error passes; one implementing another interface is checked', () => {
    const error = new GraphQLInterfaceType({ name: 'Error', fields: { message: str } });
    const other = new GraphQLInterfaceType({ name: 'Failure', fields: { message: str } });
    expect(checked(object('OddError', { message: str, detail: str }, [error]))).not.toThrow();
    expect(checked(object('Odd', { message: str }, [other]))).toThrow(/: Odd\.message$/);
  });

  it('a type-level scope covers the fields of an object type, not of a root type', () => {
    const covered = new GraphQLObjectType({ name: 'Covered', extensions: scoped, fields: { a: str, b: { ...str, extensions: { pothosOptions: { skipTypeScopes: true } } } } });
    expect(checked(covered)).toThrow(/: Covered\.b$/);
    const query = new GraphQLObjectType({ name: 'Query', extensions: scoped, fields: { open: str } });
    expect(() => assertEveryFieldDeclaresScope(new GraphQLSchema({ query }))).toThrow(/: Query\.open$/);
    const mutation = new GraphQLObjectType({ name: 'Mutation', extensions: scoped, fields: { change: str } });
    const fine = new GraphQLObjectType({ name: 'Query', fields: { ok: { ...str, extensions: scoped } } });
    expect(() => assertEveryFieldDeclaresScope(new GraphQLSchema({ query: fine, mutation }))).toThrow(/: Mutation\.change$/);
    const subscription = new GraphQLObjectType({ name: 'Subscription', extensions: scoped, fields: { watch: str } });
    expect(() => assertEveryFieldDeclaresScope(new GraphQLSchema({ query: fine, subscription }))).toThrow(/: Subscription\.watch$/);
    expect(() => assertEveryFieldDeclaresScope(new GraphQLSchema({ query: fine }))).not.toThrow();
  });

  it('names every unscoped field at once, in a MissingScopeError', () => {
    const query = new GraphQLObjectType({ name: 'Query', fields: { a: str, b: str } });
    let thrown: unknown;
    try {
      assertEveryFieldDeclaresScope(new GraphQLSchema({ query }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MissingScopeError);
    expect((thrown as Error).name).toBe('MissingScopeError');
    expect((thrown as Error).message).toBe('these fields do not declare who may use them (authScopes on the field or its type): Query.a, Query.b');
  });
});
