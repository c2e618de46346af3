// createPreviewLink: a short-lived link that shows a revision of a page on the site (apps/site),
// whatever its status, to whoever holds it. The token is returned once; only its SHA-256 is kept.
import { GeaError, InputError, NotFoundError, auditConcerns, type GeaBuilder } from '@gea/core';
import { contentTypeDefinitions } from '../model/content-types.ts';
import { pagePath } from '../model/menus.ts';
import { newPreviewToken, PREVIEW_TTL_MS, previewTokenHash } from '../public/preview.ts';
import { contentScopes } from '../scopes.ts';
import { sitePublicPath } from './hosted-site.ts';

interface PreviewLink {
  path: string;
  expiresAt: Date;
}

export function addPreviewLink(builder: GeaBuilder) {
  const PreviewLinkRef = builder.objectRef<PreviewLink>('PreviewLink').implement({
    authScopes: contentScopes.readSome,
    description: 'A link that shows one revision of a page on the site for an hour, to whoever holds it.',
    fields: (t) => ({
      path: t.exposeString('path', { description: 'Where the reference front end shows it: /sites/<slug>/<site path>?preview=<token>.' }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    }),
  });

  const itemBody = (itemId: string) =>
    contentScopes.readOnBodyOf(async (context) => {
      const item = await context.prisma.contentItem.findUnique({ where: { id: itemId }, select: { site: { select: { entityId: true } } } });
      return item ? { entityId: item.site.entityId } : null;
    });

  builder.mutationField('createPreviewLink', (t) =>
    t.field({
      type: PreviewLinkRef,
      description: "A preview link of a page's revision (default: its head revision), valid for one hour. Needs web-hosting:content:read on the page's body.",
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        itemId: t.arg.globalID({ required: true, description: 'A ContentItem.' }),
        revisionId: t.arg.globalID({ required: false, description: 'A ContentRevision of that page; default its head revision.' }),
      },
      authScopes: (_root, args, context) => itemBody(args.itemId.id)(context),
      resolve: async (_root, { itemId, revisionId }, context) => {
        if (itemId.typename !== 'ContentItem') throw new InputError([{ path: ['itemId'], message: 'not a page (ContentItem) id' }]);
        if (revisionId && revisionId.typename !== 'ContentRevision') throw new InputError([{ path: ['revisionId'], message: 'not a revision (ContentRevision) id' }]);
        const item = await context.prisma.contentItem.findUnique({
          where: { id: itemId.id },
          select: { id: true, type: true, slug: true, headRevisionId: true, site: { select: { slug: true, entityId: true } } },
        });
        if (!item || !context.actor.can('web-hosting:content:read', item.site.entityId)) throw new NotFoundError('page');
        context.audit = { ...context.audit, targetType: 'ContentItem', targetId: item.id, entityId: item.site.entityId };
        auditConcerns(context, [item.site.entityId]);
        if (!contentTypeDefinitions[item.type].hasPage) throw new InputError([{ path: ['itemId'], message: 'a contact point has no page of its own: preview a page that shows it' }]);
        const wanted = revisionId?.id ?? item.headRevisionId;
        if (!wanted) throw new InputError([{ path: ['itemId'], message: 'the page has no revision yet' }]);
        const revision = await context.prisma.contentRevision.findUnique({ where: { id: wanted }, select: { id: true, itemId: true, fields: true } });
        if (!revision || revision.itemId !== item.id) throw new InputError([{ path: ['revisionId'], message: 'not a revision of this page' }]);
        // Kept with the person who asked (a machine client has no account to keep it with).
        if (context.actor.kind !== 'user' || !context.actor.id) throw new GeaError('FORBIDDEN', 'Only a signed-in person can make a preview link');
        const token = newPreviewToken();
        const expiresAt = new Date(Date.now() + PREVIEW_TTL_MS);
        await context.prisma.previewToken.create({
          data: { tokenHash: previewTokenHash(token), itemId: item.id, revisionId: revision.id, createdById: context.actor.id, expiresAt },
        });
        context.audit = { ...context.audit, after: { revisionId: revision.id, expiresAt: expiresAt.toISOString() } };
        const fields = revision.fields && typeof revision.fields === 'object' && !Array.isArray(revision.fields) ? (revision.fields as Record<string, unknown>) : {};
        const sitePath = pagePath(item.type, item.slug, fields) ?? item.slug;
        return { path: `${sitePublicPath(item.site.slug)}${sitePath}?preview=${token}`, expiresAt };
      },
    }),
  );
}
