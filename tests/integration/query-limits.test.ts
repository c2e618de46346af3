// Issue 12, findings 1 and 7: one request must not take the service down, and the schema must not be
// readable by anybody in production. Every operation of the malicious corpus is refused over HTTP
// through Yoga with its code and HTTP 400 before any resolver or SQL statement runs.
import { actorWithPermissions, anonymousActor, type Actor } from '@gea/core';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import pecSignatures from '@gea/plugin-pec-signatures';
import procurement from '@gea/plugin-procurement';
import { createTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { createTestDatabase } from '@gea/test-kit/database.ts';
import { maliciousOperations, type MaliciousCaller } from '@gea/test-kit/malicious-operations.ts';
import { seedBodies } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import type { Database } from '@gea/db';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const plugins = [inventory, procurement, costSharing, pecSignatures];
let db: Database;
let api: TestApi;
let executions = 0;
let validations = 0;
let actors: Record<MaliciousCaller, Actor>;
// Counts operations that reached execution: a refused one never does, so none of its resolvers ran.
const countExecutions: Plugin = {
  onExecute() {
    executions++;
  },
};
// Counts the times graphql-js validates a document (use-validation-cache.ts skips a document already passed).
const countValidations: Plugin = {
  onValidate({ validateFn, setValidationFn }) {
    setValidationFn((...args: Parameters<typeof validateFn>) => {
      validations++;
      return validateFn(...args);
    });
  },
};

beforeAll(async () => {
  db = await createTestDatabase();
  api = createTestApi(db, plugins, { yogaPlugins: [countExecutions, countValidations] });
  const [body] = await seedBodies(db, 3, 4, 'L');
  actors = {
    anonymous: anonymousActor,
    member: actorForRoles(api.composed, 'referent', [{ role: 'REFERENT', entityId: body!.id }]),
    token: actorWithPermissions('protocol system', ['inventory:read', 'pec-signatures:write'], 'token'),
    staff: actorForRoles(api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]),
  };
});
afterAll(() => db?.close());

async function send(operation: { query: string; variables?: Record<string, unknown>; batch?: number }, actor: Actor, headers: Record<string, string> = {}) {
  const payload = { query: operation.query, variables: operation.variables };
  if (!operation.batch) return api.gql(operation.query, operation.variables, actor, headers);
  // Batching: the test API sends one operation, so post the array directly (anonymous).
  const response = await api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify(Array.from({ length: operation.batch }, () => payload)),
  });
  return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

describe('the malicious corpus', () => {
  it('has at least 50 operations, with unique names', () => {
    expect(maliciousOperations.length).toBeGreaterThanOrEqual(50);
    expect(new Set(maliciousOperations.map((operation) => operation.name)).size).toBe(maliciousOperations.length);
  });

  it.each(maliciousOperations.map((operation) => [operation.name, operation] as const))(
    '%s: refused with its code, HTTP 400, no resolver and no SQL statement',
    async (_name, operation) => {
      const before = executions;
      const { result, statements } = await api.countStatements(() => send(operation, actors[operation.caller]));
      expect(result.body.errors?.[0]?.extensions?.code, JSON.stringify(result.body.errors?.[0]).slice(0, 300)).toBe(operation.expectedCode);
      expect(result.status).toBe(400);
      expect('data' in result.body && result.body.data != null).toBe(false);
      expect(executions - before).toBe(0);
      expect(statements).toEqual([]);
      // Nobody but ICT staff learns field names from the refusal.
      if (operation.caller !== 'staff') expect(result.body.errors!.map((error) => error.message).join(' ')).not.toMatch(/Did you mean/);
    },
  );
});

describe('page sizes', () => {
  it("serves a page of 1000 and refuses 1001 with PAGE_TOO_LARGE in the reader's language, instead of cutting it short", async () => {
    const page = (n: number, arg = 'first') => `{ assets(${arg}: ${n}) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }`;
    const full = await api.gql(page(1000), {}, actors.staff);
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data?.assets.edges).toHaveLength(12);
    expect(full.body.data?.assets.pageInfo.hasNextPage).toBe(false);
    for (const arg of ['first', 'last']) {
      const before = executions;
      const refused = await api.gql(page(1001, arg), {}, actors.staff);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'PAGE_TOO_LARGE', limit: 1000, found: 1001 });
      expect(refused.body.errors?.[0]?.message).toMatch(/^Pagina troppo grande: al massimo 1000 elementi/);
      expect(executions).toBe(before);
    }
    const english = await api.gql(page(5000), {}, actors.staff, { 'accept-language': 'en' });
    expect(english.body.errors?.[0]?.message).toMatch(/^Page too large: at most 1000 items per page \(5000 were asked\)/);
    // a nested page and a page size in a variable are found too
    const nested = await api.gql('query ($n: Int) { entities(first: 2) { edges { node { assets(first: $n) { edges { node { id } } } } } } }', { n: 1500 }, actors.staff);
    expect(nested.body.errors?.[0]?.extensions).toMatchObject({ code: 'PAGE_TOO_LARGE', found: 1500 });
  });

  it("says so in the schema: every connection's first and last name the largest page", async () => {
    const { getNamedType, isObjectType } = await import('graphql');
    const schema = api.composed.schema;
    let seen = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const target = getNamedType(field.type);
        if (!isObjectType(target) || !('pageInfo' in target.getFields())) continue;
        for (const name of ['first', 'last']) {
          const arg = field.args.find((a) => a.name === name);
          expect(arg?.description, `${type.name}.${field.name}(${name})`).toContain('at most 1000, or the request is refused with PAGE_TOO_LARGE');
        }
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(5);
  });
});

describe('limits by kind of caller', () => {
  const threeExports = '{ a: assetsCsv(sort: { field: INVENTORY_TAG }) b: assetsCsv c: assetsCsv }';

  it('the same three CSV exports are too costly for a referent and allowed for ICT staff', async () => {
    const member = await api.gql(threeExports, {}, actors.member);
    expect(member.status).toBe(400);
    expect(member.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 10_000, found: 27_000 });
    const staff = await api.gql(threeExports, {}, actors.staff);
    expect(staff.body.errors).toBeUndefined();
    expect(staff.body.data?.a).toMatch(/^body,/);
  });

  it('a document is validated once; what depends on the caller is still checked on every request', async () => {
    const exports = '{ x: assetsCsv(sort: { field: INVENTORY_TAG }) y: assetsCsv z: assetsCsv }';
    const before = validations;
    const staff = await api.gql(exports, {}, actors.staff);
    expect(staff.body.errors).toBeUndefined();
    expect(validations).toBe(before + 1);
    expect((await api.gql(exports, {}, actors.staff)).body.errors).toBeUndefined();
    expect(validations).toBe(before + 1);
    // A referent's rules add the one refusing introspection: validated once more for that set of rules.
    // Valid, and remembered: the referent's ceiling refuses it all the same, every time.
    for (let time = 0; time < 2; time++) {
      const member = await api.gql(exports, {}, actors.member);
      expect(member.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 10_000 });
    }
    expect(validations).toBe(before + 2);
    expect((await api.gql(exports, {}, actors.staff)).body.errors).toBeUndefined();
    expect(validations).toBe(before + 2);
    // Introspection passed for staff; for the others the rule refusing it is added, and validation runs again.
    const introspect = '{ __type(name: "Query") { name } }';
    expect((await api.gql(introspect, {}, actors.staff)).body.data?.__type.name).toBe('Query');
    expect((await api.gql(introspect, {}, actors.member)).body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    expect((await api.gql(introspect, {}, actors.member)).body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    expect((await api.gql(introspect, {}, actors.staff)).body.data?.__type.name).toBe('Query');
  });

  it('an ordinary page of bodies with their assets is served, and the reader is the one asked about', async () => {
    const query = `{ entities(first: 20) { edges { node { name assets(first: 20) { edges { node { inventoryTag } } } } } } }`;
    const staff = await api.gql(query, {}, actors.staff);
    expect(staff.body.errors).toBeUndefined();
    expect(staff.body.data?.entities.edges.length).toBeGreaterThanOrEqual(3);
    // The same page for a referent (their own body only) is within their ceiling too.
    const member = await api.gql(query, {}, actors.member);
    expect(member.body.errors).toBeUndefined();
  });

  it('anonymous callers may sign in and read the sign-in options, nothing bigger', async () => {
    const methods = await api.gql('{ authMethods { password oidc } }', {}, anonymousActor);
    expect(methods.body.data?.authMethods.password).toBe(true);
  });

  it('refusals are in Italian by default and in English when asked for', async () => {
    const deep = maliciousOperations.find((operation) => operation.expectedCode === 'QUERY_TOO_DEEP')!;
    const italian = await api.gql(deep.query, {}, actors.member);
    expect(italian.body.errors?.[0]?.message).toMatch(/^La richiesta è annidata troppo in profondità: al massimo 10 livelli/);
    const english = await api.gql(deep.query, {}, actors.member, { 'accept-language': 'en-GB,en;q=0.9,it;q=0.5' });
    expect(english.body.errors?.[0]?.message).toMatch(/^The request is nested too deeply: at most 10 levels/);
    // Yoga caches parse errors by text: each reader still gets their own language.
    const tokens = maliciousOperations.find((operation) => operation.expectedCode === 'TOO_MANY_TOKENS')!;
    const first = await api.gql(tokens.query, {}, anonymousActor, { 'accept-language': 'en' });
    const second = await api.gql(tokens.query, {}, anonymousActor);
    expect(first.body.errors?.[0]?.message).toMatch(/^The request is too long/);
    expect(second.body.errors?.[0]?.message).toMatch(/^La richiesta è troppo lunga/);
  });

  it('variables that do not fit the operation are refused by execution, not counted as cost', async () => {
    const response = await api.gql('query ($n: Int!) { entities(first: $n) { edges { cursor } } }', { n: 'many' }, actors.member);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toMatch(/Variable "\$n"/);
  });
});

describe('introspection and field suggestions (finding 7)', () => {
  const introspect = '{ __schema { queryType { name } } }';
  const probe = '{ entitie { name } }';

  it('production default: ICT staff only; suggestions only for them', async () => {
    expect((await api.gql(introspect, {}, actors.staff)).body.data?.__schema.queryType.name).toBe('Query');
    for (const caller of ['anonymous', 'member', 'token'] as const) {
      const refused = await api.gql(introspect, {}, actors[caller]);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
      const probed = await api.gql(probe, {}, actors[caller]);
      expect(probed.body.errors?.[0]?.message).toBe('Cannot query field "entitie" on type "Query".');
    }
    expect((await api.gql(probe, {}, actors.staff)).body.errors?.[0]?.message).toMatch(/Did you mean "entities"\?/);
  });

  it('off: nobody; on: everybody (development)', async () => {
    const off = createTestApi(db, plugins, { introspection: 'off' });
    expect((await off.gql(introspect, {}, actors.staff)).body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    expect((await off.gql(probe, {}, actors.staff)).body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const on = createTestApi(db, plugins, { introspection: 'on' });
    expect((await on.gql(introspect, {}, anonymousActor)).body.data?.__schema.queryType.name).toBe('Query');
    // createApi's own default follows `development`.
    const development = createTestApi(db, plugins, { development: true });
    expect((await development.gql(introspect, {}, anonymousActor)).body.data?.__schema.queryType.name).toBe('Query');
  });
});
