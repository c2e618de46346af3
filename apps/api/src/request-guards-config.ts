import { ConfigError } from './config.ts';
import type { ApiOptions } from './server.ts';

/** A positive number from the environment, or the default when unset. */
export function positiveNumberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new ConfigError(`${name} must be a positive number (got "${value}")`);
  return number;
}

/** Revocation of open streams, upload limits and rate limits, from GEA_* variables (see the README's table). */
export function requestGuardsFromEnv(env: NodeJS.ProcessEnv): Pick<ApiOptions, 'streamRecheckMs'> {
  return {
    streamRecheckMs: positiveNumberFromEnv(env, 'GEA_STREAM_RECHECK_SECONDS', 5) * 1000,
  };
}
