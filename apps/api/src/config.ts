import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLUGIN_KEY, type GeaPlugin } from '@gea/core';
import { repoRoot, resolveUserPath } from '@gea/db';

export interface GeaConfig {
  /** Installed plugins. Each is then enabled or not per body. */
  plugins: GeaPlugin[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Installed plugins: `GEA_PLUGINS` (comma-separated keys, `none` for the core alone) when set,
 * otherwise the config file `GEA_CONFIG` (default: gea.config.ts at the repository root). Key `cost-sharing` is package `@gea/plugin-cost-sharing`.
 */
export async function loadInstalledPlugins(env: NodeJS.ProcessEnv = process.env): Promise<GeaPlugin[]> {
  const list = env.GEA_PLUGINS?.trim();
  if (list === undefined || list === '') {
    const given = env.GEA_CONFIG?.trim();
    const file = given ? resolveUserPath(given, env) : path.join(repoRoot, 'gea.config.ts');
    if (!existsSync(file)) throw new ConfigError(`configuration file ${file} does not exist`);
    const { default: config } = (await import(pathToFileURL(file).href)) as { default?: GeaConfig };
    if (!config || !Array.isArray(config.plugins)) {
      throw new ConfigError(`${file} must export default { plugins: [...] }`);
    }
    config.plugins.forEach((plugin, index) => {
      if (typeof plugin !== 'object' || plugin === null || typeof plugin.key !== 'string' || typeof plugin.name !== 'string') {
        throw new ConfigError(
          `${file}: plugins[${index}] is not a plugin definition (import the package's default export: import inventory from '@gea/plugin-inventory')`,
        );
      }
    });
    return config.plugins;
  }
  if (list === 'none') return [];
  const keys = list.split(',').map((key) => key.trim()).filter(Boolean);
  const plugins: GeaPlugin[] = [];
  for (const key of keys) {
    if (!PLUGIN_KEY.test(key)) throw new ConfigError(`GEA_PLUGINS: "${key}" is not a plugin key`);
    let module: { default?: GeaPlugin };
    try {
      module = (await import(`@gea/plugin-${key}`)) as { default?: GeaPlugin };
    } catch (error) {
      // Only the plugin package itself missing; a module missing inside an installed plugin is a real error.
      const missing = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
      if (missing && (error as Error).message.includes(`'@gea/plugin-${key}'`)) {
        throw new ConfigError(`GEA_PLUGINS: no plugin "${key}" (package @gea/plugin-${key} is not installed)`);
      }
      throw error;
    }
    if (!module.default || module.default.key !== key) {
      throw new ConfigError(`GEA_PLUGINS: package @gea/plugin-${key} does not export a plugin definition with key "${key}"`);
    }
    plugins.push(module.default);
  }
  return plugins;
}
