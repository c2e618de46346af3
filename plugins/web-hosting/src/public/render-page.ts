// A page as visitors see it: a revision's sections in the model's order with their values rendered
// (rich text to HTML by the server, terms with their labels, references to published pages only,
// attachments of the site), its breadcrumb and its JSON-LD. Nothing of who wrote it.
import type { GeaContext } from '@gea/core';
import { contentTypeDefinitions, type ContentTypeName, type FieldDefinition, type Label } from '../model/content-types.ts';
import { findTerm } from '../model/taxonomies.ts';
import { isFilled, referencesOf } from '../rules/revision-check.ts';
import { renderRichText } from './rich-text-html.ts';
import { jsonLdOf } from './json-ld.ts';
import type { PublicReference } from './public-reference.ts';
import { breadcrumbOf } from './menu.ts';
import { publishedWhere } from './resolve-path.ts';
import { publishedPathOf, type PublicSite } from './site.ts';

export type { PublicReference };

export interface RevisionToRender {
  title: string;
  summary: string;
  topics: readonly string[];
  fields: unknown;
}

export interface PageToRender {
  type: ContentTypeName;
  slug: string;
  firstPublishedAt: Date | null;
  lastPublishedAt: Date | null;
}

export interface PublicAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  href: string;
}

const CONTACT_FIELDS = ['phone', 'email', 'pec', 'url', 'hours'] as const;

const asRecord = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** Where visitors download an attachment (a preview passes its token on, for the draft's files). */
export const fileHref = (siteSlug: string, id: string, previewToken?: string) =>
  `/web-hosting/public/sites/${encodeURIComponent(siteSlug)}/files/${id}${previewToken ? `?preview=${encodeURIComponent(previewToken)}` : ''}`;

const termOf = (field: Extract<FieldDefinition, { kind: 'term' | 'terms' }>, key: unknown) => {
  const term = typeof key === 'string' ? findTerm(field.vocabulary, key) : undefined;
  return term ? { key: term.key, label: { it: term.it, en: term.en } as Label } : null;
};

/** The referenced pages (published ones of the site only) and attachments (of the site) of a revision: two statements. */
async function loadTargets(context: Pick<GeaContext, 'db'>, siteId: string, siteSlug: string, type: ContentTypeName, fields: Record<string, unknown>, previewToken?: string) {
  const { pages, attachments } = referencesOf(type, fields);
  const [items, files] = await Promise.all([
    pages.length === 0
      ? []
      : context.db.contentItem.findMany({
          where: { ...publishedWhere(siteId), id: { in: [...new Set(pages.map((p) => p.id))] } },
          select: { id: true, type: true, slug: true, publishedRevision: { select: { title: true, summary: true, fields: true } } },
        }),
    attachments.length === 0
      ? []
      : context.db.contentAttachment.findMany({
          where: { siteId, id: { in: [...new Set(attachments.map((a) => a.id))] } },
          select: { id: true, fileName: true, mediaType: true, size: true },
        }),
  ]);
  const references = new Map<string, PublicReference>();
  for (const item of items) {
    const revision = item.publishedRevision!;
    const reference: PublicReference = { type: item.type, title: revision.title, summary: revision.summary, path: publishedPathOf(item, revision.fields) };
    if (item.type === 'PUNTO_DI_CONTATTO') {
      const details = asRecord(revision.fields);
      reference.contact = Object.fromEntries(CONTACT_FIELDS.flatMap((key) => (typeof details[key] === 'string' && details[key] !== '' ? [[key, details[key] as string]] : [])));
    }
    references.set(item.id, reference);
  }
  const attachmentsById = new Map<string, PublicAttachment>(files.map((file) => [file.id, { ...file, href: fileHref(siteSlug, file.id, previewToken) }]));
  return { references, attachments: attachmentsById };
}

function renderValue(field: FieldDefinition, value: unknown, targets: Awaited<ReturnType<typeof loadTargets>>): unknown {
  const ids = (raw: unknown) => (Array.isArray(raw) ? raw : [raw]).filter((id): id is string => typeof id === 'string');
  switch (field.kind) {
    case 'richText': {
      // parsed once: isFilled would parse it again to find it empty
      const { text, html } = renderRichText(value);
      return text === '' ? null : { html };
    }
    case 'term':
      return termOf(field, value);
    case 'terms':
      return ids(value).flatMap((key) => termOf(field, key) ?? []);
    case 'reference':
      return targets.references.get(ids(value)[0] ?? '') ?? null;
    case 'references':
      return ids(value).flatMap((id) => targets.references.get(id) ?? []);
    case 'attachment':
      return targets.attachments.get(ids(value)[0] ?? '') ?? null;
    case 'attachments':
      return ids(value).flatMap((id) => targets.attachments.get(id) ?? []);
    case 'boolean':
      return value === true;
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

const isEmptyRendered = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0);

export async function renderPage(
  context: Pick<GeaContext, 'db'>,
  site: PublicSite & { id: string },
  page: PageToRender,
  revision: RevisionToRender,
  options: { previewToken?: string; siteBaseUrl?: string } = {},
) {
  const fields = asRecord(revision.fields);
  const definition = contentTypeDefinitions[page.type];
  const targets = await loadTargets(context, site.id, site.slug, page.type, fields, options.previewToken);
  const sections = definition.sections.flatMap((section) => {
    const rendered = section.fields.flatMap((field) => {
      if (field.kind === 'richText' ? fields[field.key] == null : !isFilled(field, fields[field.key])) return [];
      const value = renderValue(field, fields[field.key], targets);
      return isEmptyRendered(value) ? [] : [{ key: field.key, label: field.label, kind: field.kind, value }];
    });
    return rendered.length === 0 ? [] : [{ key: section.key, label: section.label, fields: rendered }];
  });
  const path = publishedPathOf(page, fields) ?? page.slug;
  const breadcrumb = breadcrumbOf(path, { it: revision.title, en: revision.title });
  const topics = revision.topics.flatMap((key) => {
    const term = findTerm('topics', key);
    return term ? [{ key: term.key, label: { it: term.it, en: term.en } }] : [];
  });
  return {
    type: page.type,
    slug: page.slug,
    path,
    title: revision.title,
    summary: revision.summary,
    topics,
    publishedAt: page.firstPublishedAt?.toISOString() ?? null,
    updatedAt: page.lastPublishedAt?.toISOString() ?? null,
    breadcrumb,
    sections,
    jsonLd: jsonLdOf({ site, type: page.type, path, revision: { ...revision, fields }, references: targets.references, publishedAt: page.firstPublishedAt, updatedAt: page.lastPublishedAt }),
  };
}
