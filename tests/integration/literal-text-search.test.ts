// Two lists' searches through GraphQL (users in the core, the software catalogue in a plugin):
// `%`, `_` and `\` in a search are the characters themselves, not LIKE's wildcards, on the resolvers
// and on the compiled read path alike (the test API checks every compiled read against the resolvers).
import inventory from '@gea/plugin-inventory';
import { useTestApi } from '@gea/test-kit/api.ts';
import { beforeAll, describe, expect, it } from 'vitest';

const t = useTestApi([inventory]);

beforeAll(async () => {
  await t.db.prisma.user.createMany({
    data: [
      { email: 'a_b@literal.test', name: 'Literal 100% Rossi' },
      { email: 'axb@literal.test', name: 'Literal 1000 Rossi' },
      { email: 'back\\slash@literal.test', name: 'Literal Back Slash' },
    ],
  });
  await t.db.prisma.softwareProduct.createMany({
    data: [
      { publisher: 'Lit_Soft', name: 'Office 100%' },
      { publisher: 'LitXSoft', name: 'Office 1000' },
      { publisher: 'Lit\\Soft', name: 'Office Back' },
    ],
  });
});

const users = async (search: string) => {
  const response = await t.api.gql(`query ($search: String) { users(first: 50, search: $search) { edges { node { email } } } }`, { search });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.users.edges.map((e: { node: { email: string } }) => e.node.email).sort();
};
const products = async (search: string) => {
  const response = await t.api.gql(`query ($search: String) { softwareProducts(first: 50, search: $search) { edges { node { publisher } } } }`, { search });
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.softwareProducts.edges.map((e: { node: { publisher: string } }) => e.node.publisher).sort();
};

describe('searches read %, _ and \\ literally', () => {
  it('users', async () => {
    expect(await users('a_b@')).toEqual(['a_b@literal.test']);
    expect(await users('100%')).toEqual(['a_b@literal.test']);
    expect(await users('k\\s')).toEqual(['back\\slash@literal.test']);
    expect(await users('LITERAL')).toHaveLength(3);
    expect(await users('%')).toEqual(['a_b@literal.test']);
  });

  it('the software catalogue', async () => {
    expect(await products('lit_soft')).toEqual(['Lit_Soft']);
    expect(await products('Office 100%')).toEqual(['Lit_Soft']);
    expect(await products('t\\s')).toEqual(['Lit\\Soft']);
    expect(await products('_')).toEqual(['Lit_Soft']);
  });
});
