// Each installed plugin's web part (`@gea/plugin-<key>/web`) is plain data and lazy imports: Node
// reads it without a bundler and without the plugin's server code; the kit installs it.
import { accessFor } from '@gea/web-kit/access';
import { installWebPlugins, permissionTable, pluginRoutes, slotWidgets, webPlugin } from '@gea/web-kit/registry';
import costSharing from '@gea/plugin-cost-sharing/web';
import inventory from '@gea/plugin-inventory/web';
import pecSignatures from '@gea/plugin-pec-signatures/web';
import procurement from '@gea/plugin-procurement/web';
import { corePermissions } from '@gea/core/permissions';
import { afterEach, describe, expect, it } from 'vitest';

describe("the plugins' web definitions", () => {
  afterEach(() => installWebPlugins([], []));

  it('are read without a bundler: routes with their module, widgets of a slot in order, the permission table', () => {
    installWebPlugins(['inventory', 'procurement', 'cost-sharing', 'pec-signatures'], [inventory, procurement, costSharing, pecSignatures], corePermissions);
    expect(pluginRoutes().map((route) => [route.module, route.path])).toEqual([
      ['inventory', '/inventory'],
      ['inventory', '/inventory/assets/new'],
      ['inventory', '/inventory/assets/:id'],
      ['inventory', '/inventory/import'],
      ['inventory', '/inventory/software'],
      ['inventory', '/inventory/software/licences'],
      ['inventory', '/inventory/software/licences/new'],
      ['inventory', '/inventory/software/licences/:id'],
      ['inventory', '/inventory/software/renewals'],
      ['procurement', '/procurement/contracts'],
      ['procurement', '/procurement/contracts/new'],
      ['procurement', '/procurement/contracts/:id'],
      ['procurement', '/procurement/suppliers'],
      ['procurement', '/procurement/expenses'],
      ['procurement', '/procurement/projects'],
      ['procurement', '/procurement/staff'],
      ['cost-sharing', '/cost-sharing'],
      ['pec-signatures', '/pec-signatures'],
      ['pec-signatures', '/pec-signatures/mailboxes/:id'],
      ['pec-signatures', '/pec-signatures/offices/:id'],
      ['pec-signatures', '/pec-signatures/certificates/:id'],
      ['pec-signatures', '/pec-signatures/messages/:id'],
    ]);
    expect(slotWidgets('dashboard.attention').map((widget) => widget.module)).toEqual(['procurement', 'pec-signatures', 'inventory']);
    expect(slotWidgets('inventory.asset').map((widget) => widget.module)).toEqual(['inventory', 'procurement']);
    expect(slotWidgets('entity.page')).toEqual([]);
    expect(permissionTable()['inventory:read']).toEqual(['ICT_STAFF', 'REFERENT', 'BOARD_MEMBER']);
    expect(permissionTable()['core:users:read']).toEqual(['ICT_STAFF']);
    expect(webPlugin('pec-signatures')?.label.it).toBe('PEC e firme');

    // Menus follow the reader's roles under that table: a referent of one body reads its inventory, never writes it.
    const referent = accessFor([{ role: 'REFERENT', entity: { id: 'b1' } }], permissionTable());
    expect(referent.can('inventory:read', 'b1')).toBe(true);
    expect(referent.can('inventory:read', 'b2')).toBe(false);
    expect(referent.can('inventory:write', 'b1')).toBe(false);
  });

});
