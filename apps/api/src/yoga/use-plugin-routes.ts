import { GeaError, type GeaContext, type GeaPlugin, type PluginHttpRoute } from '@gea/core';
import type { Plugin } from 'graphql-yoga';
import { match, type MatchFunction } from 'path-to-regexp';
import { requestIdOf } from './use-request-id.ts';

interface CompiledRoute {
  pluginKey: string;
  route: PluginHttpRoute;
  match: MatchFunction<Partial<Record<string, string | string[]>>>;
}

/** The HTTP statuses of the codes a route handler may throw; anything else is an unexpected error (500). */
const STATUS_OF_CODE: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_REVOKED: 401,
  TOKEN_CREATOR_DISABLED: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  MODULE_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  REQUEST_ENTITY_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  REQUEST_TIMEOUT: 503,
};

/** Every installed plugin's routes, each under `/<key>`. */
export function compilePluginRoutes(plugins: readonly GeaPlugin[]) {
  const routes: CompiledRoute[] = plugins.flatMap((plugin) =>
    (plugin.http ?? []).map((route) => {
      if (!route.path.startsWith('/')) throw new Error(`plugin "${plugin.key}": route path "${route.path}" must start with /`);
      return { pluginKey: plugin.key, route, match: match(`/${plugin.key}${route.path}`, { decode: decodeURIComponent }) };
    }),
  );
  return {
    /** Whether a path is one of the plugins' routes (for any method): the web client must not shadow it. */
    serves: (pathname: string) => routes.some((compiled) => compiled.match(pathname) !== false),
    find(method: string, pathname: string) {
      const matching = routes.flatMap((compiled) => {
        const found = compiled.match(pathname);
        return found ? [{ compiled, params: found.params }] : [];
      });
      const wanted = method === 'HEAD' ? 'GET' : method;
      return { route: matching.find((m) => m.compiled.route.method === wanted), allowed: matching.map((m) => m.compiled.route.method) };
    },
  };
}
export type PluginRoutes = ReturnType<typeof compilePluginRoutes>;

function errorResponse(error: GeaError | null, requestId: string): Response {
  if (!error) {
    return Response.json(
      { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] },
      { status: 500, headers: { 'cache-control': 'no-store' } },
    );
  }
  const http = (error.extensions.http ?? {}) as { headers?: Record<string, string> };
  const { http: _http, ...extensions } = error.extensions;
  return Response.json(
    { errors: [{ message: error.message, extensions: { ...extensions, requestId } }] },
    { status: STATUS_OF_CODE[error.code] ?? 400, headers: { 'cache-control': 'no-store', ...http.headers } },
  );
}

/**
 * Serves the installed plugins' HTTP routes (`/<key>/...`) with what `/graphql` has: the request
 * id, the same authentication and context, typed errors as JSON with their HTTP status, unexpected
 * errors logged with the request id and masked.
 */
export function usePluginRoutes(routes: PluginRoutes, contextOf: (request: Request) => Promise<GeaContext>): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      const { route, allowed } = routes.find(request.method, url.pathname);
      if (!route) {
        if (allowed.length > 0) {
          endResponse(new Response(null, { status: 405, headers: { allow: [...new Set(allowed)].join(', ') } }));
        }
        return;
      }
      const requestId = requestIdOf(request);
      try {
        const context = await contextOf(request);
        if (route.compiled.route.access !== 'public' && context.actor.kind === 'anonymous') {
          throw new GeaError('UNAUTHENTICATED', 'Sign in to do this');
        }
        const params = Object.fromEntries(
          Object.entries(route.params).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value]] : [])),
        );
        const response = await route.compiled.route.handle(request, { params, url, context });
        endResponse(request.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response);
      } catch (error) {
        if (error instanceof GeaError) return endResponse(errorResponse(error, requestId));
        console.error(`request ${requestId}: unexpected error in ${request.method} ${url.pathname} (plugin ${route.compiled.pluginKey}):`, error);
        endResponse(errorResponse(null, requestId));
      }
    },
  };
}
