// Sites and pages for the public API's tests, written straight into the tables (the content
// services are another part of the plugin): a body, its site with a publication stamp, pages with
// a published revision and, where asked, a newer draft by a named author.
import { createHash, randomUUID } from 'node:crypto';
import type { ContentType, Database } from '@gea/db';
import type { TestApi } from '@gea/test-kit/api.ts';
import { enableModules } from '@gea/test-kit/seed.ts';
import { createUser } from '@gea/test-kit/users.ts';
import { paragraphs } from '../src/rules/rich-text.ts';

export interface Content {
  title: string;
  summary: string;
  topics?: string[];
  fields: Record<string, unknown>;
}

export interface FixtureSite {
  id: string;
  slug: string;
  entityId: string;
  authorId: string;
}

let counter = 0;

/** A body with its site (GEA, active) and a stamp; the author of its pages has a recognisable name and e-mail. */
export async function createSite(db: Database, slug: string, options: { status?: 'ACTIVE' | 'SUSPENDED' | 'DECOMMISSIONED' | 'MAINTENANCE' } = {}): Promise<FixtureSite> {
  const n = ++counter;
  const entity = await db.prisma.entity.create({
    data: { kind: 'MUNICIPALITY', name: `Comune di ${slug[0]!.toUpperCase()}${slug.slice(1)}`, ipaCode: `c_t${String(n).padStart(3, '0')}`, pecAddress: `comune.${slug}@pec.example.it` },
  });
  await enableModules(db, [entity.id], ['web-hosting']);
  const author = await createUser(db, `segreta.autrice.${slug}@example.it`);
  await db.prisma.user.update({ where: { id: author.id }, data: { name: `Autrice Segretissima ${slug}` } });
  const site = await db.prisma.hostedSite.create({
    data: { entityId: entity.id, slug, name: `Comune di ${slug}`, primaryDomain: `comune.${slug}.fi.it`, cms: 'GEA', status: options.status ?? 'ACTIVE' },
  });
  await db.prisma.sitePublicationStamp.create({ data: { siteId: site.id, stamp: 1 } });
  return { id: site.id, slug, entityId: entity.id, authorId: author.id };
}

const hash = (content: Content) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

const sortDateOf = (type: ContentType, fields: Record<string, unknown>) => {
  const raw = type === 'EVENTO' ? fields.startsAt : type === 'NOTIZIA' || type === 'DOCUMENTO_PUBBLICO' ? fields.date : undefined;
  return typeof raw === 'string' ? new Date(raw) : null;
};

async function revision(db: Database, site: FixtureSite, itemId: string, number: number, content: Content) {
  return db.prisma.contentRevision.create({
    data: {
      itemId,
      number,
      kind: 'SAVE',
      title: content.title,
      summary: content.summary,
      topics: content.topics ?? [],
      fields: content.fields as object,
      contentHash: hash(content),
      authorId: site.authorId,
    },
  });
}

/**
 * A page: `published` is what visitors see (none: a draft never published); `draft`, a newer head
 * revision that is not published.
 */
export async function createPage(db: Database, site: FixtureSite, type: ContentType, slug: string, published: Content | null, draft?: Content) {
  const item = await db.prisma.contentItem.create({
    data: { siteId: site.id, type, slug, title: (draft ?? published)!.title, createdById: site.authorId },
  });
  let number = 0;
  if (published) {
    const rev = await revision(db, site, item.id, ++number, published);
    const at = new Date(Date.now() - 60_000);
    await db.prisma.contentItem.update({
      where: { id: item.id },
      data: {
        headRevisionId: rev.id,
        publishedRevisionId: rev.id,
        status: 'PUBLISHED',
        firstPublishedAt: at,
        lastPublishedAt: at,
        publishedTopics: published.topics ?? [],
        publishedSortDate: sortDateOf(type, published.fields),
      },
    });
  }
  if (draft) {
    const rev = await revision(db, site, item.id, ++number, draft);
    await db.prisma.contentItem.update({ where: { id: item.id }, data: { headRevisionId: rev.id, title: draft.title } });
  }
  return db.prisma.contentItem.findUniqueOrThrow({ where: { id: item.id } });
}

/** Publishes new content of a page, as the content services do: a revision, the page's published pointers, the site's stamp raised. */
export async function publish(db: Database, site: FixtureSite, itemId: string, content: Content) {
  const last = await db.prisma.contentRevision.count({ where: { itemId } });
  const rev = await revision(db, site, itemId, last + 1, content);
  const item = await db.prisma.contentItem.findUniqueOrThrow({ where: { id: itemId } });
  await db.prisma.contentItem.update({
    where: { id: itemId },
    data: {
      headRevisionId: rev.id,
      publishedRevisionId: rev.id,
      status: 'PUBLISHED',
      title: content.title,
      lastPublishedAt: new Date(),
      firstPublishedAt: item.firstPublishedAt ?? new Date(),
      publishedTopics: content.topics ?? [],
      publishedSortDate: sortDateOf(item.type, content.fields),
    },
  });
  await raiseStamp(db, site.id);
  return rev;
}

export async function raiseStamp(db: Database, siteId: string) {
  await db.prisma.sitePublicationStamp.update({ where: { siteId }, data: { stamp: { increment: 1 }, changedAt: new Date() } });
}

export async function createAttachment(db: Database, site: FixtureSite, fileName: string, text: string, itemId?: string) {
  const data = Buffer.from(text);
  return db.prisma.contentAttachment.create({
    data: {
      id: randomUUID(),
      siteId: site.id,
      itemId: itemId ?? null,
      fileName,
      mediaType: fileName.endsWith('.pdf') ? 'application/pdf' : 'text/plain',
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      data,
      uploadedById: site.authorId,
    },
  });
}

export const text = paragraphs;

/** A complete service page (every section the model asks for). */
export function serviceContent(title: string, refs: { unitId: string; contactId: string; termsId: string }, extra: Partial<Content> = {}): Content {
  return {
    title,
    summary: `Come ottenere: ${title}`,
    topics: ['residenza'],
    fields: {
      category: 'anagrafe-e-stato-civile',
      audience: text('Cittadini residenti nel Comune.'),
      howTo: text('Compila il modulo online.'),
      requirements: text("Un documento d'identità."),
      outcome: text('Il certificato.'),
      timing: text('Subito.'),
      accessDescription: text('Online con SPID o CIE.'),
      onlineUrl: 'https://servizi.example.it/certificati',
      termsDocument: refs.termsId,
      responsibleUnit: refs.unitId,
      contactPoints: [refs.contactId],
    },
    ...extra,
  };
}

/** Fetches a public route through Yoga: status, headers and the raw body text. */
export async function get(api: Pick<TestApi, 'yoga'>, path: string, headers: Record<string, string> = {}) {
  const response = await api.yoga.fetch(`http://yoga/web-hosting/public/sites/${path}`, { headers });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, json: body && response.headers.get("content-type")?.includes("json") ? (JSON.parse(body) as any) : null };
}
