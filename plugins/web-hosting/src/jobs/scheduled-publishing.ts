// Every minute: publishes the pages whose scheduled time has come and takes down those whose removal
// time has come. A revision is checked again when its time comes (a page it points to may have been
// taken down since): if it can no longer be published, the schedule is dropped and the page's
// editors are told, its last author among them.
import type { JobDefinition, NotificationKindDefinition } from '@gea/core';
import { runScheduledPublishing, SCHEDULED_PUBLISHING_JOB } from '../services/content.ts';

export const SCHEDULED_PUBLICATION_FAILED = 'web-hosting:scheduled-publication-failed';

export const contentNotificationKinds: Record<string, NotificationKindDefinition> = {
  [SCHEDULED_PUBLICATION_FAILED]: {
    description: 'A page scheduled for publication could not be published when its time came (it no longer holds what the model asks)',
    label: { it: 'Pubblicazioni programmate non riuscite', en: 'Scheduled publications that failed' },
    permission: 'web-hosting:content:write',
  },
};

const formatInstant = (instant: Date, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(instant);

export const scheduledPublishingJob: JobDefinition = {
  key: SCHEDULED_PUBLISHING_JOB,
  schedule: '* * * * *',
  description: 'Publish the pages whose scheduled time has come and take down those whose removal time has come.',
  run: async ({ prisma, scheduledAt, notify, log }) => {
    const outcome = await runScheduledPublishing(prisma, scheduledAt);
    if (outcome.skipped.length > 0) {
      const authors = await prisma.user.findMany({ where: { id: { in: outcome.skipped.map((s) => s.authorId) } }, select: { id: true, name: true } });
      const nameOf = new Map(authors.map((author) => [author.id, author.name]));
      await notify(
        outcome.skipped.map((skipped) => {
          const reasons = skipped.issues.map((issue) => issue.message).join('; ');
          const author = nameOf.get(skipped.authorId) ?? '';
          return {
            kind: SCHEDULED_PUBLICATION_FAILED,
            entityId: skipped.entityId,
            subjectKey: `scheduled:${skipped.itemId}:${skipped.publishAt.toISOString()}`,
            title: { it: `Pubblicazione non riuscita: ${skipped.title}`, en: `Publication failed: ${skipped.title}` },
            body: {
              it: `La pagina "${skipped.title}" del sito ${skipped.siteName} (ultima modifica di ${author}) doveva essere pubblicata il ${formatInstant(skipped.publishAt, 'it-IT')}, ma non è pubblicabile: ${reasons}. La programmazione è stata annullata.`,
              en: `The page "${skipped.title}" of ${skipped.siteName} (last changed by ${author}) was due to be published on ${formatInstant(skipped.publishAt, 'en-GB')}, but cannot be published: ${reasons}. The schedule was dropped.`,
            },
            link: `/web-hosting/pages/${skipped.itemId}`,
          };
        }),
      );
    }
    if (outcome.published.length + outcome.unpublished.length + outcome.skipped.length > 0) {
      log(`scheduled publishing: ${outcome.published.length} published, ${outcome.unpublished.length} taken down, ${outcome.skipped.length} no longer publishable`);
    }
  },
};
