import type { GeaPlugin } from '../plugin.ts';
import type { PermissionDefinition } from '../permissions.ts';
import type { NotificationKindDefinition } from './types.ts';

export class NotificationConfigError extends Error {
  override name = 'NotificationConfigError';
}

/** The notification kinds of the installed plugins, checked: named `<plugin key>:...`, needing a permission that exists. */
export function collectNotificationKinds(
  plugins: readonly GeaPlugin[],
  permissions: ReadonlyMap<string, PermissionDefinition>,
): Map<string, NotificationKindDefinition> {
  const kinds = new Map<string, NotificationKindDefinition>();
  for (const plugin of plugins) {
    for (const [name, kind] of Object.entries(plugin.notifications ?? {})) {
      if (!name.startsWith(`${plugin.key}:`)) {
        throw new NotificationConfigError(`plugin ${plugin.key}: notification kind "${name}" must start with "${plugin.key}:"`);
      }
      if (!permissions.has(kind.permission)) {
        throw new NotificationConfigError(`notification kind ${name}: unknown permission "${kind.permission}"`);
      }
      kinds.set(name, kind);
    }
  }
  return kinds;
}
