// A page asked `after` or `before` something no list gave as a cursor (typed by hand, cut short,
// another list's kind of value) is refused as BAD_USER_INPUT (reason INVALID_CURSOR) with HTTP 400, in the reader's language,
// before any resolver or statement runs; it used to reach PostgreSQL's uuid cast and come back as
// "Unexpected error." Every connection of the composed schema is tried, at the root and nested.
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, seedBodies } from '@gea/test-kit/seed.ts';
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';

const t = useTestApi([inventory, procurement]);
const cursorOf = (text: string) => Buffer.from(text).toString('base64');
const INVALID = [
  'not base64 at all!',
  cursorOf('GPC:S:not-a-uuid'),
  cursorOf("GPC:S:x'); drop table \"Asset\"; --"),
  cursorOf('GPC:N:12'),
  cursorOf('GPC:S:0190a000-0000-7000-8000-00000000000'), // one digit short
  '',
];

beforeAll(async () => {
  const bodies = await seedBodies(t.db, 2, 3, 'CUR');
  await enableModules(t.db, bodies.map((body) => body.id), ['inventory', 'procurement']);
});

/** The root fields that are connections with an `after` argument and no required argument besides. */
function rootConnections(): string[] {
  const query = (t.api.yoga.getEnveloped().schema as GraphQLSchema).getQueryType()!;
  return Object.values(query.getFields())
    .filter((field) => {
      const type = getNamedType(field.type);
      return isObjectType(type) && type.getFields().edges && type.getFields().pageInfo && field.args.some((arg) => arg.name === 'after');
    })
    .filter((field) => field.args.every((arg) => arg.name === 'after' || !String(arg.type).endsWith('!')))
    .map((field) => field.name);
}

describe('a page after something that is not a cursor', () => {
  it('is refused on every root list as bad input (INVALID_CURSOR) with 400, no statement sent', async () => {
    const lists = rootConnections();
    expect(lists).toEqual(expect.arrayContaining(['assets', 'entities', 'contracts']));
    for (const list of lists) {
      for (const after of INVALID) {
        const query = `query ($after: String) { ${list}(first: 2, after: $after) { edges { cursor } } }`;
        const { result, statements } = await t.api.countStatements(() => t.api.gql(query, { after }));
        expect(result.status, `${list} after ${JSON.stringify(after)}`).toBe(400);
        expect(result.body.errors?.map((error) => [error.extensions?.code, error.extensions?.reason])).toEqual([['BAD_USER_INPUT', 'INVALID_CURSOR']]);
        expect(result.body.errors?.[0]?.message).toMatch(/non è un cursore/);
        expect(statements).toEqual([]);
      }
    }
  });

  it('is refused nested, written in the query or as a variable, in English when asked', async () => {
    const nested = await t.api.gql(`{ entities(first: 1) { edges { node { assets(first: 1, after: "${cursorOf('GPC:S:nope')}") { edges { cursor } } } } } }`, {}, undefined, {
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect(nested.status).toBe(400);
    expect(nested.body.errors?.[0]?.extensions?.reason).toBe('INVALID_CURSOR');
    expect(nested.body.errors?.[0]?.message).toMatch(/is not a cursor of the list/);
  });

  it('is no refusal for a cursor a list gave, nor for one of an asset since deleted', async () => {
    const first = await t.api.gql(`{ entities(first: 1) { edges { cursor } pageInfo { endCursor } } }`);
    expect(first.status).toBe(200);
    const next = await t.api.gql(`query ($after: String) { entities(first: 1, after: $after) { edges { cursor } } }`, { after: first.body.data!.entities.pageInfo.endCursor });
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data!.entities.edges).toHaveLength(1);
    const gone = await t.api.gql(`query ($after: String) { assets(first: 1, after: $after) { edges { cursor } } }`, { after: cursorOf('GPC:S:0190a000-0000-7000-8000-000000000000') });
    expect(gone.body.errors).toBeUndefined();
    expect(gone.body.data!.assets.edges).toEqual([]);
  });
});
