import { AuthenticationError, RateLimitedError, type Actor, type RateLimits, type RefusalLog } from '@gea/core';
import type { Plugin } from 'graphql-yoga';
import { requestIdOf } from './use-request-id.ts';

export interface RateLimitGate {
  limits: RateLimits;
  refusals: RefusalLog;
  /** Paths that count: the API's (GraphQL, sign-in routes, plugin routes), not the web client's files nor /live and /health. */
  guards(pathname: string): boolean;
  addressOf(request: Request, serverContext: unknown): string;
  /** The request's sender (authenticated once per request). */
  actorOf(request: Request): Promise<Actor>;
}

/** The answer to a client over its limit: 429, Retry-After, and a GraphQL error with the code. */
export function tooManyRequests(error: RateLimitedError, requestId: string): Response {
  return Response.json(
    { errors: [{ message: error.message, extensions: { code: error.code, retryAfterSeconds: error.retryAfterSeconds, requestId } }] },
    { status: 429, headers: { 'retry-after': String(error.retryAfterSeconds), 'cache-control': 'no-store' } },
  );
}

/**
 * Per client address: requests without credentials, and credentials that are refused (bogus or
 * revoked tokens), beyond their budget get 429 before any operation runs. A valid credential is
 * never limited here, even from an address that sent bogus ones (offices share one address).
 * Sign-in guesses are limited in `login` itself, per address and per account.
 */
export function useRateLimits({ limits, refusals, guards, addressOf, actorOf }: RateLimitGate): Plugin {
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (!guards(url.pathname)) return;
      const address = addressOf(request, serverContext);
      const requestId = requestIdOf(request);
      let actor: Actor;
      try {
        actor = await actorOf(request);
      } catch (error) {
        // The refusal itself is answered (401) and recorded where the context is built.
        if (!(error instanceof AuthenticationError)) return;
        const wait = await limits.credentialRefused(address);
        if (wait !== null) endResponse(tooManyRequests(new RateLimitedError(wait, 'Too many refused credentials from this address'), requestId));
        return;
      }
      // Whoever the authenticator could not identify counts as anonymous (no header is the usual case).
      if (actor.kind !== 'anonymous') return;
      const wait = await limits.anonymousRequest(address);
      if (wait === null) return;
      await refusals.note({ requestId, operation: 'request', errorCode: 'RATE_LIMITED', clientAddress: address, actorLabel: 'anonymous' });
      endResponse(tooManyRequests(new RateLimitedError(wait, 'Too many requests from this address'), requestId));
    },
  };
}
