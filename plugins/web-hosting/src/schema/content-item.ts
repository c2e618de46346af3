// A page of a site and every change of it. Reads and writes are per body (the body of the page's
// site): a web editor of one body neither sees nor changes another body's pages. Writers are people
// (art. 11.1). Each mutation locks the page, checks the version the client read, and writes through
// src/services/content.ts in the mutation's transaction.
import {
  auditConcerns,
  ConflictError,
  expectedVersionDescription,
  InputError,
  modelRef,
  NotFoundError,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
  type GeaAuthScopes,
  type GeaContext,
} from '@gea/core';
import type { ContentItem as ContentItemRow } from '@gea/db';
import { z } from 'zod';
import type { ContentTypeName } from '../model/content-types.ts';
import { pagePath } from '../model/menus.ts';
import { contentScopes, publishScopes, reviewScopes } from '../scopes.ts';
import {
  assertPerson,
  cancelSchedule,
  createPage,
  deletePage,
  lockItem,
  movePage,
  publishPage,
  rejectReview,
  restoreRevision,
  savePage,
  schedulePage,
  submitForReview,
  unpublishPage,
} from '../services/content.ts';
import { contentAuthorRef, revisionPageSelect } from './content-revision.ts';
import { contentStatusEnum, contentTypeEnum } from './enums.ts';

/** The body and review setting of the site of a page, for scopes: null when the page does not exist. */
const siteOfItem = (context: GeaContext, itemId: string) =>
  context.prisma.contentItem
    .findUnique({ where: { id: itemId }, select: { site: { select: { entityId: true, reviewRequired: true } } } })
    .then((row) => row?.site ?? null);

/** Writing a page: web-hosting:content:write on its site's body (association-wide when it does not exist, so nobody learns it does). */
export const writeOnItemBody = (itemId: string) => contentScopes.writeOnBodyOf((context) => siteOfItem(context, itemId));

/** Publishing, scheduling, taking down: content:publish, or content:review where the site asks for review. */
const publishOnItemBody = (itemId: string) => async (context: GeaContext) => {
  const site = await siteOfItem(context, itemId);
  if (!site) return { permission: publishScopes.write };
  return site.reviewRequired ? reviewScopes.writeOn(site.entityId) : publishScopes.writeOn(site.entityId);
};
const reviewOnItemBody = (itemId: string) => reviewScopes.writeOnBodyOf((context) => siteOfItem(context, itemId));

export function addContentItemType(builder: GeaBuilder) {
  const ContentType = contentTypeEnum(builder);
  const ContentStatus = contentStatusEnum(builder);
  const ContentAuthor = contentAuthorRef(builder);
  const HostedSite = modelRef(builder, 'HostedSite');
  const ContentRevision = modelRef(builder, 'ContentRevision');

  const ContentItem = builder.prismaNode('ContentItem', {
    description: 'A page of a site. What it says lives in its revisions: the head one is the working copy, the published one is what visitors see.',
    id: { field: 'id' },
    nullable: true,
    select: { siteId: true, site: { select: { entityId: true } } },
    authScopes: (item) => contentScopes.readOn(item.site.entityId),
    fields: (t) => ({
      // whoever reads a page reads its site: every role with content:read holds web-hosting:read
      site: t.relation('site'),
      type: t.expose('type', { type: ContentType }),
      slug: t.exposeString('slug', { description: 'Last segment of the address; unique per site and type.' }),
      status: t.expose('status', { type: ContentStatus }),
      title: t.exposeString('title', { description: 'Title of the head revision.' }),
      parent: t.relation('parent', { nullable: true }),
      children: t.relation('children', { query: { orderBy: [{ title: 'asc' }, { id: 'asc' }] } }),
      headRevision: t.relation('headRevision', { nullable: true, description: 'The working copy (null only while a page is being created).' }),
      publishedRevision: t.relation('publishedRevision', { nullable: true, description: 'What visitors see.' }),
      reviewRevision: t.relation('reviewRevision', { nullable: true, description: 'The revision waiting for a reviewer (sites with review).' }),
      hasUnpublishedChanges: t.boolean({
        description: 'The working copy is not what visitors see.',
        select: { headRevisionId: true, publishedRevisionId: true },
        resolve: (item) => item.headRevisionId !== item.publishedRevisionId,
      }),
      firstPublishedAt: t.expose('firstPublishedAt', { type: 'DateTime', nullable: true }),
      lastPublishedAt: t.expose('lastPublishedAt', { type: 'DateTime', nullable: true }),
      publishAt: t.expose('publishAt', { type: 'DateTime', nullable: true, description: 'Scheduled publication of scheduledRevision.' }),
      scheduledRevision: t.field({
        type: ContentRevision,
        nullable: true,
        description: 'The revision scheduled for publication at publishAt.',
        select: { scheduledRevisionId: true },
        resolve: (item, _args, context) =>
          item.scheduledRevisionId ? (context.prisma.contentRevision.findUnique({ where: { id: item.scheduledRevisionId }, include: revisionPageSelect }) as never) : null,
      }),
      unpublishAt: t.expose('unpublishAt', { type: 'DateTime', nullable: true, description: 'Scheduled removal from the site.' }),
      createdBy: t.field({
        type: ContentAuthor,
        select: { createdBy: { select: { id: true, name: true } } },
        resolve: (item) => item.createdBy,
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
      version: t.exposeInt('version', { description: versionDescription }),
      sitePath: t.string({
        nullable: true,
        description: "The page's path on the site, below /sites/<site>/ (of the published revision when there is one); null for contact points, shown only inside other pages.",
        select: { type: true, slug: true, headRevision: { select: { fields: true } }, publishedRevision: { select: { fields: true } } },
        resolve: (item) =>
          pagePath(item.type as ContentTypeName, item.slug, ((item.publishedRevision ?? item.headRevision)?.fields ?? {}) as Record<string, unknown>),
      }),
      revisions: t.relatedConnection('revisions', {
        cursor: 'id',
        description: 'Every revision, newest first.',
        totalCount: true,
        query: { orderBy: [{ number: 'desc' }] },
      }),
    }),
  });

  addContentMutations(builder, { ContentItem, ContentType, HostedSite, ContentRevision });
  return ContentItem;
}

function addContentMutations(
  builder: GeaBuilder,
  refs: {
    ContentItem: ReturnType<typeof modelRef<'ContentItem'>>;
    ContentType: ReturnType<typeof contentTypeEnum>;
    HostedSite: ReturnType<typeof modelRef<'HostedSite'>>;
    ContentRevision: ReturnType<typeof modelRef<'ContentRevision'>>;
  },
) {
  const { ContentItem, HostedSite, ContentRevision } = refs;
  const errors = { types: [InputError, NotFoundError, ConflictError, StaleVersionError], directResult: true as const };

  const CreateInput = builder.inputType('CreateContentItemInput', {
    fields: (t) => ({
      siteId: t.globalID({ required: true, for: HostedSite }),
      type: t.field({ type: refs.ContentType, required: true }),
      slug: t.string({ required: true, description: 'Lowercase words and hyphens: the last segment of the address.' }),
      title: t.string({ required: true, validate: z.string().max(255) }),
      parentId: t.globalID({ required: false, for: ContentItem, description: 'A page of the same site.' }),
    }),
  });
  const SaveInput = builder.inputType('SaveContentRevisionInput', {
    fields: (t) => ({
      itemId: t.globalID({ required: true, for: ContentItem }),
      expectedVersion: t.int({ required: true, description: expectedVersionDescription }),
      title: t.string({ required: true, validate: z.string().max(255) }),
      summary: t.string({ required: false, validate: z.string().max(500), description: 'Descrizione breve (required to publish).' }),
      topics: t.stringList({ required: false, validate: z.array(z.string().max(100)).max(50), description: 'Argomenti: keys of the topics vocabulary.' }),
      fields: t.field({ type: 'JSONObject', required: false, description: "The type's own fields by key; null values clear a field." }),
      autosave: t.boolean({ required: false, description: "Saved by the editor on its own: replaces the author's own previous autosave when that is the working copy." }),
    }),
  });

  /** Who is changing the page, and the audit's subject; every mutation of a page goes through it. */
  const begin = (context: GeaContext, itemId: string) => {
    const userId = assertPerson(context.actor);
    context.audit = { ...context.audit, targetType: 'ContentItem', targetId: itemId };
    return userId;
  };
  const finish = async (context: GeaContext, before: ContentItemRow | null, after: ContentItemRow, extra: Record<string, unknown> = {}) => {
    const site = await context.prisma.hostedSite.findUnique({ where: { id: after.siteId }, select: { entityId: true } });
    context.audit = { ...context.audit, targetId: after.id, entityId: site?.entityId, ...(before ? { before } : {}), after: { ...after, ...extra } };
    auditConcerns(context, [site?.entityId]);
  };
  const reload = (context: GeaContext, query: object, id: string) => context.prisma.contentItem.findUniqueOrThrow({ ...query, where: { id } });

  builder.mutationFields((t) => {
    /** A change that takes nothing but the page and the version the caller saw. */
    const itemChange = (
      description: string,
      scope: (itemId: string) => (context: GeaContext) => Promise<Partial<GeaAuthScopes>>,
      change: (prisma: GeaContext['prisma'], userId: string, input: { itemId: string; expectedVersion: number }) => Promise<ContentItemRow>,
    ) =>
      t.prismaField({
        type: ContentItem,
        description,
        errors,
        args: { itemId: t.arg.globalID({ required: true, for: ContentItem }), expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }) },
        authScopes: (_root, args, context) => scope(args.itemId.id)(context),
        resolve: async (query, _root, args, context) => {
          const userId = begin(context, args.itemId.id);
          const before = await lockItem(context.prisma, args.itemId.id, args.expectedVersion);
          const after = await change(context.prisma, userId, { itemId: args.itemId.id, expectedVersion: args.expectedVersion });
          await finish(context, before, after);
          return reload(context, query, after.id);
        },
      });
    return {
    createContentItem: t.prismaField({
      type: ContentItem,
      description: "Creates a page (DRAFT) on a site with its first revision, written by the caller. The address is unique per site and type.",
      errors,
      args: { input: t.arg({ type: CreateInput, required: true }) },
      authScopes: (_root, args, context) =>
        contentScopes.writeOnBodyOf((ctx) => ctx.prisma.hostedSite.findUnique({ where: { id: args.input.siteId.id }, select: { entityId: true } }))(context),
      resolve: async (query, _root, { input }, context) => {
        const userId = assertPerson(context.actor);
        context.audit = { ...context.audit, targetType: 'ContentItem' };
        const after = await createPage(context.prisma, userId, {
          siteId: input.siteId.id,
          type: input.type,
          slug: input.slug,
          title: input.title,
          parentId: input.parentId?.id ?? null,
        });
        await finish(context, null, after);
        return reload(context, query, after.id);
      },
    }),

    saveContentRevision: t.prismaField({
      type: ContentItem,
      description:
        'Saves the page as a new revision by the caller (the head). Unchanged content writes nothing. An autosave replaces the head when that is the caller\'s own autosave, not published, under review or scheduled.',
      errors,
      args: { input: t.arg({ type: SaveInput, required: true }) },
      authScopes: (_root, args, context) => writeOnItemBody(args.input.itemId.id)(context),
      resolve: async (query, _root, { input }, context) => {
        const userId = begin(context, input.itemId.id);
        const before = await lockItem(context.prisma, input.itemId.id, input.expectedVersion);
        const after = await savePage(context.prisma, userId, {
          itemId: input.itemId.id,
          expectedVersion: input.expectedVersion,
          title: input.title,
          summary: input.summary,
          topics: input.topics,
          fields: input.fields,
          autosave: input.autosave,
        });
        await finish(context, before, after);
        return reload(context, query, after.id);
      },
    }),

    restoreContentRevision: t.prismaField({
      type: ContentItem,
      description: 'Makes an earlier revision the working copy again, as a new RESTORE revision by the caller; history is not rewritten.',
      errors,
      args: {
        itemId: t.arg.globalID({ required: true, for: ContentItem }),
        revisionId: t.arg.globalID({ required: true, for: ContentRevision }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
      },
      authScopes: (_root, args, context) => writeOnItemBody(args.itemId.id)(context),
      resolve: async (query, _root, args, context) => {
        const userId = begin(context, args.itemId.id);
        const before = await lockItem(context.prisma, args.itemId.id, args.expectedVersion);
        const after = await restoreRevision(context.prisma, userId, { itemId: args.itemId.id, revisionId: args.revisionId.id, expectedVersion: args.expectedVersion });
        await finish(context, before, after);
        return reload(context, query, after.id);
      },
    }),

    publishContentItem: t.prismaField({
      type: ContentItem,
      description:
        'Publishes a revision (the head by default) once it holds everything the model asks and the pages it points to are published. Sites with review: a reviewer (web-hosting:content:review) other than the revision\'s author.',
      errors,
      args: {
        itemId: t.arg.globalID({ required: true, for: ContentItem }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        revisionId: t.arg.globalID({ required: false, for: ContentRevision, description: 'Default: the head revision.' }),
      },
      authScopes: (_root, args, context) => publishOnItemBody(args.itemId.id)(context),
      resolve: async (query, _root, args, context) => {
        const userId = begin(context, args.itemId.id);
        const before = await lockItem(context.prisma, args.itemId.id, args.expectedVersion);
        const after = await publishPage(context.prisma, userId, { itemId: args.itemId.id, expectedVersion: args.expectedVersion, revisionId: args.revisionId?.id });
        await finish(context, before, after);
        return reload(context, query, after.id);
      },
    }),

    scheduleContentItem: t.prismaField({
      type: ContentItem,
      description:
        'Schedules the publication of a revision (the head by default; checked now and again when its time comes) and/or the removal of the page. Replaces any earlier schedule.',
      errors,
      args: {
        itemId: t.arg.globalID({ required: true, for: ContentItem }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        publishAt: t.arg({ type: 'DateTime', required: false, description: 'In the future.' }),
        unpublishAt: t.arg({ type: 'DateTime', required: false, description: 'After publishAt (or in the future, for a published page).' }),
        revisionId: t.arg.globalID({ required: false, for: ContentRevision, description: 'Default: the head revision.' }),
      },
      authScopes: (_root, args, context) => publishOnItemBody(args.itemId.id)(context),
      resolve: async (query, _root, args, context) => {
        const userId = begin(context, args.itemId.id);
        const before = await lockItem(context.prisma, args.itemId.id, args.expectedVersion);
        const after = await schedulePage(context.prisma, userId, {
          itemId: args.itemId.id,
          expectedVersion: args.expectedVersion,
          publishAt: args.publishAt ?? null,
          unpublishAt: args.unpublishAt ?? null,
          revisionId: args.revisionId?.id,
        });
        await finish(context, before, after);
        return reload(context, query, after.id);
      },
    }),

    cancelContentSchedule: itemChange('Drops the scheduled publication and removal of a page.', publishOnItemBody, cancelSchedule),

    unpublishContentItem: itemChange('Takes a page off the site (UNPUBLISHED); its revisions stay.', publishOnItemBody, unpublishPage),

    submitContentForReview: itemChange("Sends the working copy to the site's reviewers (sites with review); it must be publishable.", writeOnItemBody, submitForReview),

    rejectContentReview: t.prismaField({
      type: ContentItem,
      description: 'Sends the revision under review back to its author, saying why (kept in the audit trail).',
      errors,
      args: {
        itemId: t.arg.globalID({ required: true, for: ContentItem }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        note: t.arg.string({ required: true, validate: z.string().trim().min(1, 'say what must change').max(2000) }),
      },
      authScopes: (_root, args, context) => reviewOnItemBody(args.itemId.id)(context),
      resolve: async (query, _root, args, context) => {
        const userId = begin(context, args.itemId.id);
        const before = await lockItem(context.prisma, args.itemId.id, args.expectedVersion);
        const after = await rejectReview(context.prisma, userId, { itemId: args.itemId.id, expectedVersion: args.expectedVersion, note: args.note });
        await finish(context, before, after, { reviewNote: args.note.trim(), rejectedRevisionId: before?.reviewRevisionId ?? null });
        return reload(context, query, after.id);
      },
    }),

    moveContentItem: t.prismaField({
      type: ContentItem,
      description: 'Places a page under another page of the same site (or at the top, parentId null) and/or changes its address.',
      errors,
      args: {
        itemId: t.arg.globalID({ required: true, for: ContentItem }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        parentId: t.arg.globalID({ required: false, for: ContentItem }),
        slug: t.arg.string({ required: false, description: 'Default: unchanged.' }),
      },
      authScopes: (_root, args, context) => writeOnItemBody(args.itemId.id)(context),
      resolve: async (query, _root, args, context) => {
        const userId = begin(context, args.itemId.id);
        const before = await lockItem(context.prisma, args.itemId.id, args.expectedVersion);
        const after = await movePage(context.prisma, userId, { itemId: args.itemId.id, expectedVersion: args.expectedVersion, parentId: args.parentId?.id ?? null, slug: args.slug });
        await finish(context, before, after);
        return reload(context, query, after.id);
      },
    }),

    deleteContentItem: t.prismaField({
      type: ContentItem,
      description: 'Deletes a page that was never published, with its revisions (returned as it was). Published pages are kept: unpublish them.',
      errors,
      args: { itemId: t.arg.globalID({ required: true, for: ContentItem }), expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }) },
      authScopes: (_root, args, context) => writeOnItemBody(args.itemId.id)(context),
      resolve: async (query, _root, args, context) => {
        const userId = begin(context, args.itemId.id);
        // Locked and read with whatever the client selected while it still exists: it is returned as it was.
        const locked = await lockItem(context.prisma, args.itemId.id, args.expectedVersion);
        const shown = await reload(context, query, locked.id);
        const deleted = await deletePage(context.prisma, userId, { itemId: locked.id, expectedVersion: args.expectedVersion });
        context.audit = { ...context.audit, targetId: deleted.id, entityId: locked.site.entityId, before: deleted };
        auditConcerns(context, [locked.site.entityId]);
        return shown;
      },
    }),
    };
  });
}
