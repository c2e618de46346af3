import { actorWithPermissions, anonymousActor, type Actor, type GeaPlugin } from '@gea/core';
import type { Database } from '@gea/db';
import { createApi, type Api, type ApiOptions } from '@gea/api';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from './database.ts';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  body: { data?: T | null; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[] };
  headers: Headers;
}

export interface TestApi extends Api {
  /** POSTs a GraphQL operation through Yoga's fetch (real HTTP semantics, no port) as the given actor. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    actor?: Actor,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Runs fn and returns the SQL statements Prisma sent meanwhile. */
  countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
}

export const superuser = actorWithPermissions('test superuser', ['*'], 'user');

/**
 * Tests that are about what an actor may do name the actor of each request through this map,
 * keyed by a header only the test API reads. Authentication itself (sessions, API tokens) is
 * tested through the real authenticator with `createTestApi(db, plugins, { realAuth: true })`.
 */
export function createTestApi(
  db: Database,
  plugins: readonly GeaPlugin[],
  options: { realAuth?: boolean } & Partial<Omit<ApiOptions, 'db' | 'plugins' | 'authenticate'>> = {},
): TestApi {
  const actors = new Map<string, Actor>();
  let next = 0;
  const { realAuth, ...apiOptions } = options;
  // Statements are counted as production sends them: no check against the resolvers meanwhile.
  let counting = 0;
  const api = createApi({
    db,
    plugins,
    authenticate: realAuth ? undefined : ({ request }) => actors.get(request.headers.get('x-test-actor') ?? '') ?? anonymousActor,
    // Requests naming their actor by a test header carry no credentials: rate limits would take them for anonymous.
    rateLimits: realAuth ? undefined : false,
    // Every compiled read of the tests is checked against the resolvers' answer.
    compiledReads: { verify: () => counting === 0 },
    ...apiOptions,
  });
  return {
    ...api,
    async gql(query, variables, actor = superuser, headers = {}) {
      const key = String(next++);
      actors.set(key, actor);
      try {
        const response = await api.yoga.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers, 'x-test-actor': key },
          body: JSON.stringify({ query, variables }),
        });
        return { status: response.status, body: (await response.json()) as any, headers: response.headers };
      } finally {
        actors.delete(key);
      }
    },
    async countStatements(fn) {
      const statements: string[] = [];
      const stop = db.onQuery((event) => statements.push(event.query));
      counting += 1;
      try {
        const result = await fn();
        return { result, statements };
      } finally {
        counting -= 1;
        stop();
      }
    },
  };
}

/** For a test file: a fresh database and an API over it before the tests, discarded after them. */
export function useTestApi(plugins: readonly GeaPlugin[]): { readonly db: Database; readonly api: TestApi } {
  const state: { db?: Database; api?: TestApi } = {};
  beforeAll(async () => {
    state.db = await createTestDatabase();
    state.api = createTestApi(state.db, plugins);
  });
  afterAll(() => state.db?.close());
  return {
    get db() {
      return state.db!;
    },
    get api() {
      return state.api!;
    },
  };
}

// One API per database and plugin list, so that requests of a test file share its rate-limit counters as a client's would.
const realAuthApis = new WeakMap<Database, Map<string, TestApi>>();
function realAuthApi(db: Database, plugins: readonly GeaPlugin[]): TestApi {
  let apis = realAuthApis.get(db);
  if (!apis) realAuthApis.set(db, (apis = new Map()));
  const key = plugins.map((plugin) => plugin.key).join(',');
  let api = apis.get(key);
  if (!api) apis.set(key, (api = createTestApi(db, plugins, { realAuth: true })));
  return api;
}

/** A request through the real authenticator: anonymous without a token, else `Authorization: Bearer <token>`. */
export async function postWithRealAuth(
  db: Database,
  plugins: readonly GeaPlugin[],
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ status: number; body: { data?: any; errors?: any[] } }> {
  const api = realAuthApi(db, plugins);
  const response = await api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
}
