import webHosting from '@gea/plugin-web-hosting';
import { useTestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { createActor } from '@gea/test-kit/users.ts';
import type { Actor } from '@gea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { previewTokenHash } from '../src/public/preview.ts';
import { createAttachment, createPage, createSite, get, text, type FixtureSite } from './public-fixtures.ts';

const t = useTestApi([webHosting]);
let site: FixtureSite;
let other: FixtureSite;
let editor: Actor;
let foreignEditor: Actor;
let page: { id: string; headRevisionId: string | null; publishedRevisionId: string | null };
let neverPublished: { id: string };
let draftFile: string;

const CREATE = `mutation ($item: ID!, $revision: ID) { createPreviewLink(itemId: $item, revisionId: $revision) {
  __typename ... on PreviewLink { path expiresAt } ... on InputError { issues { path message } } ... on Error { code message } } }`;

async function previewLink(itemId: string, actor: Actor, revisionId?: string) {
  const response = await t.api.gql(CREATE, { item: toGlobalId('ContentItem', itemId), revision: revisionId ? toGlobalId('ContentRevision', revisionId) : null }, actor);
  return response.body;
}

/** The public API path of a preview link's site path. */
const apiPath = (link: string) => link.replace(/^\/sites\/([^/]+)\//, '$1/path/');

beforeAll(async () => {
  site = await createSite(t.db, 'anteprima');
  other = await createSite(t.db, 'altrove');
  editor = await createActor(t.db, t.api.composed, 'editor', [{ role: 'WEB_EDITOR', entityId: site.entityId }]);
  foreignEditor = await createActor(t.db, t.api.composed, 'foreign', [{ role: 'WEB_EDITOR', entityId: other.entityId }]);
  draftFile = (await createAttachment(t.db, site, 'bozza.txt', 'allegato della bozza')).id;
  page = await createPage(
    t.db,
    site,
    'PAGINA',
    'orari',
    { title: 'Orari pubblicati', summary: 'Orari', fields: { body: text('Lunedì 9-12') } },
    { title: 'Orari in bozza', summary: 'Orari', fields: { body: text('Lunedì 9-13, martedì chiuso') } },
  );
  neverPublished = await createPage(t.db, site, 'PAGINA', 'nuova', null, { title: 'Pagina nuova', summary: 'Mai pubblicata', fields: { body: text('Nuovo') } });
  await createPage(t.db, site, 'PAGINA', 'contatti', { title: 'Contatti', summary: 'Recapiti', fields: { body: text('Tel') } });
});

describe('preview links', () => {
  it("are made by whoever reads the page's body, for its head revision by default, valid for an hour", async () => {
    const body = await previewLink(page.id, editor);
    expect(body.errors).toBeUndefined();
    const link = body.data!.createPreviewLink;
    expect(link.__typename).toBe('PreviewLink');
    expect(link.path).toMatch(/^\/sites\/anteprima\/orari\?preview=[A-Za-z0-9_-]{43}$/);
    const expires = Date.parse(link.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(59 * 60_000);
    expect(expires).toBeLessThanOrEqual(60 * 60_000);
    const token = new URL(link.path, 'http://x').searchParams.get('preview')!;
    const stored = await t.db.prisma.previewToken.findFirstOrThrow({ where: { itemId: page.id } });
    expect(stored.tokenHash).toBe(previewTokenHash(token));
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.revisionId).toBe(page.headRevisionId);
  });

  it("are refused to an editor of another body, and for another page's revision", async () => {
    const refused = await previewLink(page.id, foreignEditor);
    expect(refused.errors?.[0]?.extensions?.code ?? refused.data?.createPreviewLink?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const mixed = await previewLink(page.id, editor, (await t.db.prisma.contentItem.findUniqueOrThrow({ where: { id: neverPublished.id } })).headRevisionId!);
    expect(mixed.data!.createPreviewLink).toMatchObject({ __typename: 'InputError', issues: [{ path: ['revisionId'] }] });
  });

  it('show the revision on its page only, never cached; the page without the token stays as published', async () => {
    const link = (await previewLink(page.id, editor)).data!.createPreviewLink.path as string;
    const shown = await get(t.api, apiPath(link));
    expect(shown.status).toBe(200);
    expect(shown.json).toMatchObject({ kind: 'page', preview: true, page: { title: 'Orari in bozza' } });
    expect(shown.body).toContain('martedì chiuso');
    expect(shown.headers.get('cache-control')).toBe('private, no-store');
    expect(shown.headers.get('etag')).toBeNull();
    const token = new URL(link, 'http://x').searchParams.get('preview')!;
    // on another page, or as a list, the token shows nothing
    for (const path of [`anteprima/path/contatti?preview=${token}`, `anteprima/path?preview=${token}`, `anteprima/path/servizi?preview=${token}`, `altrove/path/orari?preview=${token}`]) {
      const response = await get(t.api, path);
      expect(response.status, path).toBe(404);
      expect(response.body).not.toContain('bozza');
    }
    const published = await get(t.api, 'anteprima/path/orari');
    expect(published.json).toMatchObject({ preview: false, page: { title: 'Orari pubblicati' } });
    expect(published.body).not.toContain('martedì chiuso');
  });

  it('show a page never published, at its path, and the files of the revision', async () => {
    const link = (await previewLink(neverPublished.id, editor)).data!.createPreviewLink.path as string;
    expect((await get(t.api, apiPath(link))).json).toMatchObject({ preview: true, page: { title: 'Pagina nuova' } });
    expect((await get(t.api, 'anteprima/path/nuova')).status).toBe(404);
    // a file of a draft: through the token of a revision that uses it, never without
    const withFile = await createPage(t.db, site, 'DOCUMENTO_PUBBLICO', 'delibera', null, {
      title: 'Delibera in bozza',
      summary: 'Bozza',
      topics: ['bilancio'],
      fields: { documentType: 'atti-normativi', file: draftFile },
    });
    const fileLink = (await previewLink(withFile.id, editor)).data!.createPreviewLink.path as string;
    const token = new URL(fileLink, 'http://x').searchParams.get('preview')!;
    const rendered = await get(t.api, apiPath(fileLink));
    const href = rendered.json.page.sections.flatMap((s: { fields: { key: string; value: { href: string } }[] }) => s.fields).find((f: { key: string }) => f.key === 'file').value.href;
    expect(href).toBe(`/web-hosting/public/sites/anteprima/files/${draftFile}?preview=${encodeURIComponent(token)}`);
    const file = await get(t.api, `anteprima/files/${draftFile}?preview=${token}`);
    expect(file.status).toBe(200);
    expect(file.body).toBe('allegato della bozza');
    expect(file.headers.get('cache-control')).toBe('private, no-store');
    expect((await get(t.api, `anteprima/files/${draftFile}`)).status).toBe(404);
  });

  it('answer 404 once expired, and to unknown tokens: never the draft', async () => {
    const link = (await previewLink(page.id, editor)).data!.createPreviewLink.path as string;
    const token = new URL(link, 'http://x').searchParams.get('preview')!;
    await t.db.prisma.previewToken.update({ where: { tokenHash: previewTokenHash(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const path of [apiPath(link), `anteprima/path/orari?preview=${'A'.repeat(43)}`, 'anteprima/path/orari?preview=short', 'anteprima/path/orari?preview=']) {
      const response = await get(t.api, path);
      expect(response.status, path).toBe(404);
      expect(response.json.error).toEqual(expect.any(String));
      expect(response.body).not.toContain('bozza');
    }
  });
});
