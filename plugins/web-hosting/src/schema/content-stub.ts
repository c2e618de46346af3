// TEMPORARY (helper 6, branch c16-h6): the content API of /work/notes/c16-contract.md as a stub,
// only so that the web client's CMS documents type-check with gql.tada. Helper 2 builds the real
// API (and helper 3 createPreviewLink); this file is deleted at merge. Resolvers throw.
import { InputError, modelRef, NotFoundError, StaleVersionError, type GeaBuilder } from '@gea/core';
import { contentScopes, publishScopes, reviewScopes } from '../scopes.ts';
import { contentStatusEnum, contentTypeEnum, revisionKindEnum } from './enums.ts';

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
      fields: t.field({ type: 'JSONObject', resolve: notImplemented }),
      author: t.field({ type: ContentPerson, resolve: notImplemented }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      publicationIssues: t.field({ type: [PublicationIssue], resolve: notImplemented }),
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
      hasUnpublishedChanges: t.boolean({ resolve: notImplemented }),
      firstPublishedAt: t.expose('firstPublishedAt', { type: 'DateTime', nullable: true }),
      lastPublishedAt: t.expose('lastPublishedAt', { type: 'DateTime', nullable: true }),
      publishAt: t.expose('publishAt', { type: 'DateTime', nullable: true }),
      scheduledRevision: t.field({ type: ContentRevision, nullable: true, resolve: notImplemented }),
      unpublishAt: t.expose('unpublishAt', { type: 'DateTime', nullable: true }),
      createdBy: t.field({ type: ContentPerson, resolve: notImplemented }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      version: t.exposeInt('version'),
      sitePath: t.string({ nullable: true, resolve: notImplemented }),
      revisions: t.relatedConnection('revisions', { cursor: 'id', query: { orderBy: { number: 'desc' } } }),
    }),
  });

  builder.prismaObjectFields('HostedSite', (t) => ({
    contents: t.field({
      type: [ContentItem],
      authScopes: readSome,
      args: { type: t.arg({ type: ContentType }), status: t.arg({ type: ContentStatus }), search: t.arg.string() },
      resolve: notImplemented,
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
    t.field({ type: RevisionDiff, authScopes: readSome, args: { fromId: t.arg.id({ required: true }), toId: t.arg.id({ required: true }) }, resolve: notImplemented }),
  );

  const ContentAttachment = builder.objectRef<{ id: string }>('ContentAttachment').implement({
    authScopes: readSome,
    fields: (t) => ({
      id: t.exposeID('id'),
      fileName: t.string({ resolve: notImplemented }),
      mediaType: t.string({ resolve: notImplemented }),
      size: t.int({ resolve: notImplemented }),
      downloadPath: t.string({ resolve: notImplemented }),
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
    createContentItem: t.field({ type: ContentItem, errors: itemErrors, authScopes: writeSome, args: { input: t.arg({ type: CreateContentItemInput, required: true }) }, resolve: notImplemented }),
    saveContentRevision: t.field({ type: ContentItem, errors: itemErrors, authScopes: writeSome, args: { input: t.arg({ type: SaveContentRevisionInput, required: true }) }, resolve: notImplemented }),
    restoreContentRevision: t.field({
      type: ContentItem,
      errors: itemErrors,
      authScopes: writeSome,
      args: { itemId: t.arg.id({ required: true }), revisionId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }) },
      resolve: notImplemented,
    }),
    publishContentItem: t.field({
      type: ContentItem,
      errors: itemErrors,
      authScopes: publishSome,
      args: { itemId: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }), revisionId: t.arg.id() },
      resolve: notImplemented,
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
      resolve: notImplemented,
    }),
    createPreviewLink: t.field({
      type: PreviewLink,
      errors: { types: [NotFoundError], directResult: true },
      authScopes: readSome,
      args: { itemId: t.arg.id({ required: true }), revisionId: t.arg.id() },
      resolve: notImplemented,
    }),
  }));
  void HostedSite;
}
