// One place that turns GEA_REDIS_URL into ioredis connections. Several API processes share
// state (subscription events, rate-limit counters, OIDC sign-ins in progress) through Redis when
// it is configured; without it that state lives in the process, which is right for one process.
import { Redis, type RedisOptions } from 'ioredis';

export class SharedStoreConfigError extends Error {
  override name = 'SharedStoreConfigError';
}

/** The Redis URL from `GEA_REDIS_URL` (`redis://host:port/db`, `rediss://` for TLS), or null when unset. */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.GEA_REDIS_URL?.trim();
  if (!value) return null;
  const url = URL.parse(value);
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:')) {
    throw new SharedStoreConfigError(`GEA_REDIS_URL must be a redis:// or rediss:// URL (got "${value}")`);
  }
  return value;
}

/**
 * A connection to the shared Redis. `purpose` names it in Redis' CLIENT LIST. Commands fail fast
 * (no endless offline queue) so a Redis outage shows up as an error, not as requests that hang.
 * Subscribers need a connection of their own: Redis puts a subscribing connection in a mode where
 * it accepts nothing else.
 */
export function openRedis(url: string, purpose: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    connectionName: `gea:${purpose}`,
    maxRetriesPerRequest: 2,
    connectTimeout: 2_000,
    enableOfflineQueue: true,
    ...options,
  });
}

export type { Redis };

/**
 * The prefix of every GEA key and channel in Redis (`GEA_REDIS_PREFIX`, default `gea:`): several
 * installations, or tests, can share one Redis without seeing each other's state.
 */
export function redisKeyPrefixFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.GEA_REDIS_PREFIX?.trim() || 'gea:';
}
