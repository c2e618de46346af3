// GET /web-hosting/attachments/<id>: a page attachment, byte for byte, to the editors of its site's
// body (web-hosting:content:read, module on). Anyone else gets 404, as for a file that does not
// exist. Visitors get published files through the public API instead.
import { assertReadableThrough, fileResponse, NotFoundError, type PluginHttpRoute, isUuid } from '@gea/core';
import { contentScopes } from '../scopes.ts';


export const attachmentDownloadRoute: PluginHttpRoute = {
  method: 'GET',
  path: '/attachments/:id',
  async handle(_request, { params, context }) {
    const id = (params.id ?? '').toLowerCase();
    const attachment = isUuid(id)
      ? await context.prisma.contentAttachment.findUnique({
          where: { id },
          select: { fileName: true, mediaType: true, data: true, site: { select: { entityId: true } } },
        })
      : null;
    if (!attachment) throw new NotFoundError('ContentAttachment');
    await assertReadableThrough(context, contentScopes.read, [attachment.site.entityId], 'ContentAttachment');
    return fileResponse(new Uint8Array(attachment.data), { name: attachment.fileName, contentType: attachment.mediaType });
  },
};
