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
  pluginStateLines,
  SharedStoreConfigError,
  redisKeyPrefixFromEnv,
  redisUrlFromEnv,
  seedDemoData,
  type EventBus,
  type PlatformJobs,
} from '@gea/core';
import { DatabaseStartupError, openDatabase, serveEmbeddedControl, targetFromEnv, type ControlChannel, type Database } from '@gea/db';
import { applyMigrations, assertMigratable, migrationStatus } from '@gea/db/migrations';
import { ConfigError, loadInstalledPlugins } from './config.ts';
import { serverLimitsFromEnv } from './limits-config.ts';
import { createApi } from './server.ts';
import { redisPendingSignIns, type PendingSignInStore } from './yoga/oidc-pending.ts';
import { oidcLoginUrlFor, type OidcLoginOptions } from './yoga/use-oidc-login.ts';
import { prepareWebClient, type PreparedWebClient } from './yoga/use-web-client.ts';

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

export async function start(env: NodeJS.ProcessEnv = process.env, log = (line: string) => console.log(line)): Promise<StartedServer> {
  const startedAt = performance.now();
  const production = env.NODE_ENV === 'production';
  const port = parsePort(env.PORT);
  const host = env.HOST?.trim() || '127.0.0.1';
  const corsOrigins = (env.GEA_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const oidc = oidcFromEnv(env);
  const limits = serverLimitsFromEnv(env);
  // Fail on a bad plugin graph or an unscoped field before touching the database.
  const composed = composeSchema(await loadInstalledPlugins(env), {
    ...defaultAuthOptions,
    oidcLoginUrl: oidc ? oidcLoginUrlFor(oidc) : null,
  });

  const target = targetFromEnv(env);
  const db = await openDatabase(target, {
    poolSize: limits.poolSize,
    acquireTimeoutMs: limits.acquireTimeoutMs,
    statementTimeoutMs: limits.statementTimeoutMs,
  });
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
    const redisUrl = redisUrlFromEnv(env);
    const redisPrefix = redisKeyPrefixFromEnv(env);
    events = createEventBus({ redisUrl, keyPrefix: redisPrefix, log });
    if (oidc && redisUrl) pendingSignIns = redisPendingSignIns(openRedis(redisUrl, 'oidc-pending'), redisPrefix);
    const { yoga } = createApi({
      db,
      plugins: composed,
      development: !production,
      corsOrigins,
      oidc: oidc && pendingSignIns ? { ...oidc, pendingSignIns } : oidc,
      webClient: web.files,
      timeouts: limits,
      events,
    });
    server = createServer();
    server.on('request', await web.handler(server, yoga));
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
  if (events?.shared) log(`shared state over Redis (${redisKeyPrefixFromEnv(env)}*): subscription events, OpenID Connect sign-ins in progress`);
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
      await db.close();
    },
  };
}
