// TEMPORARY (helper 6, branch c16-h6): the content API of /work/notes/c16-contract.md as a stub,
// only so that the web client's CMS documents type-check with gql.tada. Helper 2 builds the real
// API (and helper 3 createPreviewLink); this file is deleted at merge. Resolvers throw.
import { InputError, modelRef, NotFoundError, StaleVersionError, type GeaBuilder } from '@gea/core';
import { contentScopes, publishScopes, reviewScopes } from '../scopes.ts';
import { contentStatusEnum, contentTypeEnum, revisionKindEnum } from './enums.ts';
import { checkPublishable } from '../rules/revision-check.ts';
import { pagePath, type ContentTypeName } from '../model/index.ts';
import { diffWords } from 'diff';
import { createHash } from 'node:crypto';
const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');
const raw = (id: string) => { try { const d = Buffer.from(id, 'base64').toString('utf8'); return d.includes(':') ? d.slice(d.indexOf(':') + 1) : id; } catch { return id; } };

const notImplemented = (): never => {
  throw new Error('not implemented (content API stub)');
};

export function addContentStub(builder: GeaBuilder) {
  const ContentType = contentTypeEnum(builder);
  const ContentStatus = contentStatusEnum(builder);
  const RevisionKind = revisionKindEnum(builder);
  const HostedSite = modelRef(builder, 'HostedSite');
  const readSome = contentScopes.readSome;

  const ContentPerson = builder.objectRef<{ id: string; name: string }>('ContentPerson').implement({
    authScopes: readSome,
    fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }),
  });
  const PublicationIssue = builder.objectRef<{ path: string[]; message: string; code: string | null }>('PublicationIssue').implement({
    authScopes: readSome,
    fields: (t) => ({ path: t.exposeStringList('path'), message: t.exposeString('message'), code: t.exposeString('code', { nullable: true }) }),
  });

  const ContentRevision = builder.prismaNode('ContentRevision', {
    id: { field: 'id' },
    nullable: true,
    authScopes: readSome,
    fields: (t) => ({
      number: t.exposeInt('number'),
      kind: t.expose('kind', { type: RevisionKind }),
      restoredFrom: t.exposeInt('restoredFrom', { nullable: true }),
      title: t.exposeString('title'),
      summary: t.exposeString('summary'),
      topics: t.exposeStringList('topics'),
      fields: t.field({ type: 'JSONObject', resolve: (r) => r.fields as Record<string, unknown> }),
      author: t.field({ type: ContentPerson, resolve: async (r, _a, c) => (await c.prisma.user.findUniqueOrThrow({ where: { id: r.authorId } })) }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      publicationIssues: t.field({ type: [PublicationIssue], resolve: async (r, _a, c) => {
        const item = await c.prisma.contentItem.findUniqueOrThrow({ where: { id: r.itemId } });
        return checkPublishable(item.type as ContentTypeName, { title: r.title, summary: r.summary, topics: r.topics, fields: r.fields as Record<string, unknown> }).map((i) => ({ path: i.path.map(String), message: i.message, code: i.code ?? null }));
      } }),
    }),
  });

  const ContentItem = builder.prismaNode('ContentItem', {
    id: { field: 'id' },
    nullable: true,
    authScopes: readSome,
    fields: (t) => ({
      site: t.relation('site'),
      type: t.expose('type', { type: ContentType }),
      slug: t.exposeString('slug'),
      status: t.expose('status', { type: ContentStatus }),
      title: t.exposeString('title'),
      parent: t.relation('parent', { nullable: true }),
      children: t.relation('children'),
      headRevision: t.relation('headRevision', { nullable: true }),
      publishedRevision: t.relation('publishedRevision', { nullable: true }),
      reviewRevision: t.relation('reviewRevision', { nullable: true }),
      hasUnpublishedChanges: t.boolean({ resolve: (i) => i.headRevisionId !== i.publishedRevisionId }),
      firstPublishedAt: t.expose('firstPublishedAt', { type: 'DateTime', nullable: true }),
      lastPublishedAt: t.expose('lastPublishedAt', { type: 'DateTime', nullable: true }),
      publishAt: t.expose('publishAt', { type: 'DateTime', nullable: true }),
      scheduledRevision: t.field({ type: ContentRevision, nullable: true, resolve: () => null }),
      unpublishAt: t.expose('unpublishAt', { type: 'DateTime', nullable: true }),
      createdBy: t.field({ type: ContentPerson, resolve: async (i, _a, c) => c.prisma.user.findUniqueOrThrow({ where: { id: i.createdById } }) }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      version: t.exposeInt('version'),
      sitePath: t.string({ nullable: true, resolve: async (i, _a, c) => {
        const head = i.headRevisionId ? await c.prisma.contentRevision.findUnique({ where: { id: i.headRevisionId } }) : null;
        return pagePath(i.type as ContentTypeName, i.slug, (head?.fields ?? {}) as Record<string, unknown>);
      } }),
      revisions: t.relatedConnection('revisions', { cursor: 'id', query: { orderBy: { number: 'desc' } } }),
    }),
  });

  builder.prismaObjectFields('HostedSite', (t) => ({
    contents: t.field({
      type: [ContentItem],
      authScopes: readSome,
      args: { type: t.arg({ type: ContentType }), status: t.arg({ type: ContentStatus }), search: t.arg.string() },
      resolve: (site, _a, c) => c.prisma.contentItem.findMany({ where: { siteId: site.id } }),
    }),
  }));

  const DiffPart = builder.objectRef<{ value: string; added: boolean; removed: boolean }>('RevisionDiffPart').implement({
    authScopes: readSome,
    fields: (t) => ({ value: t.exposeString('value'), added: t.exposeBoolean('added'), removed: t.exposeBoolean('removed') }),
  });
  type Change = { path: string[]; label: string; before: string | null; after: string | null; parts: { value: string; added: boolean; removed: boolean }[] };
  const DiffChange = builder.objectRef<Change>('RevisionDiffChange').implement({
    authScopes: readSome,
    fields: (t) => ({
      path: t.exposeStringList('path'),
      label: t.exposeString('label'),
      labelEn: t.string({ resolve: (change) => change.label }),
      before: t.exposeString('before', { nullable: true }),
      after: t.exposeString('after', { nullable: true }),
      parts: t.field({ type: [DiffPart], resolve: (change) => change.parts }),
    }),
  });
  const RevisionDiff = builder.objectRef<{ changes: Change[] }>('RevisionDiff').implement({
    authScopes: readSome,
    fields: (t) => ({ changes: t.field({ type: [DiffChange], resolve: (diff) => diff.changes }) }),
  });
  builder.queryField('revisionDiff', (t) =>
    t.field({ type: RevisionDiff, authScopes: readSome, args: { fromId: t.arg.id({ required: true }), toId: t.arg.id({ required: true }) }, resolve: async (_r, a, c) => {
      const [x, y] = await Promise.all([a.fromId, a.toId].map((id) => c.prisma.contentRevision.findUniqueOrThrow({ where: { id: raw(String(id)) } })));
      const flat = (r: typeof x) => ({ title: r!.title, summary: r!.summary, topics: r!.topics.join(', '), ...Object.fromEntries(Object.entries(r!.fields as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) }) as Record<string, string>;
      const fa = flat(x), fb = flat(y);
      const keys = [...new Set([...Object.keys(fa), ...Object.keys(fb)])];
      return { changes: keys.filter((k) => fa[k] !== fb[k]).map((k) => ({ path: [k], label: k, before: fa[k] ?? null, after: fb[k] ?? null, parts: diffWords(fa[k] ?? '', fb[k] ?? '').map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed })) })) };
    } }),
  );

  const ContentAttachment = builder.objectRef<{ id: string }>('ContentAttachment').implement({
    authScopes: readSome,
    fields: (t) => ({
      id: t.exposeID('id'),
      fileName: t.string({ resolve: (a) => (a as never as { fileName: string }).fileName }),
      mediaType: t.string({ resolve: (a) => (a as never as { mediaType: string }).mediaType }),
      size: t.int({ resolve: (a) => (a as never as { size: number }).size }),
      downloadPath: t.string({ resolve: (a) => `/web-hosting/attachments/${a.id}` }),
    }),
  });
  builder.prismaObjectFields('ContentItem', (t) => ({
    attachments: t.field({ type: [ContentAttachment], resolve: notImplemented }),
  }));
  const PreviewLink = builder.objectRef<{ path: string; expiresAt: Date }>('PreviewLink').implement({
    authScopes: readSome,
    fields: (t) => ({ path: t.exposeString('path'), expiresAt: t.expose('expiresAt', { type: 'DateTime' }) }),
  });

  const CreateContentItemInput = builder.inputType('CreateContentItemInput', {
    fields: (t) => ({
      siteId: t.id({ required: true }),
      type: t.field({ type: ContentType, required: true }),
      slug: t.string({ required: true }),
      title: t.string({ required: true }),
      parentId: t.id(),
    }),
  });
  const SaveContentRevisionInput = builder.inputType('SaveContentRevisionInput', {
    fields: (t) => ({
      itemId: t.id({ required: true }),
      expectedVersion: t.int({ required: true }),
      title: t.string({ required: true }),
      summary: t.string({ required: true }),
      topics: t.stringList({ required: true }),
      fields: t.field({ type: 'JSONObject', required: true }),
      autosave: t.boolean(),
    }),
  });

  const itemErrors = { types: [InputError, NotFoundError, StaleVersionError], directResult: true as const };
  const writeSome = { permissionOnSomeBody: contentScopes.write } as const;
  const publishSome = { permissionOnSomeBody: publishScopes.write } as const;
  const reviewSome = { permissionOnSomeBody: reviewScopes.write } as const;
  builder.mutationFields((t) => ({
    createContentItem: t.field({ type: ContentItem, errors: itemErrors, authScopes: writeSome, args: { input: t.arg({ type: CreateContentItemInput, required: true }) }, resolve: async (_r, { input }, c) => {
      const item = await c.prisma.contentItem.create({ data: { siteId: raw(String(input.siteId)), type: input.type as never, slug: input.slug, title: input.title, parentId: input.parentId ? raw(String(input.parentId)) : null, createdById: c.actor.id! } });
      const rev = await c.prisma.contentRevision.create({ data: { itemId: item.id, number: 1, kind: 'SAVE', title: input.title, summary: '', fields: {}, topics: [], contentHash: 'x', authorId: c.actor.id! } });
      return c.prisma.contentItem.update({ where: { id: item.id }, data: { headRevisionId: rev.id } });
    } }),
    saveContentRevision: t.field({ type: ContentItem, errors: itemErrors, authScopes: writeSome, args: { input: t.arg({ type: SaveContentRevisionInput, required: true }) }, resolve: async (_r, { input }, c) => {
      const id = raw(String(input.itemId));
      const before = await c.prisma.contentItem.findUniqueOrThrow({ where: { id } });
      if (before.version !== input.expectedVersion) throw new StaleVersionError('Page', input.expectedVersion, before.version);
      const n = await c.prisma.contentRevision.count({ where: { itemId: id } });
      const rev = await c.prisma.contentRevision.create({ data: { itemId: id, number: n + 1, kind: input.autosave ? 'AUTOSAVE' : 'SAVE', title: input.title, summary: input.summary, fields: input.fields as never, topics: input.topics, contentHash: hash(input), authorId: c.actor.id! } });
      return c.prisma.contentItem.update({ where: { id }, data: { headRevisionId: rev.id, title: input.title, version: { increment: 1 } } });
    } }),
    restoreContentRevision: t.field({
      type: ContentItem,
      errors: itemErrors,
      authScopes: writeSome,
      args: { itemId: t.arg.id({ required: true }), revisionId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }) },
      resolve: async (_r, a, c) => {
      const id = raw(String(a.itemId));
      const from = await c.prisma.contentRevision.findUniqueOrThrow({ where: { id: raw(String(a.revisionId)) } });
      const n = await c.prisma.contentRevision.count({ where: { itemId: id } });
      const rev = await c.prisma.contentRevision.create({ data: { itemId: id, number: n + 1, kind: 'RESTORE', restoredFrom: from.number, title: from.title, summary: from.summary, fields: from.fields as never, topics: from.topics, contentHash: from.contentHash, authorId: c.actor.id! } });
      return c.prisma.contentItem.update({ where: { id }, data: { headRevisionId: rev.id, version: { increment: 1 } } });
    },
    }),
    publishContentItem: t.field({
      type: ContentItem,
      errors: itemErrors,
      authScopes: publishSome,
      args: { itemId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }), revisionId: t.arg.id() },
      resolve: async (_r, a, c) => c.prisma.contentItem.update({ where: { id: raw(String(a.itemId)) }, data: { publishedRevisionId: raw(String(a.revisionId)), status: 'PUBLISHED', lastPublishedAt: new Date(), version: { increment: 1 } } }),
    }),
    scheduleContentItem: t.field({
      type: ContentItem,
      errors: itemErrors,
      authScopes: publishSome,
      args: {
        itemId: t.arg.id({ required: true }),
        expectedVersion: t.arg.int({ required: true }),
        publishAt: t.arg({ type: 'DateTime' }),
        unpublishAt: t.arg({ type: 'DateTime' }),
        revisionId: t.arg.id(),
      },
      resolve: notImplemented,
    }),
    cancelContentSchedule: t.field({ type: ContentItem, errors: itemErrors, authScopes: publishSome, args: { itemId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }) }, resolve: notImplemented }),
    unpublishContentItem: t.field({ type: ContentItem, errors: itemErrors, authScopes: publishSome, args: { itemId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }) }, resolve: notImplemented }),
    submitContentForReview: t.field({ type: ContentItem, errors: itemErrors, authScopes: writeSome, args: { itemId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }) }, resolve: notImplemented }),
    rejectContentReview: t.field({
      type: ContentItem,
      errors: itemErrors,
      authScopes: reviewSome,
      args: { itemId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }), note: t.arg.string() },
      resolve: notImplemented,
    }),
    moveContentItem: t.field({
      type: ContentItem,
      errors: itemErrors,
      authScopes: writeSome,
      args: { itemId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }), parentId: t.arg.id(), slug: t.arg.string() },
      resolve: notImplemented,
    }),
    deleteContentItem: t.field({ type: ContentItem, errors: itemErrors, authScopes: writeSome, args: { itemId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }) }, resolve: notImplemented }),
    uploadContentAttachment: t.field({
      type: ContentAttachment,
      errors: { types: [InputError, NotFoundError], directResult: true },
      authScopes: writeSome,
      args: { siteId: t.arg.id({ required: true }), itemId: t.arg.id(), file: t.arg({ type: 'Upload', required: true }) },
      resolve: async (_r, a, c) => {
        const bytes = new Uint8Array(await a.file.arrayBuffer());
        return c.prisma.contentAttachment.create({ data: { siteId: raw(String(a.siteId)), itemId: a.itemId ? raw(String(a.itemId)) : null, fileName: a.file.name, mediaType: a.file.type || 'application/octet-stream', size: bytes.length, sha256: hash(a.file.name), data: bytes, uploadedById: c.actor.id! } });
      },
    }),
    createPreviewLink: t.field({
      type: PreviewLink,
      errors: { types: [NotFoundError], directResult: true },
      authScopes: readSome,
      args: { itemId: t.arg.id({ required: true }), revisionId: t.arg.id() },
      resolve: async (_r, a, c) => {
        const item = await c.prisma.contentItem.findUniqueOrThrow({ where: { id: raw(String(a.itemId)) }, include: { site: true, headRevision: true } });
        return { path: `/sites/${item.site.slug}/${pagePath(item.type as ContentTypeName, item.slug, (item.headRevision?.fields ?? {}) as Record<string, unknown>)}?preview=dev`, expiresAt: new Date() };
      },
    }),
  }));
  void HostedSite;
}
