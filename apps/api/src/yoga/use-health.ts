import type { Database } from '@gea/db';
import { migrationStatus, readLocalMigrations, type LocalMigration } from '@gea/db/migrations';
import type { Plugin } from 'graphql-yoga';

/**
 * GET /health: 200 when the database answers and every migration this code knows is applied (and
 * none it does not know), 503 otherwise, with a JSON body saying which. Driver errors are logged,
 * not shown: they can name internal hosts and users. (Yoga's own liveness probe stays at /live.)
 */
export function useHealth(db: Database, endpoint = '/health'): Plugin {
  let local: Promise<LocalMigration[]> | undefined;
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
        local ??= readLocalMigrations();
        const status = await migrationStatus(db, undefined, await local);
        healthy = [status.pending, status.unknown, status.failed, status.edited].every((list) => list.length === 0);
        body.reachable = true;
        body.migrations = {
          applied: status.applied.length,
          pending: status.pending,
          unknown: status.unknown,
          failed: status.failed,
          edited: status.edited,
        };
      } catch (error) {
        console.error(`health check: database unreachable: ${(error as Error).message}`);
        body.reachable = false;
      }
      body.status = healthy ? 'ok' : 'unavailable';
      endResponse(Response.json(body, { status: healthy ? 200 : 503, headers: { 'cache-control': 'no-store' } }));
    },
  };
}
