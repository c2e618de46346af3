// The web client as the API process serves it (`@gea/web/server`):
// - `build` (default): builds apps/web/dist when it is missing, older than its sources or built for
//   other plugins, then hands the files to the API, which serves them from `/`;
// - `dev`: Vite in middleware mode inside the API process, with hot reload;
// - `off`: the API alone.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { webConfig, webRoot } from '../vite.config.ts';
import { bundleSizes, FIRST_ROUTE_BUDGET, formatSize } from './sizes.ts';

export { installedPluginKeys, pluginKeysFromConfigText } from '../vite.config.ts';
export { bundleSizes, FIRST_ROUTE_BUDGET, formatSize } from './sizes.ts';
export { clientDocuments, trustedDocumentsManifest, TrustedDocumentsError, type ClientDocument } from './trusted-documents.ts';

export class WebClientError extends Error {
  override name = 'WebClientError';
}

export const distDir = path.join(webRoot, 'dist');
const STAMP = '.gea-build.json';
const repoRoot = path.resolve(webRoot, '../..');

/** What a build depends on besides its files: the installed plugins' keys. */
function buildKey(pluginKeys: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify({ plugins: pluginKeys })).digest('hex');
}

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, await newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** The client's sources: its own files, the web kit, and every plugin's web part in this repository. */
async function sourcesMtime(): Promise<number> {
  const own = ['index.html', 'package.json', 'vite.config.ts', 'src', 'public'].map((name) => path.join(webRoot, name));
  const kit = path.join(repoRoot, 'packages/web-kit/src');
  const pluginsDir = path.join(repoRoot, 'plugins');
  // A plugin's web part reads its permissions' default roles from its server part's data file.
  const plugins = existsSync(pluginsDir)
    ? (await readdir(pluginsDir)).flatMap((name) => [path.join(pluginsDir, name, 'web'), path.join(pluginsDir, name, 'src/permissions.ts')])
    : [];
  const core = path.join(repoRoot, 'packages/core/src/permissions.ts');
  const times = await Promise.all([...own, kit, core, ...plugins].map(newestMtime));
  return Math.max(...times);
}

/** Why dist must be built again, or null when it is current. */
export async function staleReason(pluginKeys: readonly string[], dir = distDir): Promise<string | null> {
  const stamp = await readFile(path.join(dir, STAMP), 'utf8').then((text) => JSON.parse(text) as { key?: string; builtAt?: number }, () => null);
  if (!stamp) return `${path.relative(repoRoot, dir)} is missing`;
  if (stamp.key !== buildKey(pluginKeys)) return 'the installed plugins changed';
  if ((await sourcesMtime()) > (stamp.builtAt ?? 0)) return 'its sources changed';
  return null;
}

/**
 * One build at a time across processes (tests start several servers at once): a lock folder, taken
 * by whoever creates it; a lock left by a dead process, or older than ten minutes, is taken over.
 */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const lock = path.join(webRoot, '.dist-lock');
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => 'NaN'));
      const age = Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? Date.now());
      let alive = Number.isInteger(owner);
      if (alive) {
        try {
          process.kill(owner, 0);
        } catch {
          alive = false;
        }
      }
      if ((!alive && age > 2_000) || age > 10 * 60_000) await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Vite sets NODE_ENV in the process that runs it; the API's own setting must not change. */
async function keepingNodeEnv<T>(work: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/** Builds into a scratch folder, then swaps it in, so a running server never sees half a build. */
export async function buildWebClient(pluginKeys: readonly string[], dir = distDir): Promise<void> {
  const { build } = await import('vite');
  const scratch = path.join(webRoot, `.dist-build-${process.pid}`);
  await rm(scratch, { recursive: true, force: true });
  const builtAt = Date.now();
  await keepingNodeEnv(() =>
    build({ configFile: false, logLevel: 'error', mode: 'production', ...webConfig({ pluginKeys: async () => pluginKeys, outDir: scratch }) }),
  );
  await writeFile(path.join(scratch, STAMP), JSON.stringify({ key: buildKey(pluginKeys), builtAt, plugins: pluginKeys }));
  const old = path.join(webRoot, `.dist-old-${process.pid}`);
  if (existsSync(dir)) await rename(dir, old);
  await rename(scratch, dir);
  await rm(old, { recursive: true, force: true });
}

/** Builds dist if it is stale; says so on `log`. */
export async function ensureWebClientBuilt(pluginKeys: readonly string[], log: (line: string) => void, dir = distDir): Promise<void> {
  if ((await staleReason(pluginKeys, dir)) === null) return;
  await withBuildLock(async () => {
    // Another process may have built it while this one waited for the lock.
    const reason = await staleReason(pluginKeys, dir);
    if (reason === null) return;
    log(`web client: building ${path.relative(repoRoot, dir)} (${reason})...`);
    const started = performance.now();
    await buildWebClient(pluginKeys, dir);
    const sizes = await bundleSizes(dir);
    log(
      `web client: built in ${((performance.now() - started) / 1000).toFixed(1)} s; JavaScript gzipped: ` +
        `first route ${formatSize(sizes.firstRoute.gzip)} (budget ${formatSize(FIRST_ROUTE_BUDGET)}), all routes ${formatSize(sizes.total.jsGzip)}`,
    );
  });
}

/** A file of the built client, ready to send. */
export interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  /** Present when compressing pays. */
  gzip?: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** Content-hashed file names never change, so browsers may keep them for a year. */
  immutable: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** Every file of dist by URL path, kept in memory (the client is a few hundred kB). */
export async function loadStaticFiles(dir = distDir): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  async function walk(folder: string, prefix: string) {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      // Vite's manifest and the build stamp are for the server, not for browsers.
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      const urlPath = `${prefix}/${entry.name}`;
      if (entry.isDirectory()) {
        await walk(full, urlPath);
        continue;
      }
      const body = new Uint8Array(await readFile(full));
      const extension = path.extname(entry.name);
      const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream';
      const compressible = /^(text\/|image\/svg|application\/(json|manifest))/.test(contentType) && body.byteLength > 1024;
      files.set(urlPath, {
        body,
        gzip: compressible ? new Uint8Array(gzipSync(body, { level: 9 })) : undefined,
        contentType,
        immutable: urlPath.startsWith('/assets/'),
      });
    }
  }
  await walk(dir, '');
  if (!files.has('/index.html')) throw new WebClientError(`${dir} has no index.html`);
  return files;
}

export interface DevWebClient {
  /** The request handler: the API's paths go to the API, everything else through Vite. */
  handler: RequestListener;
  close(): Promise<void>;
}

/**
 * Vite in middleware mode on the API's own HTTP server (one port, hot reload over the same
 * server's WebSocket upgrade). Sources are compiled on request; nothing is written to dist.
 */
export async function createDevWebClient(
  pluginKeys: readonly string[],
  httpServer: Server,
  api: RequestListener,
  isApiPath: (pathname: string) => boolean,
): Promise<DevWebClient> {
  const { createServer } = await import('vite');
  const config = webConfig({ pluginKeys: async () => pluginKeys });
  const vite = await keepingNodeEnv(() =>
    createServer({
      ...config,
      configFile: false,
      appType: 'spa',
      server: { middlewareMode: true, hmr: { server: httpServer } },
    }),
  );
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const pathname = new URL(request.url ?? '/', 'http://gea').pathname;
    if (isApiPath(pathname)) return void api(request, response);
    vite.middlewares(request, response, () => void api(request, response));
  };
  return { handler, close: () => vite.close() };
}
