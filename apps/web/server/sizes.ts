// Gzipped sizes of the built client, from Vite's manifest: what the first screen loads (the entry
// with its static imports, plus the chunk of the first route) and what all routes add up to.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface RouteSize {
  /** Source of the route component, or `entry`. */
  route: string;
  /** JavaScript files loaded before the route can render. */
  files: string[];
  jsBytes: number;
  gzip: number;
  cssGzip: number;
}

export interface BundleSizes {
  /** The heavier of the two first screens: sign-in, and the dashboard once signed in. */
  firstRoute: RouteSize;
  entry: RouteSize;
  routes: RouteSize[];
  total: { jsBytes: number; jsGzip: number; cssGzip: number; files: number };
}

export const formatSize = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** The gzipped JavaScript the first screen may load: a municipal office's connection and PC set it. */
export const FIRST_ROUTE_BUDGET = 60 * 1024;

/** Routes that can be the first screen: the dashboard is the landing page once signed in. */
const FIRST_ROUTES = ['src/pages/Dashboard.tsx'];

export async function bundleSizes(dir: string): Promise<BundleSizes> {
  const manifest = JSON.parse(await readFile(path.join(dir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const gzipped = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = async (file: string) => {
    let size = gzipped.get(file);
    if (!size) {
      const body = await readFile(path.join(dir, file));
      size = { raw: body.byteLength, gzip: gzipSync(body, { level: 9 }).byteLength };
      gzipped.set(file, size);
    }
    return size;
  };
  /** A chunk and everything it imports statically (loaded together). */
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key) || !manifest[key]) return seen;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) closure(imported, seen);
    return seen;
  };
  const measure = async (route: string, keys: Set<string>): Promise<RouteSize> => {
    const files = [...keys].map((key) => manifest[key]!.file);
    const css = [...new Set([...keys].flatMap((key) => manifest[key]!.css ?? []))];
    let jsBytes = 0;
    let gzip = 0;
    let cssGzip = 0;
    for (const file of files) {
      const size = await sizeOf(file);
      jsBytes += size.raw;
      gzip += size.gzip;
    }
    for (const file of css) cssGzip += (await sizeOf(file)).gzip;
    return { route, files, jsBytes, gzip, cssGzip };
  };

  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entryKey) throw new Error(`${dir}: the manifest names no entry`);
  const entryKeys = closure(entryKey);
  const entry = await measure('entry', entryKeys);
  const routes: RouteSize[] = [];
  for (const key of Object.keys(manifest).filter((k) => manifest[k]!.isDynamicEntry)) {
    routes.push(await measure(manifest[key]!.src ?? key, closure(key, new Set(entryKeys))));
  }
  const firstCandidates = [entry, ...routes.filter((route) => FIRST_ROUTES.includes(route.route))];
  const firstRoute = firstCandidates.reduce((a, b) => (b.gzip > a.gzip ? b : a));

  let jsBytes = 0;
  let jsGzip = 0;
  let cssGzip = 0;
  let files = 0;
  const assets = path.join(dir, 'assets');
  for (const name of await readdir(assets)) {
    if (!(await stat(path.join(assets, name))).isFile()) continue;
    const size = await sizeOf(path.join('assets', name));
    files++;
    if (name.endsWith('.js')) {
      jsBytes += size.raw;
      jsGzip += size.gzip;
    } else if (name.endsWith('.css')) cssGzip += size.gzip;
  }
  return { firstRoute, entry, routes, total: { jsBytes, jsGzip, cssGzip, files } };
}
