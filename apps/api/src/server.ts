import {
  composeSchema,
  createAuthenticator,
  createContext,
  defaultAuthOptions,
  type Actor,
  type AuthenticationAttempt,
  type ComposedSchema,
  type GeaContext,
  type GeaPlugin,
} from '@gea/core';
import type { Database } from '@gea/db';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, maskError, type Plugin, type YogaLogger, type YogaServerInstance } from 'graphql-yoga';
import { useErrorReporting } from './yoga/use-error-reporting.ts';
import { useHealth } from './yoga/use-health.ts';
import { oidcLoginUrlFor, useOidcLogin, type OidcLoginOptions } from './yoga/use-oidc-login.ts';
import { compilePluginRoutes, usePluginRoutes } from './yoga/use-plugin-routes.ts';
import { useRequestErrorStatus } from './yoga/use-request-error-status.ts';
import { requestIdOf, useRequestId } from './yoga/use-request-id.ts';
import { useWebClient } from './yoga/use-web-client.ts';
import { createCallers, useCaller } from './yoga/use-caller.ts';
import { defaultQueryLimits, useQueryLimits, type QueryLimits } from './yoga/use-query-limits.ts';
import { useRefusalMessages } from './yoga/refusals.ts';
import { useIntrospectionPolicy, type IntrospectionPolicy } from './yoga/use-introspection-policy.ts';
import { useTrustedDocuments, type TrustedDocumentsOptions } from './yoga/use-trusted-documents.ts';
import { defaultIdempotencyOptions, useIdempotencyKeys, type IdempotencyOptions } from './yoga/use-idempotency-keys.ts';
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
  /** Bounds on every GraphQL request (depth, aliases, tokens, cost per kind of caller); defaults: defaultQueryLimits. */
  queryLimits?: QueryLimits;
  /** Who may introspect the schema (and get "Did you mean" suggestions); default: everybody in development, ICT staff otherwise. */
  introspection?: IntrospectionPolicy;
  /** The web client's documents by hash; with `only`, other documents only from API tokens. None: every request sends its text. */
  trustedDocuments?: TrustedDocumentsOptions;
  /** Idempotency keys of mutations (`Idempotency-Key` header): how long first answers are replayed. */
  idempotency?: IdempotencyOptions;
  /** More Yoga plugins, after GEA's own (tests count executions with one). */
  yogaPlugins?: readonly Plugin[];
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
  queryLimits = defaultQueryLimits,
  introspection = development ? 'on' : 'staff',
  trustedDocuments,
  idempotency = defaultIdempotencyOptions,
  yogaPlugins = [],
}: ApiOptions): Api {
  const composed =
    'schema' in plugins ? plugins : composeSchema(plugins, { ...defaultAuthOptions, oidcLoginUrl: oidc ? oidcLoginUrlFor(oidc) : null });
  const identify = authenticate ?? createAuthenticator({ permissions: composed.permissions });
  const installedModules = new Set(composed.plugins.map((plugin) => plugin.key));
  // Authenticated once per request: the checks before validation need the caller, and so does the context.
  const callers = createCallers((request) => identify({ request, prisma: db.prisma, requestId: requestIdOf(request) }));
  const contextOf = async (request: Request) => {
    const requestId = requestIdOf(request);
    const actor = await callers.actorOf(request);
    return createContext({ requestId, prisma: db.prisma, actor, installedModules });
  };
  const yoga = createYoga<Record<string, unknown>, GeaContext>({
    schema: composed.schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/live',
    landingPage: false,
    // Validation results depend on the caller (cost ceiling, introspection): never reuse them across requests.
    parserAndValidationCache: { validationCache: false },
    graphiql: development ? { title: 'GEA', defaultQuery: '{ installedPlugins { key name } }' } : false,
    // GraphiQL bundled in the package: Yoga's default page loads it from a CDN, unreachable offline.
    renderGraphiQL,
    // Yoga echoes any Origin with credentials by default; only configured origins may read responses.
    cors: corsOrigins.length > 0 ? { origin: [...corsOrigins], credentials: true } : false,
    // Unexpected errors reach clients as "Unexpected error." with the request id, never a stack trace.
    maskedErrors: {
      isDev: false,
      maskError: (error, message) => {
        const masked = maskError(error, message, false);
        const requestId = (error as { extensions?: { requestId?: unknown } }).extensions?.requestId;
        if (masked !== error && requestId !== undefined) {
          (masked as unknown as { extensions: Record<string, unknown> }).extensions.requestId = requestId;
        }
        return masked;
      },
    },
    logging: createLogger(development),
    plugins: [
      useRequestId(),
      useHealth(db),
      ...(oidc ? [useOidcLogin(db.prisma, oidc)] : []),
      // before the web client, whose pages share the `/<key>` prefix
      usePluginRoutes(compilePluginRoutes(composed.plugins), contextOf),
      ...(webClient ? [useWebClient(webClient)] : []),
      // Requests a browser could send cross-site without a preflight (GET, multipart) need a custom header.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'x-gea-client'] }),
      useRequestErrorStatus(),
      useErrorReporting(),
      useCaller(callers),
      ...(trustedDocuments ? useTrustedDocuments(callers, trustedDocuments) : []),
      // after trusted documents, which may put the operation's text in place of its hash
      useIdempotencyKeys(db.prisma, callers, idempotency),
      useIntrospectionPolicy(callers, introspection),
      ...useQueryLimits(callers, queryLimits),
      useRefusalMessages(),
      ...yogaPlugins,
    ],
    context: ({ request }) => contextOf(request),
  });
  return { yoga, composed };
}
