import { runWithQueryScope } from '@gea/db';
import type { Plugin } from 'graphql-yoga';

export interface RequestTimeoutOptions {
  /** Deadline of one request's database work, in ms; 0 or unset: none (the client leaving still cancels it). */
  requestTimeoutMs?: number;
}

/**
 * Ties each request's database work to the request (see @gea/db's query scope): when the client
 * disconnects, or the request runs past its deadline, its running PostgreSQL statements are
 * cancelled and its further queries refused, so nothing keeps working for an answer nobody reads.
 * The failure then reaches the client as REQUEST_TIMEOUT (503). Subscriptions over server-sent
 * events live as long as the client listens: they get no deadline.
 */
export function useRequestTimeout({ requestTimeoutMs }: RequestTimeoutOptions): Plugin {
  return {
    instrumentation: {
      request({ request }, wrapped) {
        const streaming = request.headers.get('accept')?.includes('text/event-stream') ?? false;
        const signal =
          streaming || !requestTimeoutMs ? request.signal : AbortSignal.any([request.signal, AbortSignal.timeout(requestTimeoutMs)]);
        return runWithQueryScope(signal, wrapped);
      },
    },
  };
}
