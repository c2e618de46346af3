import {
  composeSchema,
  createAuthenticator,
  createContext,
  createEventBus,
  defaultAuthOptions,
  type Actor,
  type AuthenticationAttempt,
  type ComposedSchema,
  type EventBus,
  type GeaContext,
  type GeaPlugin,
  serviceUnavailableErrorOf,
} from '@gea/core';
import type { Database } from '@gea/db';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, maskError, type YogaLogger, type YogaServerInstance } from 'graphql-yoga';
import { useErrorReporting } from './yoga/use-error-reporting.ts';
import { useHealth } from './yoga/use-health.ts';
import { useRequestTimeout } from './yoga/use-request-timeout.ts';
import { oidcLoginUrlFor, useOidcLogin, type OidcLoginOptions } from './yoga/use-oidc-login.ts';
import { compilePluginRoutes, usePluginRoutes } from './yoga/use-plugin-routes.ts';
import { useRequestErrorStatus } from './yoga/use-request-error-status.ts';
import { requestIdOf, useRequestId } from './yoga/use-request-id.ts';
import { useWebClient } from './yoga/use-web-client.ts';
import type { StaticFile } from '@gea/web/server';

/** Decides who sends a request; by default sessions and API tokens (`Authorization: Bearer ...`). */
export type Authenticate = (attempt: AuthenticationAttempt) => Actor | Promise<Actor>;

export interface ApiOptions {
  db: Database;
  /** Installed plugins, or a schema already composed from them. */
  plugins: readonly GeaPlugin[] | ComposedSchema;
  authenticate?: Authenticate;
  /** GraphiQL and info logging; off in production. */
  development?: boolean;
  /** Origins allowed to call the API from a browser (CORS); none by default, same-origin always works. */
  corsOrigins?: readonly string[];
  /** OpenID Connect sign-in; off (routes answer 404) when unset. A schema passed already composed must have been given its `oidcLoginUrl`. */
  oidc?: OidcLoginOptions;
  /** The built web client, served from `/` (see prepareWebClient); none: the API alone. */
  webClient?: ReadonlyMap<string, StaticFile>;
  /** Time limits (see start.ts for the environment variables): /health's answer and each request's database work. */
  timeouts?: { healthTimeoutMs?: number; requestTimeoutMs?: number };
  /** Events for subscriptions (`createEventBus`; over Redis to share them between processes); default: this API alone. */
  events?: EventBus;
}

export interface Api {
  yoga: YogaServerInstance<Record<string, unknown>, GeaContext>;
  composed: ComposedSchema;
}

function createLogger(development: boolean): YogaLogger {
  return {
    debug: () => {},
    info: (...args) => development && console.info(...args),
    warn: (...args) => console.warn(...args),
    // Errors of a GraphQL operation were already logged with their request id by useErrorReporting.
    error: (...args) => {
      const [first] = args as [{ extensions?: { requestId?: unknown } } | undefined];
      if (first?.extensions?.requestId === undefined) console.error(...args);
    },
  };
}

export function createApi({
  db,
  plugins,
  authenticate,
  development = false,
  corsOrigins = [],
  oidc,
  webClient,
  timeouts = {},
  events = createEventBus(),
}: ApiOptions): Api {
  const composed =
    'schema' in plugins ? plugins : composeSchema(plugins, { ...defaultAuthOptions, oidcLoginUrl: oidc ? oidcLoginUrlFor(oidc) : null });
  const identify = authenticate ?? createAuthenticator({ permissions: composed.permissions });
  const installedModules = new Set(composed.plugins.map((plugin) => plugin.key));
  const contextOf = async (request: Request) => {
    const requestId = requestIdOf(request);
    const actor = await identify({ request, prisma: db.prisma, requestId });
    return createContext({ requestId, prisma: db.prisma, actor, installedModules, events });
  };
  const yoga = createYoga<Record<string, unknown>, GeaContext>({
    schema: composed.schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/live',
    landingPage: false,
    graphiql: development ? { title: 'GEA', defaultQuery: '{ installedPlugins { key name } }' } : false,
    // GraphiQL bundled in the package: Yoga's default page loads it from a CDN, unreachable offline.
    renderGraphiQL,
    // Yoga echoes any Origin with credentials by default; only configured origins may read responses.
    cors: corsOrigins.length > 0 ? { origin: [...corsOrigins], credentials: true } : false,
    // Unexpected errors reach clients as "Unexpected error." with the request id, never a stack trace.
    maskedErrors: {
      isDev: false,
      maskError: (error, message) => {
        // The database could not serve the request in time: 503 with Retry-After, not "Unexpected error."
        const requestId = (error as { extensions?: { requestId?: unknown } }).extensions?.requestId;
        const unavailable = serviceUnavailableErrorOf(error);
        if (unavailable) {
          if (requestId !== undefined) (unavailable.extensions as Record<string, unknown>).requestId = requestId;
          return unavailable;
        }
        const masked = maskError(error, message, false);
        if (masked !== error && requestId !== undefined) {
          (masked as unknown as { extensions: Record<string, unknown> }).extensions.requestId = requestId;
        }
        return masked;
      },
    },
    logging: createLogger(development),
    plugins: [
      useRequestTimeout({ requestTimeoutMs: timeouts.requestTimeoutMs }),
      useRequestId(),
      useHealth(db, { timeoutMs: timeouts.healthTimeoutMs }),
      ...(oidc ? [useOidcLogin(db.prisma, oidc)] : []),
      // before the web client, whose pages share the `/<key>` prefix
      usePluginRoutes(compilePluginRoutes(composed.plugins), contextOf),
      ...(webClient ? [useWebClient(webClient)] : []),
      // Requests a browser could send cross-site without a preflight (GET, multipart) need a custom header.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'x-gea-client'] }),
      useRequestErrorStatus(),
      useErrorReporting(),
    ],
    context: ({ request }) => contextOf(request),
  });
  return { yoga, composed };
}
