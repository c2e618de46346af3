import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * A request that never executes (unparseable, invalid, unknown operation) answers 4xx whatever the
 * Accept header. Yoga keeps 200 for plain `application/json` on such errors, as the
 * GraphQL-over-HTTP spec allows for legacy clients; we want the status to tell every client.
 */
export function useRequestErrorStatus(): Plugin {
  return {
    onResultProcess({ result }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || 'data' in result) return;
      for (const error of (result.errors ?? []) as GraphQLError[]) {
        const http = error.extensions?.http as { spec?: boolean; status?: number } | undefined;
        if (http?.spec) http.spec = false;
      }
    },
    // Yoga answers an unsupported content type with an empty 415; give it an errors array too.
    onResponse({ response, setResponse }) {
      if (response.status === 415 && !response.headers.get('content-type')) {
        setResponse(
          Response.json(
            { errors: [{ message: 'Unsupported content type: send application/json (or multipart/form-data for uploads)' }] },
            { status: 415, headers: response.headers },
          ),
        );
      }
    },
  };
}
