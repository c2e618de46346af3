import { describe, expect, it } from 'vitest';
import { definePlugin, type GeaPlugin } from './plugin.ts';
import { orderPlugins } from './plugin-graph.ts';

const plugin = (key: string, dependsOn: string[] = [], extra: Partial<GeaPlugin> = {}) =>
  definePlugin({ key, name: key, dependsOn, ...extra });

describe('plugin graph validated at start', () => {
  it('orders dependencies first and keeps the configured order otherwise', () => {
    const ordered = orderPlugins([
      plugin('cost-sharing', ['procurement', 'inventory']),
      plugin('web-hosting'),
      plugin('procurement'),
      plugin('inventory'),
    ]);
    expect(ordered.map((p) => p.key)).toEqual(['procurement', 'inventory', 'cost-sharing', 'web-hosting']);
  });

  it('refuses a plugin whose dependency is not installed, naming both', () => {
    expect(() => orderPlugins([plugin('cost-sharing', ['procurement']), plugin('inventory')])).toThrow(
      'plugin "cost-sharing" depends on "procurement", which is not installed (installed: cost-sharing, inventory)',
    );
  });

  it('refuses a dependency cycle, showing it', () => {
    expect(() => orderPlugins([plugin('a', ['b']), plugin('b', ['c']), plugin('c', ['a'])])).toThrow(
      'plugin dependency cycle: a -> b -> c -> a',
    );
  });

  it('refuses a plugin that depends on itself', () => {
    expect(() => orderPlugins([plugin('a', ['a'])])).toThrow('plugin "a" depends on itself');
  });

  it('refuses two plugins with the same key', () => {
    expect(() => orderPlugins([plugin('inventory'), plugin('inventory')])).toThrow(
      'plugin "inventory" is installed twice (duplicate key)',
    );
  });

  it.each(['Inventory', 'cost_sharing', '1abc', '', 'a--b'])('refuses the malformed key %j', (key) => {
    expect(() => orderPlugins([plugin(key)])).toThrow(/is invalid/);
  });

  it('refuses permissions not prefixed with the plugin key', () => {
    expect(() =>
      orderPlugins([plugin('inventory', [], { permissions: { 'assets:read': { description: 'x' } } })]),
    ).toThrow('plugin "inventory" declares permission "assets:read": it must start with "inventory:"');
  });

  it('refuses a Prisma schema file that does not exist', () => {
    expect(() => orderPlugins([plugin('ghost', [], { prismaSchema: 'prisma/schema/ghost.prisma' })])).toThrow(
      'plugin "ghost" names Prisma schema prisma/schema/ghost.prisma, which does not exist',
    );
  });
});
