import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { serviceUnavailableErrorOf, type GeaContext } from '@gea/core';

/**
 * Gives every error in a result a code and the request id, so a person's report ("it said ...,
 * request 8c3c...") leads to the log line. Pothos' own input checks (malformed cursor, global id of
 * the wrong type) become BAD_USER_INPUT; unexpected errors are logged here with the request id and
 * masked by Yoga afterwards, keeping the id (see maskError in server.ts).
 */
export function useErrorReporting(): Plugin<GeaContext> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as GeaContext;
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return;
          for (const error of result.errors ?? []) {
            const extensions = error.extensions as Record<string, unknown>;
            extensions.requestId = context.requestId;
            const original = error.originalError;
            if (original instanceof PothosValidationError && !extensions.code) {
              extensions.code = 'BAD_USER_INPUT';
            } else if (original && serviceUnavailableErrorOf(original)) {
              // Expected under load (answered 503): one line, no stack.
              console.warn(`request ${context.requestId}: ${error.path?.join('.') ?? '(root)'}: ${serviceUnavailableErrorOf(original)!.message}`);
            } else if (original && !(original instanceof GraphQLError)) {
              console.error(`request ${context.requestId}: unexpected error at ${error.path?.join('.') ?? '(root)'}:`, original);
            }
          }
        },
      };
    },
  };
}
