import { definePlugin } from '@gea/core';
import { connectivityAlertsJob, connectivityNotificationKinds } from './jobs/alerts.ts';
import { connectivityPermissions } from './permissions.ts';
import { addConnectivitySchema } from './schema/index.ts';
import { seedConnectivity } from './seed.ts';

export default definePlugin({
  key: 'connectivity',
  name: 'Connectivity',
  description: 'The links of every body\'s sites, the circuits behind them and their contracts (art. 3.8, 5.2, 7.4).',
  dependsOn: ['inventory', 'procurement'],
  prismaSchema: 'prisma/schema/connectivity.prisma',
  permissions: connectivityPermissions,
  schema: addConnectivitySchema,
  seed: seedConnectivity,
  // the CSV of an import is kept in the trail by its size only
  audit: { contentFields: ['csv'] },
  jobs: [connectivityAlertsJob],
  notifications: connectivityNotificationKinds,
});
