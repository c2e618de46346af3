import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@gea/db';
import type { GeaPlugin } from './plugin.ts';

export class PluginGraphError extends Error {
  override name = 'PluginGraphError';
}

/** A plugin key: lowercase words joined by hyphens (`inventory`, `cost-sharing`). */
export const PLUGIN_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Checks the installed plugins and returns them in dependency order (dependencies first, ties kept
 * in the configured order). Every failure names the plugins involved.
 */
export function orderPlugins(plugins: readonly GeaPlugin[], root = repoRoot): GeaPlugin[] {
  const byKey = new Map<string, GeaPlugin>();
  for (const plugin of plugins) {
    if (typeof plugin?.key !== 'string' || !PLUGIN_KEY.test(plugin.key)) {
      throw new PluginGraphError(
        `plugin key ${JSON.stringify(plugin?.key)} is invalid: use lowercase letters, digits and hyphens`,
      );
    }
    if (byKey.has(plugin.key)) {
      throw new PluginGraphError(`plugin "${plugin.key}" is installed twice (duplicate key)`);
    }
    byKey.set(plugin.key, plugin);
  }

  for (const plugin of plugins) {
    for (const dependency of plugin.dependsOn ?? []) {
      if (dependency === plugin.key) throw new PluginGraphError(`plugin "${plugin.key}" depends on itself`);
      if (!byKey.has(dependency)) {
        throw new PluginGraphError(
          `plugin "${plugin.key}" depends on "${dependency}", which is not installed (installed: ${[...byKey.keys()].join(', ') || 'none'})`,
        );
      }
    }
    for (const permission of Object.keys(plugin.permissions ?? {})) {
      if (!permission.startsWith(`${plugin.key}:`)) {
        throw new PluginGraphError(`plugin "${plugin.key}" declares permission "${permission}": it must start with "${plugin.key}:"`);
      }
    }
    if (plugin.prismaSchema && !existsSync(path.resolve(root, plugin.prismaSchema))) {
      throw new PluginGraphError(`plugin "${plugin.key}" names Prisma schema ${plugin.prismaSchema}, which does not exist`);
    }
  }

  const ordered: GeaPlugin[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (plugin: GeaPlugin, trail: string[]) => {
    const seen = state.get(plugin.key);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(plugin.key)), plugin.key];
      throw new PluginGraphError(`plugin dependency cycle: ${cycle.join(' -> ')}`);
    }
    state.set(plugin.key, 'visiting');
    for (const dependency of plugin.dependsOn ?? []) visit(byKey.get(dependency)!, [...trail, plugin.key]);
    state.set(plugin.key, 'done');
    ordered.push(plugin);
  };
  for (const plugin of plugins) visit(plugin, []);
  return ordered;
}
