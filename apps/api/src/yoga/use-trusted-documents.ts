import { anonymousActor } from '@gea/core';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Callers } from './use-caller.ts';
import { refusal } from './refusals.ts';

export interface TrustedDocumentsOptions {
  /** The document text of a SHA-256 hash the web client sends (see trustedDocumentsManifest in @gea/web/server), or null. */
  lookup(hash: string): string | null | Promise<string | null>;
  /**
   * Only trusted documents, except from API tokens: machine clients send their own queries (within
   * the query limits); browser sessions and anonymous callers may send only the web client's.
   */
  only: boolean;
}

/**
 * Trusted (persisted) documents: a request may name a document of the web client by its hash
 * (`extensions.persistedQuery.sha256Hash`); a known hash runs the server's copy, whatever text came
 * with it. With `only`, a request with a text of its own (no known hash) is refused unless an API
 * token sends it.
 */
export function useTrustedDocuments(callers: Callers, { lookup, only }: TrustedDocumentsOptions): Plugin[] {
  // The web client sends its text with the hash: a known hash runs the server's own copy, never the text sent.
  const preferKnownHash: Plugin = {
    async onParams({ params, setParams }) {
      const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (!params.query || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return;
      if ((await lookup(hash)) !== null) setParams({ ...params, query: undefined });
    },
  };
  const persisted = usePersistedOperations({
    getPersistedOperation: (hash) => (/^[0-9a-f]{64}$/.test(hash) ? lookup(hash) : null),
    allowArbitraryOperations: only ? async (request) => (await callers.actorOf(request).catch(() => anonymousActor)).kind === 'token' : true,
    customErrors: {
      notFound: () => refusal('PERSISTED_QUERY_NOT_FOUND'),
      persistedQueryOnly: () => refusal('PERSISTED_QUERY_REQUIRED'),
      // Neither a text nor a hash: what Yoga answers without this plugin.
      keyNotFound: () => new GraphQLError('Must provide query string.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } }),
    },
  }) as Plugin;
  return [preferKnownHash, persisted];
}
