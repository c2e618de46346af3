import { databaseUnavailableReason, type DatabaseUnavailableReason } from '@gea/db';
import { GeaError } from './errors.ts';

const MESSAGES: Record<DatabaseUnavailableReason, string> = {
  'pool-timeout': 'The service is busy: no database connection became free in time. Try again shortly.',
  'statement-timeout': 'The request took too long in the database and was stopped. Try again, or ask for less at once.',
  'request-timeout': 'The request took too long and was stopped. Try again, or ask for less at once.',
  'client-gone': 'The client went away before the answer was ready.',
};

/**
 * The typed error (HTTP 503 with Retry-After) for a failure caused by the database not serving the
 * request in time: a full pool (`SERVICE_UNAVAILABLE`), or a statement or request over its time
 * limit (`REQUEST_TIMEOUT`). Undefined for any other error.
 */
export function serviceUnavailableErrorOf(error: unknown): GeaError | undefined {
  const reason = databaseUnavailableReason(error);
  if (!reason) return undefined;
  const busy = reason === 'pool-timeout';
  return new GeaError(busy ? 'SERVICE_UNAVAILABLE' : 'REQUEST_TIMEOUT', MESSAGES[reason], {
    reason: reason.toUpperCase().replace('-', '_'),
    http: { status: 503, headers: { 'retry-after': busy ? '1' : '5' } },
  });
}
