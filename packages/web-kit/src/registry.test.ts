import { afterEach, describe, expect, it } from 'vitest';
import { fieldIssues, issueMessage, setIssueTranslator } from './issues.ts';
import { defineWebPlugin, type WebPluginDefinition } from './plugin.ts';
import { installWebPlugins, pluginRoutes, slotWidgets } from './registry.ts';

const screen = async () => ({ default: () => null });

describe("the installed plugins' web parts", () => {
  afterEach(() => installWebPlugins([], []));

  it('routes carry their module; widgets of a slot come in their order', () => {
    installWebPlugins(
      ['a', 'b'],
      [
        defineWebPlugin({ key: 'a', label: { it: 'A', en: 'A' }, routes: [{ path: '/a', load: screen }], widgets: [{ slot: 'entity.page', load: screen, order: 50 }] }),
        defineWebPlugin({ key: 'b', label: { it: 'B', en: 'B' }, widgets: [{ slot: 'entity.page', load: screen, order: 5 }] }),
      ],
    );
    expect(pluginRoutes().map((route) => [route.module, route.path])).toEqual([['a', '/a']]);
    expect(slotWidgets('entity.page').map((widget) => widget.module)).toEqual(['b', 'a']);
  });

  it("refuses a path outside the plugin's key, and a key that is a core path", () => {
    expect(() => defineWebPlugin({ key: 'inventory', label: { it: 'I', en: 'I' }, routes: [{ path: '/assets', load: screen }] })).toThrow(
      /a plugin's paths start with \/inventory/,
    );
    expect(() => defineWebPlugin({ key: 'inventory', label: { it: 'I', en: 'I' }, routes: [{ path: '/inventoryx', load: screen }] })).toThrow(
      /start with \/inventory/,
    );
    const users: WebPluginDefinition = { key: 'users', label: { it: 'U', en: 'U' } };
    expect(() => installWebPlugins(['users'], [users])).toThrow(/its key is a path of the core screens/);
  });
});

describe('field issues', () => {
  afterEach(() => setIssueTranslator(() => undefined));

  it("by field, in the API's words until a translation by code is plugged in", () => {
    const issues = [
      { path: ['input', 'warrantyEnd'], message: 'cannot end before the purchase date', code: 'BEFORE_PURCHASE' },
      { path: ['input', 'warrantyEnd'], message: 'too far', code: 'OTHER' },
      { path: [], message: 'nothing to change' },
    ];
    expect(fieldIssues(issues, ['warrantyEnd'])).toEqual({ warrantyEnd: 'cannot end before the purchase date; too far', '': 'nothing to change' });
    setIssueTranslator((issue) => (issue.code === 'BEFORE_PURCHASE' ? 'non può finire prima dell’acquisto' : undefined));
    expect(issueMessage(issues[0]!)).toBe('non può finire prima dell’acquisto');
    expect(fieldIssues(issues, ['warrantyEnd']).warrantyEnd).toBe('non può finire prima dell’acquisto; too far');
  });
});
