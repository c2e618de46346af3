import {
  clientAddressOf,
  composeSchema,
  createAuthenticator,
  createContext,
  createRateLimits,
  createRefusalLog,
  createEventBus,
  defaultAuthOptions,
  defaultRateLimitSettings,
  trustedProxies,
  type Actor,
  type AuthenticationAttempt,
  type ComposedSchema,
  type EventBus,
  type GeaContext,
  type GeaPlugin,
  type RateLimitSettings,
  serviceUnavailableErrorOf,
} from '@gea/core';
import type { Redis } from 'ioredis';
import type { Database } from '@gea/db';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createFetch } from '@whatwg-node/fetch';
import type { IncomingMessage } from 'node:http';
import { createYoga, maskError, type Plugin, type YogaLogger, type YogaServerInstance } from 'graphql-yoga';
import { useErrorReporting } from './yoga/use-error-reporting.ts';
import { useHealth } from './yoga/use-health.ts';
import { useRequestTimeout } from './yoga/use-request-timeout.ts';
import { oidcLoginUrlFor, useOidcLogin, type OidcLoginOptions } from './yoga/use-oidc-login.ts';
import { compilePluginRoutes, usePluginRoutes } from './yoga/use-plugin-routes.ts';
import { useRateLimits } from './yoga/use-rate-limits.ts';
import { useRequestErrorStatus } from './yoga/use-request-error-status.ts';
import { useStreamRevalidation } from './yoga/use-stream-revalidation.ts';
import { requestIdOf, useRequestId } from './yoga/use-request-id.ts';
import { useUploadGuard } from './yoga/use-upload-guard.ts';
import { isApiPath, useWebClient } from './yoga/use-web-client.ts';
import { isSitesPath, useSites } from './yoga/use-sites.ts';
import { createCallers, useCaller } from './yoga/use-caller.ts';
import { defaultQueryLimits, useQueryLimits, type QueryLimits } from './yoga/use-query-limits.ts';
import { useRefusalMessages } from './yoga/refusals.ts';
import { useValidationCache } from './yoga/use-validation-cache.ts';
import { useCompiledReads, type CompiledReadsOptions } from './yoga/use-compiled-reads.ts';
import { useSplicedJson } from './yoga/use-spliced-json.ts';
import { useCursorCheck } from './yoga/use-cursor-check.ts';
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
  /** The bodies' sites under /sites/ (apps/site), read from the web-hosting plugin's public API. */
  sites?: boolean;
  /** How often an open subscription's credential is checked again when no event comes (default 5 s). */
  streamRecheckMs?: number;
  /** Limits on anonymous requests, refused credentials and sign-in guesses; false: none (tests of other things). */
  rateLimits?: Partial<RateLimitSettings> | false;
  /** The shared Redis for rate-limit counters (several API processes); none: counted in this process. */
  redis?: Redis | null;
  /** Prefix of the counters' keys in Redis (default `gea:rl:`). */
  rateLimitKeyPrefix?: string;
  /** Proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client; none by default. */
  trustedProxies?: readonly string[];
  /** Largest multipart upload in bytes (default 50 MB). */
  uploadMaxBytes?: number;
  /** Window of the audit's summaries of refused credentials (default one minute). */
  refusalSummaryMs?: number;
  /** Bounds on every GraphQL request (depth, aliases, tokens, cost per kind of caller); defaults: defaultQueryLimits. */
  queryLimits?: QueryLimits;
  /** Who may introspect the schema (and get "Did you mean" suggestions); default: everybody in development, ICT staff otherwise. */
  introspection?: IntrospectionPolicy;
  /** The web client's documents by hash; with `only`, other documents only from API tokens. None: every request sends its text. */
  trustedDocuments?: TrustedDocumentsOptions;
  /** Idempotency keys of mutations (`Idempotency-Key` header): how long first answers are replayed. */
  idempotency?: IdempotencyOptions;
  /**
   * Queries answered from one SQL statement where the whole operation compiles (default on); the
   * resolvers answer the rest. `observe` is told how each query was answered.
   */
  compiledReads?: boolean | Partial<CompiledReadsOptions>;
  /** Values resolvers write as JSON text (spliceJson) go into responses as they are (default on; off: tests compare). */
  splicedJson?: boolean;
  /** More Yoga plugins, after GEA's own (tests count executions with one). */
  yogaPlugins?: readonly Plugin[];
  /** Time limits (see start.ts for the environment variables): /health's answer and each request's database work. */
  timeouts?: { healthTimeoutMs?: number; requestTimeoutMs?: number };
  /** Events for subscriptions (`createEventBus`; over Redis to share them between processes); default: this API alone. */
  events?: EventBus;
}

export interface Api {
  yoga: YogaServerInstance<Record<string, unknown>, GeaContext>;
  composed: ComposedSchema;
  /** Writes what is still pending (the summary of refusals): call when the server stops. */
  close(): Promise<void>;
}

/** Signature files, the multipart spec's `operations` and `map` fields: a few files, small fields. */
const MULTIPART_LIMITS = { files: 10, fields: 20, fieldSize: 1024 * 1024, parts: 30 };

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
  sites = false,
  streamRecheckMs = 5_000,
  rateLimits,
  redis,
  rateLimitKeyPrefix,
  trustedProxies: proxyList = [],
  uploadMaxBytes = 50 * 1024 * 1024,
  refusalSummaryMs,
  queryLimits = defaultQueryLimits,
  introspection = development ? 'on' : 'staff',
  trustedDocuments,
  idempotency = defaultIdempotencyOptions,
  yogaPlugins = [],
  compiledReads = true,
  splicedJson = true,
  timeouts = {},
  events = createEventBus(),
}: ApiOptions): Api {
  const composed =
    'schema' in plugins ? plugins : composeSchema(plugins, { ...defaultAuthOptions, oidcLoginUrl: oidc ? oidcLoginUrlFor(oidc) : null });
  const refusals = createRefusalLog(db.prisma, { windowMs: refusalSummaryMs });
  const identify = authenticate ?? createAuthenticator({ permissions: composed.permissions, refusals });
  const installedModules = new Set(composed.plugins.map((plugin) => plugin.key));
  const limits = rateLimits === false ? undefined : createRateLimits({ ...defaultRateLimitSettings, ...rateLimits }, { redis, keyPrefix: rateLimitKeyPrefix });
  const proxies = trustedProxies(proxyList);
  const pluginRoutes = compilePluginRoutes(composed.plugins);

  // Worked out once per request, by whichever needs it first (rate limits, the upload guard, the context).
  const addresses = new WeakMap<Request, string>();
  const addressOf = (request: Request, serverContext?: unknown) => {
    let address = addresses.get(request);
    if (address === undefined) {
      const socket = (serverContext as { req?: IncomingMessage } | undefined)?.req?.socket;
      address = clientAddressOf(socket?.remoteAddress, request.headers.get('x-forwarded-for'), proxies);
      addresses.set(request, address);
    }
    return address;
  };
  // Authenticated once per request: rate limits, the upload guard, the checks before validation and the context all need the caller.
  const callers = createCallers((request) =>
    identify({ request, prisma: db.prisma, requestId: requestIdOf(request), clientAddress: addressOf(request) }),
  );
  const actorOf = (request: Request) => callers.actorOf(request);
  const contextOf = async (request: Request, serverContext?: unknown) => {
    const requestId = requestIdOf(request);
    const actor = await actorOf(request);
    const clientAddress = addressOf(request, serverContext);
    return createContext({ requestId, prisma: db.prisma, actor, installedModules, clientAddress, rateLimits: limits, refusals, events });
  };
  const fetchOwnRoute = (url: string, init: RequestInit, serverContext: unknown): Promise<Response> =>
    Promise.resolve(yoga.fetch(url, init, serverContext as Record<string, unknown>));
  const yoga: YogaServerInstance<Record<string, unknown>, GeaContext> = createYoga<Record<string, unknown>, GeaContext>({
    schema: composed.schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/live',
    landingPage: false,
    // Yoga's validation cache would keep verdicts that depend on the caller (cost ceiling,
    // introspection): use-validation-cache.ts keeps graphql-js' own verdict only.
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
    // Multipart bodies are held to these limits while they stream, whatever their declared length.
    fetchAPI: createFetch({ formDataLimits: { ...MULTIPART_LIMITS, fileSize: uploadMaxBytes } }),
    plugins: [
      useRequestTimeout({ requestTimeoutMs: timeouts.requestTimeoutMs }),
      useRequestId(),
      useHealth(db, { timeoutMs: timeouts.healthTimeoutMs }),
      ...(limits
        ? [
            useRateLimits({
              limits,
              refusals,
              // the sites' pages are not counted: the API calls behind them are, for the same visitor
              guards: (pathname) =>
                (isApiPath(pathname) && pathname !== '/live' && pathname !== '/health' && !isSitesPath(pathname)) || pluginRoutes.serves(pathname),
              addressOf,
              actorOf,
            }),
          ]
        : []),
      useUploadGuard({ maxBytes: uploadMaxBytes, actorOf }),
      ...(oidc ? [useOidcLogin(db.prisma, oidc)] : []),
      // before the web client, whose pages share the `/<key>` prefix
      usePluginRoutes(pluginRoutes, (request) => contextOf(request)),
      // in-process calls of the public API, as the visitor (their socket: their rate limits)
      ...(sites ? [useSites(fetchOwnRoute)] : []),
      ...(webClient ? [useWebClient(webClient)] : []),
      // Requests a browser could send cross-site without a preflight (GET, multipart) need a custom header.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'x-gea-client'] }),
      useRequestErrorStatus(),
      useErrorReporting(),
      useStreamRevalidation({
        authenticate: (request) =>
          Promise.resolve(identify({ request, prisma: db.prisma, requestId: requestIdOf(request), clientAddress: addressOf(request) })),
        intervalMs: streamRecheckMs,
      }),
      useCaller(callers),
      ...(trustedDocuments ? useTrustedDocuments(callers, trustedDocuments) : []),
      // after trusted documents, which may put the operation's text in place of its hash
      useIdempotencyKeys(db.prisma, callers, idempotency),
      useIntrospectionPolicy(callers, introspection),
      ...useQueryLimits(callers, queryLimits),
      useRefusalMessages(),
      ...yogaPlugins,
      // after every plugin that adds validation rules: they are part of its key
      useValidationCache(),
      // a page after something no list gave as a cursor: refused before the resolvers or a statement see it
      useCursorCheck(),
      // lists of thousands of computed lines written as JSON by their resolvers (spliceJson)
      ...(splicedJson ? [useSplicedJson()] : []),
      // last: every other plugin has seen the operation before it may be answered without the resolvers
      useCompiledReads(
        typeof compiledReads === 'boolean' ? { enabled: compiledReads } : { enabled: true, ...compiledReads },
      ),
    ],
    context: (initial) => contextOf(initial.request, initial),
  });
  return { yoga, composed, close: () => refusals.close() };
}
