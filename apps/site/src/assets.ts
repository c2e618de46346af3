// Static files of the site under `<basePath>/_assets/<version>/...`: Bootstrap Italia's CSS, script,
// fonts (Titillium Web, Lora, Roboto Mono) and icon sprite from the package's dist, plus the site's
// own CSS and the @font-face rules (Bootstrap Italia loads fonts with an inline style, which the
// CSP forbids). Read once, kept in memory, gzipped where it helps, cached for a year.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const packageJson = require.resolve('bootstrap-italia/package.json');
const dist = join(dirname(packageJson), 'dist');
export const bootstrapItaliaVersion: string = (require(packageJson) as { version: string }).version;
const ownStatic = join(dirname(fileURLToPath(import.meta.url)), 'static');

const CONTENT_TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
};
const COMPRESSIBLE = new Set(['css', 'js', 'svg', 'ttf']);

/** Where each public folder comes from. */
const FOLDERS: Record<string, string> = { css: join(dist, 'css'), js: join(dist, 'js'), svg: join(dist, 'svg'), fonts: join(dist, 'fonts') };

interface Asset {
  body: Buffer;
  gzip?: Buffer;
  contentType: string;
}

const FONT_FAMILIES: Record<string, string> = { Titillium_Web: 'Titillium Web', Lora: 'Lora', Roboto_Mono: 'Roboto Mono' };

/** @font-face rules for every woff2/woff pair of the package's fonts. */
function fontFaces(prefix: string): string {
  const rules: string[] = [];
  for (const [folder, family] of Object.entries(FONT_FAMILIES)) {
    for (const file of readdirSync(join(dist, 'fonts', folder)).filter((f) => f.endsWith('.woff2')).sort()) {
      const variant = /latin-(\d+)?(italic|regular)?\.woff2$/.exec(file);
      if (!variant) continue;
      const weight = variant[1] ?? '400';
      const style = variant[2] === 'italic' ? 'italic' : 'normal';
      const base = `${prefix}/fonts/${folder}/${file.slice(0, -'.woff2'.length)}`;
      rules.push(
        `@font-face{font-family:'${family}';font-style:${style};font-weight:${weight};font-display:swap;` +
          `src:url('${base}.woff2') format('woff2'),url('${base}.woff') format('woff')}`,
      );
    }
  }
  return rules.join('\n') + '\n';
}

export interface SiteAssets {
  /** The URL prefix of the assets of this build, e.g. /sites/_assets/2.18.3-1a2b3c4d. */
  prefix: string;
  /** The answer for a path under `<basePath>/_assets/`, or null when there is no such file. */
  serve(request: Request, rest: string): Response | null;
}

export function createSiteAssets(basePath: string): SiteAssets {
  const siteCss = readFileSync(join(ownStatic, 'site.css'));
  const siteJs = readFileSync(join(ownStatic, 'site.js'));
  const version = `${bootstrapItaliaVersion}-${createHash('sha256').update(siteCss).update(siteJs).digest('hex').slice(0, 8)}`;
  const prefix = `${basePath}/_assets/${version}`;
  const generated = new Map<string, Buffer>([
    ['site.css', siteCss],
    ['site.js', siteJs],
    ['fonts.css', Buffer.from(fontFaces(prefix))],
  ]);
  const cache = new Map<string, Asset | null>();

  const load = (file: string): Asset | null => {
    if (cache.has(file)) return cache.get(file)!;
    const extension = file.slice(file.lastIndexOf('.') + 1);
    const contentType = CONTENT_TYPES[extension];
    let body: Buffer | undefined = generated.get(file);
    if (!body && contentType) {
      const [folder, ...parts] = file.split('/');
      const root = FOLDERS[folder ?? ''];
      const target = root && parts.length > 0 ? normalize(join(root, ...parts)) : undefined;
      if (target && target.startsWith(root + sep)) {
        try {
          body = readFileSync(target);
        } catch {
          body = undefined;
        }
      }
    }
    const asset = body && contentType ? { body, contentType, gzip: COMPRESSIBLE.has(extension) ? gzipSync(body) : undefined } : null;
    cache.set(file, asset);
    return asset;
  };

  return {
    prefix,
    serve(request, rest) {
      // rest: "<version>/<file>"; an old version still gets today's file, but not for a year.
      const slash = rest.indexOf('/');
      if (slash < 0) return null;
      const requested = rest.slice(0, slash);
      const file = rest.slice(slash + 1);
      if (!/^[A-Za-z0-9_./-]+$/.test(file) || file.includes('..')) return null;
      const asset = load(file);
      if (!asset) return null;
      const gzip = asset.gzip !== undefined && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
      const body = gzip ? asset.gzip! : asset.body;
      const headers: Record<string, string> = {
        'content-type': asset.contentType,
        'content-length': String(body.byteLength),
        'cache-control': requested === version ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        'x-content-type-options': 'nosniff',
        'cross-origin-resource-policy': 'same-origin',
        vary: 'accept-encoding',
      };
      if (gzip) headers['content-encoding'] = 'gzip';
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
    },
  };
}
