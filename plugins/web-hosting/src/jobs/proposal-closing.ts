// The daily closing of service proposals (art. 11.4): a proposal whose voting day has ended is
// decided on the votes of the bodies that were members that day; an open one may also be decided
// without a vote, when the members changed (a body that voted no left, so the yes votes now reach
// half) or when every member has voted.
import { lockRow, recordSystemEvent, type JobDefinition } from '@gea/core';
import type { GeaPrismaClient } from '@gea/db';
import { settleProposal, type Settled } from '../proposal-store.ts';

export const PROPOSAL_CLOSING_JOB = 'web-hosting:proposal-closing';

/** Decides what is due at `instant`; returns the decisions taken. Exported for tests. */
export async function closeProposals(prisma: GeaPrismaClient, instant: Date): Promise<(Settled & { proposalId: string })[]> {
  const open = await prisma.serviceProposal.findMany({ where: { status: 'OPEN' }, select: { id: true }, orderBy: { openedAt: 'asc' } });
  const decided: (Settled & { proposalId: string })[] = [];
  for (const { id } of open) {
    // One transaction per proposal, the row locked as a vote locks it: a vote arriving now waits, then finds it decided.
    const settled = await prisma.$transaction(async (tx) => {
      const client = tx as GeaPrismaClient;
      if (!(await lockRow(client, 'ServiceProposal', id))) return null;
      const proposal = await client.serviceProposal.findUniqueOrThrow({ where: { id }, select: { status: true, proposedByEntityId: true } });
      if (proposal.status !== 'OPEN') return null;
      const result = await settleProposal(client, id, instant);
      if (!result) return null;
      await recordSystemEvent(client, {
        job: PROPOSAL_CLOSING_JOB,
        operation: 'closeServiceProposal',
        targetType: 'ServiceProposal',
        targetId: id,
        entityIds: [proposal.proposedByEntityId, ...result.memberIds],
        input: { scheduledAt: instant.toISOString() },
        after: {
          decision: result.outcome,
          decidedAt: result.decidedAt.toISOString(),
          yes: result.tally.yes,
          no: result.tally.no,
          members: result.tally.members,
          serviceId: result.serviceId,
        },
      });
      return result;
    });
    if (settled) decided.push({ ...settled, proposalId: id });
  }
  return decided;
}

/** Daily, just after midnight in Italy: the day that closed is counted. */
export const proposalClosingJob: JobDefinition = {
  key: PROPOSAL_CLOSING_JOB,
  schedule: '5 0 * * *',
  description: 'Decide the online service proposals whose voting has closed (art. 11.4), and those the member bodies have settled.',
  run: async ({ prisma, scheduledAt, log }) => {
    const decided = await closeProposals(prisma, scheduledAt);
    const approved = decided.filter((d) => d.outcome === 'APPROVED').length;
    log(`${decided.length} service proposals decided (${approved} approved, ${decided.length - approved} rejected)`);
  },
};
