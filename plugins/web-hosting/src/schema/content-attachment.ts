// Files of a site's pages (documents, images): uploaded by its editors, kept in the database,
// downloaded by editors at /web-hosting/attachments/<id> and by visitors through the public API once
// a published page uses them.
import { auditConcerns, InputError, modelRef, NotFoundError, type GeaBuilder } from '@gea/core';
import { contentScopes } from '../scopes.ts';
import { assertPerson, createAttachment, MAX_ATTACHMENT_BYTES, allowedAttachmentExtensions } from '../services/content.ts';

/** Where editors download an attachment (authenticated route of this plugin). */
export const attachmentDownloadPath = (id: string) => `/web-hosting/attachments/${id}`;

export function addContentAttachmentType(builder: GeaBuilder) {
  const HostedSite = modelRef(builder, 'HostedSite');
  const ContentItem = modelRef(builder, 'ContentItem');

  const ContentAttachment = builder.prismaObject('ContentAttachment', {
    description: "A file of a site's pages (a document, an image). Its id is what a page's attachment fields hold.",
    select: { id: true, siteId: true, site: { select: { entityId: true } } },
    authScopes: (attachment) => contentScopes.readOn(attachment.site.entityId),
    fields: (t) => ({
      id: t.exposeID('id', { description: "The attachment's own id (a uuid): the value of attachment fields." }),
      fileName: t.exposeString('fileName'),
      mediaType: t.exposeString('mediaType', { description: 'From the extension, checked against the content.' }),
      size: t.exposeInt('size', { description: 'Bytes.' }),
      sha256: t.exposeString('sha256'),
      downloadPath: t.string({ description: 'Where a signed-in editor downloads it.', resolve: (attachment) => attachmentDownloadPath(attachment.id) }),
      page: t.relation('item', { nullable: true, description: 'The page it was uploaded for, if any.' }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
    }),
  });

  builder.prismaObjectFields('ContentItem', (t) => ({
    attachments: t.relation('attachments', {
      description: 'Files uploaded for this page, newest first.',
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
  }));

  builder.mutationField('uploadContentAttachment', (t) =>
    t.prismaField({
      type: ContentAttachment,
      description: `Uploads a file for the pages of a site (optionally for one page). At most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; accepted: ${allowedAttachmentExtensions.join(', ')}. Send as multipart/form-data.`,
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        siteId: t.arg.globalID({ required: true, for: HostedSite }),
        itemId: t.arg.globalID({ required: false, for: ContentItem, description: 'A page of the same site.' }),
        file: t.arg({ type: 'Upload', required: true }),
      },
      authScopes: (_root, args, context) =>
        contentScopes.writeOnBodyOf((ctx) => ctx.prisma.hostedSite.findUnique({ where: { id: args.siteId.id }, select: { entityId: true } }))(context),
      resolve: async (query, _root, args, context) => {
        const userId = assertPerson(context.actor);
        const site = await context.prisma.hostedSite.findUnique({ where: { id: args.siteId.id }, select: { id: true, entityId: true } });
        if (!site) throw new NotFoundError('HostedSite');
        context.audit = { ...context.audit, targetType: 'ContentAttachment', entityId: site.entityId };
        auditConcerns(context, [site.entityId]);
        if (args.file.size > MAX_ATTACHMENT_BYTES) {
          throw new InputError([{ path: ['file'], message: `is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, code: 'TOO_BIG', maximum: MAX_ATTACHMENT_BYTES }]);
        }
        const bytes = new Uint8Array(await args.file.arrayBuffer());
        const created = await createAttachment(context.prisma, userId, { siteId: site.id, itemId: args.itemId?.id ?? null, fileName: args.file.name, bytes });
        context.audit = { ...context.audit, targetId: created.id, after: created };
        return context.prisma.contentAttachment.findUniqueOrThrow({ ...query, where: { id: created.id } });
      },
    }),
  );
  return ContentAttachment;
}
