import { createSiteHandler } from '@gea/site';
import type { Plugin } from 'graphql-yoga';

/** Where the hosted sites are served (apps/site). */
export const SITES_BASE_PATH = '/sites';

export const isSitesPath = (pathname: string) => pathname === SITES_BASE_PATH || pathname.startsWith(`${SITES_BASE_PATH}/`);

interface VisitorContext {
  request: Request;
  serverContext: unknown;
}

/**
 * Serves the bodies' sites (apps/site) under /sites/, rendered from the web-hosting plugin's public
 * API, which it calls in-process with the visitor's server context: the API's rate limits count the
 * visitor, not this server. Before the web client, which would answer its index.html.
 */
export function useSites(fetchInProcess: (url: string, init: RequestInit, serverContext: unknown) => Promise<Response>): Plugin {
  const handle = createSiteHandler({
    basePath: SITES_BASE_PATH,
    fetchApi: (path, init = {}, context) => {
      const visitor = context as VisitorContext;
      const headers = new Headers(init.headers);
      const forwardedFor = visitor.request.headers.get('x-forwarded-for');
      if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);
      // The visitor's origin: whatever the API writes as an absolute URL is one the visitor can open.
      return fetchInProcess(new URL(path, visitor.request.url).href, { ...init, headers }, visitor.serverContext);
    },
  });
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (!isSitesPath(url.pathname)) return;
      const response = await handle(request, { request, serverContext } satisfies VisitorContext);
      if (response) endResponse(response);
    },
  };
}
