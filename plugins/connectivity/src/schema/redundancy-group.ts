import {
  ConflictError,
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
import type { RedundancyPriority as Priority } from '@gea/db';
import { z } from 'zod';
import { inOtherGroups, memberIssues, type MemberFacts } from '../rules/redundancy.ts';
import { scopes } from '../scopes.ts';
import { redundancyPriorityEnum } from './enums.ts';

/** The facts the member rules need, for the circuits named: two queries. */
async function memberFacts(context: Pick<GeaContext, 'prisma'>, members: readonly { circuitId: string; priority: Priority }[]): Promise<MemberFacts[]> {
  const circuits = await context.prisma.circuit.findMany({
    where: { id: { in: [...new Set(members.map((m) => m.circuitId))] } },
    select: { id: true, entityId: true, terminations: { where: { side: 'A' }, select: { siteId: true } }, redundancy: { select: { groupId: true } } },
  });
  const byId = new Map(circuits.map((c) => [c.id, c]));
  return members.map((member) => {
    const circuit = byId.get(member.circuitId);
    return {
      circuitId: member.circuitId,
      priority: member.priority,
      entityId: circuit?.entityId ?? null,
      siteA: circuit?.terminations[0]?.siteId ?? null,
      groupId: circuit?.redundancy?.groupId ?? null,
    };
  });
}

/** Members as the audit keeps them (plain values only): the circuit at each priority. */
const byPriority = (members: readonly { circuitId: string; priority: Priority }[]) => ({
  PRIMARY: members.find((m) => m.priority === 'PRIMARY')?.circuitId ?? null,
  SECONDARY: members.find((m) => m.priority === 'SECONDARY')?.circuitId ?? null,
  TERTIARY: members.find((m) => m.priority === 'TERTIARY')?.circuitId ?? null,
});

export function addRedundancyGroupType(builder: GeaBuilder) {
  const RedundancyPriority = redundancyPriorityEnum(builder);
  const RedundancyGroup = builder.prismaNode('RedundancyGroup', {
    description: 'Circuits that back each other up for one site: primary, secondary, tertiary.',
    id: { field: 'id' },
    nullable: true,
    authScopes: (group) => scopes.readOn(group.entityId),
    fields: (t) => ({
      version: t.exposeInt('version', { description: versionDescription }),
      name: t.exposeString('name'),
      entity: t.relation('entity', { nullable: true }),
      site: t.relation('site'),
      members: t.relation('members', { query: { orderBy: { priority: 'asc' } } }),
    }),
  });
  builder.prismaObject('RedundancyGroupMember', {
    description: 'A circuit of a redundancy group and its priority.',
    select: { group: { select: { entityId: true } } },
    authScopes: (member) => scopes.readOn(member.group.entityId),
    fields: (t) => ({
      priority: t.expose('priority', { type: RedundancyPriority }),
      circuit: t.relation('circuit'),
      group: t.relation('group'),
    }),
  });

  const Entity = modelRef(builder, 'Entity');
  const Site = modelRef(builder, 'Site');
  const Circuit = modelRef(builder, 'Circuit');
  const GroupInput = builder.inputType('RedundancyGroupInput', {
    fields: (t) => ({
      name: t.string({ required: true, validate: z.string().trim().min(1).max(200) }),
      siteId: t.globalID({ required: true, for: Site, description: "The body's site the group keeps connected." }),
    }),
  });
  const MemberInput = builder.inputType('RedundancyGroupMemberInput', {
    fields: (t) => ({
      circuitId: t.globalID({ required: true, for: Circuit, description: "A circuit of the group's body ending (side A) on the group's site." }),
      priority: t.field({ type: RedundancyPriority, required: true }),
    }),
  });

  const checkSite = async (context: GeaContext, entityId: string, siteId: string) => {
    const site = await context.prisma.site.findUnique({ where: { id: siteId }, select: { entityId: true } });
    if (!site) throw new InputError([{ path: ['input', 'siteId'], message: 'no such site' }]);
    if (site.entityId !== entityId) throw new InputError([{ path: ['input', 'siteId'], message: "is not a site of the group's body" }]);
  };
  const saving = (name: string) => ({ unique: `the body already has a redundancy group named ${name.trim()}` });
  const writeOnGroupBody = (groupId: string) =>
    scopes.writeOnBodyOf((context) => context.prisma.redundancyGroup.findUnique({ where: { id: groupId }, select: { entityId: true } }));

  builder.mutationFields((t) => ({
    createRedundancyGroup: t.prismaField({
      type: RedundancyGroup,
      description: "Records a redundancy group for a site of a body (members are set with setRedundancyGroupMembers). Names are unique per body.",
      errors: { types: [InputError, ConflictError], directResult: true },
      args: { entityId: t.arg.globalID({ required: true, for: Entity }), input: t.arg({ type: GroupInput, required: true }) },
      authScopes: (_root, args) => scopes.writeOn(args.entityId.id),
      resolve: async (query, _root, { entityId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'RedundancyGroup', entityId: entityId.id };
        await checkSite(context, entityId.id, input.siteId.id);
        const values = { name: input.name.trim(), siteId: input.siteId.id, entityId: entityId.id };
        const after = await save(saving(input.name), () => context.prisma.redundancyGroup.create({ ...query, data: values }));
        context.audit = { ...context.audit, targetId: (after as { id: string }).id, after: values };
        return after;
      },
    }),

    updateRedundancyGroup: t.prismaField({
      type: RedundancyGroup,
      description: "Renames a group or moves it to another site of its body (its members must end on the new site).",
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: RedundancyGroup }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        input: t.arg({ type: GroupInput, required: true }),
      },
      authScopes: (_root, args, context) => writeOnGroupBody(args.id.id)(context),
      resolve: async (query, _root, { id, expectedVersion, input }, context) => {
        const before = await lockForChange(context, {
          model: 'RedundancyGroup',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.redundancyGroup.findUnique({ where: { id: id.id }, include: { members: true } }),
        });
        await checkSite(context, before.entityId, input.siteId.id);
        if (input.siteId.id !== before.siteId) {
          const facts = await memberFacts(context, before.members);
          if (memberIssues({ id: before.id, entityId: before.entityId, siteId: input.siteId.id }, facts).length > 0) {
            throw new InputError([{ path: ['input', 'siteId'], message: 'some member circuits do not end (side A) on this site: change the members first' }]);
          }
        }
        const values = { name: input.name.trim(), siteId: input.siteId.id };
        const after = await save(saving(input.name), () => context.prisma.redundancyGroup.update({ ...query, where: { id: before.id }, data: values }));
        const { members: _members, ...recorded } = before;
        context.audit = { ...context.audit, targetType: 'RedundancyGroup', targetId: before.id, entityId: before.entityId, before: recorded, after: values };
        return after;
      },
    }),

    setRedundancyGroupMembers: t.prismaField({
      type: RedundancyGroup,
      description:
        "Sets a group's circuits and their priorities (replacing the previous list): circuits of the group's body ending (side A) on its site, each priority once, a circuit in one group only.",
      errors: { types: [InputError, ConflictError, NotFoundError, StaleVersionError], directResult: true },
      args: {
        id: t.arg.globalID({ required: true, for: RedundancyGroup }),
        expectedVersion: t.arg.int({ required: true, description: expectedVersionDescription }),
        members: t.arg({ type: [MemberInput], required: true, validate: z.array(z.unknown()).max(3) }),
      },
      authScopes: (_root, args, context) => writeOnGroupBody(args.id.id)(context),
      resolve: async (query, _root, { id, expectedVersion, members }, context) => {
        const before = await lockForChange(context, {
          model: 'RedundancyGroup',
          id: id.id,
          expectedVersion,
          read: () => context.prisma.redundancyGroup.findUnique({ where: { id: id.id }, include: { members: true } }),
        });
        const wanted = members.map((member) => ({ circuitId: member.circuitId.id, priority: member.priority as Priority }));
        const facts = await memberFacts(context, wanted);
        const issues = memberIssues(before, facts);
        if (issues.length > 0) {
          throw new InputError(issues.map((issue) => ({ path: ['members', String(issue.index), issue.field], message: issue.message })));
        }
        const taken = inOtherGroups(before.id, facts);
        if (taken.length > 0) throw new ConflictError(`${taken.length} circuit(s) already belong to another redundancy group: remove them there first`);
        // Bumps the group's version: members have no version of their own.
        const after = await save({ unique: 'a circuit was added to another group meanwhile; try again' }, () =>
          context.prisma.redundancyGroup.update({
            ...query,
            where: { id: before.id },
            data: { updatedAt: new Date(), members: { deleteMany: {}, createMany: { data: wanted } } },
          }),
        );
        context.audit = {
          ...context.audit,
          targetType: 'RedundancyGroup',
          targetId: before.id,
          entityId: before.entityId,
          before: byPriority(before.members),
          after: byPriority(wanted),
        };
        return after;
      },
    }),
  }));
}
