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
        if (streaming || !requestTimeoutMs) return runWithQueryScope(request.signal, wrapped);
        // Not AbortSignal.any: the request's signal may come from the fetch ponyfill the server is
        // given (multipart limits), which Node 22+ refuses there as not its own AbortSignal.
        const deadline = new AbortController();
        const clientGone = () => deadline.abort(request.signal.reason);
        if (request.signal.aborted) clientGone();
        else request.signal.addEventListener('abort', clientGone, { once: true });
        const timer = setTimeout(() => deadline.abort(new DOMException('request deadline passed', 'TimeoutError')), requestTimeoutMs);
        const done = () => {
          clearTimeout(timer);
          request.signal.removeEventListener('abort', clientGone);
        };
        try {
          const result = runWithQueryScope(deadline.signal, wrapped);
          if (result && typeof (result as Promise<unknown>).finally === 'function') {
            return (result as Promise<unknown>).finally(done) as typeof result;
          }
          done();
          return result;
        } catch (error) {
          done();
          throw error;
        }
      },
    },
  };
}
