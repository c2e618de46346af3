import { definePlugin } from '@gea/core';
import { proposalClosingJob } from './jobs/proposal-closing.ts';
import { attachmentDownloadRoute } from './http/attachment-download.ts';
import { contentNotificationKinds, scheduledPublishingJob } from './jobs/scheduled-publishing.ts';
import { webHostingAlertsJob, webHostingNotificationKinds } from './jobs/alerts.ts';
import { webHostingPermissions } from './permissions.ts';
import { publicRoutes } from './public/routes.ts';
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
  // uploaded attachments are kept in the trail by their size only
  audit: { contentFields: ['file'] },
  http: [attachmentDownloadRoute, ...publicRoutes],
  jobs: [webHostingAlertsJob, scheduledPublishingJob, proposalClosingJob],
  notifications: { ...webHostingNotificationKinds, ...contentNotificationKinds },
});
