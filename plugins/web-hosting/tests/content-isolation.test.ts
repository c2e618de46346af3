// A web editor of one body neither reads the drafts and revisions of another body's pages nor
// changes them, and cannot tell them from pages that do not exist; the ICT office reaches all.
// Attachments: uploaded by editors (kind and size checked, audited by size), downloaded only by
// the editors of their site's body.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, useTestApi, type TestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { sessionToken } from '@gea/test-kit/users.ts';
import webHosting from '../src/index.ts';
import { MAX_ATTACHMENT_BYTES } from '../src/services/content.ts';
import {
  CANCEL,
  CREATE,
  createContentWorld,
  DELETE,
  DIFF,
  gql,
  MOVE,
  mutate,
  newPage,
  pageContent,
  PUBLISH,
  rawId,
  refusal,
  REJECT,
  RESTORE,
  REVISIONS,
  SAVE,
  savePage,
  SCHEDULE,
  SUBMIT,
  UNPUBLISH,
  type ContentWorld,
} from './content-fixtures.ts';

const t = useTestApi([webHosting]);
let w: ContentWorld;
let secret: Record<string, any>;
let secretV1: Record<string, any>;

const SECRET_TEXT = 'Bozza riservata di Alfa';

beforeAll(async () => {
  w = await createContentWorld(t.db, t.api);
  const created = await newPage(t.api, w.editorA, w.a.site.gid, 'bozza-riservata', 'PAGINA', SECRET_TEXT);
  secretV1 = created;
  secret = await savePage(t.api, w.editorA, created as never, pageContent(SECRET_TEXT, SECRET_TEXT));
});

describe('an editor of body B and the pages of body A', () => {
  it('does not list, open or compare them', async () => {
    const site = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on HostedSite { contents { title } } } }', { id: w.a.site.gid }, w.editorB);
    expect(site.body.data?.node ?? null).toBeNull();
    expect(JSON.stringify(site.body)).not.toContain(SECRET_TEXT);
    const own = await gql(t.api, 'query ($id: ID!) { node(id: $id) { ... on HostedSite { contents { title } } } }', { id: w.b.site.gid }, w.editorB);
    expect(own.node.contents).toEqual([]);

    for (const id of [secret.id, secret.headRevision.id, secretV1.headRevision.id]) {
      const node = await t.api.gql('query ($id: ID!) { node(id: $id) { id ... on ContentItem { title } ... on ContentRevision { title } } }', { id }, w.editorB);
      expect(node.body.data?.node ?? null).toBeNull();
      expect(JSON.stringify(node.body)).not.toContain(SECRET_TEXT);
    }
    const revisions = await t.api.gql(REVISIONS, { id: secret.id }, w.editorB);
    expect(JSON.stringify(revisions.body)).not.toContain(SECRET_TEXT);
    const diff = await t.api.gql(DIFF, { from: secretV1.headRevision.id, to: secret.headRevision.id }, w.editorB);
    expect(diff.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(diff.body)).not.toContain(SECRET_TEXT);

    // Body A's editor and the ICT office see it.
    for (const actor of [w.editorA, w.staff]) {
      const seen = await gql(t.api, 'query ($id: ID!) { node(id: $id) { ... on HostedSite { contents { title } } } }', { id: w.a.site.gid }, actor);
      expect(seen.node.contents.map((item: { title: string }) => item.title)).toContain(SECRET_TEXT);
      const compared = await gql(t.api, DIFF, { from: secretV1.headRevision.id, to: secret.headRevision.id }, actor);
      expect(compared.revisionDiff.changes.length).toBeGreaterThan(0);
    }
  });

  it('cannot change them with any mutation, and gets the same answer as for a page that does not exist', async () => {
    const missing = toGlobalId('ContentItem', '0190f5c0-0000-7000-8000-000000000099');
    const missingRevision = toGlobalId('ContentRevision', '0190f5c0-0000-7000-8000-000000000098');
    const calls: [string, (itemId: string) => Record<string, unknown>][] = [
      [SAVE, (itemId) => ({ input: { itemId, expectedVersion: secret.version, ...pageContent('Scritto da Beta') } })],
      [SAVE, (itemId) => ({ input: { itemId, expectedVersion: secret.version, autosave: true, ...pageContent('Scritto da Beta') } })],
      [RESTORE, (itemId) => ({ itemId, revisionId: itemId === missing ? missingRevision : secretV1.headRevision.id, v: secret.version })],
      [PUBLISH, (itemId) => ({ itemId, v: secret.version })],
      [SCHEDULE, (itemId) => ({ itemId, v: secret.version, publishAt: new Date(Date.now() + 86_400_000).toISOString() })],
      [CANCEL, (itemId) => ({ itemId, v: secret.version })],
      [UNPUBLISH, (itemId) => ({ itemId, v: secret.version })],
      [SUBMIT, (itemId) => ({ itemId, v: secret.version })],
      [REJECT, (itemId) => ({ itemId, v: secret.version, note: 'no' })],
      [MOVE, (itemId) => ({ itemId, v: secret.version, slug: 'rubata' })],
      [DELETE, (itemId) => ({ itemId, v: secret.version })],
    ];
    for (const [query, variables] of calls) {
      const theirs = await t.api.gql(query, variables(secret.id), w.editorB);
      const nowhere = await t.api.gql(query, variables(missing), w.editorB);
      expect(theirs.body.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(theirs.body.errors?.[0]?.message).toBe(nowhere.body.errors?.[0]?.message);
      expect(JSON.stringify(theirs.body)).not.toContain(SECRET_TEXT);
    }
    expect(await refusal(t.api, CREATE, { input: { siteId: w.a.site.gid, type: 'PAGINA', slug: 'intrusa', title: 'Intrusa' } }, w.editorB)).toBe('FORBIDDEN');
    // A parent from another body's site is no parent.
    const mine = await newPage(t.api, w.editorB, w.b.site.gid, 'mia');
    const moved = await mutate(t.api, MOVE, { itemId: mine.id, v: mine.version, parentId: secret.id }, w.editorB);
    expect(moved).toMatchObject({ __typename: 'InputError', issues: [{ path: ['parentId'], message: 'no such page on this site' }] });

    const row = await t.db.prisma.contentItem.findUniqueOrThrow({ where: { id: rawId(secret.id) } });
    expect(row).toMatchObject({ version: secret.version, slug: 'bozza-riservata', status: 'DRAFT', reviewRevisionId: null, publishAt: null });
    expect(await t.db.prisma.contentRevision.count({ where: { itemId: row.id } })).toBe(2);
    expect(await t.db.prisma.contentItem.count({ where: { slug: 'intrusa' } })).toBe(0);
  });
});

describe('attachments', () => {
  let api: TestApi;
  const tokens: Record<'a' | 'b', string> = { a: '', b: '' };
  const UPLOAD = `mutation ($siteId: ID!, $itemId: ID, $file: Upload!) { uploadContentAttachment(siteId: $siteId, itemId: $itemId, file: $file) {
    __typename ... on ContentAttachment { id fileName mediaType size sha256 downloadPath } ... on InputError { issues { path message code } } } }`;

  async function upload(siteId: string, file: File, token: string, itemId?: string) {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: UPLOAD, variables: { siteId, itemId: itemId ?? null, file: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', file);
    const response = await api.yoga.fetch('http://yoga/graphql', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-gea-client': 'content-test' }, body: form });
    return (await response.json()) as { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  }
  const download = (path: string, token: string) => api.yoga.fetch(`http://yoga${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    api = createTestApi(t.db, [webHosting], { realAuth: true });
    tokens.a = await sessionToken(t.db, w.editorA.id!);
    tokens.b = await sessionToken(t.db, w.editorB.id!);
  });

  it('an editor uploads a file for a page of their site; its editors download it, body B gets 404', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4\nmodulo di richiesta\n%%EOF\n');
    const result = await upload(w.a.site.gid, new File([bytes], 'Modulo richiesta.pdf', { type: 'application/octet-stream' }), tokens.a, secret.id);
    expect(result.errors).toBeUndefined();
    const attachment = result.data!.uploadContentAttachment;
    expect(attachment).toMatchObject({ __typename: 'ContentAttachment', fileName: 'Modulo richiesta.pdf', mediaType: 'application/pdf', size: bytes.length });
    expect(attachment.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(attachment.downloadPath).toBe(`/web-hosting/attachments/${attachment.id}`);

    const mine = await download(attachment.downloadPath, tokens.a);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await mine.arrayBuffer())).toEqual(bytes);
    const theirs = await download(attachment.downloadPath, tokens.b);
    expect(theirs.status).toBe(404);
    expect((await download(attachment.downloadPath, '')).status).toBe(401);

    // Audited by size, never by content.
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'uploadContentAttachment', outcome: 'SUCCESS' } });
    expect(audit).toMatchObject({ entityId: w.a.id, targetId: attachment.id });
    expect(JSON.stringify(audit.input)).toContain(`(${bytes.length} bytes)`);
    expect(JSON.stringify(audit)).not.toContain('modulo di richiesta');
  });

  it('refuses files of other kinds, files whose content is not what their name says, and files over the limit; body B cannot upload to A', async () => {
    const exe = await upload(w.a.site.gid, new File([new Uint8Array([0x4d, 0x5a, 0x90, 0])], 'setup.exe'), tokens.a);
    expect(exe.data!.uploadContentAttachment).toMatchObject({ __typename: 'InputError', issues: [{ path: ['file'], code: 'INVALID_FORMAT' }] });
    const fake = await upload(w.a.site.gid, new File(['<html>not a pdf</html>'], 'finto.pdf'), tokens.a);
    expect(fake.data!.uploadContentAttachment).toMatchObject({ __typename: 'InputError', issues: [{ path: ['file'], message: 'the content is not a .pdf file' }] });
    const big = await upload(w.a.site.gid, new File([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)], 'grande.csv'), tokens.a);
    expect(big.data!.uploadContentAttachment).toMatchObject({ __typename: 'InputError', issues: [{ path: ['file'], code: 'TOO_BIG' }] });
    const foreign = await upload(w.a.site.gid, new File(['a,b\n1,2\n'], 'dati.csv'), tokens.b);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.db.prisma.contentAttachment.count()).toBe(1);
  });
});
