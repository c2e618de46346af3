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

const isSentByHash = (operation: Operation) => operation.kind === 'query' || operation.kind === 'mutation';

/**
 * Names each query and mutation by its hash (`extensions.persistedQuery`, the APQ shape) and still
 * sends its text: a server that knows the hash runs its own copy and ignores the text; one that does
 * not (a page older than the server) runs the text if it accepts other documents, and refuses it when
 * it accepts only trusted ones. `miss: true` is how urql is told to keep the text in the body.
 * Place it just before the fetch exchange (hashing is asynchronous).
 */
export const trustedDocumentsExchange: Exchange = mapExchange({
  async onOperation(operation) {
    if (!isSentByHash(operation)) return operation;
    const sha256Hash = await sha256Hex(stringifyDocument(operation.query));
    return makeOperation(operation.kind, { ...operation, extensions: { ...operation.extensions, persistedQuery: { version: 1, sha256Hash, miss: true } } }, operation.context);
  },
});
