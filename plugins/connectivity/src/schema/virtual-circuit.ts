import {
  auditConcerns,
  ConflictError,
  equalsTextIgnoringCase,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  save,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import { z } from 'zod';
import { normalName } from '../rules/provider.ts';
import { changedCircuits, memberIssues, type MemberRequest } from '../rules/virtual-circuit.ts';
import { scopes, writeAll } from '../scopes.ts';
import { circuitStatusEnum, virtualCircuitRoleEnum } from './enums.ts';

export function addVirtualCircuitType(builder: GeaBuilder) {
  const CircuitStatus = circuitStatusEnum(builder);
  const VirtualCircuitRole = virtualCircuitRoleEnum(builder);
  const ProviderNetwork = modelRef(builder, 'ProviderNetwork');
  const Circuit = modelRef(builder, 'Circuit');
  const VirtualCircuit = builder.prismaNode('VirtualCircuit', {
    description: 'A virtual circuit over a provider network: the intranet between bodies (hub and spoke).',
    id: { field: 'id' },
    nullable: true,
    authScopes: scopes.readSome,
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      identifier: t.exposeString('identifier', { nullable: true, description: 'VPN, VRF or VLAN identifier at the provider.' }),
      status: t.expose('status', { type: CircuitStatus }),
      description: t.exposeString('description', { nullable: true }),
      providerNetwork: t.relation('providerNetwork'),
      // Only the circuits of bodies the reader may see.
      terminations: t.relation('terminations', {
        query: (_args, context) => ({ where: { circuit: { entity: scopes.readableEntities(context) } }, orderBy: [{ role: 'asc' }, { circuitId: 'asc' }] }),
      }),
    }),
  });
  builder.prismaObject('VirtualCircuitTermination', {
    description: 'A circuit that takes part in a virtual circuit, as hub, spoke or peer.',
    select: { circuit: { select: { entityId: true } } },
    authScopes: (termination) => scopes.readOn(termination.circuit.entityId),
    fields: (t) => ({
      role: t.expose('role', { type: VirtualCircuitRole }),
      circuit: t.relation('circuit'),
      virtualCircuit: t.relation('virtualCircuit'),
    }),
  });

  builder.queryField('virtualCircuits', (t) =>
    t.prismaField({
      type: [VirtualCircuit],
      description: 'Every virtual circuit, by provider network then name.',
      authScopes: scopes.readSome,
      resolve: (query, _root, _args, context) =>
        context.prisma.virtualCircuit.findMany({ ...query, orderBy: [{ providerNetwork: { name: 'asc' } }, { name: 'asc' }, { id: 'asc' }] }),
    }),
  );

  const VirtualCircuitInput = builder.inputType('VirtualCircuitInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200), description: 'Unique per provider network.' }),
      identifier: t.string({ required: false, validate: z.string().trim().max(100), description: 'VPN, VRF or VLAN identifier.' }),
      status: t.field({ type: CircuitStatus, required: true }),
      description: t.string({ required: false, validate: z.string().trim().max(2000) }),
    }),
  });
  type Input = typeof VirtualCircuitInput.$inferInput;
  const optional = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);
  const data = (input: Input) => ({ name: normalName(input.name), identifier: optional(input.identifier), status: input.status, description: optional(input.description) });
  const saving = (input: Input) => ({ unique: `the network already has a virtual circuit named "${normalName(input.name)}"`, missing: 'ProviderNetwork' });
  const assertFree = async (context: GeaContext, providerNetworkId: string, name: string, self?: string) => {
    const other = await context.prisma.virtualCircuit.findFirst({
      where: { providerNetworkId, name: equalsTextIgnoringCase(name), ...(self ? { NOT: { id: self } } : {}) },
      select: { name: true },
    });
    if (other) throw new ConflictError(`the network already has a virtual circuit named "${other.name}"`);
  };

  const TerminationInput = builder.inputType('VirtualCircuitTerminationInput', {
    fields: (t) => ({
      circuitId: t.globalID({ required: true, for: Circuit }),
      role: t.field({ type: VirtualCircuitRole, required: true }),
    }),
  });
  type Members = readonly (typeof TerminationInput.$inferInput)[];
  const requested = (terminations: Members): MemberRequest[] => terminations.map((member) => ({ circuitId: member.circuitId.id, role: member.role }));
  /** The circuits a new member list adds, removes or gives another role. */
  const changesOf = async (context: GeaContext, id: string, terminations: Members) => {
    const current = await context.prisma.virtualCircuitTermination.findMany({ where: { virtualCircuitId: id }, select: { circuitId: true, role: true } });
    return { current, changed: changedCircuits(current, requested(terminations)) };
  };
  /** The bodies of some circuits (the ones that exist). */
  const bodiesOf = async (context: GeaContext, circuitIds: readonly string[]) =>
    circuitIds.length === 0
      ? []
      : [...new Set((await context.prisma.circuit.findMany({ where: { id: { in: [...circuitIds] } }, select: { entityId: true } })).map((row) => row.entityId))];

  builder.mutationFields((t) => ({
    createVirtualCircuit: t.prismaField({
      type: VirtualCircuit,
      description: 'Records a virtual circuit over a provider network, without members (setVirtualCircuitTerminations adds them).',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      authScopes: writeAll,
      args: {
        providerNetworkId: t.arg.globalID({ required: true, for: ProviderNetwork }),
        input: t.arg({ type: VirtualCircuitInput, required: true }),
      },
      resolve: async (query, _root, { providerNetworkId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'VirtualCircuit' };
        const network = await context.prisma.providerNetwork.findUnique({ where: { id: providerNetworkId.id }, select: { id: true } });
        if (!network) throw new NotFoundError('ProviderNetwork');
        const row = { providerNetworkId: network.id, ...data(input) };
        await assertFree(context, network.id, row.name);
        return save(saving(input), () => context.prisma.virtualCircuit.create({ ...query, data: row }));
      },
    }),
    updateVirtualCircuit: t.prismaField({
      type: VirtualCircuit,
      description: "Changes a virtual circuit's name, identifier, status or description.",
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      authScopes: writeAll,
      args: {
        id: t.arg.globalID({ required: true, for: VirtualCircuit }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: VirtualCircuitInput, required: true }),
      },
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'VirtualCircuit',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.virtualCircuit.findUnique({ where: { id: id.id } }),
        });
        const row = data(input);
        await assertFree(context, before.providerNetworkId, row.name, before.id);
        const after = await save(saving(input), () => context.prisma.virtualCircuit.update({ ...query, where: { id: before.id }, data: row }));
        context.audit = { ...context.audit, targetType: 'VirtualCircuit', targetId: before.id, before, after };
        return after;
      },
    }),
    setVirtualCircuitTerminations: t.prismaField({
      type: VirtualCircuit,
      description:
        'Replaces the members of a virtual circuit. Each circuit must end (A or Z) on its provider network and appear once; hub and spoke has ' +
        'exactly one HUB, and PEERs are not mixed with HUB or SPOKE. The writer needs connectivity:write on every body whose circuits are added, ' +
        'removed or change role.',
      errors: { types: [InputError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: VirtualCircuit }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        terminations: t.arg({ type: [TerminationInput], required: true, validate: z.array(z.unknown()).max(500) }),
      },
      authScopes: async (_root, { id, terminations }, context) => {
        const exists = await context.prisma.virtualCircuit.findUnique({ where: { id: id.id }, select: { id: true } });
        // Nobody learns whether a virtual circuit exists without association-wide rights.
        if (!exists) return writeAll;
        const bodies = await bodiesOf(context, (await changesOf(context, id.id, terminations)).changed);
        return bodies.length > 0 ? scopes.writeEvery(bodies) : { permissionOnSomeBody: scopes.write };
      },
      resolve: async (query, _root, { id, expectedVersion, terminations }, context) => {
        const before = await lockForChange(context, {
          model: 'VirtualCircuit',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.virtualCircuit.findUnique({ where: { id: id.id } }),
        });
        const members = requested(terminations);
        const circuitIds = [...new Set(members.map((member) => member.circuitId))];
        const ends = await context.prisma.circuitTermination.findMany({
          where: { circuitId: { in: circuitIds } },
          select: { circuitId: true, providerNetworkId: true },
        });
        const existing = await context.prisma.circuit.findMany({ where: { id: { in: circuitIds } }, select: { id: true } });
        const networksOfCircuit = new Map<string, Set<string>>(existing.map((row) => [row.id, new Set<string>()]));
        for (const end of ends) if (end.providerNetworkId) networksOfCircuit.get(end.circuitId)?.add(end.providerNetworkId);
        const issues = memberIssues(members, { providerNetworkId: before.providerNetworkId, networksOfCircuit });
        if (issues.length > 0) throw new InputError(issues);

        // Read again under the lock: the bodies touched are the ones the scope was checked on, unless
        // the members changed meanwhile, which raised the version (refused above as stale).
        const { current, changed } = await changesOf(context, before.id, terminations);
        await context.prisma.virtualCircuitTermination.deleteMany({ where: { virtualCircuitId: before.id } });
        await context.prisma.virtualCircuitTermination.createMany({ data: members.map((member) => ({ virtualCircuitId: before.id, ...member })) });
        // An UPDATE raises the version: a member list is part of the virtual circuit.
        const after = await context.prisma.virtualCircuit.update({ ...query, where: { id: before.id }, data: { updatedAt: new Date() } });
        // The trail keeps flat values: each member as "<circuit id>:<role>", by circuit id.
        const byId = (list: readonly MemberRequest[]) => list.map((member) => `${member.circuitId}:${member.role}`).sort();
        context.audit = {
          ...context.audit,
          targetType: 'VirtualCircuit',
          targetId: before.id,
          before: { ...before, terminations: byId(current) },
          after: { version: after.version, terminations: byId(members) },
        };
        auditConcerns(context, await bodiesOf(context, changed));
        return after;
      },
    }),
  }));
}
