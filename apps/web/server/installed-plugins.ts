// Loaded through tsx by vite.config.ts when Vite runs on its own (not inside the API process):
// the installed plugins exactly as `npm start` reads them (GEA_PLUGINS or gea.config.ts).
// Left out of the client's tsc run (excluded in tsconfig.json): checking it would pull the whole
// server, Pothos types and all, into the client's type-check for two imports.
import { corePermissions } from '@gea/core';
import { loadInstalledPlugins } from '../../api/src/config.ts';
import type { InstalledPlugins } from '../vite.config.ts';

export async function installedPlugins(env: NodeJS.ProcessEnv): Promise<InstalledPlugins> {
  const plugins = await loadInstalledPlugins(env);
  const permissions = new Map<string, { roles?: readonly string[] }>(Object.entries(corePermissions));
  for (const plugin of plugins) for (const [name, definition] of Object.entries(plugin.permissions ?? {})) permissions.set(name, definition);
  return { plugins, permissions };
}
