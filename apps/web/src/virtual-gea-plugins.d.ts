// The module vite.config.ts generates from the installed plugins (see geaPluginsModule there).
declare module 'virtual:gea-plugins' {
  import type { Component } from 'solid-js';

  export interface ModuleInfo {
    key: string;
    name: string;
  }
  /** A screen a plugin adds (its `web.routes`); the component is loaded when first shown. */
  export interface PluginRoute {
    module: string;
    path: string;
    permission: string | null;
    menu: { label: Readonly<Record<string, string>>; order: number } | null;
    load: () => Promise<{ default: Component }>;
  }
  /** What a plugin puts in a slot of a core screen (its `web.widgets`). */
  export interface PluginWidget {
    module: string;
    slot: 'dashboard.attention';
    permission: string | null;
    order: number;
    load: () => Promise<{ default: Component<WidgetProps> }>;
  }
  export interface WidgetProps {
    /** The bodies the reader may see with this module enabled (and the widget's permission held). */
    entityIds: readonly string[];
  }

  /** Installed plugins, in dependency order. */
  export const modules: readonly ModuleInfo[];
  /** Roles that hold each permission by default (ICT_HEAD holds all; `x:write` implies `x:read`). */
  export const permissionRoles: Readonly<Record<string, readonly string[]>>;
  export const routes: readonly PluginRoute[];
  export const widgets: readonly PluginWidget[];
}
