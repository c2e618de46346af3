import { requestRefusalCodes, requestRefusalMessage, type RequestRefusalCode } from '@gea/core';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The reader's language for refusals: English when the request prefers it, else Italian. */
export function localeOf(request: Request): 'it' | 'en' {
  const first = request.headers.get('accept-language')?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'it';
}

/**
 * A request refused before anything of it ran: a stable code, the bound and what was found, the
 * HTTP status. The message is Italian here; useRefusalMessages puts it in the reader's language.
 */
export function refusal(code: RequestRefusalCode, values: { limit?: number; found?: number } = {}, status = 400): GraphQLError {
  return new GraphQLError(requestRefusalMessage(code, 'it', values), {
    extensions: { code, ...values, http: { status } },
  });
}

export function isRefusalCode(code: unknown): code is RequestRefusalCode {
  return typeof code === 'string' && Object.hasOwn(requestRefusalCodes, code);
}

/**
 * Writes every refusal's message in the request's language (Accept-Language). Done once at the end
 * because some refusals are cached across requests (Yoga caches parse errors by query text).
 */
export function useRefusalMessages(): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || !result.errors?.length) return;
      const locale = localeOf(request);
      let changed = false;
      const errors = result.errors.map((error) => {
        const extensions = (error.extensions ?? {}) as { code?: unknown; limit?: number; found?: number };
        if (!isRefusalCode(extensions.code)) return error;
        changed = true;
        const message = requestRefusalMessage(extensions.code, locale, extensions);
        return error instanceof GraphQLError
          ? new GraphQLError(message, { nodes: error.nodes, path: error.path, extensions: error.extensions, originalError: error.originalError })
          : { ...(error as object), message };
      });
      if (changed) setResult({ ...result, errors: errors as GraphQLError[] });
    },
  };
}
