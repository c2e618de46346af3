import type { RequestListener, Server } from 'node:http';
import type { GeaPlugin } from '@gea/core';
import type { StaticFile } from '@gea/web/server';
import type { Plugin } from 'graphql-yoga';
import { ConfigError } from '../config.ts';

/** Paths the API answers itself: the web client never shadows them. */
export function isApiPath(pathname: string): boolean {
  return (
    pathname === '/graphql' ||
    pathname.startsWith('/graphql/') ||
    pathname === '/health' ||
    pathname === '/live' ||
    pathname.startsWith('/auth/') ||
    // the hosted sites (use-sites.ts)
    pathname === '/sites' ||
    pathname.startsWith('/sites/')
  );
}

// The client runs only its own scripts and styles and talks only to this origin: an injected
// script could read the session token (kept in sessionStorage), so none may run.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves the built web client from `/`: its files, and index.html for the client's own routes
 * (`/bodies/...`, `/inventory`), so a reload or a bookmark opens the right screen. GraphQL,
 * /health, /live and /auth/* are left to the API.
 */
export function useWebClient(files: ReadonlyMap<string, StaticFile>): Plugin {
  const index = files.get('/index.html');
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (isApiPath(url.pathname)) return;
      let file = files.get(url.pathname === '/' ? '/index.html' : url.pathname);
      // A path with no file extension outside /assets is a page of the client; a missing asset is a 404.
      if (!file && !url.pathname.startsWith('/assets/') && !/\.[A-Za-z0-9]+$/.test(url.pathname)) file = index;
      if (!file) return;
      const gzip = file.gzip !== undefined && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
      const body = gzip ? file.gzip! : file.body;
      const headers: Record<string, string> = {
        'content-type': file.contentType,
        'content-length': String(body.byteLength),
        'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
      };
      if (gzip) headers['content-encoding'] = 'gzip';
      if (file === index) {
        headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
        headers['referrer-policy'] = 'same-origin';
        headers['x-frame-options'] = 'DENY';
      }
      endResponse(new Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}

export interface PreparedWebClient {
  /** Files to serve with useWebClient (built client), or none (dev server, or off). */
  files?: ReadonlyMap<string, StaticFile>;
  /** The HTTP server's request handler: the API's, with Vite in front of it in dev mode. */
  handler(server: Server, api: RequestListener): Promise<RequestListener>;
  /** Whether `/` serves the client. */
  served: boolean;
  close(): Promise<void>;
}

const apiOnly: PreparedWebClient = { served: false, handler: async (_server, api) => api, close: async () => {} };

/**
 * The web client per GEA_WEB_CLIENT: `build` (default) builds apps/web/dist when it is stale and
 * serves it; `dev` runs Vite inside this process (hot reload); `off` serves the API alone. A
 * client that cannot be built leaves the API running, with one line saying why.
 */
export async function prepareWebClient(
  env: NodeJS.ProcessEnv,
  composed: { plugins: readonly GeaPlugin[] },
  log: (line: string) => void,
): Promise<PreparedWebClient> {
  const mode = env.GEA_WEB_CLIENT?.trim() || 'build';
  if (mode !== 'build' && mode !== 'dev' && mode !== 'off') {
    throw new ConfigError(`GEA_WEB_CLIENT must be build, dev or off (got "${mode}")`);
  }
  if (mode === 'off') return apiOnly;
  let web: typeof import('@gea/web/server');
  try {
    web = await import('@gea/web/server');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    log('web client: not installed (no apps/web): serving the API only');
    return apiOnly;
  }
  // The client is built from the plugins' keys alone: each plugin's web part is `@gea/plugin-<key>/web`.
  const pluginKeys = composed.plugins.map((plugin) => plugin.key);
  if (mode === 'dev') {
    let close = async () => {};
    return {
      served: true,
      async handler(server, api) {
        const dev = await web.createDevWebClient(pluginKeys, server, api, isApiPath);
        close = dev.close;
        log('web client: Vite dev server with hot reload (GEA_WEB_CLIENT=dev)');
        return dev.handler;
      },
      close: () => close(),
    };
  }
  try {
    await web.ensureWebClientBuilt(pluginKeys, log);
    return { ...apiOnly, served: true, files: await web.loadStaticFiles() };
  } catch (error) {
    log(`web client: cannot be built, serving the API only: ${(error as Error).message.split('\n')[0]}`);
    return apiOnly;
  }
}
