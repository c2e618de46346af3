// The module vite.config.ts generates from the installed plugins' keys (see geaPluginsModule there).
declare module 'virtual:gea-plugins' {
  import type { PermissionRoles, WebPluginDefinition } from '@gea/web-kit/plugin';

  /** Every installed plugin's key, in dependency order (with or without a web part). */
  export const keys: readonly string[];
  /** The web parts of the installed plugins that have one. */
  export const plugins: readonly WebPluginDefinition[];
  /** The core's permissions with their default roles. */
  export const corePermissions: Readonly<Record<string, PermissionRoles>>;
}
