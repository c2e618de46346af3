import { definePlugin } from '@gea/core';
import { webHostingAlertsJob, webHostingNotificationKinds } from './jobs/alerts.ts';
import { webHostingPermissions } from './permissions.ts';
import { addWebHostingSchema } from './schema/index.ts';
import { seedWebHosting } from './seed.ts';

export default definePlugin({
  key: 'web-hosting',
  name: 'Web hosting and CMS',
  description: "The bodies' institutional sites hosted by the ICT office, the pages their web editors write, and the online services they ask for (art. 3.3-4, 11).",
  prismaSchema: 'prisma/schema/web-hosting.prisma',
  permissions: webHostingPermissions,
  schema: addWebHostingSchema,
  seed: seedWebHosting,
  jobs: [webHostingAlertsJob],
  notifications: webHostingNotificationKinds,
});
