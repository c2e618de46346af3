import { createServer, type Server } from 'node:http';
import { composeSchema, MissingScopeError, PluginGraphError, seedDemoData, type GeaPlugin } from '@gea/core';
import { DatabaseStartupError, openDatabase, targetFromEnv, type Database } from '@gea/db';
import { applyMigrations, assertMigratable, migrationStatus } from '@gea/db/migrations';
import { ConfigError, loadInstalledPlugins } from './config.ts';
import { createApi } from './server.ts';

export interface StartedServer {
  url: string;
  server: Server;
  db: Database;
  stop(): Promise<void>;
}

/** Failures a person can fix from one line: wrong configuration, unreachable or unsuitable database. */
export function isStartupError(error: unknown): error is Error {
  return (
    error instanceof DatabaseStartupError ||
    error instanceof PluginGraphError ||
    error instanceof ConfigError ||
    error instanceof MissingScopeError ||
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
  const applied = await applyMigrations(db);
  log(`applied ${applied.length} migration(s) to ${db.describe()}`);
}

export async function start(env: NodeJS.ProcessEnv = process.env, log = (line: string) => console.log(line)): Promise<StartedServer> {
  const startedAt = performance.now();
  const production = env.NODE_ENV === 'production';
  const plugins: GeaPlugin[] = await loadInstalledPlugins(env);
  composeSchema(plugins); // fail on a bad plugin graph before touching the database

  const db = await openDatabase(targetFromEnv(env));
  try {
    await prepareDatabase(db, log);
    if (!production && env.GEA_DEMO_DATA !== 'false') {
      const seeded = await seedDemoData({ prisma: db.prisma, log: (line) => log(`demo data: ${line}`) }, plugins);
      if (seeded) log('demo data: synthetic except the bodies, ISTAT codes and populations (data/entities.csv)');
    }
  } catch (error) {
    await db.close();
    throw error;
  }

  const { yoga } = createApi({ db, plugins, development: !production });
  const server = createServer(yoga);
  const port = Number.parseInt(env.PORT ?? '4000', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    await db.close();
    throw new ConfigError(`PORT must be a number between 0 and 65535 (got "${env.PORT}")`);
  }
  const host = env.HOST ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
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
      `with plugins: ${plugins.map((p) => p.key).join(', ') || 'none'}`,
  );
  log(`GraphQL: ${url}/graphql${production ? '' : ' (GraphiQL in the browser)'}   health: ${url}/health`);

  return {
    url,
    server,
    db,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
