import type { Database } from '@gea/db';
import { migrationStatus, readLocalMigrations, type LocalMigration } from '@gea/db/migrations';
import type { Plugin } from 'graphql-yoga';

export interface HealthOptions {
  endpoint?: string;
  /** How long the database may take to answer before /health says 503 (default 800 ms: the answer comes within a second). */
  timeoutMs?: number;
}

class HealthTimeout extends Error {}

/**
 * GET /health: 200 when the database answers and every migration this code knows is applied (and
 * none it does not know), 503 otherwise, with a JSON body saying which. It answers within
 * `timeoutMs` whatever the database does (a full pool, a stuck server): a probe that waits is no
 * probe. Driver errors are logged, not shown: they can name internal hosts and users. (Yoga's own
 * liveness probe stays at /live.)
 */
export function useHealth(db: Database, { endpoint = '/health', timeoutMs = 800 }: HealthOptions = {}): Plugin {
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
        const checked = (async () => migrationStatus(db, undefined, await local))();
        checked.catch(() => {}); // still reported below when it loses the race
        let timer: NodeJS.Timeout | undefined;
        const status = await Promise.race([
          checked,
          new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new HealthTimeout()), timeoutMs);
          }),
        ]).finally(() => clearTimeout(timer));
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
        body.reachable = false;
        if (error instanceof HealthTimeout) {
          body.reason = `the database did not answer within ${timeoutMs} ms`;
          console.error(`health check: ${body.reason}`);
        } else {
          body.reason = 'the database cannot be reached';
          console.error(`health check: database unreachable: ${(error as Error).message}`);
        }
      }
      body.status = healthy ? 'ok' : 'unavailable';
      endResponse(
        Response.json(body, {
          status: healthy ? 200 : 503,
          headers: { 'cache-control': 'no-store', ...(body.reachable === false ? { 'retry-after': '1' } : {}) },
        }),
      );
    },
  };
}
