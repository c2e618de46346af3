import { describe, expect, it } from 'vitest';
import { geaPluginsModule, type InstalledPlugins, type WebPluginLike } from '../vite.config.ts';

/** Runs the Vite plugin's hooks as Vite would for `import ... from 'virtual:gea-plugins'`. */
async function generate(plugins: WebPluginLike[], permissions: Record<string, { roles?: string[] }> = {}) {
  const installed: InstalledPlugins = { plugins, permissions: new Map(Object.entries(permissions)) };
  const plugin = geaPluginsModule(async () => installed);
  const resolveId = plugin.resolveId as (id: string) => string | undefined;
  const id = resolveId('virtual:gea-plugins');
  expect(id).toBe('\0virtual:gea-plugins');
  const context = {
    resolve: async (specifier: string) => (specifier.includes('missing') ? null : { id: `/repo/${specifier}` }),
    error: (message: string) => {
      throw new Error(message);
    },
  };
  return (plugin.load as (this: typeof context, id: string) => Promise<string>).call(context, id!);
}

const inventory: WebPluginLike = {
  key: 'inventory',
  name: 'Technology inventory',
  permissions: { 'inventory:read': { roles: ['ICT_STAFF', 'REFERENT'] } },
  web: {
    routes: [
      { path: '/inventory', component: '@gea/plugin-inventory/web/list.tsx', permission: 'inventory:read', menu: { label: { it: 'Inventario', en: 'Inventory' } } },
      { path: '/inventory/assets/:id', component: '@gea/plugin-inventory/web/asset.tsx' },
    ],
    widgets: [{ slot: 'dashboard.attention', component: '@gea/plugin-inventory/web/warranty.tsx', permission: 'inventory:read', order: 5 }],
  },
};

describe('virtual:gea-plugins: the client route table comes from the installed plugins', () => {
  it('lists each route and widget with a lazy import of its component, and the roles of each permission', async () => {
    const code = await generate([inventory, { key: 'procurement', name: 'Procurement' }], {
      'core:users:read': { roles: ['ICT_STAFF'] },
      'inventory:read': { roles: ['ICT_STAFF', 'REFERENT'] },
    });
    expect(code).toContain('export const modules = [{"key":"inventory","name":"Technology inventory"},{"key":"procurement","name":"Procurement"}];');
    expect(code).toContain('"core:users:read":["ICT_STAFF"]');
    expect(code).toContain(
      '{ module: "inventory", path: "/inventory", permission: "inventory:read", menu: {"label":{"it":"Inventario","en":"Inventory"},"order":100}, load: () => import("/repo/@gea/plugin-inventory/web/list.tsx") }',
    );
    expect(code).toContain('path: "/inventory/assets/:id", permission: null, menu: null, load: () => import("/repo/@gea/plugin-inventory/web/asset.tsx")');
    expect(code).toContain('slot: "dashboard.attention", permission: "inventory:read", order: 5, load: () => import("/repo/@gea/plugin-inventory/web/warranty.tsx")');
  });

  it('with no plugin: no route, no widget', async () => {
    const code = await generate([]);
    expect(code).toContain('export const routes = [\n  \n];');
    expect(code).toContain('export const modules = [];');
  });

  it('refuses a path outside the plugin key, an unknown permission or slot, and a component it cannot find', async () => {
    const withRoute = (route: Partial<NonNullable<WebPluginLike['web']>['routes'][number]>, widgets: NonNullable<WebPluginLike['web']>['widgets'] = []) =>
      generate([{ ...inventory, web: { routes: [{ path: '/inventory', component: 'x/web/a.tsx', ...route }], widgets } }], { 'inventory:read': {} });
    await expect(withRoute({ path: '/assets' })).rejects.toThrow(/a plugin's paths start with \/inventory/);
    await expect(withRoute({ path: '/inventoryx' })).rejects.toThrow(/start with \/inventory/);
    await expect(withRoute({ permission: 'inventory:delete' })).rejects.toThrow(/unknown permission "inventory:delete"/);
    await expect(withRoute({ component: 'x/web/missing.tsx' })).rejects.toThrow(/cannot resolve component "x\/web\/missing.tsx"/);
    await expect(withRoute({}, [{ slot: 'sidebar', component: 'x/web/w.tsx' }])).rejects.toThrow(/unknown slot/);
  });
});
