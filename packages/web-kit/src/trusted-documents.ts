// Trusted documents: the web client sends the SHA-256 of each of its documents instead of the text,
// and the API runs only documents it knows by that hash (when configured to). The text hashed is
// exactly what urql would send as `query`, so the API computes the same hashes from the client's
// sources with these same functions (@gea/web/server, trustedDocumentsManifest).
import { createRequest, makeOperation, mapExchange, stringifyDocument, type DocumentInput, type Exchange, type Operation } from '@urql/core';
import { graphql } from './graphql.ts';

/** The text urql sends for a document written as `graphql(source)`. */
export function sentText(source: string): string {
  return stringifyDocument(createRequest(graphql(source) as DocumentInput, {}).query);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Error code of the API for a hash it does not know (a client newer than the server, in development). */
const NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';

const isSentByHash = (operation: Operation) => operation.kind === 'query' || operation.kind === 'mutation';

/**
 * Sends queries and mutations by hash (`extensions.persistedQuery`, the APQ shape); place it just
 * before the fetch exchange. When the API does not know a hash, the operation is sent once more with
 * its text: a server that accepts other documents runs it, one that accepts only trusted documents
 * refuses it.
 */
export const trustedDocumentsExchange: Exchange = (input) =>
  mapExchange({
    async onOperation(operation) {
      if (!isSentByHash(operation)) return operation;
      const miss = operation.context.trustedDocumentMiss === true;
      const sha256Hash = await sha256Hex(stringifyDocument(operation.query));
      return makeOperation(operation.kind, { ...operation, extensions: { ...operation.extensions, persistedQuery: { version: 1, sha256Hash, ...(miss ? { miss } : {}) } } }, operation.context);
    },
    async onResult(result) {
      const operation = result.operation;
      if (!isSentByHash(operation) || operation.context.trustedDocumentMiss === true) return result;
      if (!result.error?.graphQLErrors.some((error) => error.extensions?.code === NOT_FOUND)) return result;
      const context = { ...operation.context, requestPolicy: 'network-only' as const, trustedDocumentMiss: true };
      const again = operation.kind === 'query' ? input.client.query(operation.query, operation.variables, context) : input.client.mutation(operation.query, operation.variables, context);
      return { ...(await again.toPromise()), operation };
    },
  })(input);
