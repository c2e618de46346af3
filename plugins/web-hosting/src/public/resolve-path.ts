// What a path of a site is: the home page, a list (a menu entry, a topic), or a published page.
import type { GeaContext } from '@gea/core';
import type { Prisma } from '@gea/db';
import { contentTypeDefinitions, contentTypes, type ContentTypeName, type Label } from '../model/content-types.ts';
import { menu } from '../model/menus.ts';
import { findTerm, organisationUnitTypes, personTypes } from '../model/taxonomies.ts';
import { italianDay } from './cache.ts';
import { breadcrumbOf, menuLabelOf, type Crumb } from './menu.ts';
import { publishedPathOf } from './site.ts';

export const PAGE_SIZE = 12;

/** Pages visitors open by themselves (contact points are shown inside others). */
export const pageTypes = contentTypes.filter((type) => contentTypeDefinitions[type].hasPage);

export interface ListDefinition {
  path: string;
  title: Label;
  types: ContentTypeName[];
  /** A field of the published revision the list keeps to (a service category). */
  term?: { field: string; key: string };
  topic?: string;
}

const unitKeys = new Set<string>(organisationUnitTypes.map((t) => t.key));
const personKeys = new Set<string>(personTypes.map((t) => t.key));

/** The list a path names, if it names one. */
export function listDefinition(path: string): ListDefinition | null {
  const [first, second, ...rest] = path.split('/');
  if (rest.length > 0) return null;
  if (first === 'argomenti' && second) {
    const topic = findTerm('topics', second);
    return topic ? { path, title: { it: topic.it, en: topic.en }, types: [...pageTypes], topic: topic.key } : null;
  }
  const title = menuLabelOf(path);
  if (!title || !first) return null;
  switch (first) {
    case 'servizi':
      return { path, title, types: ['SERVIZIO'], ...(second ? { term: { field: 'category', key: second } } : {}) };
    case 'novita':
      return { path, title, types: ['NOTIZIA'], ...(second ? { term: { field: 'newsType', key: second } } : {}) };
    case 'amministrazione':
      if (!second) return { path, title, types: ['UNITA_ORGANIZZATIVA', 'PERSONA_PUBBLICA', 'DOCUMENTO_PUBBLICO', 'DATASET'] };
      if (second === 'documenti-e-dati') return { path, title, types: ['DOCUMENTO_PUBBLICO', 'DATASET'] };
      if (unitKeys.has(second)) return { path, title, types: ['UNITA_ORGANIZZATIVA'], term: { field: 'unitType', key: second } };
      if (personKeys.has(second)) return { path, title, types: ['PERSONA_PUBBLICA'], term: { field: 'personType', key: second } };
      return null;
    case 'vivere-il-comune':
      if (!second) return { path, title, types: ['LUOGO', 'EVENTO'] };
      return second === 'luoghi' ? { path, title, types: ['LUOGO'] } : second === 'eventi' ? { path, title, types: ['EVENTO'] } : null;
    default:
      return null;
  }
}

/** Whether a path is the home page or a list: their answers change with the date (upcoming events). */
export const isDatedPath = (path: string) => path === '' || listDefinition(path) !== null;

/** Published pages of the site: what every public read starts from. */
export const publishedWhere = (siteId: string): Prisma.ContentItemWhereInput => ({ siteId, status: 'PUBLISHED', publishedRevisionId: { not: null } });

export const cardSelect = {
  type: true,
  slug: true,
  publishedSortDate: true,
  lastPublishedAt: true,
  publishedRevision: { select: { title: true, summary: true, fields: true } },
} satisfies Prisma.ContentItemSelect;
type CardRow = Prisma.ContentItemGetPayload<{ select: typeof cardSelect }>;

export interface Card {
  type: ContentTypeName;
  title: string;
  summary: string;
  path: string | null;
  date: string | null;
}

/** A page in a list: from its published revision only (the item's own title is the draft's). */
export function cardOf(row: CardRow): Card {
  const revision = row.publishedRevision!;
  return {
    type: row.type,
    title: revision.title,
    summary: revision.summary,
    path: publishedPathOf(row, revision.fields),
    date: (row.publishedSortDate ?? row.lastPublishedAt)?.toISOString() ?? null,
  };
}

const listOrder: Prisma.ContentItemOrderByWithRelationInput[] = [
  { publishedSortDate: { sort: 'desc', nulls: 'last' } },
  { publishedRevision: { title: 'asc' } },
  { id: 'asc' },
];

export async function readList(context: Pick<GeaContext, 'db'>, siteId: string, list: ListDefinition, page: number) {
  const where: Prisma.ContentItemWhereInput = {
    ...publishedWhere(siteId),
    type: { in: list.types },
    ...(list.term ? { publishedRevision: { fields: { path: [list.term.field], equals: list.term.key } } } : {}),
    ...(list.topic ? { publishedRevision: { topics: { has: list.topic } } } : {}),
  };
  const [total, rows] = await Promise.all([
    context.db.contentItem.count({ where }),
    context.db.contentItem.findMany({ where, select: cardSelect, orderBy: listOrder, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  const breadcrumb: Crumb[] = breadcrumbOf(list.path, list.title);
  return { title: list.title, path: list.path, breadcrumb, items: rows.map(cardOf), page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), total };
}

/** The home page: latest news, upcoming events, services, and the topics in use. */
export async function readHome(context: Pick<GeaContext, 'db'>, siteId: string, now = new Date()) {
  // Events from the start of today in Italy (UTC+1 or +2: two hours before UTC midnight covers both).
  const startOfDay = new Date(Date.parse(`${italianDay(now)}T00:00:00Z`) - 2 * 3600 * 1000);
  const [news, events, services, topicRows] = await Promise.all([
    context.db.contentItem.findMany({ where: { ...publishedWhere(siteId), type: 'NOTIZIA' }, select: cardSelect, orderBy: listOrder, take: 6 }),
    context.db.contentItem.findMany({
      where: { ...publishedWhere(siteId), type: 'EVENTO', publishedSortDate: { gte: startOfDay } },
      select: cardSelect,
      orderBy: [{ publishedSortDate: 'asc' }, { id: 'asc' }],
      take: 6,
    }),
    context.db.contentItem.findMany({ where: { ...publishedWhere(siteId), type: 'SERVIZIO' }, select: cardSelect, orderBy: [{ lastPublishedAt: 'desc' }, { id: 'asc' }], take: 6 }),
    context.db.$queryRaw<{ key: string; count: number }[]>`
      select t as key, count(*)::int as count from "ContentItem" i join "ContentRevision" r on r.id = i."publishedRevisionId", unnest(r.topics) t
      where i."siteId" = ${siteId}::uuid and i.status = 'PUBLISHED' group by t order by 2 desc, 1 limit 12`,
  ]);
  const topics = topicRows.flatMap((row) => {
    const term = findTerm('topics', row.key);
    return term ? [{ key: term.key, label: { it: term.it, en: term.en }, count: row.count, path: `argomenti/${term.key}` }] : [];
  });
  return { news: news.map(cardOf), events: events.map(cardOf), services: services.map(cardOf), topics };
}

export const pageSelect = {
  id: true,
  type: true,
  slug: true,
  firstPublishedAt: true,
  lastPublishedAt: true,
  publishedRevision: { select: { id: true, title: true, summary: true, topics: true, fields: true } },
} satisfies Prisma.ContentItemSelect;
export type PageRow = Prisma.ContentItemGetPayload<{ select: typeof pageSelect }>;

/** The published page at this path: candidates by the last segment (the slug), then the one whose path is this one. */
export async function findPublishedPage(context: Pick<GeaContext, 'db'>, siteId: string, path: string): Promise<PageRow | null> {
  const slug = path.split('/').at(-1);
  if (!slug) return null;
  const candidates = await context.db.contentItem.findMany({
    where: { ...publishedWhere(siteId), slug, type: { in: pageTypes } },
    select: pageSelect,
    relationLoadStrategy: 'join',
  });
  return candidates.find((item) => publishedPathOf(item, item.publishedRevision!.fields) === path) ?? null;
}

/** The first-level menu paths, which are lists, never pages. */
export const firstLevelPaths = new Set(menu.map((entry) => entry.path));
