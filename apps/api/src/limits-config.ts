import { ConfigError } from './config.ts';

/** Pool size and time limits of the server, from the environment (defaults in the README's configuration table). */
export interface ServerLimits {
  /** GEA_DB_POOL_SIZE: PostgreSQL connections per API process. */
  poolSize: number;
  /** GEA_DB_ACQUIRE_TIMEOUT_MS: a query waiting longer for a free connection fails with 503 SERVICE_UNAVAILABLE. */
  acquireTimeoutMs: number;
  /** GEA_DB_STATEMENT_TIMEOUT_MS: PostgreSQL cancels a longer statement (503 REQUEST_TIMEOUT); 0: no limit. */
  statementTimeoutMs: number;
  /** GEA_REQUEST_TIMEOUT_MS: a request's database work is cancelled past this (503 REQUEST_TIMEOUT); 0: no limit. */
  requestTimeoutMs: number;
  /** GEA_HEALTH_TIMEOUT_MS: /health answers 503 when the database takes longer. */
  healthTimeoutMs: number;
  /** GEA_DB_PREPARED_STATEMENTS (on/off): frequent statements planned once per PostgreSQL connection. */
  preparedStatements: boolean;
}

export const defaultServerLimits: ServerLimits = {
  poolSize: 10,
  acquireTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  healthTimeoutMs: 800,
  preparedStatements: true,
};

function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new ConfigError(`${name} must be on or off (got "${env[name]}")`);
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < minimum) {
    throw new ConfigError(`${name} must be a whole number of at least ${minimum} (got "${value}")`);
  }
  return number;
}

export function serverLimitsFromEnv(env: NodeJS.ProcessEnv): ServerLimits {
  return {
    poolSize: whole(env, 'GEA_DB_POOL_SIZE', defaultServerLimits.poolSize, 1),
    acquireTimeoutMs: whole(env, 'GEA_DB_ACQUIRE_TIMEOUT_MS', defaultServerLimits.acquireTimeoutMs, 1),
    statementTimeoutMs: whole(env, 'GEA_DB_STATEMENT_TIMEOUT_MS', defaultServerLimits.statementTimeoutMs, 0),
    requestTimeoutMs: whole(env, 'GEA_REQUEST_TIMEOUT_MS', defaultServerLimits.requestTimeoutMs, 0),
    healthTimeoutMs: whole(env, 'GEA_HEALTH_TIMEOUT_MS', defaultServerLimits.healthTimeoutMs, 1),
    preparedStatements: onOff(env, 'GEA_DB_PREPARED_STATEMENTS', defaultServerLimits.preparedStatements),
  };
}
