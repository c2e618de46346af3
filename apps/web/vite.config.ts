// Vite configuration of the web client, and the Vite plugin that turns the installed GEA plugins
// into the client's route table (virtual module `virtual:gea-plugins`).
//
// The API process passes its own plugin list (`npm start` builds through server/index.ts, `npm run
// dev` runs Vite inside the API). Run on its own (`npx vite build`, `npx vite`), this file reads the
// installed plugins the way apps/api/src/config.ts does: GEA_PLUGINS, or gea.config.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import solid from 'vite-plugin-solid';

export const webRoot = path.dirname(fileURLToPath(import.meta.url));

/** What the client needs of a GEA plugin definition (structurally a `GeaPlugin` of @gea/core). */
export interface WebPluginLike {
  key: string;
  name: string;
  permissions?: Readonly<Record<string, { roles?: readonly string[] }>>;
  web?: {
    routes: readonly {
      path: string;
      component: string;
      permission?: string;
      menu?: { label: Readonly<Record<string, string>>; order?: number };
    }[];
    widgets?: readonly { slot: string; component: string; permission?: string; order?: number }[];
  };
}

export interface InstalledPlugins {
  /** Installed plugins, in dependency order. */
  plugins: readonly WebPluginLike[];
  /** Every permission, core and plugins', with the roles that hold it (ICT_HEAD holds them all). */
  permissions: ReadonlyMap<string, { roles?: readonly string[] }>;
}

/** The installed plugins as `npm start` would load them (TypeScript sources, through tsx). */
export async function loadInstalledPlugins(env: NodeJS.ProcessEnv = process.env): Promise<InstalledPlugins> {
  const { tsImport } = await import('tsx/esm/api');
  // A path held in a variable: the type-checker of this package does not follow the server's sources.
  const helper = './server/installed-plugins.ts';
  const { installedPlugins } = (await tsImport(helper, import.meta.url)) as {
    installedPlugins: (env: NodeJS.ProcessEnv) => Promise<InstalledPlugins>;
  };
  return installedPlugins(env);
}

const VIRTUAL_ID = 'virtual:gea-plugins';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
/** Paths of the core screens; a plugin's paths start with `/<its key>`, so they never collide. */
const CORE_SEGMENTS = new Set(['', 'login', 'bodies', 'users', 'modules', 'audit']);
export const WIDGET_SLOTS = ['dashboard.attention'] as const;

/**
 * Generates `virtual:gea-plugins`: the installed modules, each plugin's client routes and dashboard
 * widgets with a lazy `import()` of their component (one chunk each), and which roles hold each
 * permission (for menus; the API enforces every permission itself).
 */
export function geaPluginsModule(source: () => Promise<InstalledPlugins>): Plugin {
  let installed: Promise<InstalledPlugins> | undefined;
  return {
    name: 'gea-plugins',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    async load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const { plugins, permissions } = await (installed ??= source());
      const importer = path.join(webRoot, 'index.html');
      const resolve = async (plugin: WebPluginLike, what: string, specifier: string) => {
        const resolved = await this.resolve(specifier, importer);
        if (!resolved) this.error(`plugin "${plugin.key}": ${what}: cannot resolve component "${specifier}" (export it as "./web/*" in the plugin's package.json)`);
        return resolved.id;
      };
      const checkPermission = (plugin: WebPluginLike, what: string, permission: string | undefined) => {
        if (permission !== undefined && !permissions.has(permission)) {
          this.error(`plugin "${plugin.key}": ${what}: unknown permission "${permission}"`);
        }
      };
      const routes: string[] = [];
      const widgets: string[] = [];
      for (const plugin of plugins) {
        for (const route of plugin.web?.routes ?? []) {
          const what = `web route ${route.path}`;
          if (route.path !== `/${plugin.key}` && !route.path.startsWith(`/${plugin.key}/`)) {
            this.error(`plugin "${plugin.key}": ${what}: a plugin's paths start with /${plugin.key}`);
          }
          if (CORE_SEGMENTS.has(plugin.key)) this.error(`plugin "${plugin.key}": its key is a path of the core screens`);
          checkPermission(plugin, what, route.permission);
          const file = await resolve(plugin, what, route.component);
          routes.push(
            `{ module: ${json(plugin.key)}, path: ${json(route.path)}, permission: ${json(route.permission ?? null)}, ` +
              `menu: ${json(route.menu ? { label: route.menu.label, order: route.menu.order ?? 100 } : null)}, ` +
              `load: () => import(${json(file)}) }`,
          );
        }
        for (const widget of plugin.web?.widgets ?? []) {
          const what = `widget for ${widget.slot}`;
          if (!(WIDGET_SLOTS as readonly string[]).includes(widget.slot)) {
            this.error(`plugin "${plugin.key}": ${what}: unknown slot (known: ${WIDGET_SLOTS.join(', ')})`);
          }
          checkPermission(plugin, what, widget.permission);
          const file = await resolve(plugin, what, widget.component);
          widgets.push(
            `{ module: ${json(plugin.key)}, slot: ${json(widget.slot)}, permission: ${json(widget.permission ?? null)}, ` +
              `order: ${json(widget.order ?? 100)}, load: () => import(${json(file)}) }`,
          );
        }
      }
      const roles = Object.fromEntries([...permissions].map(([name, definition]) => [name, definition.roles ?? []]));
      return [
        `export const modules = ${json(plugins.map((plugin) => ({ key: plugin.key, name: plugin.name })))};`,
        `export const permissionRoles = ${json(roles)};`,
        `export const routes = [\n  ${routes.join(',\n  ')}\n];`,
        `export const widgets = [\n  ${widgets.join(',\n  ')}\n];`,
      ].join('\n');
    },
  };
}

const json = (value: unknown) => JSON.stringify(value);

export interface WebConfigOptions {
  /** Where the installed plugins come from; default: GEA_PLUGINS or gea.config.ts. */
  installed?: () => Promise<InstalledPlugins>;
  outDir?: string;
}

export function webConfig({ installed = () => loadInstalledPlugins(), outDir = 'dist' }: WebConfigOptions = {}): UserConfig {
  return {
    root: webRoot,
    clearScreen: false,
    plugins: [solid(), geaPluginsModule(installed)],
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
