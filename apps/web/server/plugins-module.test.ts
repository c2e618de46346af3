import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { geaPluginsModule, installedPluginKeys, pluginKeysFromConfigText, webRoot } from '../vite.config.ts';

/** Runs the Vite plugin's hooks as Vite would for `import ... from 'virtual:gea-plugins'`. */
async function generate(keys: string[]) {
  const plugin = geaPluginsModule(async () => keys);
  const resolveId = plugin.resolveId as (id: string) => string | undefined;
  const id = resolveId('virtual:gea-plugins');
  expect(id).toBe('\0virtual:gea-plugins');
  const resolved: string[] = [];
  const context = {
    resolve: async (specifier: string) => {
      resolved.push(specifier);
      return specifier.includes('headless') ? null : { id: `/repo/${specifier}` };
    },
    error: (message: string) => {
      throw new Error(message);
    },
  };
  const code = await (plugin.load as (this: typeof context, id: string) => Promise<string>).call(context, id!);
  return { code, resolved };
}

describe('virtual:gea-plugins: the client is built from the installed plugin keys alone', () => {
  it("imports each plugin's web definition (`@gea/plugin-<key>/web`), and nothing of its server part", async () => {
    const { code, resolved } = await generate(['inventory', 'procurement']);
    expect(resolved).toEqual(['@gea/plugin-inventory/web', '@gea/plugin-procurement/web']);
    expect(code).toContain('import plugin0 from "/repo/@gea/plugin-inventory/web";');
    expect(code).toContain('import plugin1 from "/repo/@gea/plugin-procurement/web";');
    expect(code).toContain('export const keys = ["inventory","procurement"];');
    expect(code).toContain('export const plugins = [plugin0, plugin1];');
    expect(code).toContain('export { corePermissions } from "@gea/core/permissions";');
  });

  it('a plugin without a web part is installed with no screen; with no plugin, nothing', async () => {
    const { code } = await generate(['headless', 'inventory']);
    expect(code).toContain('export const keys = ["headless","inventory"];');
    expect(code).toContain('export const plugins = [plugin0];');
    expect((await generate([])).code).toContain('export const plugins = [];');
  });

  it('refuses a key that is not a plugin key', async () => {
    await expect(generate(['../../etc'])).rejects.toThrow(/not a plugin key/);
  });
});

describe('the installed keys, without running any plugin code', () => {
  it('reads gea.config.ts as text: the plugin packages it lists, in its order', () => {
    const text = readFileSync(path.join(webRoot, '../../gea.config.ts'), 'utf8');
    expect(pluginKeysFromConfigText(text)).toEqual(['inventory', 'procurement', 'cost-sharing', 'pec-signatures', 'connectivity', 'web-hosting']);
  });

  it('follows named and renamed imports and a plugin made by a function; ignores commented-out ones', () => {
    const text = `
      import type { GeaConfig } from '@gea/api';
      import { createPecSignaturesPlugin } from '@gea/plugin-pec-signatures';
      import stock from '@gea/plugin-inventory';
      import { default as buying } from '@gea/plugin-procurement';
      import costSharing from '@gea/plugin-cost-sharing';
      export default {
        plugins: [
          buying,
          stock, // after procurement on purpose
          // costSharing,
          createPecSignaturesPlugin({ trustedCaDirectory: '/etc/gea/ca' }),
        ],
      } satisfies GeaConfig;
    `;
    expect(pluginKeysFromConfigText(text)).toEqual(['procurement', 'inventory', 'pec-signatures']);
    expect(() => pluginKeysFromConfigText('export default {}')).toThrow(/no "plugins: \[...\]" list/);
  });

  it('GEA_PLUGINS wins; none is the core alone; a bad key is refused', () => {
    expect(installedPluginKeys({ GEA_PLUGINS: 'inventory, procurement' })).toEqual(['inventory', 'procurement']);
    expect(installedPluginKeys({ GEA_PLUGINS: 'none' })).toEqual([]);
    expect(() => installedPluginKeys({ GEA_PLUGINS: 'Inventory' })).toThrow(/not a plugin key/);
    expect(installedPluginKeys({})).toEqual(['inventory', 'procurement', 'cost-sharing', 'pec-signatures', 'connectivity', 'web-hosting']);
  });
});
