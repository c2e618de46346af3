// What a resolver tells the audit trail that it alone knows, and what a job records of its own.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '@gea/db';
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

/** What a scheduled job did on its own, for the trail: the job is the actor. */
export interface SystemEvent {
  /** The job's key (`<plugin>:<name>`): the actor's label. */
  job: string;
  /** What was done, named like a mutation (`publishContentItem`), so the trail reads the same. */
  operation: string;
  targetType: string;
  targetId: string;
  /** The bodies it concerns; the first is the event's body. */
  entityIds: readonly string[];
  input?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
}

/**
 * Records a change a scheduled job made (a page published at its time, a proposal closed): every
 * change is audited, not only those a person asked for. Write it in the job's transaction.
 */
export async function recordSystemEvent(prisma: Pick<Prisma.TransactionClient, 'auditEvent'>, event: SystemEvent): Promise<void> {
  const entityIds = [...new Set(event.entityIds)];
  await prisma.auditEvent.create({
    data: {
      requestId: `job-${randomUUID()}`,
      actorKind: 'system',
      actorLabel: event.job,
      entityId: entityIds[0] ?? null,
      entityIds,
      operation: event.operation,
      targetType: event.targetType,
      targetId: event.targetId,
      outcome: 'SUCCESS',
      ...(event.input === undefined ? {} : { input: event.input }),
      ...(event.after === undefined ? {} : { after: event.after }),
    },
  });
}
