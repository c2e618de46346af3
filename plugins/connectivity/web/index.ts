// Connectivity's web part: the network view, each body's connectivity sheet, circuits, providers,
// contracts, the calendar of notice dates and maintenance, and the forms behind them. Each area
// declares its own routes, widgets and operation labels; they are composed here.
import type {} from '@gea/plugin-inventory/web';
import { defineWebPlugin } from '@gea/web-kit/plugin';
import { connectivityPermissions } from '../src/permissions.ts';
import * as circuits from './circuits/definition.ts';
import * as contracts from './contracts/definition.ts';
import * as maintenance from './maintenance/definition.ts';
import * as network from './network/definition.ts';
import * as providers from './providers/definition.ts';

const areas = [network, circuits, contracts, maintenance, providers];

export default defineWebPlugin({
  key: 'connectivity',
  label: { it: 'Connettività', en: 'Connectivity' },
  permissions: connectivityPermissions,
  operations: Object.assign({}, ...areas.map((area) => area.operations)),
  routes: areas.flatMap((area) => area.routes),
  widgets: areas.flatMap((area) => area.widgets),
});
