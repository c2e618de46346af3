import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function asBadRequest(error: GraphQLError): GraphQLError {
  const http = (error.extensions.http ?? {}) as Record<string, unknown>;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, http: { ...http, spec: false, status: 400 } },
  });
}

/**
 * A document that cannot be parsed or does not validate never executes: answer 400 whatever the
 * Accept header. (Yoga keeps 200 for plain `application/json`, as the GraphQL-over-HTTP spec allows
 * for legacy clients; we prefer the status to tell the truth to every client.)
 */
export function useRequestErrorStatus(): Plugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(asBadRequest(result));
      };
    },
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length > 0) setResult(result.map(asBadRequest));
      };
    },
  };
}
