// The CMS's write side: every change of a page, as plain functions over a Prisma transaction client
// and the id of the person making it. The GraphQL mutations call them inside their transaction
// (after the scope checks), the scheduled-publishing job and the demo seed call them directly.
// Every change of content writes a revision with its author (art. 11.1); history is never rewritten,
// except an autosave that its own author's next autosave replaces.
import { createHash } from 'node:crypto';
import { ConflictError, GeaError, InputError, lockForChange, NotFoundError, recordSystemEvent, save, type FieldIssue } from '@gea/core';
import type { ContentItem, ContentRevision, ContentType, GeaPrismaClient, Prisma } from '@gea/db';
import { contentTypeDefinitions, type ContentTypeName } from '../model/content-types.ts';
import { checkPublishable, checkRevisionShape, referencesOf, type RevisionContent } from '../rules/revision-check.ts';

/** A mutation's transaction (context.prisma), or the `tx` of `prisma.$transaction(async (tx) => ...)`. */
export type ContentDb = GeaPrismaClient | Prisma.TransactionClient;

const client = (db: ContentDb) => db as GeaPrismaClient;

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const SLUG_MAX = 100;

/** The most a site's attachment may weigh: documents and images of a page, not archives of a whole office. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** What the editor sends on a save. */
export interface PageContentInput {
  title: string;
  summary?: string | null;
  topics?: readonly string[] | null;
  fields?: Readonly<Record<string, unknown>> | null;
}

/** Nulls are dropped, so "cleared" and "never given" save the same content (and the same hash). */
export function normaliseContent(input: PageContentInput): RevisionContent {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.fields ?? {})) if (value !== null && value !== undefined) fields[key] = value;
  return { title: input.title.trim(), summary: (input.summary ?? '').trim(), topics: [...(input.topics ?? [])], fields };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** SHA-256 of title, summary, topics and fields (keys in a fixed order): an unchanged save has the head's hash. */
export function contentHashOf(content: RevisionContent): string {
  const { title, summary, topics, fields } = content;
  return createHash('sha256').update(JSON.stringify(canonical({ title, summary, topics, fields }))).digest('hex');
}

/** The columns of a revision holding this content. */
const contentColumns = (content: RevisionContent) => ({
  title: content.title,
  summary: content.summary,
  topics: [...content.topics],
  fields: content.fields as Prisma.InputJsonObject,
  contentHash: contentHashOf(content),
});

export const revisionContent = (revision: Pick<ContentRevision, 'title' | 'summary' | 'topics' | 'fields'>): RevisionContent => ({
  title: revision.title,
  summary: revision.summary,
  topics: revision.topics,
  fields: (revision.fields ?? {}) as Record<string, unknown>,
});

/** Writers are people: every change names who made it (art. 11.1). */
export function assertPerson(actor: { kind: string; id: string | null }): string {
  if (actor.kind !== 'user' || !actor.id) {
    throw new GeaError('FORBIDDEN', 'Only a signed-in person can change the pages of a site: every change is attributed to its author (art. 11.1).');
  }
  return actor.id;
}

type ItemWithSite = ContentItem & { site: { id: string; entityId: string; reviewRequired: boolean } };

/** The page, locked for the rest of the transaction and checked against the version the client read. */
export async function lockItem(db: ContentDb, itemId: string, expectedVersion?: number | null): Promise<ItemWithSite> {
  return lockForChange(
    { prisma: client(db) },
    {
      model: 'ContentItem',
      id: itemId,
      what: 'ContentItem',
      expectedVersion,
      read: () => client(db).contentItem.findUnique({ where: { id: itemId }, include: { site: { select: { id: true, entityId: true, reviewRequired: true } } } }),
    },
  );
}

async function headOf(db: ContentDb, item: ContentItem): Promise<ContentRevision> {
  const head = item.headRevisionId ? await client(db).contentRevision.findUnique({ where: { id: item.headRevisionId } }) : null;
  if (!head) throw new Error(`ContentItem ${item.id} has no head revision`);
  return head;
}

async function nextNumber(db: ContentDb, itemId: string): Promise<number> {
  const last = await client(db).contentRevision.aggregate({ where: { itemId }, _max: { number: true } });
  return (last._max.number ?? 0) + 1;
}

const fieldPath = (key: string) => ['fields', key];

/**
 * What the pages and files a revision points at must be: pages of the same site of the field's
 * types (and published, when `published` is asked), files of the same site.
 */
export async function referenceIssues(
  db: ContentDb,
  siteId: string,
  type: ContentTypeName,
  fields: Readonly<Record<string, unknown>>,
  options: { published?: boolean; pathPrefix?: string[] } = {},
): Promise<FieldIssue[]> {
  const prefix = options.pathPrefix ?? [];
  const { pages, attachments } = referencesOf(type, fields);
  const issues: FieldIssue[] = [];
  if (pages.length > 0) {
    const rows = await client(db).contentItem.findMany({
      where: { id: { in: [...new Set(pages.map((page) => page.id))] }, siteId },
      select: { id: true, type: true, status: true, title: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const page of pages) {
      const row = byId.get(page.id);
      if (!row) issues.push({ path: [...prefix, ...fieldPath(page.key)], message: `no page ${page.id} on this site` });
      else if (!page.to.includes(row.type as ContentTypeName)) {
        issues.push({ path: [...prefix, ...fieldPath(page.key)], message: `"${row.title}" is a ${contentTypeDefinitions[row.type as ContentTypeName].label.en}, not a ${page.to.map((to) => contentTypeDefinitions[to].label.en).join(' or ')}`, code: 'INVALID_CHOICE' });
      } else if (options.published && row.status !== 'PUBLISHED') {
        issues.push({ path: [...prefix, ...fieldPath(page.key)], message: `the page "${row.title}" it points to is not published: publish it first` });
      }
    }
  }
  if (attachments.length > 0) {
    const rows = await client(db).contentAttachment.findMany({ where: { id: { in: [...new Set(attachments.map((a) => a.id))] }, siteId }, select: { id: true } });
    const known = new Set(rows.map((row) => row.id));
    for (const attachment of attachments) {
      if (!known.has(attachment.id)) issues.push({ path: [...prefix, ...fieldPath(attachment.key)], message: `no attachment ${attachment.id} on this site` });
    }
  }
  return issues;
}

/** Everything that stops a revision of this page being published now. */
export async function publicationIssuesOf(db: ContentDb, item: Pick<ContentItem, 'siteId' | 'type'>, revision: Pick<ContentRevision, 'title' | 'summary' | 'topics' | 'fields'>): Promise<FieldIssue[]> {
  const content = revisionContent(revision);
  const type = item.type as ContentTypeName;
  return [...checkPublishable(type, content), ...(await referenceIssues(db, item.siteId, type, content.fields, { published: true }))];
}

async function checkedContent(db: ContentDb, siteId: string, type: ContentTypeName, input: PageContentInput, pathPrefix: string[]): Promise<RevisionContent> {
  const content = normaliseContent(input);
  const issues = checkRevisionShape(type, content).map((issue) => ({ ...issue, path: [...pathPrefix, ...issue.path] }));
  if (issues.length > 0) throw new InputError(issues);
  const refs = await referenceIssues(db, siteId, type, content.fields, { pathPrefix });
  if (refs.length > 0) throw new InputError(refs);
  return content;
}

async function checkParent(db: ContentDb, siteId: string, itemId: string | null, parentId: string | null | undefined, path: string[]) {
  if (!parentId) return;
  const parent = await client(db).contentItem.findFirst({ where: { id: parentId, siteId }, select: { id: true } });
  if (!parent) throw new InputError([{ path, message: 'no such page on this site' }]);
  if (!itemId) return;
  // The new parent must not be the page itself or below it.
  let cursor: string | null = parentId;
  for (let depth = 0; cursor && depth < 100; depth++) {
    if (cursor === itemId) throw new InputError([{ path, message: 'a page cannot be placed under itself or one of its own pages' }]);
    const row: { parentId: string | null } | null = await client(db).contentItem.findUnique({ where: { id: cursor }, select: { parentId: true } });
    cursor = row?.parentId ?? null;
  }
}

function checkSlug(slug: string, path: string[]): string {
  const value = slug.trim();
  if (value.length > SLUG_MAX) throw new InputError([{ path, message: `at most ${SLUG_MAX} characters`, code: 'TOO_LONG', maximum: SLUG_MAX }]);
  if (!SLUG.test(value)) throw new InputError([{ path, message: 'lowercase letters, digits and single hyphens (servizio-anagrafe)', code: 'INVALID_FORMAT' }]);
  return value;
}

const slugTaken = (type: ContentType, slug: string) => `a ${contentTypeDefinitions[type as ContentTypeName].label.en} with the address "${slug}" already exists on this site`;

async function assertSlugFree(db: ContentDb, siteId: string, type: ContentType, slug: string, path: string[], exceptId?: string) {
  const taken = await client(db).contentItem.findFirst({ where: { siteId, type, slug, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (taken) throw new InputError([{ path, message: slugTaken(type, slug) }]);
}

export interface CreatePageInput extends Partial<PageContentInput> {
  siteId: string;
  type: ContentType;
  slug: string;
  title: string;
  parentId?: string | null;
}

/** A new page (DRAFT) with its first revision, written by `userId`. */
export async function createPage(db: ContentDb, userId: string, input: CreatePageInput): Promise<ContentItem> {
  const site = await client(db).hostedSite.findUnique({ where: { id: input.siteId }, select: { id: true } });
  if (!site) throw new NotFoundError('HostedSite');
  const slug = checkSlug(input.slug, ['input', 'slug']);
  const type = input.type as ContentTypeName;
  const content = await checkedContent(db, input.siteId, type, { title: input.title, summary: input.summary, topics: input.topics, fields: input.fields }, ['input']);
  await checkParent(db, input.siteId, null, input.parentId, ['input', 'parentId']);
  await assertSlugFree(db, input.siteId, input.type, slug, ['input', 'slug']);
  const item = await save({ unique: slugTaken(input.type, slug), missing: 'HostedSite or parent page' }, () =>
    client(db).contentItem.create({
      // 0: setting the head revision below is the row's first UPDATE, which raises it to 1.
      data: { siteId: input.siteId, type: input.type, slug, title: content.title, parentId: input.parentId ?? null, createdById: userId, version: 0 },
    }),
  );
  const revision = await client(db).contentRevision.create({
    data: { itemId: item.id, number: 1, kind: 'SAVE', ...contentColumns(content), authorId: userId },
  });
  return client(db).contentItem.update({ where: { id: item.id }, data: { headRevisionId: revision.id } });
}

export interface SavePageInput extends PageContentInput {
  itemId: string;
  expectedVersion?: number | null;
  /** Written by the editor on its own while the author types: coalesced with the author's previous autosave. */
  autosave?: boolean | null;
}

/** A new revision of the page's content (or nothing, when the content is unchanged). */
export async function savePage(db: ContentDb, userId: string, input: SavePageInput): Promise<ContentItem> {
  const item = await lockItem(db, input.itemId, input.expectedVersion);
  const content = await checkedContent(db, item.siteId, item.type as ContentTypeName, input, ['input']);
  const hash = contentHashOf(content);
  const head = await headOf(db, item);
  if (head.contentHash === hash) {
    // An explicit save of what the author's autosave already holds keeps it as a save: no later autosave replaces it.
    if (!input.autosave && head.kind === 'AUTOSAVE' && head.authorId === userId) {
      await client(db).contentRevision.update({ where: { id: head.id }, data: { kind: 'SAVE' } });
    }
    return item;
  }
  const data = { ...contentColumns(content), authorId: userId };
  const replaceable =
    input.autosave &&
    head.kind === 'AUTOSAVE' &&
    head.authorId === userId &&
    head.id !== item.publishedRevisionId &&
    head.id !== item.reviewRevisionId &&
    head.id !== item.scheduledRevisionId;
  if (replaceable) {
    await client(db).contentRevision.update({ where: { id: head.id }, data: { ...data, createdAt: new Date() } });
    return client(db).contentItem.update({ where: { id: item.id }, data: { title: content.title } });
  }
  const revision = await client(db).contentRevision.create({
    data: { itemId: item.id, number: await nextNumber(db, item.id), kind: input.autosave ? 'AUTOSAVE' : 'SAVE', ...data },
  });
  return client(db).contentItem.update({ where: { id: item.id }, data: { headRevisionId: revision.id, title: content.title } });
}

async function revisionOf(db: ContentDb, itemId: string, revisionId: string, path: string[]): Promise<ContentRevision> {
  const revision = await client(db).contentRevision.findUnique({ where: { id: revisionId } });
  if (!revision || revision.itemId !== itemId) throw new InputError([{ path, message: 'not a revision of this page' }]);
  return revision;
}

/** Makes an earlier revision the working copy again, as a new RESTORE revision: history stays as it was. */
export async function restoreRevision(db: ContentDb, userId: string, input: { itemId: string; revisionId: string; expectedVersion?: number | null }): Promise<ContentItem> {
  const item = await lockItem(db, input.itemId, input.expectedVersion);
  const source = await revisionOf(db, item.id, input.revisionId, ['revisionId']);
  // Restoring what the working copy already says changes nothing, like an unchanged save.
  if ((await headOf(db, item)).contentHash === source.contentHash) return item;
  const content = revisionContent(source);
  // Pages and files it pointed at may have gone since.
  const refs = await referenceIssues(db, item.siteId, item.type as ContentTypeName, content.fields);
  if (refs.length > 0) throw new InputError(refs);
  const revision = await client(db).contentRevision.create({
    data: {
      itemId: item.id,
      number: await nextNumber(db, item.id),
      kind: 'RESTORE',
      restoredFrom: source.number,
      ...contentColumns(content),
      authorId: userId,
    },
  });
  return client(db).contentItem.update({ where: { id: item.id }, data: { headRevisionId: revision.id, title: content.title } });
}

/** Raises the site's publication stamp: the public API's ETags change with it. */
export async function bumpPublicationStamp(db: ContentDb, siteId: string, now: Date): Promise<void> {
  await client(db).sitePublicationStamp.upsert({
    where: { siteId },
    create: { siteId, stamp: 1, changedAt: now },
    update: { stamp: { increment: 1 }, changedAt: now },
  });
}

/** The instant public lists sort a page by (a news item's date, an event's start), from the type's sortDateField. */
export function sortDateOf(type: ContentTypeName, fields: Readonly<Record<string, unknown>>): Date | null {
  const key = contentTypeDefinitions[type].sortDateField;
  const value = key ? fields[key] : undefined;
  if (typeof value !== 'string') return null;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** On sites that ask for review, nobody publishes what they wrote themselves. */
function assertFourEyes(item: ItemWithSite, revision: ContentRevision, publisherId: string | null) {
  if (item.site.reviewRequired && publisherId !== null && revision.authorId === publisherId) {
    throw new GeaError('FORBIDDEN', 'This site asks for review: the revision must be published by another person than its author.');
  }
}

async function assertPublishable(db: ContentDb, item: ItemWithSite, revision: ContentRevision, pathPrefix: string[] = []) {
  const issues = await publicationIssuesOf(db, item, revision);
  if (issues.length > 0) throw new InputError(issues.map((issue) => ({ ...issue, path: [...pathPrefix, ...issue.path] })));
}

async function applyPublication(db: ContentDb, item: ItemWithSite, revision: ContentRevision, now: Date): Promise<ContentItem> {
  const after = await client(db).contentItem.update({
    where: { id: item.id },
    data: {
      status: 'PUBLISHED',
      publishedRevisionId: revision.id,
      firstPublishedAt: item.firstPublishedAt ?? now,
      lastPublishedAt: now,
      publishedTopics: revision.topics,
      publishedSortDate: sortDateOf(item.type as ContentTypeName, revisionContent(revision).fields),
      // What was waiting for review or for its time is now decided.
      reviewRevisionId: null,
      publishAt: null,
      scheduledRevisionId: null,
    },
  });
  await bumpPublicationStamp(db, item.siteId, now);
  return after;
}

export interface PublishPageInput {
  itemId: string;
  expectedVersion?: number | null;
  /** Default: the head revision. */
  revisionId?: string | null;
  now?: Date;
}

/** Puts a revision (the head by default) on the site, after checking it can be published. */
export async function publishPage(db: ContentDb, userId: string, input: PublishPageInput): Promise<ContentItem> {
  const item = await lockItem(db, input.itemId, input.expectedVersion);
  const revision = input.revisionId ? await revisionOf(db, item.id, input.revisionId, ['revisionId']) : await headOf(db, item);
  assertFourEyes(item, revision, userId);
  await assertPublishable(db, item, revision);
  return applyPublication(db, item, revision, input.now ?? new Date());
}

/** Takes the page off the site; its revisions stay. */
export async function unpublishPage(db: ContentDb, _userId: string, input: { itemId: string; expectedVersion?: number | null; now?: Date }): Promise<ContentItem> {
  const item = await lockItem(db, input.itemId, input.expectedVersion);
  if (item.status !== 'PUBLISHED') throw new ConflictError('The page is not published.');
  const now = input.now ?? new Date();
  const after = await client(db).contentItem.update({ where: { id: item.id }, data: { status: 'UNPUBLISHED', publishedRevisionId: null, unpublishAt: null } });
  await bumpPublicationStamp(db, item.siteId, now);
  return after;
}

export interface SchedulePageInput {
  itemId: string;
  expectedVersion?: number | null;
  /** When the revision goes live; null with unpublishAt: only a removal is scheduled (the page must be published). */
  publishAt?: Date | null;
  unpublishAt?: Date | null;
  revisionId?: string | null;
  now?: Date;
}

/** Schedules publication of a revision (checked now and again when its time comes) and/or removal from the site. */
export async function schedulePage(db: ContentDb, userId: string, input: SchedulePageInput): Promise<ContentItem> {
  const item = await lockItem(db, input.itemId, input.expectedVersion);
  const now = input.now ?? new Date();
  const issues: FieldIssue[] = [];
  if (!input.publishAt && !input.unpublishAt) issues.push({ path: ['publishAt'], message: 'give a publication time, a removal time or both', code: 'REQUIRED' });
  if (input.publishAt && input.publishAt.getTime() <= now.getTime()) issues.push({ path: ['publishAt'], message: 'must be in the future', code: 'INVALID_DATE' });
  if (input.unpublishAt && input.unpublishAt.getTime() <= (input.publishAt ?? now).getTime()) {
    issues.push({ path: ['unpublishAt'], message: input.publishAt ? 'must be after the publication time' : 'must be in the future', code: input.publishAt ? 'INVALID_DATE_RANGE' : 'INVALID_DATE' });
  }
  if (!input.publishAt && input.unpublishAt && item.status !== 'PUBLISHED') issues.push({ path: ['unpublishAt'], message: 'the page is not published: schedule its publication too' });
  if (issues.length > 0) throw new InputError(issues);
  let scheduledRevisionId: string | null = null;
  if (input.publishAt) {
    const revision = input.revisionId ? await revisionOf(db, item.id, input.revisionId, ['revisionId']) : await headOf(db, item);
    assertFourEyes(item, revision, userId);
    await assertPublishable(db, item, revision);
    scheduledRevisionId = revision.id;
  }
  return client(db).contentItem.update({
    where: { id: item.id },
    data: { publishAt: input.publishAt ?? null, scheduledRevisionId, unpublishAt: input.unpublishAt ?? null },
  });
}

export async function cancelSchedule(db: ContentDb, _userId: string, input: { itemId: string; expectedVersion?: number | null }): Promise<ContentItem> {
  const item = await lockItem(db, input.itemId, input.expectedVersion);
  if (!item.publishAt && !item.unpublishAt) throw new ConflictError('Nothing is scheduled for this page.');
  return client(db).contentItem.update({ where: { id: item.id }, data: { publishAt: null, scheduledRevisionId: null, unpublishAt: null } });
}

/** Sends the head revision to the site's reviewers. */
export async function submitForReview(db: ContentDb, _userId: string, input: { itemId: string; expectedVersion?: number | null }): Promise<ContentItem> {
  const item = await lockItem(db, input.itemId, input.expectedVersion);
  if (!item.site.reviewRequired) throw new ConflictError('This site does not ask for review: publish the page directly.');
  const head = await headOf(db, item);
  if (item.publishedRevisionId === head.id) throw new ConflictError('The working copy is already published.');
  if (item.reviewRevisionId === head.id) throw new ConflictError('The working copy is already waiting for review.');
  await assertPublishable(db, item, head);
  return client(db).contentItem.update({ where: { id: item.id }, data: { reviewRevisionId: head.id } });
}

/** Sends a revision back to its author; the note goes to the audit trail. */
export async function rejectReview(db: ContentDb, _userId: string, input: { itemId: string; expectedVersion?: number | null; note: string }): Promise<ContentItem> {
  const item = await lockItem(db, input.itemId, input.expectedVersion);
  if (!item.reviewRevisionId) throw new ConflictError('No revision of this page is waiting for review.');
  const note = input.note.trim();
  if (!note) throw new InputError([{ path: ['note'], message: 'say what must change', code: 'REQUIRED' }]);
  return client(db).contentItem.update({ where: { id: item.id }, data: { reviewRevisionId: null } });
}

/** Moves a page under another (or to the top) and/or gives it another address. */
export async function movePage(db: ContentDb, _userId: string, input: { itemId: string; expectedVersion?: number | null; parentId?: string | null; slug?: string | null }): Promise<ContentItem> {
  const item = await lockItem(db, input.itemId, input.expectedVersion);
  const slug = input.slug === undefined || input.slug === null ? item.slug : checkSlug(input.slug, ['slug']);
  await checkParent(db, item.siteId, item.id, input.parentId, ['parentId']);
  if (slug !== item.slug) await assertSlugFree(db, item.siteId, item.type, slug, ['slug'], item.id);
  const after = await save({ unique: slugTaken(item.type, slug) }, () =>
    client(db).contentItem.update({ where: { id: item.id }, data: { parentId: input.parentId ?? null, slug } }),
  );
  // A published page's address is what visitors see.
  if (item.status === 'PUBLISHED' && slug !== item.slug) await bumpPublicationStamp(db, item.siteId, new Date());
  return after;
}

/** Deletes a page that was never published, with its revisions; anything published stays on record. */
export async function deletePage(db: ContentDb, _userId: string, input: { itemId: string; expectedVersion?: number | null }): Promise<ContentItem> {
  const item = await lockItem(db, input.itemId, input.expectedVersion);
  if (item.firstPublishedAt || item.status !== 'DRAFT') throw new ConflictError('A page that has been published is kept: unpublish it instead.');
  const links = await client(db).siteLink.count({ where: { contentItemId: item.id } });
  if (links > 0) throw new ConflictError("One of the site's required links points to this page: point it elsewhere first.");
  // The head points at a revision the cascade deletes: let go of it first.
  await client(db).contentItem.update({ where: { id: item.id }, data: { headRevisionId: null, reviewRevisionId: null, publishAt: null, scheduledRevisionId: null } });
  await client(db).contentItem.delete({ where: { id: item.id } });
  return item;
}

// Attachments --------------------------------------------------------------------------------------

/** What a site may serve, by extension, with the first bytes each kind of file starts with. */
const attachmentKinds: Record<string, { mediaType: string; magic?: (bytes: Uint8Array) => boolean }> = {};
const starts = (...prefix: number[]) => (bytes: Uint8Array) => prefix.every((byte, i) => bytes[i] === byte);
const zip = starts(0x50, 0x4b, 0x03, 0x04);
const kinds: [string[], string, ((bytes: Uint8Array) => boolean) | undefined][] = [
  [['pdf'], 'application/pdf', starts(0x25, 0x50, 0x44, 0x46, 0x2d)],
  [['png'], 'image/png', starts(0x89, 0x50, 0x4e, 0x47)],
  [['jpg', 'jpeg'], 'image/jpeg', starts(0xff, 0xd8, 0xff)],
  [['gif'], 'image/gif', starts(0x47, 0x49, 0x46, 0x38)],
  [['webp'], 'image/webp', (b) => starts(0x52, 0x49, 0x46, 0x46)(b) && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP'],
  [['odt'], 'application/vnd.oasis.opendocument.text', zip],
  [['ods'], 'application/vnd.oasis.opendocument.spreadsheet', zip],
  [['odp'], 'application/vnd.oasis.opendocument.presentation', zip],
  [['docx'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', zip],
  [['xlsx'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip],
  [['pptx'], 'application/vnd.openxmlformats-officedocument.presentationml.presentation', zip],
  [['zip'], 'application/zip', zip],
  [['csv'], 'text/csv', undefined],
  [['txt'], 'text/plain', undefined],
];
for (const [extensions, mediaType, magic] of kinds) for (const extension of extensions) attachmentKinds[extension] = { mediaType, magic };
export const allowedAttachmentExtensions = Object.keys(attachmentKinds);

/** The media type a file is served with, from its extension and checked against its first bytes; an issue otherwise. */
export function attachmentMediaType(fileName: string, bytes: Uint8Array): { mediaType: string } | { problem: string; code: 'INVALID_FORMAT' | 'TOO_BIG' | 'REQUIRED' } {
  if (bytes.length === 0) return { problem: 'the file is empty', code: 'REQUIRED' };
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { problem: `is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, code: 'TOO_BIG' };
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const kind = attachmentKinds[extension];
  if (!kind) return { problem: `files of this kind are not accepted: ${allowedAttachmentExtensions.join(', ')}`, code: 'INVALID_FORMAT' };
  if (kind.magic ? !kind.magic(bytes) : bytes.includes(0)) return { problem: `the content is not a .${extension} file`, code: 'INVALID_FORMAT' };
  return { mediaType: kind.mediaType };
}

export interface CreateAttachmentInput {
  siteId: string;
  itemId?: string | null;
  fileName: string;
  bytes: Uint8Array;
}

/** Keeps a file for the pages of a site (a document, an image). */
export async function createAttachment(db: ContentDb, userId: string, input: CreateAttachmentInput) {
  const fileName = input.fileName.trim().replace(/[\\/]/g, '_').slice(-200);
  if (!fileName) throw new InputError([{ path: ['file'], message: 'the file has no name', code: 'REQUIRED' }]);
  const checked = attachmentMediaType(fileName, input.bytes);
  if ('problem' in checked) throw new InputError([{ path: ['file'], message: checked.problem, code: checked.code, ...(checked.code === 'TOO_BIG' ? { maximum: MAX_ATTACHMENT_BYTES } : {}) }]);
  if (input.itemId) {
    const item = await client(db).contentItem.findFirst({ where: { id: input.itemId, siteId: input.siteId }, select: { id: true } });
    if (!item) throw new InputError([{ path: ['itemId'], message: 'no such page on this site' }]);
  }
  return client(db).contentAttachment.create({
    data: {
      siteId: input.siteId,
      itemId: input.itemId ?? null,
      fileName,
      mediaType: checked.mediaType,
      size: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      data: new Uint8Array(input.bytes),
      uploadedById: userId,
    },
    omit: { data: true },
  });
}

// Scheduled publishing ------------------------------------------------------------------------------

export interface ScheduledOutcome {
  published: string[];
  unpublished: string[];
  /** Due, but the revision can no longer be published: the schedule is dropped and the author told. */
  skipped: { itemId: string; entityId: string; siteName: string; title: string; authorId: string; issues: FieldIssue[]; publishAt: Date }[];
}

/** Publishes what is due and takes down what has expired at `now`, each page in its own transaction. */
/** The job that publishes and takes down pages at their time: the actor of what it records in the trail. */
export const SCHEDULED_PUBLISHING_JOB = 'web-hosting:scheduled-publishing';

export async function runScheduledPublishing(prisma: GeaPrismaClient, now: Date): Promise<ScheduledOutcome> {
  const outcome: ScheduledOutcome = { published: [], unpublished: [], skipped: [] };
  const due = await prisma.contentItem.findMany({ where: { publishAt: { lte: now } }, select: { id: true }, orderBy: { publishAt: 'asc' } });
  for (const { id } of due) {
    await prisma.$transaction(async (tx) => {
      const item = await lockItem(tx, id);
      if (!item.publishAt || item.publishAt.getTime() > now.getTime() || !item.scheduledRevisionId) return;
      const revision = await client(tx).contentRevision.findUniqueOrThrow({ where: { id: item.scheduledRevisionId } });
      const issues = await publicationIssuesOf(tx, item, revision);
      if (issues.length > 0) {
        const head = await headOf(tx, item);
        const site = await client(tx).hostedSite.findUniqueOrThrow({ where: { id: item.siteId }, select: { name: true } });
        outcome.skipped.push({ itemId: item.id, entityId: item.site.entityId, siteName: site.name, title: item.title, authorId: head.authorId, issues, publishAt: item.publishAt });
        await client(tx).contentItem.update({ where: { id: item.id }, data: { publishAt: null, scheduledRevisionId: null } });
        await recordSystemEvent(client(tx), {
          job: SCHEDULED_PUBLISHING_JOB,
          operation: 'publishContentItem',
          targetType: 'ContentItem',
          targetId: item.id,
          entityIds: [item.site.entityId],
          input: { scheduledAt: now.toISOString(), revision: revision.number },
          after: { published: false, issues: issues.map((issue) => issue.message) },
        });
        return;
      }
      await applyPublication(tx, item, revision, now);
      await recordSystemEvent(client(tx), {
        job: SCHEDULED_PUBLISHING_JOB,
        operation: 'publishContentItem',
        targetType: 'ContentItem',
        targetId: item.id,
        entityIds: [item.site.entityId],
        input: { scheduledAt: now.toISOString(), revision: revision.number },
        after: { published: true, status: 'PUBLISHED' },
      });
      outcome.published.push(item.id);
    });
  }
  const expired = await prisma.contentItem.findMany({ where: { unpublishAt: { lte: now } }, select: { id: true }, orderBy: { unpublishAt: 'asc' } });
  for (const { id } of expired) {
    await prisma.$transaction(async (tx) => {
      const item = await lockItem(tx, id);
      if (!item.unpublishAt || item.unpublishAt.getTime() > now.getTime()) return;
      // A publication still waiting for its time comes first (the loop above ran it when due).
      if (item.publishAt) return;
      await client(tx).contentItem.update({
        where: { id: item.id },
        data: { unpublishAt: null, ...(item.status === 'PUBLISHED' ? { status: 'UNPUBLISHED', publishedRevisionId: null } : {}) },
      });
      if (item.status === 'PUBLISHED') {
        await bumpPublicationStamp(tx, item.siteId, now);
        await recordSystemEvent(client(tx), {
          job: SCHEDULED_PUBLISHING_JOB,
          operation: 'unpublishContentItem',
          targetType: 'ContentItem',
          targetId: item.id,
          entityIds: [item.site.entityId],
          input: { scheduledAt: now.toISOString() },
          after: { status: 'UNPUBLISHED' },
        });
        outcome.unpublished.push(item.id);
      }
    });
  }
  return outcome;
}
