// What changed between two revisions of a page, field by field (rules/revision-diff.ts).
import { assertReadableThrough, modelRef, NotFoundError, type GeaBuilder } from '@gea/core';
import type { ContentTypeName } from '../model/content-types.ts';
import { referencesOf } from '../rules/revision-check.ts';
import { diffRevisions, type DiffPart, type RevisionChange } from '../rules/revision-diff.ts';
import { contentScopes } from '../scopes.ts';
import { revisionPageSelect } from './content-revision.ts';
import { revisionContent } from '../services/content.ts';

interface RevisionDiff {
  fromId: string;
  toId: string;
  changes: RevisionChange[];
}

export function addRevisionDiffQuery(builder: GeaBuilder) {
  const ContentRevision = modelRef(builder, 'ContentRevision');
  // Reached only through revisionDiff, which checks both revisions are readable.
  const authScopes = { permissionOnSomeBody: contentScopes.read };

  const Part = builder.objectRef<DiffPart>('RevisionDiffPart').implement({
    description: 'A run of words: in both revisions, only in the later one (added) or only in the earlier one (removed).',
    authScopes,
    fields: (t) => ({
      value: t.exposeString('value'),
      added: t.exposeBoolean('added'),
      removed: t.exposeBoolean('removed'),
    }),
  });
  const Change = builder.objectRef<RevisionChange>('RevisionChange').implement({
    description: 'One field that differs between the two revisions.',
    authScopes,
    fields: (t) => ({
      path: t.exposeStringList('path', { description: "['title'], ['summary'], ['topics'] or ['fields', key]." }),
      label: t.string({ description: 'The field as the model names it, in Italian.', resolve: (change) => change.label.it }),
      labelEn: t.string({ description: 'The same in English.', resolve: (change) => change.label.en }),
      before: t.exposeString('before', { nullable: true, description: 'As text (rich text as plain text, terms by label, pages by title); null: empty.' }),
      after: t.exposeString('after', { nullable: true }),
      parts: t.field({ type: [Part], description: 'The word-by-word difference of before and after.', resolve: (change) => change.parts }),
    }),
  });
  const Diff = builder.objectRef<RevisionDiff>('RevisionDiff').implement({
    authScopes,
    fields: (t) => ({
      from: t.field({ type: ContentRevision, nullable: true, resolve: (diff, _args, context) => context.prisma.contentRevision.findUnique({ where: { id: diff.fromId }, include: revisionPageSelect }) as never }),
      to: t.field({ type: ContentRevision, nullable: true, resolve: (diff, _args, context) => context.prisma.contentRevision.findUnique({ where: { id: diff.toId }, include: revisionPageSelect }) as never }),
      changes: t.field({ type: [Change], description: 'In the order of the page form; empty when they say the same.', resolve: (diff) => diff.changes }),
    }),
  });

  builder.queryField('revisionDiff', (t) =>
    t.field({
      type: Diff,
      description: 'What changed from one revision of a page to another (either order), field by field. Both must be revisions of the same page, readable by the caller.',
      authScopes,
      args: {
        fromId: t.arg.globalID({ required: true, for: ContentRevision }),
        toId: t.arg.globalID({ required: true, for: ContentRevision }),
      },
      resolve: async (_root, args, context) => {
        const rows = await context.prisma.contentRevision.findMany({
          where: { id: { in: [args.fromId.id, args.toId.id] } },
          include: { item: { select: { id: true, type: true, siteId: true, site: { select: { entityId: true } } } } },
        });
        const from = rows.find((row) => row.id === args.fromId.id);
        const to = rows.find((row) => row.id === args.toId.id);
        if (!from || !to) throw new NotFoundError('ContentRevision');
        await assertReadableThrough(context, contentScopes.read, [from.item.site.entityId], 'ContentRevision');
        await assertReadableThrough(context, contentScopes.read, [to.item.site.entityId], 'ContentRevision');
        if (from.itemId !== to.itemId) throw new NotFoundError('ContentRevision of the same page');
        const type = from.item.type as ContentTypeName;
        const fromContent = revisionContent(from);
        const toContent = revisionContent(to);
        const refs = [referencesOf(type, fromContent.fields), referencesOf(type, toContent.fields)];
        const pageIds = [...new Set(refs.flatMap((ref) => ref.pages.map((page) => page.id)))];
        const attachmentIds = [...new Set(refs.flatMap((ref) => ref.attachments.map((attachment) => attachment.id)))];
        const [pages, files] = await Promise.all([
          pageIds.length ? context.prisma.contentItem.findMany({ where: { id: { in: pageIds }, siteId: from.item.siteId }, select: { id: true, title: true } }) : [],
          attachmentIds.length ? context.prisma.contentAttachment.findMany({ where: { id: { in: attachmentIds }, siteId: from.item.siteId }, select: { id: true, fileName: true } }) : [],
        ]);
        const names = new Map<string, string>([...pages.map((page) => [page.id, page.title] as const), ...files.map((file) => [file.id, file.fileName] as const)]);
        return { fromId: from.id, toId: to.id, changes: diffRevisions(type, fromContent, toContent, (id) => names.get(id)) };
      },
    }),
  );
}
