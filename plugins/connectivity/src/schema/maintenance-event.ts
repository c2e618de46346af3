import {
  auditConcerns,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  StaleVersionError,
  versionDescription,
  type FieldIssue,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import type { Prisma } from '@gea/db';
import { z } from 'zod';
import { scopes } from '../scopes.ts';
import { maintenanceImpactEnum, maintenanceStatusEnum } from './enums.ts';

export function addMaintenanceEventType(builder: GeaBuilder) {
  const MaintenanceImpact = maintenanceImpactEnum(builder);
  const MaintenanceStatus = maintenanceStatusEnum(builder);
  const Circuit = modelRef(builder, 'Circuit');

  const MaintenanceEvent = builder.prismaNode('MaintenanceEvent', {
    description: 'Work announced by a provider (or planned by the office) on some circuits.',
    id: { field: 'id' },
    nullable: true,
    // Readable by whoever reads one of the affected circuits' bodies.
    select: { circuits: { select: { circuit: { select: { entityId: true } } } } },
    authScopes: (event) => scopes.readAny([...new Set(event.circuits.map((c) => c.circuit.entityId))]),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      provider: t.relation('provider'),
      reference: t.exposeString('reference', { nullable: true, description: "The provider's ticket or notice reference." }),
      summary: t.exposeString('summary'),
      startsAt: t.expose('startsAt', { type: 'DateTime' }),
      endsAt: t.expose('endsAt', { type: 'DateTime' }),
      impact: t.expose('impact', { type: MaintenanceImpact }),
      status: t.expose('status', { type: MaintenanceStatus }),
      circuits: t.field({
        type: [Circuit],
        description: 'The affected circuits the reader may see.',
        select: (_args, context, nestedSelection) => ({
          circuits: { where: { circuit: { entity: scopes.readableEntities(context) } }, select: { circuit: nestedSelection(true) } },
        }),
        resolve: (event) => (event as unknown as { circuits: { circuit: never }[] }).circuits.map((c) => c.circuit),
      }),
    }),
  });

  const ConnectivityProvider = modelRef(builder, 'ConnectivityProvider');
  const Entity = modelRef(builder, 'Entity');

  const MaintenanceEventInput = builder.inputType('MaintenanceEventInput', {
    fields: (t) => ({
      reference: t.string({ required: false, validate: z.string().trim().max(100), description: "The provider's ticket or notice reference." }),
      summary: t.string({ required: true, validate: z.string().trim().min(1).max(500) }),
      startsAt: t.field({ type: 'DateTime', required: true }),
      endsAt: t.field({ type: 'DateTime', required: true, description: 'After startsAt.' }),
      impact: t.field({ type: MaintenanceImpact, required: true }),
      status: t.field({ type: MaintenanceStatus, required: true }),
      circuitIds: t.globalIDList({ required: true, for: Circuit, description: "The affected circuits: at least one, all of the event's provider." }),
    }),
  });
  type Input = typeof MaintenanceEventInput.$inferInput;

  const circuitIdsOf = (input: Pick<Input, 'circuitIds'>) => [...new Set(input.circuitIds.map((c) => c.id))];
  /** The bodies of the given circuits (those that exist). */
  const bodiesOfCircuits = async (context: GeaContext, circuitIds: readonly string[]) => {
    if (circuitIds.length === 0) return [];
    const rows = await context.prisma.circuit.findMany({ where: { id: { in: [...circuitIds] } }, select: { entityId: true } });
    return [...new Set(rows.map((row) => row.entityId))];
  };
  /** The bodies an event's circuits belong to now. */
  const bodiesOfEvent = async (context: GeaContext, eventId: string) => {
    const rows = await context.prisma.maintenanceCircuit.findMany({ where: { eventId }, select: { circuit: { select: { entityId: true } } } });
    return [...new Set(rows.map((row) => row.circuit.entityId))];
  };

  /** Window and circuits: every problem at once, each on its field; returns the circuits' bodies. */
  const check = async (context: GeaContext, providerId: string, input: Input): Promise<string[]> => {
    const issues: FieldIssue[] = [];
    if (input.endsAt.getTime() <= input.startsAt.getTime()) {
      issues.push({ path: ['input', 'endsAt'], message: 'must be after the start of the window', code: 'INVALID_DATE_RANGE' });
    }
    const ids = circuitIdsOf(input);
    const circuits = ids.length
      ? await context.prisma.circuit.findMany({ where: { id: { in: ids } }, select: { id: true, providerId: true, entityId: true } })
      : [];
    if (ids.length === 0) issues.push({ path: ['input', 'circuitIds'], message: 'name at least one affected circuit', code: 'TOO_SHORT', minimum: 1 });
    else if (circuits.length !== ids.length) issues.push({ path: ['input', 'circuitIds'], message: 'some circuits do not exist' });
    else if (circuits.some((circuit) => circuit.providerId !== providerId)) {
      issues.push({ path: ['input', 'circuitIds'], message: "every affected circuit must be the event's provider's" });
    }
    if (issues.length > 0) throw new InputError(issues);
    return [...new Set(circuits.map((circuit) => circuit.entityId))];
  };
  const data = (input: Input) => ({
    reference: input.reference?.trim() || null,
    summary: input.summary.trim(),
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    impact: input.impact,
    status: input.status,
  });
  const recorded = (event: Prisma.MaintenanceEventGetPayload<{ include: { circuits: true } }>) => {
    const { circuits, createdAt: _c, updatedAt: _u, ...rest } = event;
    return { ...rest, circuitIds: circuits.map((row) => row.circuitId).sort() };
  };
  const lock = (context: GeaContext, id: string, expectedVersion: number) =>
    lockForChange(context, {
      model: 'MaintenanceEvent',
      id,
      expectedVersion,
      read: () => context.prisma.maintenanceEvent.findUnique({ where: { id }, include: { circuits: true } }),
    });

  builder.mutationFields((t) => ({
    createMaintenanceEvent: t.prismaField({
      type: MaintenanceEvent,
      description: "Records maintenance announced by a provider on some of its circuits; the writer needs connectivity rights on every affected circuit's body.",
      errors: { types: [InputError, NotFoundError], directResult: true },
      args: {
        providerId: t.arg.globalID({ required: true, for: ConnectivityProvider }),
        input: t.arg({ type: MaintenanceEventInput, required: true }),
      },
      authScopes: async (_root, { input }, context) => scopes.writeEvery(await bodiesOfCircuits(context, circuitIdsOf(input))),
      resolve: async (query, _root, { providerId, input }, context) => {
        const provider = await context.prisma.connectivityProvider.findUnique({ where: { id: providerId.id }, select: { id: true } });
        if (!provider) throw new NotFoundError('ConnectivityProvider');
        const bodies = await check(context, provider.id, input);
        const created = await context.prisma.maintenanceEvent.create({
          data: { ...data(input), providerId: provider.id, circuits: { createMany: { data: circuitIdsOf(input).map((circuitId) => ({ circuitId })) } } },
          select: { id: true },
        });
        context.audit = {
          ...context.audit,
          targetType: 'MaintenanceEvent',
          targetId: created.id,
          entityId: bodies.length === 1 ? bodies[0] : undefined,
          after: { ...data(input), providerId: provider.id, circuitIds: circuitIdsOf(input).sort() },
        };
        auditConcerns(context, bodies);
        return context.prisma.maintenanceEvent.findUniqueOrThrow({ ...query, where: { id: created.id } });
      },
    }),

    updateMaintenanceEvent: t.prismaField({
      type: MaintenanceEvent,
      description: "Changes a maintenance event (window, impact, status, circuits); the writer needs connectivity rights on the bodies of the circuits it affects and will affect.",
      errors: { types: [InputError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: MaintenanceEvent }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: MaintenanceEventInput, required: true }),
      },
      authScopes: async (_root, { id, input }, context) =>
        scopes.writeEvery([...new Set([...(await bodiesOfEvent(context, id.id)), ...(await bodiesOfCircuits(context, circuitIdsOf(input)))])]),
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lock(context, id.id, expectedVersion);
        const bodies = await check(context, before.providerId, input);
        const previousBodies = await bodiesOfEvent(context, before.id);
        await context.prisma.maintenanceEvent.update({
          where: { id: before.id },
          data: { ...data(input), circuits: { deleteMany: {}, createMany: { data: circuitIdsOf(input).map((circuitId) => ({ circuitId })) } } },
          select: { id: true },
        });
        context.audit = {
          ...context.audit,
          targetType: 'MaintenanceEvent',
          targetId: before.id,
          before: recorded(before),
          after: { ...data(input), circuitIds: circuitIdsOf(input).sort() },
        };
        auditConcerns(context, [...previousBodies, ...bodies]);
        return context.prisma.maintenanceEvent.findUniqueOrThrow({ ...query, where: { id: before.id } });
      },
    }),

    cancelMaintenanceEvent: t.prismaField({
      type: MaintenanceEvent,
      description: 'Marks a maintenance event CANCELLED (kept for the record); it then takes no circuit down.',
      errors: { types: [NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: MaintenanceEvent }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
      },
      authScopes: async (_root, { id }, context) => scopes.writeEvery(await bodiesOfEvent(context, id.id)),
      resolve: async (query, _root, { id, expectedVersion }, context) => {
        const before = await lock(context, id.id, expectedVersion);
        const bodies = await bodiesOfEvent(context, before.id);
        const after = await context.prisma.maintenanceEvent.update({ ...query, where: { id: before.id }, data: { status: 'CANCELLED' } });
        context.audit = { ...context.audit, targetType: 'MaintenanceEvent', targetId: before.id, before: { status: before.status }, after: { status: 'CANCELLED' } };
        auditConcerns(context, bodies);
        return after;
      },
    }),
  }));

  builder.queryField('maintenanceEvents', (t) =>
    t.prismaField({
      type: [MaintenanceEvent],
      description:
        'Maintenance events whose window overlaps [from, to), with at least one circuit the reader may see (of one body when entityId is given), earliest first. At most 400 days.',
      authScopes: (_root, args) => scopes.readList(args.entityId),
      args: {
        from: t.arg({ type: 'DateTime', required: true }),
        to: t.arg({ type: 'DateTime', required: true }),
        entityId: t.arg.globalID({ required: false, for: Entity }),
      },
      resolve: (query, _root, { from, to, entityId }, context) => {
        checkRange(from, to);
        return context.prisma.maintenanceEvent.findMany({
          ...query,
          where: maintenanceOverlapping(context, from, to, entityId?.id),
          orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        });
      },
    }),
  );
}

/** The longest range a maintenance or risk query covers, days. */
export const MAX_RANGE_DAYS = 400;

/** Refuses a backwards range or one longer than MAX_RANGE_DAYS. */
export function checkRange(from: Date, to: Date): void {
  if (to.getTime() <= from.getTime()) throw new InputError([{ path: ['to'], message: 'must be after from', code: 'INVALID_DATE_RANGE' }]);
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new InputError([{ path: ['to'], message: `the range covers at most ${MAX_RANGE_DAYS} days`, code: 'TOO_BIG' }]);
  }
}

/** Events overlapping [from, to) that touch a circuit the reader may see (of one body when given). */
export const maintenanceOverlapping = (context: GeaContext, from: Date, to: Date, entityId?: string): Prisma.MaintenanceEventWhereInput => ({
  startsAt: { lt: to },
  endsAt: { gt: from },
  circuits: { some: { circuit: { entity: scopes.readableEntities(context), ...(entityId ? { entityId } : {}) } } },
});
