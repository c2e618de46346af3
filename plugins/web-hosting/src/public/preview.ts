// Preview links: a random token (32 bytes, base64url) shows one revision of one page, whatever its
// status, to whoever holds it, for an hour. Only the token's SHA-256 is kept.
import { createHash, randomBytes } from 'node:crypto';
import type { GeaContext } from '@gea/core';

export const PREVIEW_TTL_MS = 60 * 60 * 1000;

export const newPreviewToken = () => randomBytes(32).toString('base64url');
export const previewTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A well-formed token: 43 base64url characters. Anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The token's page and revision, when the token exists, has not expired and is of this site. */
export async function findPreview(context: Pick<GeaContext, 'db'>, siteId: string, token: string, now = new Date()) {
  if (!TOKEN.test(token)) return null;
  const found = await context.db.previewToken.findUnique({
    where: { tokenHash: previewTokenHash(token) },
    relationLoadStrategy: 'join',
    select: {
      expiresAt: true,
      item: { select: { id: true, siteId: true, type: true, slug: true, firstPublishedAt: true, lastPublishedAt: true } },
      revision: { select: { itemId: true, title: true, summary: true, topics: true, fields: true } },
    },
  });
  if (!found || found.expiresAt <= now || found.item.siteId !== siteId || found.revision.itemId !== found.item.id) return null;
  return found;
}
