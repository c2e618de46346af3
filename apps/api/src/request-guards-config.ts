import { defaultRateLimitSettings, type Budget } from '@gea/core';
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

/** `points/seconds` (e.g. `300/60`) from the environment, or the default when unset. */
function budgetFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: Budget): Budget {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new ConfigError(`${name} must read <requests>/<seconds>, e.g. 300/60 (got "${value}")`);
  }
  return { points: Number(match[1]), seconds: Number(match[2]) };
}

/** Revocation of open streams, upload limits and rate limits, from GEA_* variables (see the README's table). */
export function requestGuardsFromEnv(
  env: NodeJS.ProcessEnv,
): Pick<ApiOptions, 'streamRecheckMs' | 'rateLimits' | 'trustedProxies' | 'uploadMaxBytes'> {
  const defaults = defaultRateLimitSettings;
  return {
    streamRecheckMs: positiveNumberFromEnv(env, 'GEA_STREAM_RECHECK_SECONDS', 5) * 1000,
    uploadMaxBytes: Math.round(positiveNumberFromEnv(env, 'GEA_UPLOAD_MAX_MB', 50) * 1024 * 1024),
    trustedProxies: (env.GEA_TRUSTED_PROXIES ?? '').split(',').map((entry) => entry.trim()).filter(Boolean),
    rateLimits: {
      anonymous: budgetFromEnv(env, 'GEA_RATE_LIMIT_ANONYMOUS', defaults.anonymous),
      refusedCredentials: budgetFromEnv(env, 'GEA_RATE_LIMIT_REFUSED', defaults.refusedCredentials),
      signInPerAddress: budgetFromEnv(env, 'GEA_RATE_LIMIT_SIGNIN_ADDRESS', defaults.signInPerAddress),
      signInPerAccount: budgetFromEnv(env, 'GEA_RATE_LIMIT_SIGNIN_ACCOUNT', defaults.signInPerAccount),
    },
  };
}
