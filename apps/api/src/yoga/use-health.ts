import type { Database } from '@gea/db';
import { migrationStatus } from '@gea/db/migrations';
import type { Plugin } from 'graphql-yoga';

/**
 * GET /health: 200 when the database answers and every migration this code knows is applied,
 * 503 otherwise, with a JSON body saying which. (Yoga's own liveness probe stays at /live.)
 */
export function useHealth(db: Database, endpoint = '/health'): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      const body: Record<string, unknown> = { database: db.target.kind === 'postgres' ? 'postgresql' : 'pglite' };
      let healthy = false;
      try {
        const status = await migrationStatus(db);
        const upToDate = status.pending.length === 0 && status.unknown.length === 0 && status.failed.length === 0;
        Object.assign(body, {
          reachable: true,
          migrations: { applied: status.applied.length, pending: status.pending, unknown: status.unknown, failed: status.failed },
        });
        healthy = upToDate;
      } catch (error) {
        Object.assign(body, { reachable: false, error: (error as Error).message.split('\n')[0] });
      }
      body.status = healthy ? 'ok' : 'unavailable';
      endResponse(Response.json(body, { status: healthy ? 200 : 503, headers: { 'cache-control': 'no-store' } }));
    },
  };
}
