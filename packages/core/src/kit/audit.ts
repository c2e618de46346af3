// What a resolver tells the audit trail that it alone knows.
import type { GeaContext } from '../context.ts';

/**
 * Records that the running mutation concerns these bodies too, so its audit event is listed under
 * each of them (the trail already takes `entityId`, `entityIds` and `...EntityId` arguments and the
 * returned record's `entityId`). Outside a mutation it does nothing.
 */
export function auditConcerns(context: Pick<GeaContext, 'audit'>, entityIds: Iterable<string | null | undefined>): void {
  if (!context.audit) return;
  const known = new Set(context.audit.entityIds ?? []);
  for (const id of entityIds) if (typeof id === 'string') known.add(id);
  context.audit = { ...context.audit, entityIds: [...known] };
}
