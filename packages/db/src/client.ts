import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { pgliteExtensions } from './pglite-options.ts';
import { Prisma, PrismaClient } from './generated/prisma/client.ts';
import { checkPostgresReachable, DatabaseStartupError, describePGliteOpenError } from './errors.ts';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import { createStatementNamer } from './prepared-statements.ts';
import { scopedClientClass } from './query-scope.ts';
import { watchAuthChanges, type AuthChangeWatch } from './auth-changes.ts';
import { describeTarget, type DatabaseTarget } from './target.ts';

/**
 * Columns that exist only for the database's own use (a generated column an index serves): filters
 * may name them, but no read returns them (Prisma's global omit; the compiled read path reads only
 * the columns of exposed fields).
 */
export const omittedColumns = { asset: { searchText: true } } satisfies Prisma.GlobalOmitConfig;

// Typed without the omit: plugin-prisma's and the transaction client's types know no global omit, so
// result types still list the omitted columns (as `T | null`); at run time they are absent.
export type GeaPrismaClient = PrismaClient<'query'>;
export type QueryListener = (event: Prisma.QueryEvent) => void;
/** One statement whose single value is text (a compiled read's JSON): its text, or null. */
export type TextQuery = (sql: string, params: readonly string[]) => Promise<string | null>;

const textQueries = new WeakMap<object, TextQuery>();
const authWatches = new WeakMap<object, () => AuthChangeWatch>();

/**
 * On PostgreSQL, a connection listening for changes to authentication's data (auth-changes.ts),
 * opened on first use and closed with the database; none on PGlite, where nothing may be kept.
 */
export function authChangesOf(prisma: object): AuthChangeWatch | undefined {
  return authWatches.get(prisma)?.();
}

/**
 * The driver's own way to run a statement that returns one text value, without Prisma's result
 * mapping: on PostgreSQL, the pool Prisma uses (and its prepared statements); none on PGlite, where
 * `$queryRawUnsafe` serves. Counted by `onQuery` like Prisma's statements.
 */
export function textQueryOf(prisma: object): TextQuery | undefined {
  return textQueries.get(prisma);
}

/** One open database: the Prisma client and what migrations need to reach the same data. */
export interface Database {
  readonly prisma: GeaPrismaClient;
  readonly target: DatabaseTarget;
  /** Factory for the WASM schema engine (migrations), bound to the same connection/driver. */
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The PGlite instance, for embedded targets (tests dump it as a template). */
  readonly pglite?: PGlite;
  /** Subscribe to every SQL statement Prisma sends; returns the unsubscribe function. */
  onQuery(listener: QueryListener): () => void;
  describe(): string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Max pool size for PostgreSQL (ignored by PGlite, which has a single connection). */
  poolSize?: number;
  /**
   * PostgreSQL: how long a query waits for a free pooled connection before failing (the error is
   * recognised by `databaseUnavailableReason` as `pool-timeout`). Unset: it waits for as long as it takes.
   */
  acquireTimeoutMs?: number;
  /** PostgreSQL: the server cancels any statement running longer (`statement_timeout`). Unset: no limit. */
  statementTimeoutMs?: number;
  /**
   * PostgreSQL: statements sent again and again become named prepared statements, parsed and planned
   * once per connection (prepared-statements.ts). On by default; off behind a pooler in transaction
   * mode that cannot keep them (GEA_DB_PREPARED_STATEMENTS=off).
   */
  preparedStatements?: boolean;
  /** Emit every SQL statement to `onQuery` listeners (tests, benchmarks); off by default. */
  observeQueries?: boolean;
  /**
   * Create the embedded data folder when it holds no database yet (default true). Read-only tools
   * (dry runs) pass false: a missing database is then a DatabaseStartupError, and nothing is written.
   */
  create?: boolean;
}

/** Whether an embedded data folder already holds a database (PostgreSQL's PG_VERSION marks one). */
export function embeddedDatabaseExists(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'PG_VERSION'));
}

/**
 * Opens the database named by the target. For PostgreSQL the server is probed first so that a wrong
 * or unreachable DATABASE_URL fails with one clear line (DatabaseStartupError), not a stack trace.
 */
export async function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<Database> {
  let adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  let pglite: PGlite | undefined;
  let lock: DataDirLock | undefined;
  let pool: pg.Pool | undefined;
  let textQuery: TextQuery | undefined;
  let authWatch: AuthChangeWatch | undefined;
  let watchAuth: (() => AuthChangeWatch) | undefined;
  let idleErrorReported = false;
  const listeners = new Set<QueryListener>();
  const observeQueries = options.observeQueries ?? false;
  const emit = (event: Prisma.QueryEvent) => {
    for (const listener of listeners) listener(event);
  };

  switch (target.kind) {
    case 'postgres': {
      await checkPostgresReachable(target.url);
      const connection = {
        connectionString: target.url,
        ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      };
      const statements = options.preparedStatements === false ? null : createStatementNamer();
      // One pool for Prisma and for the statements that bypass it (textQuery).
      pool = new pg.Pool({
        ...connection,
        max: options.poolSize ?? 10,
        ...(options.acquireTimeoutMs ? { connectionTimeoutMillis: options.acquireTimeoutMs } : {}),
        // Connections that note which request runs a query on them, so a request that ends early can cancel it (query-scope.ts).
        Client: scopedClientClass(connection, (error) => console.error(`cancelling a query: ${(error as Error).message}`)),
      });
      // An idle connection the server ends (a restart, an administrator, a dropped database) is an
      // 'error' of the pool: without a listener it would end the process. The pool drops that
      // connection and opens another when needed; the queries report their own errors.
      pool.on('error', (error) => {
        if (!idleErrorReported) console.error(`database: an idle connection was closed by the server (${error.message}); a new one will be opened`);
        idleErrorReported = true;
      });
      const shared = pool;
      adapterFactory = new PrismaPg(shared, statements ? { statementNameGenerator: (query) => statements.nameOf(query.sql) ?? '' } : undefined);
      textQuery = async (sql, params) => {
        const started = performance.now();
        const result = await shared.query<[unknown]>({ name: statements?.nameOf(sql), text: sql, values: [...params], rowMode: 'array' });
        if (observeQueries) emit({ timestamp: new Date(), query: sql, params: JSON.stringify(params), duration: performance.now() - started, target: 'gea.textQuery' });
        const value = result.rows[0]?.[0];
        return typeof value === 'string' ? value : null;
      };
      watchAuth = () => (authWatch ??= watchAuthChanges(connection));
      break;
    }
    case 'pglite': {
      if (options.create === false && !embeddedDatabaseExists(target.dataDir)) {
        throw new DatabaseStartupError(`there is no embedded database at ${target.dataDir} yet (npm start or npm run db:migrate creates it)`);
      }
      mkdirSync(target.dataDir, { recursive: true });
      // PGlite has no inter-process locking: two processes on one folder would corrupt it.
      lock = acquireDataDirLock(target.dataDir);
      try {
        pglite = await PGlite.create(target.dataDir, { extensions: pgliteExtensions });
      } catch (error) {
        lock.release();
        throw new DatabaseStartupError(describePGliteOpenError(target.dataDir, error), { cause: error });
      }
      adapterFactory = new PrismaPGlite(pglite);
      break;
    }
    case 'pglite-memory': {
      pglite = await PGlite.create({ extensions: pgliteExtensions, ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}) });
      adapterFactory = new PrismaPGlite(pglite);
      break;
    }
  }

  const prisma = new PrismaClient({
    adapter: adapterFactory,
    omit: omittedColumns,
    ...(observeQueries ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
  }) as GeaPrismaClient;
  if (observeQueries) {
    prisma.$on('query', emit);
  }
  if (textQuery) textQueries.set(prisma, textQuery);
  if (watchAuth) authWatches.set(prisma, watchAuth);

  return {
    prisma,
    target,
    adapterFactory,
    ...(pglite ? { pglite } : {}),
    onQuery(listener) {
      if (!observeQueries) throw new Error('onQuery needs openDatabase(..., { observeQueries: true })');
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    describe: () => describeTarget(target),
    async close() {
      try {
        await prisma.$disconnect();
        await authWatch?.close();
        await pool?.end();
      } finally {
        try {
          if (pglite && !pglite.closed) await pglite.close();
        } finally {
          lock?.release();
        }
      }
    },
  };
}
