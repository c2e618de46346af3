// Service proposals (art. 11.4): a body proposes a new online service; each member body says yes or
// no through a person who speaks for it; at least half of the member bodies saying yes approves it
// for all, at the vote that reaches the threshold. The decision, its counts and date are kept, the
// votes frozen, and every step audited under the bodies it concerns.
import {
  auditConcerns,
  calendarDayInItaly,
  ConflictError,
  equalsTextIgnoringCase,
  expectedVersionDescription,
  InputError,
  lockForChange,
  modelRef,
  NotFoundError,
  StaleVersionError,
  versionDescription,
  type GeaBuilder,
  type GeaContext,
} from '@gea/core';
import { z } from 'zod';
import { associationsOf, countingMoment, memberBodiesOn, settleProposal, tallyOn } from '../proposal-store.ts';
import { isClosed } from '../rules/proposal-decision.ts';
import { serviceScopes, voteScopes } from '../scopes.ts';
import { serviceProposalStatusEnum, voteChoiceEnum } from './enums.ts';
import { categorySchema, memberBodyType, readableAssociations, serviceCategoryType, type MemberBodyRow } from './online-service.ts';

interface VoteRow {
  entity: MemberBodyRow;
  choice: 'YES' | 'NO';
  votedAt: Date;
  note: string | null;
  votedBy: { name: string };
}

interface TallyRow {
  yes: number;
  no: number;
  members: number;
  needed: number;
  missing: MemberBodyRow[];
  /** The day the tally counts members on. */
  countedOn: Date;
}

const names = async (context: GeaContext, ids: readonly string[]): Promise<MemberBodyRow[]> =>
  ids.length === 0
    ? []
    : context.prisma.entity.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });

/** Proposals and votes are a person's word for a body: never a token's or the system's. */
const personId = (context: GeaContext): string => {
  if (context.actor.kind !== 'user' || !context.actor.id) throw new ConflictError('only a signed-in person can propose or vote for a body');
  return context.actor.id;
};

const frozen = (proposal: { status: string; decidedAt: Date | null }) =>
  new ConflictError(
    proposal.status === 'WITHDRAWN'
      ? 'the proposal was withdrawn: votes are frozen'
      : `the proposal was ${proposal.status === 'APPROVED' ? 'approved' : 'rejected'} on ${proposal.decidedAt!.toISOString().slice(0, 10)}: votes are frozen`,
  );

export function addServiceProposalType(builder: GeaBuilder) {
  const Entity = modelRef(builder, 'Entity');
  const MemberBody = memberBodyType(builder);
  const Category = serviceCategoryType(builder);
  const Status = serviceProposalStatusEnum(builder);
  const Choice = voteChoiceEnum(builder);

  const Vote = builder.objectRef<VoteRow>('ServiceProposalVote').implement({
    description: "A member body's yes or no, recorded by a person who speaks for it; visible to every reader (a public decision of the association).",
    authScopes: serviceScopes.readSome,
    fields: (t) => ({
      entity: t.field({ type: MemberBody, resolve: (row) => row.entity }),
      choice: t.expose('choice', { type: Choice }),
      votedAt: t.expose('votedAt', { type: 'DateTime' }),
      votedBy: t.string({ description: 'The name of the person who recorded it.', resolve: (row) => row.votedBy.name }),
      note: t.exposeString('note', { nullable: true }),
    }),
  });

  const Tally = builder.objectRef<TallyRow>('ServiceProposalTally').implement({
    description:
      'The count of a proposal: for an open one now (member bodies of today), for a decided one at its decision. Only member bodies count; at least half of them (`needed`) approve.',
    authScopes: serviceScopes.readSome,
    fields: (t) => ({
      yes: t.exposeInt('yes'),
      no: t.exposeInt('no'),
      members: t.exposeInt('members', { description: 'Member bodies on the day counted.' }),
      needed: t.exposeInt('needed', { description: 'Yes votes that approve: half of the members, rounded up.' }),
      missing: t.field({ type: [MemberBody], description: 'Member bodies that have not voted.', resolve: (row) => row.missing }),
      countedOn: t.expose('countedOn', { type: 'Date' }),
    }),
  });

  const ServiceProposal = builder.prismaNode('ServiceProposal', {
    description: "A body's proposal of a new online service for every member body (art. 11.4), with the votes of the member bodies.",
    id: { field: 'id' },
    nullable: true,
    // A reader of one association never sees another's: read rights on a body that is or was a member.
    select: { id: true, association: { select: { members: { select: { entityId: true } } } } },
    authScopes: (proposal) => serviceScopes.readAny([...new Set(proposal.association.members.map((member) => member.entityId))]),
    fields: (t) => ({
      title: t.exposeString('title'),
      description: t.exposeString('description'),
      category: t.field({ type: Category, select: { category: true }, resolve: (row) => ({ key: row.category }) }),
      proposedBy: t.field({
        type: MemberBody,
        description: 'The body that proposed it.',
        select: { proposedBy: { select: { id: true, name: true } } },
        resolve: (row) => row.proposedBy,
      }),
      proposer: t.string({ description: 'The name of the person who proposed it.', select: { proposer: { select: { name: true } } }, resolve: (row) => row.proposer.name }),
      openedAt: t.expose('openedAt', { type: 'DateTime' }),
      closesOn: t.expose('closesOn', { type: 'Date', nullable: true, description: 'Voting closes at the end of this day (Italian time).' }),
      status: t.expose('status', { type: Status }),
      decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
      decisionYesVotes: t.exposeInt('decisionYesVotes', { nullable: true }),
      decisionMembers: t.exposeInt('decisionMembers', { nullable: true }),
      service: t.relation('service', { nullable: true, description: 'The catalogue service its approval created.' }),
      votes: t.field({
        type: [Vote],
        description: 'Every vote recorded, by body name (those of bodies that are no longer members are kept but do not count).',
        select: {
          votes: {
            select: { choice: true, votedAt: true, note: true, entity: { select: { id: true, name: true } }, votedBy: { select: { name: true } } },
          },
        },
        resolve: (row) => [...row.votes].sort((a, b) => a.entity.name.localeCompare(b.entity.name, 'it')),
      }),
      tally: t.field({
        type: Tally,
        select: { associationId: true, closesOn: true, status: true, decidedAt: true, updatedAt: true },
        resolve: async (row, _args, context) => {
          // a decision on closing counts the closing day, one at a vote the day of the vote
          const at = row.decidedAt ?? (row.status === 'OPEN' ? new Date() : row.updatedAt);
          const day = countingMoment(row, at).day;
          const counted = await tallyOn(context.prisma, { id: row.id, associationId: row.associationId }, day);
          return { ...counted, missing: await names(context, counted.missing), countedOn: day };
        },
      }),
      canVoteFor: t.field({
        type: [MemberBody],
        description: 'The member bodies the reader may vote for, while the proposal is open.',
        select: { associationId: true, status: true, closesOn: true },
        resolve: async (row, _args, context) => {
          if (row.status !== 'OPEN' || isClosed(row.closesOn, new Date())) return [];
          const members = await memberBodiesOn(context.prisma, row.associationId, calendarDayInItaly(new Date()));
          return names(context, [...members].filter((id) => context.actor.can(voteScopes.write, id)));
        },
      }),
      canWithdraw: t.boolean({
        description: 'Whether the reader may withdraw it (for the proposing body, while open).',
        select: { status: true, proposedByEntityId: true },
        resolve: (row, _args, context) => row.status === 'OPEN' && context.actor.can(voteScopes.write, row.proposedByEntityId),
      }),
      createdAt: t.expose('createdAt', { type: 'DateTime' }),
      version: t.exposeInt('version', { description: versionDescription }),
    }),
  });

  builder.queryField('serviceProposals', (t) =>
    t.prismaField({
      type: [ServiceProposal],
      description: "Service proposals of the reader's associations, newest first (or those in one status).",
      authScopes: serviceScopes.readSome,
      args: { status: t.arg({ type: Status, required: false }) },
      resolve: async (query, _root, args, context) =>
        context.prisma.serviceProposal.findMany({
          ...query,
          where: { ...(await readableAssociations(context)), ...(args.status ? { status: args.status } : {}) },
          orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
        }),
    }),
  );

  const ProposalInput = builder.inputType('ServiceProposalInput', {
    fields: (t) => ({
      title: t.string({ required: true, validate: z.string().trim().min(3).max(200), description: 'The name of the service (its name in the catalogue once approved).' }),
      description: t.string({ required: true, validate: z.string().trim().min(1).max(5000), description: 'What the service does and why the body asks for it.' }),
      category: t.string({ required: true, validate: categorySchema, description: 'A service category key of the model.' }),
      closesOn: t.field({ type: 'Date', required: false, description: 'Last day of voting (Italian time); today or later, within a year. None: open until decided.' }),
    }),
  });

  const lockProposal = (context: GeaContext, id: string, expectedVersion?: number | null) =>
    lockForChange(context, {
      model: 'ServiceProposal',
      id,
      expectedVersion,
      read: () => context.prisma.serviceProposal.findUnique({ where: { id } }),
    });

  builder.mutationFields((t) => ({
    proposeOnlineService: t.prismaField({
      type: ServiceProposal,
      description: 'A body proposes a new online service for every member body of its association (art. 11.4). Voting is open at once.',
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      authScopes: (_root, args) => voteScopes.writeOn(args.entityId.id),
      args: {
        entityId: t.arg.globalID({ required: true, for: Entity, description: 'The proposing body.' }),
        input: t.arg({ type: ProposalInput, required: true }),
      },
      resolve: async (query, _root, { entityId, input }, context) => {
        context.audit = { ...context.audit, targetType: 'ServiceProposal', entityId: entityId.id };
        const today = calendarDayInItaly(new Date());
        const associations = await associationsOf(context.prisma, entityId.id, today);
        const issues = [];
        if (associations.length === 0) issues.push({ path: ['entityId'], message: 'the body is not a member of an association today' });
        if (input.closesOn && input.closesOn.getTime() < today.getTime()) {
          issues.push({ path: ['input', 'closesOn'], message: 'voting cannot close before today', code: 'INVALID_DATE' as const });
        }
        if (input.closesOn && input.closesOn.getTime() > today.getTime() + 366 * 86_400_000) {
          issues.push({ path: ['input', 'closesOn'], message: 'at most a year ahead', code: 'TOO_BIG' as const });
        }
        if (issues.length > 0) throw new InputError(issues);
        // A body belongs to one association at a time; should it belong to two, the oldest membership decides.
        const associationId = associations[0]!;
        const title = input.title.trim();
        const [service, open] = await Promise.all([
          context.prisma.onlineService.findFirst({ where: { associationId, name: equalsTextIgnoringCase(title) }, select: { id: true } }),
          context.prisma.serviceProposal.findFirst({ where: { associationId, status: 'OPEN', title: equalsTextIgnoringCase(title) }, select: { id: true } }),
        ]);
        if (service) throw new ConflictError(`"${title}" is already in the online services catalogue`);
        if (open) throw new ConflictError(`a proposal "${title}" is already open`);
        const data = {
          associationId,
          title,
          description: input.description.trim(),
          category: input.category.trim(),
          closesOn: input.closesOn ?? null,
          proposedByEntityId: entityId.id,
          proposedById: personId(context),
        };
        const created = await context.prisma.serviceProposal.create({ ...query, data });
        const members = await memberBodiesOn(context.prisma, associationId, today);
        context.audit = { ...context.audit, targetId: (created as { id: string }).id, after: data };
        // A proposal concerns every member body: each may vote on it.
        auditConcerns(context, members);
        return created;
      },
    }),

    voteOnServiceProposal: t.prismaField({
      type: ServiceProposal,
      description:
        "Records a member body's yes or no (a second vote of the same body replaces the first). The vote that brings the yes votes to half of the member bodies approves the proposal: the service enters the catalogue, offered by every member body. Once decided, votes are frozen.",
      errors: { types: [InputError, ConflictError, NotFoundError], directResult: true },
      authScopes: (_root, args) => voteScopes.writeOn(args.entityId.id),
      args: {
        proposalId: t.arg.globalID({ required: true, for: ServiceProposal as never }),
        entityId: t.arg.globalID({ required: true, for: Entity, description: 'The body the vote is for.' }),
        choice: t.arg({ type: Choice, required: true }),
        note: t.arg.string({ required: false, validate: z.string().trim().max(2000) }),
      },
      resolve: async (query, _root, { proposalId, entityId, choice, note }, context) => {
        const id = String(proposalId.id);
        context.audit = { ...context.audit, targetType: 'ServiceProposal', targetId: id, entityId: entityId.id };
        // The row lock serialises votes on one proposal: the second waits, then counts the first.
        const proposal = await lockProposal(context, id);
        if (proposal.status !== 'OPEN') throw frozen(proposal);
        const now = new Date();
        if (isClosed(proposal.closesOn, now)) throw new ConflictError(`voting closed at the end of ${proposal.closesOn!.toISOString().slice(0, 10)}`);
        const members = await memberBodiesOn(context.prisma, proposal.associationId, calendarDayInItaly(now));
        if (!members.has(entityId.id)) {
          throw new InputError([{ path: ['entityId'], message: 'the body is not a member of the association today: it has no vote' }]);
        }
        const key = { proposalId_entityId: { proposalId: id, entityId: entityId.id } };
        const before = await context.prisma.serviceProposalVote.findUnique({ where: key, select: { choice: true, note: true, votedAt: true } });
        const vote = { choice, note: note?.trim() || null, votedById: personId(context), votedAt: now };
        await context.prisma.serviceProposalVote.upsert({ where: key, create: { proposalId: id, entityId: entityId.id, ...vote }, update: vote });
        const decision = await settleProposal(context.prisma, id, now);
        context.audit = {
          ...context.audit,
          before: before ?? undefined,
          after: {
            entityId: entityId.id,
            choice,
            note: vote.note,
            ...(decision
              ? { decision: decision.outcome, decidedAt: decision.decidedAt, yes: decision.tally.yes, members: decision.tally.members, serviceId: decision.serviceId }
              : {}),
          },
        };
        auditConcerns(context, [proposal.proposedByEntityId, ...(decision ? decision.memberIds : [])]);
        return context.prisma.serviceProposal.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),

    withdrawServiceProposal: t.prismaField({
      type: ServiceProposal,
      description: 'The proposing body takes its proposal back while it is open.',
      errors: { types: [ConflictError, NotFoundError, StaleVersionError], directResult: true },
      authScopes: (_root, args, context) =>
        voteScopes.writeOnBodyOf((ctx) =>
          ctx.prisma.serviceProposal
            .findUnique({ where: { id: String(args.proposalId.id) }, select: { proposedByEntityId: true } })
            .then((row) => (row ? { entityId: row.proposedByEntityId } : null)),
        )(context),
      args: {
        proposalId: t.arg.globalID({ required: true, for: ServiceProposal as never }),
        expectedVersion: t.arg.int({ required: false, description: expectedVersionDescription }),
      },
      resolve: async (query, _root, { proposalId, expectedVersion }, context) => {
        const id = String(proposalId.id);
        const before = await lockProposal(context, id, expectedVersion);
        if (before.status !== 'OPEN') throw frozen(before);
        await context.prisma.serviceProposal.update({ where: { id }, data: { status: 'WITHDRAWN' } });
        context.audit = { ...context.audit, targetType: 'ServiceProposal', targetId: id, entityId: before.proposedByEntityId, before, after: { status: 'WITHDRAWN' } };
        auditConcerns(context, await memberBodiesOn(context.prisma, before.associationId, calendarDayInItaly(new Date())));
        return context.prisma.serviceProposal.findUniqueOrThrow({ ...query, where: { id } });
      },
    }),
  }));

  return ServiceProposal;
}
