import { GeaError, type Actor } from '@gea/core';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestIdOf } from './use-request-id.ts';

export interface UploadGuardOptions {
  /** Largest multipart body accepted, in bytes. */
  maxBytes: number;
  actorOf(request: Request): Promise<Actor>;
  endpoint?: string;
}

const isMultipart = (request: Request) => /^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '');

function refusal(error: GraphQLError, status: number, requestId: string): Response {
  const { http, ...extensions } = error.extensions as Record<string, unknown> & { http?: { headers?: Record<string, string> } };
  return Response.json(
    { errors: [{ message: error.message, extensions: { ...extensions, requestId } }] },
    // The body is not read: closing the connection spares the client sending the rest of it.
    { status, headers: { 'cache-control': 'no-store', connection: 'close', ...http?.headers } },
  );
}

/**
 * Multipart uploads are parsed only for a caller identified from the headers: anonymous or refused
 * credentials get 401 and a declared length over the limit gets 413, before a byte of the body is
 * read. Bodies without a length are held to the same limit while they stream (the multipart
 * limits given to Yoga's fetch API, see uploadFetchAPI).
 */
export function useUploadGuard({ maxBytes, actorOf, endpoint = '/graphql' }: UploadGuardOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'POST' || url.pathname !== endpoint || !isMultipart(request)) return;
      const requestId = requestIdOf(request);
      if (!request.headers.has('authorization')) {
        endResponse(refusal(new GeaError('UNAUTHENTICATED', 'Sign in to upload files'), 401, requestId));
        return;
      }
      const declared = Number(request.headers.get('content-length') ?? 0);
      if (declared > maxBytes) {
        const tooLarge = new GeaError('REQUEST_ENTITY_TOO_LARGE', `The upload is larger than ${maxBytes} bytes`, { maximumBytes: maxBytes });
        endResponse(refusal(tooLarge, 413, requestId));
        return;
      }
      try {
        await actorOf(request);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        endResponse(refusal(error, 401, requestId));
      }
    },
  };
}
