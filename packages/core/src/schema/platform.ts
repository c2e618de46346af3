import type { GeaBuilder } from '../builder.ts';
import type { GeaPlugin, PermissionDefinition } from '../plugin.ts';

interface PermissionInfo {
  name: string;
  description: string;
  /** Whether an API token may hold it (administration stays with people). */
  forTokens: boolean;
}

/** What the server was composed with: installed plugins and every permission they declare. */
export function addPlatformSchema(
  builder: GeaBuilder,
  plugins: readonly GeaPlugin[],
  permissions: ReadonlyMap<string, PermissionDefinition>,
) {
  const Permission = builder.objectRef<PermissionInfo>('Permission').implement({
    fields: (t) => ({
      name: t.exposeString('name', { authScopes: { authenticated: true } }),
      description: t.exposeString('description', { authScopes: { authenticated: true } }),
      forTokens: t.exposeBoolean('forTokens', {
        description: 'Whether an API token may hold it: administration (users, tokens, modules) stays with people.',
        authScopes: { authenticated: true },
      }),
    }),
  });

  const InstalledPlugin = builder.objectRef<GeaPlugin>('InstalledPlugin').implement({
    description: 'A module installed on this server. Whether it is enabled for a body is decided per body.',
    fields: (t) => ({
      key: t.exposeString('key', { authScopes: { authenticated: true } }),
      name: t.exposeString('name', { authScopes: { authenticated: true } }),
      description: t.string({ nullable: true, authScopes: { authenticated: true }, resolve: (p) => p.description ?? null }),
      dependsOn: t.stringList({ authScopes: { authenticated: true }, resolve: (p) => [...(p.dependsOn ?? [])] }),
      permissions: t.field({
        type: [Permission],
        authScopes: { authenticated: true },
        resolve: (p) => Object.entries(p.permissions ?? {}).map(([name, def]) => ({ name, description: def.description, forTokens: !def.notForTokens })),
      }),
    }),
  });

  builder.queryFields((t) => ({
    installedPlugins: t.field({
      type: [InstalledPlugin],
      description: 'Installed plugins, in dependency order.',
      authScopes: { authenticated: true },
      resolve: () => [...plugins],
    }),
    permissions: t.field({
      type: [Permission],
      description: 'Every permission the core and the installed plugins declare.',
      authScopes: { authenticated: true },
      resolve: () => [...permissions].map(([name, def]) => ({ name, description: def.description, forTokens: !def.notForTokens })),
    }),
  }));
}
