// Optimistic concurrency of pages: a change made on a version someone else has changed meanwhile is
// refused (STALE_VERSION) and writes nothing. On PostgreSQL, two saves racing on the same version:
// one wins, the other is refused, and no revision is lost.
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { testDatabaseKind } from '@gea/test-kit/database.ts';
import webHosting from '../src/index.ts';
import { createContentWorld, mutate, newPage, pageContent, PUBLISH, rawId, SAVE, savePage, type ContentWorld } from './content-fixtures.ts';

const t = useTestApi([webHosting]);
let w: ContentWorld;

beforeAll(async () => {
  w = await createContentWorld(t.db, t.api);
});

describe('optimistic concurrency of pages', () => {
  it('a save or publish on a version changed meanwhile is refused with the current version, and writes nothing', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'orari');
    const first = await savePage(t.api, w.editorA, created as never, pageContent('Orari estivi.'));
    const late = await savePage(t.api, w.editorA2, created as never, pageContent('Orari invernali.'));
    expect(late).toMatchObject({ __typename: 'StaleVersionError', code: 'STALE_VERSION', currentVersion: first.version });
    const publish = await mutate(t.api, PUBLISH, { itemId: created.id, v: created.version }, w.editorA2);
    expect(publish).toMatchObject({ __typename: 'StaleVersionError', currentVersion: first.version });
    expect(await t.db.prisma.contentRevision.count({ where: { itemId: rawId(created.id) } })).toBe(2);
    expect(await t.db.prisma.contentItem.findUniqueOrThrow({ where: { id: rawId(created.id) } })).toMatchObject({ status: 'DRAFT', version: first.version });
  });

  it.runIf(testDatabaseKind() === 'postgres')('PostgreSQL: two saves racing on the same version give one success, one STALE_VERSION, no lost revision', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'gara');
    const id = rawId(created.id);
    // Both saves start while the page is locked elsewhere, so each has read nothing yet when the other runs.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRawUnsafe('select 1 from "ContentItem" where id = $1::uuid for update', id);
        locked();
        await gate;
      },
      { timeout: 30_000 },
    );
    await holding;
    const saves = Promise.all([
      t.api.gql(SAVE, { input: { itemId: created.id, expectedVersion: created.version, ...pageContent('Scritto da A.') } }, w.editorA),
      t.api.gql(SAVE, { input: { itemId: created.id, expectedVersion: created.version, ...pageContent('Scritto da A2.') } }, w.editorA2),
    ]);
    // Wait until both are queued on the row lock.
    for (let i = 0; i < 200; i++) {
      const [row] = await t.db.prisma.$queryRawUnsafe<{ waiting: number }[]>(
        `select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if ((row?.waiting ?? 0) >= 2) break;
      await sleep(25);
    }
    release();
    await holder;
    const results = (await saves).map((response) => {
      expect(response.body.errors).toBeUndefined();
      return response.body.data!.saveContentRevision as Record<string, any>;
    });
    const kinds = results.map((result) => result.__typename).sort();
    expect(kinds).toEqual(['ContentItem', 'StaleVersionError']);
    const winner = results.find((result) => result.__typename === 'ContentItem')!;
    const loser = results.find((result) => result.__typename === 'StaleVersionError')!;
    expect(loser.currentVersion).toBe(winner.version);

    const revisions = await t.db.prisma.contentRevision.findMany({ where: { itemId: id }, orderBy: { number: 'asc' } });
    expect(revisions.map((revision) => revision.number)).toEqual([1, 2]);
    const item = await t.db.prisma.contentItem.findUniqueOrThrow({ where: { id } });
    expect(item).toMatchObject({ headRevisionId: revisions[1]!.id, version: winner.version });
    expect(revisions[1]!.authorId).toBe(rawId(winner.headRevision.author.id));
  });
});
