import { createServer, type Server } from 'node:http';
import {
  composeSchema,
  createEventBus,
  openRedis,
  createPlatformJobs,
  defaultAuthOptions,
  JobConfigError,
  MailConfigError,
  MissingScopeError,
  NotificationConfigError,
  PluginGraphError,
  redisUrlFromEnv,
  SharedStoreConfigError,
  TrustedProxiesConfigError,
  pluginStateLines,
  redisKeyPrefixFromEnv,
  seedDemoData,
  type EventBus,
  type PlatformJobs,
} from '@gea/core';
import { DatabaseStartupError, openDatabase, serveEmbeddedControl, targetFromEnv, type ControlChannel, type Database } from '@gea/db';
import { applyMigrations, assertMigratable, migrationStatus } from '@gea/db/migrations';
import { ConfigError, loadInstalledPlugins } from './config.ts';
import { requestGuardsFromEnv } from './request-guards-config.ts';
import { serverLimitsFromEnv } from './limits-config.ts';
import { createApi } from './server.ts';
import { redisPendingSignIns, type PendingSignInStore } from './yoga/oidc-pending.ts';
import { oidcLoginUrlFor, type OidcLoginOptions } from './yoga/use-oidc-login.ts';
import { prepareWebClient, type PreparedWebClient } from './yoga/use-web-client.ts';
import { defaultQueryLimits, type QueryLimits } from './yoga/use-query-limits.ts';
import type { IntrospectionPolicy } from './yoga/use-introspection-policy.ts';
import type { TrustedDocumentsOptions } from './yoga/use-trusted-documents.ts';
import type { IdempotencyOptions } from './yoga/use-idempotency-keys.ts';
import { trustedDocumentsManifest, TrustedDocumentsError } from '@gea/web/server';

export interface StartedServer {
  url: string;
  server: Server;
  db: Database;
  /** Scheduled jobs and notifications; null with GEA_JOBS=off. */
  jobs: PlatformJobs | null;
  stop(): Promise<void>;
}

/** Failures a person can fix from one line: wrong configuration, unreachable or unsuitable database. */
export function isStartupError(error: unknown): error is Error {
  return (
    error instanceof DatabaseStartupError ||
    error instanceof PluginGraphError ||
    error instanceof ConfigError ||
    error instanceof MissingScopeError ||
    error instanceof JobConfigError ||
    error instanceof MailConfigError ||
    error instanceof NotificationConfigError ||
    error instanceof SharedStoreConfigError ||
    error instanceof TrustedProxiesConfigError ||
    error instanceof TrustedDocumentsError ||
    (error as NodeJS.ErrnoException)?.code === 'EADDRINUSE'
  );
}

async function prepareDatabase(db: Database, log: (line: string) => void): Promise<void> {
  const status = await migrationStatus(db);
  assertMigratable(status, db.describe());
  if (status.pending.length === 0) return;
  if (db.target.kind === 'postgres') {
    // Several API processes may share one server: migrating is an explicit step there.
    throw new DatabaseStartupError(
      `${db.describe()} has ${status.pending.length} pending migration(s) (${status.pending.join(', ')}); run: npm run db:migrate`,
    );
  }
  const applied = await applyMigrations(db, undefined, status);
  log(`applied ${applied.length} migration(s) to ${db.describe()}`);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 4000;
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new ConfigError(`PORT must be a number between 0 and 65535 (got "${value}")`);
  }
  return port;
}

/** OpenID Connect sign-in from GEA_OIDC_*; off without an issuer. */
function oidcFromEnv(env: NodeJS.ProcessEnv): OidcLoginOptions | undefined {
  const issuer = env.GEA_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const clientId = env.GEA_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.GEA_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    throw new ConfigError('GEA_OIDC_ISSUER is set: set GEA_OIDC_CLIENT_ID and GEA_OIDC_CLIENT_SECRET too (from the client registered at the issuer)');
  }
  // Tokens and the client secret travel to the issuer: plain http only on this machine.
  const issuerUrl = URL.parse(issuer);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuerUrl?.hostname ?? '');
  if (issuerUrl?.protocol !== 'https:' && !(issuerUrl?.protocol === 'http:' && loopback)) {
    throw new ConfigError(`GEA_OIDC_ISSUER must be an https URL (plain http only on 127.0.0.1 or localhost; got "${issuer}")`);
  }
  const redirectUri = env.GEA_OIDC_REDIRECT_URI?.trim() || undefined;
  if (redirectUri && !/^https?:$/.test(URL.parse(redirectUri)?.protocol ?? '')) {
    throw new ConfigError(`GEA_OIDC_REDIRECT_URI must be an absolute http(s) URL (got "${redirectUri}")`);
  }
  return { issuer, clientId, clientSecret, redirectUri, postLoginUrl: env.GEA_OIDC_POST_LOGIN_URL?.trim() || '/' };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new ConfigError(`${name} must be a whole number of at least 1 (got "${value}")`);
  return Number(value);
}

/** Query limits from GEA_QUERY_*; each unset variable keeps its default (see README, Query limits). */
export function queryLimitsFromEnv(env: NodeJS.ProcessEnv): QueryLimits {
  const d = defaultQueryLimits;
  return {
    ...d,
    maxLength: positiveInteger(env, 'GEA_QUERY_MAX_LENGTH', d.maxLength),
    maxTokens: positiveInteger(env, 'GEA_QUERY_MAX_TOKENS', d.maxTokens),
    maxDepth: positiveInteger(env, 'GEA_QUERY_MAX_DEPTH', d.maxDepth),
    maxAliases: positiveInteger(env, 'GEA_QUERY_MAX_ALIASES', d.maxAliases),
    maxDirectives: positiveInteger(env, 'GEA_QUERY_MAX_DIRECTIVES', d.maxDirectives),
    maxCost: {
      anonymous: positiveInteger(env, 'GEA_QUERY_MAX_COST_ANONYMOUS', d.maxCost.anonymous),
      member: positiveInteger(env, 'GEA_QUERY_MAX_COST_MEMBER', d.maxCost.member),
      staff: positiveInteger(env, 'GEA_QUERY_MAX_COST_STAFF', d.maxCost.staff),
    },
  };
}

/** GEA_IDEMPOTENCY_TTL_HOURS: how long the first answer to a mutation with an Idempotency-Key is replayed (default 24). */
export function idempotencyFromEnv(env: NodeJS.ProcessEnv): IdempotencyOptions {
  return { ttlMs: positiveInteger(env, 'GEA_IDEMPOTENCY_TTL_HOURS', 24) * 60 * 60 * 1000 };
}

/** GEA_INTROSPECTION: on, staff or off; default on in development, staff in production. */
export function introspectionFromEnv(env: NodeJS.ProcessEnv, production: boolean): IntrospectionPolicy {
  const value = env.GEA_INTROSPECTION?.trim() || (production ? 'staff' : 'on');
  if (value !== 'on' && value !== 'staff' && value !== 'off') {
    throw new ConfigError(`GEA_INTROSPECTION must be on, staff or off (got "${value}")`);
  }
  return value;
}

/**
 * The web client's documents by hash, built from its sources now; GEA_TRUSTED_DOCUMENTS=only refuses
 * other documents except from API tokens. With the client in development (Vite), a hash not found
 * reads the sources again, at most once a second.
 */
export async function trustedDocumentsFromEnv(env: NodeJS.ProcessEnv): Promise<TrustedDocumentsOptions> {
  const mode = env.GEA_TRUSTED_DOCUMENTS?.trim() || 'accept';
  if (mode !== 'accept' && mode !== 'only') {
    throw new ConfigError(`GEA_TRUSTED_DOCUMENTS must be accept or only (got "${mode}")`);
  }
  let manifest = await trustedDocumentsManifest();
  let readAt = Date.now();
  const reread = env.GEA_WEB_CLIENT === 'dev';
  return {
    only: mode === 'only',
    async lookup(hash) {
      if (!manifest.has(hash) && reread && Date.now() - readAt > 1000) {
        readAt = Date.now();
        manifest = await trustedDocumentsManifest();
      }
      return manifest.get(hash) ?? null;
    },
  };
}

export async function start(env: NodeJS.ProcessEnv = process.env, log = (line: string) => console.log(line)): Promise<StartedServer> {
  const startedAt = performance.now();
  const production = env.NODE_ENV === 'production';
  const port = parsePort(env.PORT);
  const host = env.HOST?.trim() || '127.0.0.1';
  const corsOrigins = (env.GEA_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const oidc = oidcFromEnv(env);
  const queryLimits = queryLimitsFromEnv(env);
  const introspection = introspectionFromEnv(env, production);
  const trustedDocuments = await trustedDocumentsFromEnv(env);
  const idempotency = idempotencyFromEnv(env);
  const limits = serverLimitsFromEnv(env);
  // Fail on a bad plugin graph or an unscoped field before touching the database.
  const composed = composeSchema(await loadInstalledPlugins(env), {
    ...defaultAuthOptions,
    oidcLoginUrl: oidc ? oidcLoginUrlFor(oidc) : null,
  });

  const guards = requestGuardsFromEnv(env);
  const redisUrl = redisUrlFromEnv(env);

  const target = targetFromEnv(env);
  const db = await openDatabase(target, {
    poolSize: limits.poolSize,
    acquireTimeoutMs: limits.acquireTimeoutMs,
    statementTimeoutMs: limits.statementTimeoutMs,
    preparedStatements: limits.preparedStatements,
  });
  // Rate-limit counters shared by every API process on this Redis; without it, counted per process.
  const redis = redisUrl ? openRedis(redisUrl, 'rate-limits') : null;
  let api: ReturnType<typeof createApi> | undefined;
  let server: Server | undefined;
  let web: PreparedWebClient | undefined;
  let jobs: PlatformJobs | null = null;
  let control: ControlChannel | null = null;
  let events: EventBus | undefined;
  let pendingSignIns: PendingSignInStore | undefined;
  try {
    await prepareDatabase(db, log);
    // Demo data: on the embedded database unless switched off; on PostgreSQL only when asked for.
    const demo = env.GEA_DEMO_DATA ?? (target.kind === 'postgres' ? 'false' : 'true');
    if (!production && demo !== 'false') {
      const password = env.GEA_DEMO_PASSWORD || 'gea-demo';
      const accounts = await seedDemoData(db.prisma, composed.plugins, { password, log: (line) => log(`demo data: ${line}`) });
      if (accounts) {
        log('demo data: synthetic except the bodies, ISTAT codes and populations (data/entities.csv)');
        log(`demo accounts (password "${password}", from GEA_DEMO_PASSWORD):`);
        for (const account of accounts) log(`  ${account.email.padEnd(42)} ${account.role}${account.body ? ` (${account.body})` : ''}`);
      } else {
        log('demo data not seeded: the database is not empty');
      }
    }
    for (const line of await pluginStateLines(db.prisma, composed.plugins, { production })) log(line);
    // The embedded database is this process's alone: npm run db:backup asks it for a snapshot.
    if (target.kind === 'pglite') {
      control = await serveEmbeddedControl(target.dataDir, db.pglite!, log).catch((error: Error) => {
        log(`backup channel not available (${error.message}): stop the server to back up with npm run db:backup`);
        return null;
      });
    }
    // The web client: built if stale and served from `/`, or Vite in front of the API with GEA_WEB_CLIENT=dev.
    web = await prepareWebClient(env, composed, log);
    // Subscription events (and OIDC sign-ins in progress) over Redis when configured: several processes share them.
    const redisPrefix = redisKeyPrefixFromEnv(env);
    events = createEventBus({ redisUrl, keyPrefix: redisPrefix, log });
    if (oidc && redisUrl) pendingSignIns = redisPendingSignIns(openRedis(redisUrl, 'oidc-pending'), redisPrefix);
    api = createApi({
      db,
      plugins: composed,
      development: !production,
      corsOrigins,
      oidc: oidc && pendingSignIns ? { ...oidc, pendingSignIns } : oidc,
      webClient: web.files,
      sites: composed.plugins.some((plugin) => plugin.key === 'web-hosting'),
      redis,
      rateLimitKeyPrefix: `${redisKeyPrefixFromEnv(env)}rl:`,
      ...guards,
      queryLimits,
      introspection,
      trustedDocuments,
      idempotency,
      timeouts: limits,
      events,
      // GEA_COMPILED_READS=off: every query through the resolvers (to compare, or should the compiler be at fault)
      compiledReads: env.GEA_COMPILED_READS !== 'off',
    });
    server = createServer();
    server.on('request', await web.handler(server, api.yoga));
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, host, () => resolve());
    });
    // Scheduled jobs (once per occurrence across processes) and notifications; GEA_JOBS=off: none in this process.
    if (env.GEA_JOBS !== 'off') {
      const address = server.address();
      const listening = `http://${host === '0.0.0.0' ? 'localhost' : host}:${typeof address === 'object' && address ? address.port : port}`;
      jobs = createPlatformJobs({
        prisma: db.prisma,
        plugins: composed.plugins,
        permissions: composed.permissions,
        env,
        log,
        linkBase: env.GEA_PUBLIC_URL?.trim() || listening,
      });
    }
  } catch (error) {
    await jobs?.close();
    await control?.close();
    await events?.close();
    await pendingSignIns?.close();
    server?.close();
    await web?.close();
    await api?.close();
    redis?.disconnect();
    await db.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`port ${port} on ${host} is already in use; set PORT to another one`);
    }
    throw error;
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`;
  log(
    `GEA ready in ${Math.round(performance.now() - startedAt)} ms on ${db.describe()} ` +
      `with plugins: ${composed.plugins.map((p) => p.key).join(', ') || 'none'}`,
  );
  log(
    `${web.served ? `Web client: ${url}/   ` : ''}GraphQL: ${url}/graphql${production ? '' : ' (GraphiQL in the browser)'}   health: ${url}/health`,
  );
  if (jobs) {
    log(`jobs: ${jobs.runner.jobs.map((job) => `${job.key} (${job.schedule})`).join(', ') || 'none'}, times in Europe/Rome`);
    jobs.runner.start();
  }
  if (events?.shared) log(`shared state over Redis (${redisKeyPrefixFromEnv(env)}*): subscription events, OpenID Connect sign-ins in progress, rate-limit counters`);
  if (oidc) log(`OpenID Connect sign-in: ${new URL(oidcLoginUrlFor(oidc), url).href} with ${oidc.issuer} (discovered on first use)`);

  return {
    url,
    server,
    db,
    jobs,
    async stop() {
      await jobs?.close();
      await control?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await events?.close();
      await pendingSignIns?.close();
      await web.close();
      await api?.close();
      redis?.disconnect();
      await db.close();
    },
  };
}
