import { AuditOutcome as AuditOutcomes, type Prisma } from '@gea/db';
import { z } from 'zod';
import type { GeaBuilder } from '../builder.ts';
import { coreRefs } from './refs.ts';

/**
 * The audit trail: read-only; no field or mutation can change it. Whoever holds `core:audit:read`
 * for the whole association reads all of it; a referent (who holds it for their body) reads the
 * events that concern their body, and no others.
 */
export function addAuditSchema(builder: GeaBuilder) {
  const { Entity } = coreRefs(builder);
  const AuditOutcome = builder.enumType(AuditOutcomes, { name: 'AuditOutcome' });

  const AuditEvent = builder.prismaNode('AuditEvent', {
    description: 'One mutation (or refused sign-in), whatever its outcome. Append-only.',
    id: { field: 'id' },
    nullable: true,
    // Read by id too (node): only by who may read the whole trail, or one of the bodies it concerns.
    authScopes: (event, context) =>
      context.actor.can('core:audit:read') ? { permission: 'core:audit:read' } : { someEntityPermission: { permission: 'core:audit:read', entityIds: event.entityIds } },
    fields: (t) => ({
      at: t.expose('at', { type: 'DateTime' }),
      requestId: t.exposeString('requestId'),
      actorKind: t.exposeString('actorKind'),
      actorId: t.exposeString('actorId', { nullable: true }),
      actorLabel: t.exposeString('actorLabel'),
      entityId: t.exposeString('entityId', { nullable: true }),
      entityIds: t.exposeStringList('entityIds', { description: 'Every body the operation concerns (database ids), entityId among them.' }),
      operation: t.exposeString('operation'),
      targetType: t.exposeString('targetType', { nullable: true }),
      targetId: t.exposeString('targetId', { nullable: true }),
      outcome: t.expose('outcome', { type: AuditOutcome }),
      errorCode: t.exposeString('errorCode', { nullable: true }),
      input: t.string({ nullable: true, description: 'Arguments as JSON (secrets hidden).', resolve: (e) => json(e.input) }),
      before: t.string({ nullable: true, description: 'The target before, as JSON.', resolve: (e) => json(e.before) }),
      after: t.string({ nullable: true, description: 'The target after, as JSON.', resolve: (e) => json(e.after) }),
    }),
  });

  const AuditFilter = builder.inputType('AuditFilter', {
    fields: (t) => ({
      entityId: t.globalID({ required: false, for: Entity }),
      actorId: t.string({ required: false, validate: z.uuid() }),
      operation: t.string({ required: false, validate: z.string().max(100) }),
      outcome: t.field({ type: AuditOutcome, required: false }),
      from: t.field({ type: 'DateTime', required: false }),
      to: t.field({ type: 'DateTime', required: false }),
    }),
  });

  builder.queryFields((t) => ({
    auditEvents: t.prismaConnection({
      type: AuditEvent,
      cursor: 'id',
      description: 'The audit trail, newest first: the events concerning a body the reader holds core:audit:read on (all of them for the whole association).',
      authScopes: { permissionOnSomeBody: 'core:audit:read' },
      args: { filter: t.arg({ type: AuditFilter, required: false }) },
      resolve: (query, _root, { filter }, context) => {
        const scope = context.actor.entitiesWith('core:audit:read');
        const where: Prisma.AuditEventWhereInput = {
          AND: [
            ...(filter?.entityId ? [{ entityIds: { has: filter.entityId.id } }] : []),
            ...(scope === 'all' ? [] : [{ entityIds: { hasSome: [...scope] } }]),
          ],
          ...(filter?.actorId ? { actorId: filter.actorId } : {}),
          ...(filter?.operation ? { operation: filter.operation } : {}),
          ...(filter?.outcome ? { outcome: filter.outcome } : {}),
          ...(filter?.from || filter?.to
            ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
            : {}),
        };
        // ids are UUIDv7, ordered by time: newest first is id descending
        return context.prisma.auditEvent.findMany({ ...query, where, orderBy: { id: 'desc' } });
      },
    }),
  }));
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
