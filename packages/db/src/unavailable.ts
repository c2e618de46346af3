import { QueryCancelledError } from './query-scope.ts';

/**
 * Why a query failed because the database could not serve it in time, as opposed to a failure of
 * the query itself: the answer is "try again later" (HTTP 503), not a bug.
 * - `pool-timeout`: no pooled connection became free within the acquire timeout;
 * - `statement-timeout`: PostgreSQL cancelled a statement that ran past `statement_timeout`;
 * - `request-timeout`: the request's deadline passed and its database work was cancelled;
 * - `client-gone`: the client went away and its database work was cancelled (nobody reads the answer).
 */
export type DatabaseUnavailableReason = 'pool-timeout' | 'statement-timeout' | 'request-timeout' | 'client-gone';

// pg-pool's message when no connection is free in time (stable since pg-pool 2).
const POOL_TIMEOUT = /timeout exceeded when trying to connect/;
const STATEMENT_TIMEOUT = /canceling statement due to statement timeout/;
const USER_CANCEL = /canceling statement due to user request/;

/** The reason, looking through Prisma's wrapping (`meta.driverAdapterError`) and error causes; undefined for any other error. */
export function databaseUnavailableReason(error: unknown, seen = new Set<unknown>()): DatabaseUnavailableReason | undefined {
  if (!error || typeof error !== 'object' || seen.has(error)) return undefined;
  seen.add(error);
  if (error instanceof QueryCancelledError) return error.reason;
  const { message, meta, cause, originalError } = error as {
    message?: unknown;
    meta?: { driverAdapterError?: unknown };
    cause?: unknown;
    originalError?: unknown;
  };
  if (typeof message === 'string') {
    if (POOL_TIMEOUT.test(message)) return 'pool-timeout';
    if (STATEMENT_TIMEOUT.test(message)) return 'statement-timeout';
    // Only GEA cancels statements of its own requests (query-scope.ts); PostgreSQL says "user request".
    if (USER_CANCEL.test(message)) return 'request-timeout';
  }
  const driverCause = (meta?.driverAdapterError as { cause?: { originalMessage?: unknown } } | undefined)?.cause;
  if (typeof driverCause?.originalMessage === 'string') {
    const found = databaseUnavailableReason({ message: driverCause.originalMessage }, seen);
    if (found) return found;
  }
  return databaseUnavailableReason(originalError, seen) ?? databaseUnavailableReason(cause, seen);
}
