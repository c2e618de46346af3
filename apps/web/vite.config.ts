// Vite configuration of the web client, and the Vite plugin that turns the installed GEA plugins
// into the client's route table (virtual module `virtual:gea-plugins`).
//
// The client's build needs only the installed plugins' KEYS: it imports `@gea/plugin-<key>/web`
// (each plugin's web definition, lazy screens) and never the plugins' server code. The API process
// passes its own keys (`npm start` builds through server/index.ts, `npm run dev` runs Vite inside
// the API). Run on its own (`npx vite build`, `npx vite`), this file takes GEA_PLUGINS, or else
// reads which plugin packages gea.config.ts lists, as text, without running it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import solid from 'vite-plugin-solid';

export const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, '../..');

/** As the API's config: lowercase, hyphenated. */
const PLUGIN_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export class PluginKeysError extends Error {
  override name = 'PluginKeysError';
}

/**
 * The plugin keys a config file installs, read from its text: the `@gea/plugin-<key>` packages it
 * imports, in the order their imported names appear in `plugins: [...]`. The file is not run, so
 * nothing of the plugins' server code is loaded here.
 */
export function pluginKeysFromConfigText(text: string, file = 'gea.config.ts'): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const names = new Map<string, string>();
  for (const match of code.matchAll(/\bimport\s+([^;'"]*?)\s+from\s+['"]@gea\/plugin-([a-z0-9-]+)['"]/g)) {
    const [, clause, key] = match as unknown as [string, string, string];
    if (/^type\s/.test(clause)) continue;
    for (const name of clause.replace(/[{}]/g, ',').split(',')) {
      const local = name.trim().split(/\s+as\s+/).pop()?.trim();
      if (local && !/^type\s/.test(local)) names.set(local, key);
    }
  }
  const list = /plugins\s*:\s*\[([\s\S]*?)\]/.exec(code);
  if (!list) throw new PluginKeysError(`${file}: no "plugins: [...]" list to read the installed plugins from (or set GEA_PLUGINS)`);
  const keys: string[] = [];
  for (const word of list[1]!.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const key = names.get(word[0]);
    if (key && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** The installed plugins' keys as `npm start` would read them: GEA_PLUGINS, or the config file's plugin list. */
export function installedPluginKeys(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = env.GEA_PLUGINS?.trim();
  if (list) {
    if (list === 'none') return [];
    const keys = list.split(',').map((key) => key.trim()).filter(Boolean);
    for (const key of keys) if (!PLUGIN_KEY.test(key)) throw new PluginKeysError(`GEA_PLUGINS: "${key}" is not a plugin key`);
    return keys;
  }
  const given = env.GEA_CONFIG?.trim();
  const file = given ? path.resolve(env.INIT_CWD ?? process.cwd(), given) : path.join(repoRoot, 'gea.config.ts');
  if (!existsSync(file)) throw new PluginKeysError(`configuration file ${file} does not exist`);
  return pluginKeysFromConfigText(readFileSync(file, 'utf8'), file);
}

const VIRTUAL_ID = 'virtual:gea-plugins';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/**
 * Generates `virtual:gea-plugins`: the installed plugins' keys, the web definition of each that has
 * a web part (`@gea/plugin-<key>/web`; its screens and widgets are lazy imports, one chunk each),
 * and the core's permissions with their default roles (menus; the API enforces every permission).
 */
export function geaPluginsModule(keys: () => Promise<readonly string[]>): Plugin {
  let installed: Promise<readonly string[]> | undefined;
  return {
    name: 'gea-plugins',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const pluginKeys = await (installed ??= keys());
      const importer = path.join(webRoot, 'index.html');
      const imports: string[] = [];
      const definitions: string[] = [];
      for (const key of pluginKeys) {
        if (!PLUGIN_KEY.test(key)) this.error(`"${key}" is not a plugin key`);
        // A plugin without a web part (no "./web" export) adds no screen: only its key is listed.
        const resolved = await this.resolve(`@gea/plugin-${key}/web`, importer);
        if (!resolved) continue;
        imports.push(`import plugin${definitions.length} from ${json(resolved.id)};`);
        definitions.push(`plugin${definitions.length}`);
      }
      return [
        ...imports,
        `export { corePermissions } from "@gea/core/permissions";`,
        `export const keys = ${json(pluginKeys)};`,
        `export const plugins = [${definitions.join(', ')}];`,
      ].join('\n');
    },
  };
}

const json = (value: unknown) => JSON.stringify(value);

export interface WebConfigOptions {
  /** The installed plugins' keys; default: GEA_PLUGINS or gea.config.ts. */
  pluginKeys?: () => Promise<readonly string[]>;
  outDir?: string;
}

export function webConfig({ pluginKeys = async () => installedPluginKeys(), outDir = 'dist' }: WebConfigOptions = {}): UserConfig {
  return {
    root: webRoot,
    clearScreen: false,
    plugins: [solid(), geaPluginsModule(pluginKeys)],
    resolve: { dedupe: ['solid-js', '@urql/core'] },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      // The manifest tells scripts/sizes.ts which chunks each route loads.
      manifest: true,
      // Every browser the offices use supports <link rel="modulepreload">.
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
    // `npx vite` on its own: the API runs separately (npm start) on its default port.
    server: {
      proxy: Object.fromEntries(
        ['/graphql', '/auth', '/health'].map((prefix) => [prefix, { target: process.env.GEA_API_URL ?? 'http://127.0.0.1:4000' }]),
      ),
    },
  };
}

export default defineConfig(() => webConfig());
