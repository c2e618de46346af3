// The installed plugins' web parts, as the app hands them over at start-up (apps/web/src/main.tsx,
// from the build's `virtual:gea-plugins`). Set once before the first render; read by menus, the
// route table, widget slots and module names.
import type { AnyWebWidget, PermissionRoles, WebPluginDefinition, WebRoute, WidgetSlotName, WidgetSlots, WebWidget } from './plugin.ts';
import type { Label, Locale } from './plugin.ts';
import { definitionProblems } from './plugin.ts';
import { coreOperations } from './core-operations.ts';

/** A plugin screen with the module it belongs to. */
export interface PluginRoute extends WebRoute {
  module: string;
}

/** A plugin widget with the module it belongs to. */
export type PluginWidget<S extends WidgetSlotName = WidgetSlotName> = WebWidget<S> & { module: string };

/** Roles that hold each permission by default (ICT_HEAD holds all; `x:write` implies `x:read`). */
export type PermissionTable = Readonly<Record<string, readonly string[]>>;

interface Installed {
  keys: readonly string[];
  plugins: readonly WebPluginDefinition[];
  permissions: PermissionTable;
}

let installed: Installed = { keys: [], plugins: [], permissions: {} };

/**
 * Installs the web parts of the installed plugins: `keys` are every installed plugin (some may
 * have no web part), `core` the core's permissions with their default roles.
 */
export function installWebPlugins(
  keys: readonly string[],
  plugins: readonly WebPluginDefinition[],
  core: Readonly<Record<string, PermissionRoles>> = {},
): void {
  const problems = plugins.flatMap(definitionProblems);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const permissions: Record<string, readonly string[]> = {};
  for (const source of [core, ...plugins.map((plugin) => plugin.permissions ?? {})]) {
    for (const [name, definition] of Object.entries(source)) permissions[name] = definition.roles ?? [];
  }
  installed = { keys, plugins, permissions };
}

/** Keys of the installed plugins, in dependency order. */
export const installedModules = (): readonly string[] => installed.keys;

export const webPlugin = (key: string): WebPluginDefinition | undefined => installed.plugins.find((plugin) => plugin.key === key);

export const permissionTable = (): PermissionTable => installed.permissions;

export function pluginRoutes(): readonly PluginRoute[] {
  return installed.plugins.flatMap((plugin) => (plugin.routes ?? []).map((route) => ({ ...route, module: plugin.key })));
}

/** The widgets installed for `slot`, in their order. */
export function slotWidgets<S extends WidgetSlotName>(slot: S): readonly PluginWidget<S>[] {
  const all = installed.plugins.flatMap((plugin) =>
    (plugin.widgets ?? []).map((widget: AnyWebWidget) => ({ ...widget, module: plugin.key })),
  );
  return (all.filter((widget) => widget.slot === slot) as unknown as PluginWidget<S>[]).sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
}

export type { WidgetSlots };

/** A mutation in words (the core's or an installed plugin's), or undefined for one nobody labelled. */
export function operationLabel(name: string): Label | undefined {
  if (Object.hasOwn(coreOperations, name)) return coreOperations[name];
  for (const plugin of installed.plugins) if (plugin.operations && Object.hasOwn(plugin.operations, name)) return plugin.operations[name];
  return undefined;
}

/** A mutation in words in `locale`; its own name when nobody labelled it. */
export const operationName = (name: string, locale: Locale): string => operationLabel(name)?.[locale] ?? name;

/** Every labelled mutation: the core's, then the installed plugins'. */
export function operationLabels(): readonly (readonly [string, Label])[] {
  return [...Object.entries(coreOperations), ...installed.plugins.flatMap((plugin) => Object.entries(plugin.operations ?? {}))];
}
