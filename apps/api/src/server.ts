import { anonymousActor, composeSchema, createContext, type Actor, type ComposedSchema, type GeaContext, type GeaPlugin } from '@gea/core';
import type { Database } from '@gea/db';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { useHealth } from './yoga/use-health.ts';
import { useRequestErrorStatus } from './yoga/use-request-error-status.ts';
import { requestIdOf, useRequestId } from './yoga/use-request-id.ts';

/** Decides who sends a request. The core domain adds sessions and API tokens; until then, anonymous. */
export type Authenticate = (request: Request, db: Database) => Actor | Promise<Actor>;

export interface ApiOptions {
  db: Database;
  plugins: readonly GeaPlugin[];
  authenticate?: Authenticate;
  /** GraphiQL and detailed error messages; off in production. */
  development?: boolean;
}

export interface Api {
  yoga: YogaServerInstance<Record<string, unknown>, GeaContext>;
  composed: ComposedSchema;
}

export function createApi({ db, plugins, authenticate = () => anonymousActor, development = false }: ApiOptions): Api {
  const composed = composeSchema(plugins);
  const yoga = createYoga<Record<string, unknown>, GeaContext>({
    schema: composed.schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/live',
    landingPage: false,
    graphiql: development ? { title: 'GEA', defaultQuery: '{ installedPlugins { key name } }' } : false,
    // GraphiQL bundled in the package: Yoga's default page loads it from a CDN, unreachable offline.
    renderGraphiQL,
    // Unexpected errors reach clients as "Unexpected error." with the request id, never a stack trace.
    maskedErrors: { isDev: false },
    logging: development ? 'info' : 'warn',
    plugins: [useRequestId(), useHealth(db), useRequestErrorStatus()],
    context: async ({ request }) =>
      createContext({ requestId: requestIdOf(request), prisma: db.prisma, actor: await authenticate(request, db) }),
  });
  return { yoga, composed };
}
