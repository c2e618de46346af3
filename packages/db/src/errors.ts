import pg from 'pg';
import { describePostgresUrl } from './target.ts';

/** A startup failure that the server prints as one line before exiting non-zero. */
export class DatabaseStartupError extends Error {
  override name = 'DatabaseStartupError';
}

const causes: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is PostgreSQL running and listening there?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset by the server',
  '28P01': 'password authentication failed',
  '28000': 'authentication rejected',
  '3D000': 'database does not exist',
  '53300': 'too many connections',
  '57P03': 'the server is starting up or shutting down',
};

function causeOf(error: unknown): string {
  const err = error as { code?: string; message?: string; errors?: unknown[] };
  // Node reports a dual-stack failure (localhost = ::1 and 127.0.0.1) as an AggregateError.
  if (!err.code && Array.isArray(err.errors) && err.errors.length > 0) return causeOf(err.errors[0]);
  if (err.code && causes[err.code]) return causes[err.code]!;
  return (err.message ?? String(error)).split('\n')[0]!;
}

/** Connects once with a short timeout and runs `select 1`; throws DatabaseStartupError naming host and cause. */
export async function checkPostgresReachable(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseStartupError('DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)');
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new DatabaseStartupError(`DATABASE_URL must start with postgresql:// (got ${parsed.protocol}//)`);
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {}); // reported through connect()'s rejection
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new DatabaseStartupError(`cannot connect to PostgreSQL at ${describePostgresUrl(url)}: ${causeOf(error)}`, {
      cause: error,
    });
  } finally {
    await client.end().catch(() => {});
  }
}

export function describePGliteOpenError(dataDir: string, error: unknown): string {
  return `cannot open the embedded database at ${dataDir}: ${causeOf(error)} (was it created by another PGlite/PostgreSQL version? move it aside or set GEA_DATA_DIR)`;
}
