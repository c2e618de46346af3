// What a plugin's web part declares (`@gea/web-kit/plugin`): its screens and the widgets it puts
// into slots of other screens. Plain data and lazy `import()`s, no Solid at run time, so that Node
// (tests, tools) can read a definition without a bundler.
import type { Component } from 'solid-js';

export type Locale = 'it' | 'en';
/** A text in every language of the interface. */
export type Label = Readonly<Record<Locale, string>>;

/**
 * The props each widget slot hands to its widgets, by slot name. Declared once here for the core's
 * screens; a plugin adds the slots of its own screens by declaration merging:
 *
 *     declare module '@gea/web-kit/plugin' {
 *       interface WidgetSlots { 'inventory.asset': { assetId: string; entityId: string } }
 *     }
 */
export interface WidgetSlots {
  /** Dashboard, "what needs attention": the bodies the reader may see with the module on and the widget's permission held. */
  'dashboard.attention': { entityIds: readonly string[] };
  /** The page of one body. */
  'entity.page': { entityId: string };
}
export type WidgetSlotName = keyof WidgetSlots;

export type PermissionName = string;

/** A screen of the plugin, loaded the first time it is shown (one chunk each). */
export interface WebRoute {
  /** Client path, `/<plugin key>` or below it; `:name` segments are parameters. */
  path: string;
  load: () => Promise<{ default: Component }>;
  /** Shown only to readers holding it on a body where the module is enabled (the API checks it regardless). */
  permission?: PermissionName;
  /** An entry in the modules menu: its label per language, and its place among the modules' entries. */
  menu?: { label: Label; order?: number };
}

/** A component the plugin puts into a slot of another screen. */
export interface WebWidget<S extends WidgetSlotName = WidgetSlotName> {
  slot: S;
  load: () => Promise<{ default: Component<WidgetSlots[S]> }>;
  permission?: PermissionName;
  /** Place among the slot's widgets, lowest first (default 100). */
  order?: number;
}

/** One of the widgets for any slot, its component's props checked against that slot. */
export type AnyWebWidget = { [S in WidgetSlotName]: WebWidget<S> }[WidgetSlotName];

/** Roles that hold a permission by default, as the plugin's server part declares them. */
export interface PermissionRoles {
  description?: string;
  roles?: readonly string[];
}

export interface WebPluginDefinition {
  /** The plugin's key, as its server part declares it. */
  key: string;
  /** The module's name per language (menus, the modules page, error messages). */
  label: Label;
  routes?: readonly WebRoute[];
  widgets?: readonly AnyWebWidget[];
  /**
   * The plugin's permissions with their default roles (its server part's pure-data permissions
   * file). The API tells the client a reader's roles but not what the roles hold, so menus need
   * this to offer only what the reader may open.
   */
  permissions?: Readonly<Record<string, PermissionRoles>>;
  /**
   * The plugin's mutations in words, by mutation name (its `web/operations.ts`), for the audit
   * trail. A static test checks every mutation of the schema has its label in every language.
   */
  operations?: Readonly<Record<string, Label>>;
}

/** Paths of the core screens; a plugin's paths start with `/<its key>`, so they never collide. */
export const CORE_PATH_SEGMENTS: ReadonlySet<string> = new Set(['', 'login', 'bodies', 'users', 'modules', 'audit']);

/** Why a definition cannot be installed, or none. */
export function definitionProblems(plugin: WebPluginDefinition): string[] {
  const problems: string[] = [];
  if (CORE_PATH_SEGMENTS.has(plugin.key)) problems.push(`plugin "${plugin.key}": its key is a path of the core screens`);
  for (const route of plugin.routes ?? []) {
    if (route.path !== `/${plugin.key}` && !route.path.startsWith(`/${plugin.key}/`)) {
      problems.push(`plugin "${plugin.key}": web route ${route.path}: a plugin's paths start with /${plugin.key}`);
    }
  }
  return problems;
}

/** Gives a plugin's web part its type, and refuses paths outside the plugin's key. */
export function defineWebPlugin<const P extends WebPluginDefinition>(plugin: P): P {
  const problems = definitionProblems(plugin);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return plugin;
}

/** A widget for `slot`: its component's props are checked against the slot's. */
export function widget<S extends WidgetSlotName>(definition: WebWidget<S>): WebWidget<S> {
  return definition;
}
