import { seedDemoData, today } from '@gea/core';
import webHosting from '@gea/plugin-web-hosting';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { contentTypeDefinitions, type ContentTypeName } from '../src/model/content-types.ts';
import { referencesOf, checkPublishable } from '../src/rules/revision-check.ts';
import { siteSlugOf, TLS_SOON_BODY } from '../src/seed.ts';
import { contentHashOf } from '../src/services/content.ts';

const t = useTestApi([webHosting]);
const MUNICIPALITIES = ['Londa', 'Pelago', 'Pontassieve', 'Reggello', "Rignano sull'Arno", 'Rufina', 'San Godenzo'];
const DAY_MS = 86_400_000;

beforeAll(async () => {
  await seedDemoData(t.db.prisma, [webHosting], { password: 'gea-demo', log: () => {} });
}, 300_000);

describe('web-hosting demo data', () => {
  it('hosts a GEA site for each municipality of the union, one certificate expiring within days', async () => {
    const sites = await t.db.prisma.hostedSite.findMany({ include: { entity: true, publication: true, links: true }, orderBy: { slug: 'asc' } });
    expect(sites.map((s) => s.entity.name).sort()).toEqual(MUNICIPALITIES);
    expect(siteSlugOf("Rignano sull'Arno")).toBe('rignano-sullarno');
    const pelago = sites.find((s) => s.slug === 'pelago')!;
    expect(pelago).toMatchObject({ name: 'Comune di Pelago', primaryDomain: 'comune.pelago.fi.it', cms: 'GEA', status: 'ACTIVE' });
    const now = today().getTime();
    for (const site of sites) {
      expect(site.primaryDomain).toBe(`comune.${site.slug}.fi.it`);
      expect(site.publication?.stamp).toBeGreaterThan(0);
      const days = (site.tlsExpiresOn!.getTime() - now) / DAY_MS;
      if (site.entity.name === TLS_SOON_BODY) expect(days).toBeLessThan(15);
      else expect(days).toBeGreaterThanOrEqual(30);
      expect(days).toBeGreaterThan(0);
      expect(days).toBeLessThan(200);
      // Every required link, to an https address or a published page of the site itself.
      const links = new Map(site.links.map((l) => [l.kind, l]));
      expect([...links.keys()].sort()).toEqual(['ACCESSIBILITY_DECLARATION', 'BOOKING', 'FAQ', 'LEGAL_NOTES', 'PRIVACY', 'REPORT_PROBLEM']);
      expect(links.get('ACCESSIBILITY_DECLARATION')!.url).toMatch(/^https:\/\/form\.agid\.gov\.it\//);
      for (const kind of ['BOOKING', 'REPORT_PROBLEM'] as const) expect(links.get(kind)!.url).toMatch(/^https:\/\//);
      for (const kind of ['PRIVACY', 'LEGAL_NOTES', 'FAQ'] as const) {
        const page = await t.db.prisma.contentItem.findUniqueOrThrow({ where: { id: links.get(kind)!.contentItemId! } });
        expect(page).toMatchObject({ siteId: site.id, type: 'PAGINA', status: 'PUBLISHED' });
      }
    }
    const policies = await t.db.prisma.cmsVersionPolicy.findMany({ orderBy: { cms: 'asc' } });
    expect(policies.map((p) => p.cms).sort()).toEqual(['DRUPAL', 'JOOMLA', 'WORDPRESS']);
  });

  it('publishes on each site the pages of the model, written by the body\'s web editor, every one publishable', async () => {
    const sites = await t.db.prisma.hostedSite.findMany();
    for (const site of sites) {
      const items = await t.db.prisma.contentItem.findMany({
        where: { siteId: site.id },
        include: { publishedRevision: { include: { author: { include: { roles: true } } } }, _count: { select: { revisions: true } } },
      });
      const counts: Partial<Record<ContentTypeName, number>> = {};
      for (const item of items) counts[item.type] = (counts[item.type] ?? 0) + 1;
      expect(counts, site.slug).toEqual({ PUNTO_DI_CONTATTO: 1, LUOGO: 1, UNITA_ORGANIZZATIVA: 1, SERVIZIO: 3, NOTIZIA: 2, EVENTO: 1, DOCUMENTO_PUBBLICO: 1, PAGINA: 3 });
      expect(items.find((i) => i.type === 'UNITA_ORGANIZZATIVA')!.title).toBe('Ufficio anagrafe');
      const ids = new Set(items.map((i) => i.id));
      const attachments = new Set((await t.db.prisma.contentAttachment.findMany({ where: { siteId: site.id }, select: { id: true } })).map((a) => a.id));
      for (const item of items) {
        const revision = item.publishedRevision!;
        expect(item.status).toBe('PUBLISHED');
        expect(item.headRevisionId).toBe(revision.id);
        expect(item._count.revisions).toBe(1);
        expect(item.firstPublishedAt).not.toBeNull();
        expect(item.lastPublishedAt).not.toBeNull();
        // as the services write them: lists sort by the type's own date, where the type has one
        expect(item.publishedSortDate === null, item.type).toBe(contentTypeDefinitions[item.type as ContentTypeName].sortDateField === undefined);
        // and the hash is the services', so a first save of unchanged content writes nothing
        expect(revision.contentHash).toBe(contentHashOf({ title: revision.title, summary: revision.summary, topics: revision.topics, fields: revision.fields as Record<string, unknown> }));
        expect(item.publishedTopics).toEqual(revision.topics);
        expect(item.title).toBe(revision.title);
        expect(revision.contentHash).toMatch(/^[0-9a-f]{64}$/);
        expect(revision.author.roles).toContainEqual(expect.objectContaining({ role: 'WEB_EDITOR', entityId: site.entityId }));
        const content = { title: revision.title, summary: revision.summary, topics: revision.topics, fields: revision.fields as Record<string, unknown> };
        expect(checkPublishable(item.type, content), `${site.slug}/${item.slug}`).toEqual([]);
        // What a page points at is on the same site: published pages of the right type, its files.
        const refs = referencesOf(item.type, content.fields);
        for (const ref of refs.pages) {
          expect(ids.has(ref.id), `${item.slug}.${ref.key}`).toBe(true);
          expect(ref.to).toContain(items.find((i) => i.id === ref.id)!.type);
        }
        for (const ref of refs.attachments) expect(attachments.has(ref.id), `${item.slug}.${ref.key}`).toBe(true);
      }
      // The news and events sort by their own dates.
      const event = items.find((i) => i.type === 'EVENTO')!;
      expect(event.publishedSortDate!.toISOString()).toBe((event.publishedRevision!.fields as { startsAt: string }).startsAt);
    }
  });
});
