// Scheduled publication and removal, run by the platform's job runner at instants the test chooses.
import { createPlatformJobs, type PlatformJobs } from '@gea/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import webHosting from '../src/index.ts';
import { SCHEDULED_PUBLICATION_FAILED } from '../src/jobs/scheduled-publishing.ts';
import { paragraphs } from '../src/rules/rich-text.ts';
import {
  CANCEL,
  createContentWorld,
  mutate,
  newPage,
  pageContent,
  publishedPage,
  rawId,
  savePage,
  SCHEDULE,
  UNPUBLISH,
  type ContentWorld,
} from './content-fixtures.ts';

const t = useTestApi([webHosting]);
let w: ContentWorld;
let jobs: PlatformJobs;

// A morning the test controls, whatever day it runs (the mutations only ask that times be in the future).
const T = new Date('2030-03-01T09:00:00.000Z');
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
/** Runs the occurrence of the minute `minutes` after T (30 s into it). */
const runAt = async (minutes: number) => {
  const results = await jobs.runner.runDueJobs(new Date(at(minutes).getTime() + 30_000));
  const result = results.find((r) => r.jobKey === 'web-hosting:scheduled-publishing');
  expect(result?.outcome).toBe('SUCCEEDED');
};
const row = (gid: string) => t.db.prisma.contentItem.findUniqueOrThrow({ where: { id: rawId(gid) } });
const stampOf = async () => (await t.db.prisma.sitePublicationStamp.findUnique({ where: { siteId: w.a.site.id } }))?.stamp ?? 0;

beforeAll(async () => {
  w = await createContentWorld(t.db, t.api);
  jobs = createPlatformJobs({ prisma: t.db.prisma, plugins: t.api.composed.plugins, permissions: t.api.composed.permissions, env: {}, log: () => {}, linkBase: 'https://gea.example.it' });
});
afterAll(async () => {
  await jobs?.close();
});

describe('scheduled publishing, on a clock the test controls', () => {
  it('publishes the scheduled revision when its minute comes and takes the page down at its removal time', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'avviso', 'PAGINA', 'Avviso');
    const v2 = await savePage(t.api, w.editorA, created as never, pageContent('Avviso alla cittadinanza.', 'Avviso'));
    const scheduled = await mutate(t.api, SCHEDULE, { itemId: v2.id, v: v2.version, publishAt: at(10).toISOString(), unpublishAt: at(70).toISOString() }, w.editorA);
    expect(scheduled).toMatchObject({ __typename: 'ContentItem', status: 'DRAFT', publishAt: at(10).toISOString(), unpublishAt: at(70).toISOString(), scheduledRevision: { number: 2 } });
    // Edits after scheduling wait in newer revisions: the scheduled one goes live.
    const v3 = await savePage(t.api, w.editorA, scheduled as never, pageContent('Avviso, seconda stesura.', 'Avviso'));
    expect(v3).toMatchObject({ headRevision: { number: 3 }, scheduledRevision: { number: 2 } });

    const stamp = await stampOf();
    await runAt(9);
    expect(await row(v3.id)).toMatchObject({ status: 'DRAFT', publishedRevisionId: null });
    await runAt(10);
    const live = await row(v3.id);
    expect(live).toMatchObject({ status: 'PUBLISHED', publishedRevisionId: rawId(v2.headRevision.id), publishAt: null, scheduledRevisionId: null, firstPublishedAt: at(10), unpublishAt: at(70) });
    expect(await stampOf()).toBe(stamp + 1);

    await runAt(69);
    expect((await row(v3.id)).status).toBe('PUBLISHED');
    await runAt(70);
    expect(await row(v3.id)).toMatchObject({ status: 'UNPUBLISHED', publishedRevisionId: null, unpublishAt: null });
    expect(await stampOf()).toBe(stamp + 2);
    // what the job did is in the trail, under the page's body, with the job as the actor
    const trail = await t.db.prisma.auditEvent.findMany({ where: { targetId: rawId(v3.id), actorKind: 'system' }, orderBy: { at: 'asc' } });
    expect(trail.map((event) => [event.operation, event.actorLabel, event.entityId])).toEqual([
      ['publishContentItem', 'web-hosting:scheduled-publishing', w.a.id],
      ['unpublishContentItem', 'web-hosting:scheduled-publishing', w.a.id],
    ]);
  });

  it('refuses times in the past, a removal before the publication, and a revision that cannot be published', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'bozza-vuota', 'PAGINA', 'Bozza');
    const past = await mutate(t.api, SCHEDULE, { itemId: created.id, v: created.version, publishAt: '2020-01-01T00:00:00Z' }, w.editorA);
    expect(past).toMatchObject({ __typename: 'InputError', issues: [{ path: ['publishAt'], code: 'INVALID_DATE' }] });
    const reversed = await mutate(t.api, SCHEDULE, { itemId: created.id, v: created.version, publishAt: at(60).toISOString(), unpublishAt: at(30).toISOString() }, w.editorA);
    expect(reversed.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['unpublishAt'], code: 'INVALID_DATE_RANGE' })]));
    const empty = await mutate(t.api, SCHEDULE, { itemId: created.id, v: created.version, publishAt: at(60).toISOString() }, w.editorA);
    expect(empty).toMatchObject({ __typename: 'InputError' });
    expect(empty.issues.map((issue: { path: string[] }) => issue.path.join('.'))).toEqual(expect.arrayContaining(['summary', 'fields.body']));
    expect(await row(created.id)).toMatchObject({ publishAt: null, version: created.version });

    // A schedule can be cancelled.
    const saved = await savePage(t.api, w.editorA, created as never, pageContent('Pronta.'));
    const scheduled = await mutate(t.api, SCHEDULE, { itemId: saved.id, v: saved.version, publishAt: at(200).toISOString() }, w.editorA);
    const cancelled = await mutate(t.api, CANCEL, { itemId: scheduled.id, v: scheduled.version }, w.editorA);
    expect(cancelled).toMatchObject({ __typename: 'ContentItem', publishAt: null, scheduledRevision: null });
    await runAt(200);
    expect((await row(saved.id)).status).toBe('DRAFT');
  });

  it('a revision that is no longer publishable when its time comes is skipped, its schedule dropped, its last author told', async () => {
    const contact = await publishedPage(t.api, w.editorA, w.a.site.gid, 'contatti-urp', 'PUNTO_DI_CONTATTO', {
      title: 'URP',
      summary: 'Ufficio relazioni con il pubblico.',
      topics: [],
      fields: { email: 'urp@comune.alfa.it' },
    });
    const unit = await newPage(t.api, w.editorA, w.a.site.gid, 'urp', 'UNITA_ORGANIZZATIVA', 'URP');
    const saved = await savePage(t.api, w.editorA2, unit as never, {
      title: 'Ufficio relazioni con il pubblico',
      summary: "L'URP.",
      topics: [],
      fields: { unitType: 'uffici', competences: paragraphs('Informazioni.'), address: 'Piazza del Comune 1', contactPoints: [rawId(contact.id)] },
    });
    const scheduled = await mutate(t.api, SCHEDULE, { itemId: saved.id, v: saved.version, publishAt: at(300).toISOString() }, w.editorA);
    expect(scheduled.__typename, JSON.stringify(scheduled)).toBe('ContentItem');
    // The contact point it shows is taken down meanwhile.
    const down = await mutate(t.api, UNPUBLISH, { itemId: contact.id, v: contact.version }, w.editorA);
    expect(down.status).toBe('UNPUBLISHED');

    await runAt(300);
    expect(await row(saved.id)).toMatchObject({ status: 'DRAFT', publishedRevisionId: null, publishAt: null, scheduledRevisionId: null });
    const notices = await t.db.prisma.notification.findMany({ where: { kind: SCHEDULED_PUBLICATION_FAILED } });
    const toAuthor = notices.find((notice) => notice.recipientId === w.editorA2.id);
    expect(toAuthor).toMatchObject({ entityId: w.a.id, subjectKey: `scheduled:${rawId(saved.id)}:${at(300).toISOString()}` });
    expect((toAuthor!.body as { it: string }).it).toMatch(/redattrice-alfa.*"URP" it points to is not published/);
    // Nobody of body B hears of it.
    expect(notices.some((notice) => notice.recipientId === w.editorB.id)).toBe(false);
  });
});
