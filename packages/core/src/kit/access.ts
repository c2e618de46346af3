import type { GeaContext } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { isModuleEnabledFor, ModuleDisabledError } from '../modules.ts';
import { moduleOfPermission, type PermissionName } from '../permissions.ts';

/**
 * The check a GraphQL field's `someEntityPermission` scope makes, for code outside GraphQL (HTTP
 * routes, jobs): the actor holds the permission on at least one of the bodies with the module on.
 * A record the actor may not read answers NOT_FOUND, as one that does not exist, so that nobody
 * learns what exists without the right to see it; readable but switched off is MODULE_DISABLED.
 */
export async function assertReadableThrough(
  context: GeaContext,
  permission: PermissionName,
  entityIds: readonly string[],
  what: string,
): Promise<void> {
  const allowed = entityIds.filter((entityId) => context.actor.can(permission, entityId));
  if (allowed.length === 0) throw new NotFoundError(what);
  const enabled = await Promise.all(allowed.map((entityId) => isModuleEnabledFor(context, permission, entityId)));
  if (!enabled.includes(true)) throw new ModuleDisabledError(moduleOfPermission(permission));
}

/** A file as an HTTP response that a browser saves under its name. */
export function fileResponse(body: BodyInit, file: { name: string; contentType: string }): Response {
  // RFC 6266: an ASCII fallback name, and the exact name in UTF-8
  const ascii = file.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return new Response(body, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
