// Rate limits for what a plugin lets anonymous callers do (a public form, a feedback button): the
// same counters as the API's own limits, so several API processes count together through the
// shared store (Redis) when one is configured.
import { RateLimitedError, type Budget } from '../auth/rate-limit.ts';
import type { GeaContext } from '../context.ts';

/**
 * Spends one point of `budget` for `key` (a client address, with whatever else the budget is per);
 * throws RateLimitedError (429, Retry-After) once spent. Contexts without rate limits (the API
 * started with `rateLimits: false`, contexts made outside the API server) are not limited.
 */
export async function limitRate(context: Pick<GeaContext, 'rateLimits'>, name: string, key: string, budget: Budget, message?: string): Promise<void> {
  const wait = await context.rateLimits?.spend(name, key, budget);
  if (wait !== null && wait !== undefined) throw new RateLimitedError(wait, message);
}
