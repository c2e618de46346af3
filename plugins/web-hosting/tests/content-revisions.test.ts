// Every change of a page has an author and a revision (art. 11.1); unchanged saves write nothing;
// autosaves of one author coalesce; restore copies, never rewrites; the diff says what changed.
import { actorWithPermissions } from '@gea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import webHosting from '../src/index.ts';
import { paragraphs } from '../src/rules/rich-text.ts';
import {
  CREATE,
  createContentWorld,
  DELETE,
  DIFF,
  gql,
  MOVE,
  mutate,
  newPage,
  pageContent,
  rawId,
  refusal,
  RESTORE,
  REVISIONS,
  SAVE,
  savePage,
  type ContentWorld,
} from './content-fixtures.ts';

const t = useTestApi([webHosting]);
let w: ContentWorld;

beforeAll(async () => {
  w = await createContentWorld(t.db, t.api);
});

const revisionsOf = async (itemId: string, actor = w.editorA) =>
  (await gql(t.api, REVISIONS, { id: itemId }, actor)).node.revisions as { totalCount: number; edges: { node: Record<string, any> }[] };

describe('revisions', () => {
  it('creating a page writes revision 1 by its author; each save writes the next, with author and time', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'note-legali', 'PAGINA', 'Note legali');
    expect(created).toMatchObject({ version: 1, status: 'DRAFT', title: 'Note legali', sitePath: 'note-legali', createdBy: { name: 'redattore-alfa' } });
    expect(created.headRevision).toMatchObject({ number: 1, kind: 'SAVE', title: 'Note legali', author: { name: 'redattore-alfa' } });
    expect(rawId(created.headRevision.author.id)).toBe(w.editorA.id);

    const first = await savePage(t.api, w.editorA, created as never, pageContent('Prima stesura.'));
    expect(first).toMatchObject({ version: 2, headRevision: { number: 2, kind: 'SAVE', author: { name: 'redattore-alfa' } } });
    const second = await savePage(t.api, w.editorA2, first as never, pageContent('Seconda stesura.', 'Note legali del sito'));
    expect(second).toMatchObject({ version: 3, title: 'Note legali del sito', headRevision: { number: 3, title: 'Note legali del sito', author: { name: 'redattrice-alfa' } } });

    const revisions = await revisionsOf(second.id);
    expect(revisions.totalCount).toBe(3);
    expect(revisions.edges.map((edge) => [edge.node.number, edge.node.author.name])).toEqual([
      [3, 'redattrice-alfa'],
      [2, 'redattore-alfa'],
      [1, 'redattore-alfa'],
    ]);
    expect(revisions.edges.every((edge) => !Number.isNaN(Date.parse(edge.node.createdAt)))).toBe(true);

    // Every mutation is in the audit trail under the body, with its actor.
    const events = await t.db.prisma.auditEvent.findMany({ where: { targetId: rawId(second.id) }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    expect(events.map((event) => [event.operation, event.actorId, event.entityId])).toEqual([
      ['createContentItem', w.editorA.id, w.a.id],
      ['saveContentRevision', w.editorA.id, w.a.id],
      ['saveContentRevision', w.editorA2.id, w.a.id],
    ]);
  });

  it('an unchanged save writes nothing and returns the page as it was', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'privacy');
    const saved = await savePage(t.api, w.editorA, created as never, pageContent('Informativa.'));
    // the same content, with a cleared field sent as null and spaces around the title
    const again = await savePage(t.api, w.editorA2, saved as never, { ...pageContent('Informativa.'), title: '  Note legali ', fields: { body: paragraphs('Informativa.'), nothing: null } });
    expect(again.__typename, JSON.stringify(again)).toBe('ContentItem');
    expect(again.version).toBe(saved.version);
    expect(again.headRevision.number).toBe(2);
    expect((await revisionsOf(saved.id)).totalCount).toBe(2);
  });

  it('autosaves of one author replace their own autosave; a save, another author or a published head start a new one', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'faq');
    let item = await savePage(t.api, w.editorA, created as never, pageContent('A'), true);
    expect(item.headRevision).toMatchObject({ number: 2, kind: 'AUTOSAVE' });
    item = await savePage(t.api, w.editorA, item as never, pageContent('AB'), true);
    item = await savePage(t.api, w.editorA, item as never, pageContent('ABC'), true);
    expect(item.headRevision).toMatchObject({ number: 2, kind: 'AUTOSAVE', fields: { body: paragraphs('ABC') } });
    expect((await revisionsOf(item.id)).totalCount).toBe(2);

    // Another author's autosave does not replace it.
    item = await savePage(t.api, w.editorA2, item as never, pageContent('ABCD'), true);
    expect(item.headRevision).toMatchObject({ number: 3, kind: 'AUTOSAVE', author: { name: 'redattrice-alfa' } });
    // An explicit save is a revision of its own; the next autosave starts after it.
    item = await savePage(t.api, w.editorA, item as never, pageContent('ABCDE'));
    expect(item.headRevision).toMatchObject({ number: 4, kind: 'SAVE' });
    item = await savePage(t.api, w.editorA, item as never, pageContent('ABCDEF'), true);
    expect(item.headRevision).toMatchObject({ number: 5, kind: 'AUTOSAVE' });
    // An explicit save of what the autosave holds turns it into a save that later autosaves keep.
    item = await savePage(t.api, w.editorA, item as never, pageContent('ABCDEF'));
    expect(item.headRevision).toMatchObject({ number: 5, kind: 'SAVE' });
    item = await savePage(t.api, w.editorA, item as never, pageContent('ABCDEFG'), true);
    expect(item.headRevision).toMatchObject({ number: 6, kind: 'AUTOSAVE' });

    // A published autosave is kept: the next autosave appends.
    const published = await mutate(t.api, `mutation ($itemId: ID!, $v: Int!) { publishContentItem(itemId: $itemId, expectedVersion: $v) { __typename ... on ContentItem { id version publishedRevision { number } } ... on Error { message } } }`, { itemId: item.id, v: item.version }, w.editorA);
    expect(published).toMatchObject({ __typename: 'ContentItem', publishedRevision: { number: 6 } });
    item = await savePage(t.api, w.editorA, published as never, pageContent('ABCDEFGH'), true);
    expect(item).toMatchObject({ headRevision: { number: 7, kind: 'AUTOSAVE' }, publishedRevision: { number: 6 }, hasUnpublishedChanges: true });
  });

  it('restore copies an earlier revision into a new RESTORE revision; the earlier ones stay as they were', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'accessibilita');
    const v2 = await savePage(t.api, w.editorA, created as never, pageContent('Versione buona.', 'Accessibilità'));
    const v3 = await savePage(t.api, w.editorA2, v2 as never, pageContent('Versione sbagliata.', 'Accessibilità!'));
    const restored = await mutate(t.api, RESTORE, { itemId: v3.id, revisionId: v2.headRevision.id, v: v3.version }, w.editorA2);
    expect(restored).toMatchObject({
      __typename: 'ContentItem',
      title: 'Accessibilità',
      headRevision: { number: 4, kind: 'RESTORE', restoredFrom: 2, title: 'Accessibilità', fields: { body: paragraphs('Versione buona.') }, author: { name: 'redattrice-alfa' } },
    });
    const revisions = await revisionsOf(restored.id);
    expect(revisions.edges.map((edge) => [edge.node.number, edge.node.kind, edge.node.title])).toEqual([
      [4, 'RESTORE', 'Accessibilità'],
      [3, 'SAVE', 'Accessibilità!'],
      [2, 'SAVE', 'Accessibilità'],
      [1, 'SAVE', 'Pagina'],
    ]);
    // Restoring what the working copy already says writes nothing.
    const same = await mutate(t.api, RESTORE, { itemId: restored.id, revisionId: v2.headRevision.id, v: restored.version }, w.editorA);
    expect(same).toMatchObject({ __typename: 'ContentItem', version: restored.version, headRevision: { number: 4 } });
    // A revision of another page is refused.
    const other = await newPage(t.api, w.editorA, w.a.site.gid, 'altra');
    const wrong = await mutate(t.api, RESTORE, { itemId: other.id, revisionId: v2.headRevision.id, v: other.version }, w.editorA);
    expect(wrong).toMatchObject({ __typename: 'InputError', issues: [{ path: ['revisionId'] }] });
  });

  it('the diff of two revisions names each changed field with the model label, word by word', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'biblioteca', 'LUOGO', 'Biblioteca');
    const v2 = await savePage(t.api, w.editorA, created as never, {
      title: 'Biblioteca',
      summary: 'La biblioteca comunale.',
      topics: ['cultura'],
      fields: { placeType: 'biblioteca', body: paragraphs('Aperta il lunedì.'), address: 'Via Roma 1' },
    });
    const v3 = await savePage(t.api, w.editorA, v2 as never, {
      title: 'Biblioteca civica',
      summary: 'La biblioteca comunale.',
      topics: ['cultura'],
      fields: { placeType: 'biblioteca', body: paragraphs('Aperta il lunedì e il giovedì.'), address: 'Via Roma 1' },
    });
    const diff = (await gql(t.api, DIFF, { from: v2.headRevision.id, to: v3.headRevision.id }, w.editorA)).revisionDiff;
    expect(diff.changes.map((change: { path: string[] }) => change.path.join('.'))).toEqual(['title', 'fields.body']);
    expect(diff.changes[1]).toMatchObject({ label: 'Descrizione', before: 'Aperta il lunedì.', after: 'Aperta il lunedì e il giovedì.' });
    expect(diff.changes[1].parts.filter((part: { added: boolean }) => part.added).map((part: { value: string }) => part.value).join('')).toContain('giovedì');
    // Revisions of two different pages are not compared.
    const other = await newPage(t.api, w.editorA, w.a.site.gid, 'altro-luogo', 'LUOGO');
    expect(await refusal(t.api, DIFF, { from: v2.headRevision.id, to: other.headRevision.id }, w.editorA)).toBe('NOT_FOUND');
  });

  it('shapes are checked on every save: unknown fields, wrong kinds, terms outside the vocabulary, pages of other sites', async () => {
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'servizio-prova', 'SERVIZIO', 'Servizio');
    const bad = await savePage(t.api, w.editorA, created as never, {
      title: '',
      summary: 'x',
      topics: ['non-esiste'],
      fields: { category: 'nope', audience: 'testo semplice', colour: 'red' },
    });
    expect(bad.__typename).toBe('InputError');
    expect(bad.issues.map((issue: { path: string[] }) => issue.path.join('.')).sort()).toEqual(
      ['input.fields.audience', 'input.fields.category', 'input.fields.colour', 'input.title', 'input.topics'].sort(),
    );
    const foreignUnit = await newPage(t.api, w.editorB, w.b.site.gid, 'ufficio-beta', 'UNITA_ORGANIZZATIVA', 'Ufficio di Beta');
    const contact = await newPage(t.api, w.editorA, w.a.site.gid, 'contatto', 'PUNTO_DI_CONTATTO', 'Contatto');
    const refs = await savePage(t.api, w.editorA, created as never, {
      title: 'Servizio',
      fields: { responsibleUnit: rawId(foreignUnit.id), contactPoints: [rawId(created.id)], termsDocument: rawId(contact.id) },
    });
    expect(refs.__typename).toBe('InputError');
    expect(refs.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['input', 'fields', 'responsibleUnit'], message: expect.stringMatching(/no page .* on this site/) }),
        expect.objectContaining({ path: ['input', 'fields', 'contactPoints'], message: expect.stringMatching(/not a Contact point/) }),
        expect.objectContaining({ path: ['input', 'fields', 'termsDocument'], message: expect.stringMatching(/no attachment/) }),
      ]),
    );
    // Nothing half-written: still one revision.
    expect((await revisionsOf(created.id)).totalCount).toBe(1);
  });

  it('addresses are unique per site and type; move checks the parent; only never-published pages are deleted', async () => {
    await newPage(t.api, w.editorA, w.a.site.gid, 'unico');
    const again = await mutate(t.api, CREATE, { input: { siteId: w.a.site.gid, type: 'PAGINA', slug: 'unico', title: 'Doppio' } }, w.editorA);
    expect(again).toMatchObject({ __typename: 'InputError', issues: [{ path: ['input', 'slug'] }] });
    const badSlug = await mutate(t.api, CREATE, { input: { siteId: w.a.site.gid, type: 'PAGINA', slug: 'Con Spazi', title: 'X' } }, w.editorA);
    expect(badSlug).toMatchObject({ __typename: 'InputError', issues: [{ path: ['input', 'slug'], code: 'INVALID_FORMAT' }] });
    // The same address on another site is fine.
    await newPage(t.api, w.editorB, w.b.site.gid, 'unico');

    const parent = await newPage(t.api, w.editorA, w.a.site.gid, 'genitore');
    const child = await newPage(t.api, w.editorA, w.a.site.gid, 'figlio');
    const moved = await mutate(t.api, MOVE, { itemId: child.id, v: child.version, parentId: parent.id, slug: 'figlio-spostato' }, w.editorA);
    expect(moved).toMatchObject({ __typename: 'ContentItem', slug: 'figlio-spostato', parent: { id: parent.id } });
    const loop = await mutate(t.api, MOVE, { itemId: parent.id, v: parent.version, parentId: child.id }, w.editorA);
    expect(loop).toMatchObject({ __typename: 'InputError', issues: [{ path: ['parentId'] }] });

    // A page a required link of the site points to stays until the link points elsewhere.
    const link = await t.db.prisma.siteLink.create({ data: { siteId: w.a.site.id, kind: 'PRIVACY', contentItemId: rawId(moved.id) } });
    const linked = await mutate(t.api, DELETE, { itemId: moved.id, v: moved.version }, w.editorA);
    expect(linked).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/required links/) });
    await t.db.prisma.siteLink.delete({ where: { siteId_kind: { siteId: link.siteId, kind: link.kind } } });
    const deleted = await mutate(t.api, DELETE, { itemId: moved.id, v: moved.version }, w.editorA);
    expect(deleted).toMatchObject({ __typename: 'ContentItem', title: 'Pagina' });
    expect(await t.db.prisma.contentItem.findUnique({ where: { id: rawId(moved.id) } })).toBeNull();
    expect(await t.db.prisma.contentRevision.count({ where: { itemId: rawId(moved.id) } })).toBe(0);
  });

  it('a site lists its pages by title, filtered by type, status and part of the title or address', async () => {
    const LIST = `query ($id: ID!, $type: ContentType, $status: ContentStatus, $search: String) { node(id: $id) { ... on HostedSite {
      contents(type: $type, status: $status, search: $search) { slug title type status } } } }`;
    const list = async (filter: Record<string, unknown>) =>
      ((await gql(t.api, LIST, { id: w.a.site.gid, ...filter }, w.editorA)).node.contents as { slug: string; title: string; type: string; status: string }[]);
    const all = await list({});
    expect(all.length).toBeGreaterThan(5);
    expect(all[0]!.title).toBe('Accessibilità');
    expect((await list({ search: 'LEGALI' })).map((item) => item.slug)).toContain('note-legali');
    expect((await list({ search: 'accessib' })).map((item) => item.slug)).toEqual(['accessibilita']);
    expect((await list({ type: 'LUOGO' })).every((item) => item.type === 'LUOGO')).toBe(true);
    expect((await list({ status: 'PUBLISHED' })).map((item) => item.slug)).toEqual(['faq']);
  });

  it('only people write: an actor without a user id is refused with FORBIDDEN', async () => {
    const system = actorWithPermissions('script', ['*'], 'system');
    const code = await refusal(t.api, CREATE, { input: { siteId: w.a.site.gid, type: 'PAGINA', slug: 'da-script', title: 'X' } }, system);
    expect(code).toBe('FORBIDDEN');
    const response = await t.api.gql(CREATE, { input: { siteId: w.a.site.gid, type: 'PAGINA', slug: 'da-script', title: 'X' } }, system);
    expect(response.body.errors?.[0]?.message).toMatch(/signed-in person/);
    const created = await newPage(t.api, w.editorA, w.a.site.gid, 'da-persona');
    expect(await refusal(t.api, SAVE, { input: { itemId: created.id, expectedVersion: created.version, ...pageContent() } }, system)).toBe('FORBIDDEN');
    expect(await t.db.prisma.contentItem.count({ where: { slug: 'da-script' } })).toBe(0);
  });
});
