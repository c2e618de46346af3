// The database side of art. 11.4, shared by the vote mutation and the daily closing job: who the
// member bodies are on a day, the tally of a proposal, and the decision written once and for all.
// Callers lock the proposal row first (lockRow), so two votes at once see each other's vote.
import { calendarDayInItaly, isoDate } from '@gea/core';
import type { GeaPrismaClient } from '@gea/db';
import { closingInstant, decide, isClosed, membersOn, tally, type Outcome, type Tally } from './rules/proposal-decision.ts';

type Prisma = GeaPrismaClient;

/** The association's member bodies on a calendar day. */
export async function memberBodiesOn(prisma: Prisma, associationId: string, day: Date): Promise<Set<string>> {
  const memberships = await prisma.associationMember.findMany({
    where: { associationId, joinedOn: { lte: day }, OR: [{ leftOn: null }, { leftOn: { gt: day } }] },
    select: { entityId: true, joinedOn: true, leftOn: true },
  });
  return membersOn(memberships, day);
}

/** The associations a body belongs to on a day. */
export async function associationsOf(prisma: Prisma, entityId: string, day: Date): Promise<string[]> {
  const rows = await prisma.associationMember.findMany({
    where: { entityId, joinedOn: { lte: day }, OR: [{ leftOn: null }, { leftOn: { gt: day } }] },
    select: { associationId: true },
    orderBy: { joinedOn: 'asc' },
  });
  return [...new Set(rows.map((row) => row.associationId))];
}

interface ProposalFacts {
  id: string;
  associationId: string;
  closesOn: Date | null;
}

/** The day that counts for a proposal at an instant: that day in Italy, or the closing day once voting has closed. */
export function countingMoment(proposal: Pick<ProposalFacts, 'closesOn'>, instant: Date): { day: Date; at: Date; closed: boolean } {
  if (isClosed(proposal.closesOn, instant)) return { day: proposal.closesOn!, at: closingInstant(proposal.closesOn!), closed: true };
  return { day: calendarDayInItaly(instant), at: instant, closed: false };
}

/** The tally of a proposal on a calendar day. */
export async function tallyOn(prisma: Prisma, proposal: Pick<ProposalFacts, 'id' | 'associationId'>, day: Date): Promise<Tally> {
  const [members, votes] = await Promise.all([
    memberBodiesOn(prisma, proposal.associationId, day),
    prisma.serviceProposalVote.findMany({ where: { proposalId: proposal.id }, select: { entityId: true, choice: true } }),
  ]);
  return tally(votes, members);
}

export interface Settled {
  outcome: Outcome;
  tally: Tally;
  decidedAt: Date;
  serviceId: string | null;
  /** Every member body counted: the decision concerns them all. */
  memberIds: string[];
}

/**
 * Takes the decision the proposal's votes call for at `instant`, if any: approval creates the
 * service in the catalogue, offered by every member body from the decision day. The row must be
 * locked and OPEN. Returns null while the proposal stays open.
 */
export async function settleProposal(prisma: Prisma, proposalId: string, instant: Date): Promise<Settled | null> {
  const proposal = await prisma.serviceProposal.findUniqueOrThrow({ where: { id: proposalId } });
  if (proposal.status !== 'OPEN') return null;
  const moment = countingMoment(proposal, instant);
  const [t, members] = await Promise.all([
    tallyOn(prisma, proposal, moment.day),
    memberBodiesOn(prisma, proposal.associationId, moment.day),
  ]);
  const outcome = decide(t, moment.closed);
  if (!outcome) return null;
  let serviceId: string | null = null;
  if (outcome === 'APPROVED') {
    const taken = await prisma.onlineService.findUnique({
      where: { associationId_name: { associationId: proposal.associationId, name: proposal.title } },
      select: { id: true },
    });
    const service = await prisma.onlineService.create({
      data: {
        associationId: proposal.associationId,
        // the name is unique in the catalogue: one recorded by hand meanwhile keeps it
        name: taken ? `${proposal.title} (${isoDate(moment.day)})` : proposal.title,
        description: proposal.description,
        category: proposal.category,
        offerings: { create: [...members].sort().map((entityId) => ({ entityId, since: moment.day })) },
      },
      select: { id: true },
    });
    serviceId = service.id;
  }
  await prisma.serviceProposal.update({
    where: { id: proposal.id },
    data: { status: outcome, decidedAt: moment.at, decisionYesVotes: t.yes, decisionMembers: t.members, serviceId },
  });
  return { outcome, tally: t, decidedAt: moment.at, serviceId, memberIds: [...members].sort() };
}
