// GET /web-hosting/public/sites/:site/files/:id: an attachment's bytes, when a published revision
// of a page of that site uses it (or, with ?preview=<token>, the token's revision does). A file
// only uploaded, or used only by drafts, answers 404 like one that does not exist.
import { isUuid, type PluginRouteCall } from '@gea/core';
import { isServed, PRIVATE_CACHE_CONTROL, readSiteHead } from './cache.ts';
import { findPreview } from './preview.ts';
import { notFound, publicRead } from './respond.ts';
import { referencesOf } from '../rules/revision-check.ts';

/** Shown in the browser; anything else (HTML, SVG, scripts) is only downloaded. */
const INLINE = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain|text\/csv)$/;

async function fileResponse(call: PluginRouteCall, siteId: string, id: string): Promise<Response | null> {
  const file = await call.context.db.contentAttachment.findFirst({ where: { id, siteId }, select: { fileName: true, mediaType: true, data: true, sha256: true } });
  if (!file) return null;
  const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const disposition = INLINE.test(file.mediaType) ? 'inline' : 'attachment';
  return new Response(new Uint8Array(file.data), {
    headers: {
      'content-type': INLINE.test(file.mediaType) ? file.mediaType : 'application/octet-stream',
      'content-disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
    },
  });
}

/** Whether a published revision of a page of the site holds the attachment's id in one of its fields: one statement. */
async function usedByPublished(call: PluginRouteCall, siteId: string, id: string): Promise<boolean> {
  const rows = await call.context.db.$queryRaw<{ used: boolean }[]>`
    select exists (
      select 1 from "ContentItem" i join "ContentRevision" r on r.id = i."publishedRevisionId"
      where i."siteId" = ${siteId}::uuid and i.status = 'PUBLISHED'
        and jsonb_path_exists(r.fields, '$.* ? (@ == $id)', jsonb_build_object('id', ${id}::text))) as used`;
  return rows[0]?.used === true;
}

export const fileRoute = {
  method: 'GET',
  path: '/public/sites/:site/files/:id',
  access: 'public',
  handle: async (request: Request, call: PluginRouteCall) => {
    const id = call.params.id ?? '';
    if (!isUuid(id)) return notFound();
    const token = call.url.searchParams.get('preview');
    if (token !== null) {
      const head = await readSiteHead(call.context, call.params.site ?? '');
      if (!head || !isServed(head)) return notFound('No such site');
      const preview = await findPreview(call.context, head.id, token);
      const fields = (preview?.revision.fields ?? {}) as Record<string, unknown>;
      if (!preview || !referencesOf(preview.item.type, fields).attachments.some((a) => a.id === id)) return notFound();
      const response = await fileResponse(call, head.id, id);
      if (!response) return notFound();
      response.headers.set('cache-control', PRIVATE_CACHE_CONTROL);
      return response;
    }
    return publicRead(request, call, false, async ({ head }) => {
      if (!(await usedByPublished(call, head.id, id))) return null;
      const response = await fileResponse(call, head.id, id);
      return response ? { response } : null;
    });
  },
} as const;
