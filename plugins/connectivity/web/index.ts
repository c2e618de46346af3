// Connectivity's web part: the network view, each body's connectivity sheet, the calendar of notice
// dates and maintenance, and the forms behind them.
import { defineWebPlugin } from '@gea/web-kit/plugin';
import { connectivityPermissions } from '../src/permissions.ts';

export default defineWebPlugin({
  key: 'connectivity',
  label: { it: 'Connettività', en: 'Connectivity' },
  permissions: connectivityPermissions,
  routes: [],
});
