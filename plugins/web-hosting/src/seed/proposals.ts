// Demo data for art. 11.4: one approved proposal with its service offered by every member body,
// and one open proposal with a few votes, in the union (the association with a UNION kind).
import { addDays, calendarDayInItaly } from '@gea/core';
import type { GeaPrismaClient, Prisma } from '@gea/db';
import { closingInstant, neededYes } from '../rules/proposal-decision.ts';

const DAY = 86_400_000;

/** Seeds the proposals of the demo union; does nothing without a union with members or when proposals exist. */
export async function seedServiceProposals(prisma: GeaPrismaClient | Prisma.TransactionClient): Promise<{ approved: string; open: string } | null> {
  if ((await prisma.serviceProposal.count()) > 0) return null;
  const association = await prisma.association.findFirst({ where: { kind: 'UNION' }, orderBy: { startDate: 'asc' }, select: { id: true } });
  if (!association) return null;
  const today = calendarDayInItaly(new Date());
  const members = await prisma.associationMember.findMany({
    where: { associationId: association.id, joinedOn: { lte: today }, OR: [{ leftOn: null }, { leftOn: { gt: today } }] },
    select: { entity: { select: { id: true, name: true, kind: true, referentId: true } } },
  });
  const bodies = members.map((m) => m.entity).sort((a, b) => a.name.localeCompare(b.name, 'it'));
  const head = await prisma.user.findFirst({ where: { roles: { some: { role: 'ICT_HEAD' } } }, select: { id: true }, orderBy: { createdAt: 'asc' } });
  // who speaks for a body: its referent, else the ICT head
  const voters = bodies.map((body) => ({ ...body, voterId: body.referentId ?? head?.id ?? null })).filter((body) => body.voterId !== null);
  const municipalities = voters.filter((body) => body.kind === 'MUNICIPALITY');
  if (municipalities.length < 2 || bodies.length < 2) return null;

  // Approved 40 days ago: the vote that reached half of the member bodies decided it.
  const decisionDay = addDays(today, -40);
  const yesVoters = voters.slice(0, neededYes(bodies.length));
  const approvedAt = new Date(decisionDay.getTime() + 10 * 3_600_000);
  const service = await prisma.onlineService.create({
    data: {
      associationId: association.id,
      name: 'Prenotazione appuntamenti presso gli uffici comunali',
      description: "Prenotazione online di un appuntamento all'anagrafe, allo stato civile e all'ufficio tributi, con promemoria via e-mail.",
      category: 'anagrafe-e-stato-civile',
      offerings: { create: bodies.map((body) => ({ entityId: body.id, since: decisionDay })) },
    },
  });
  const approved = await prisma.serviceProposal.create({
    data: {
      associationId: association.id,
      title: service.name,
      description: service.description!,
      category: service.category,
      proposedByEntityId: municipalities[0]!.id,
      proposedById: municipalities[0]!.voterId!,
      openedAt: new Date(decisionDay.getTime() - 14 * DAY),
      closesOn: addDays(decisionDay, 30),
      status: 'APPROVED',
      decidedAt: approvedAt,
      decisionYesVotes: yesVoters.length,
      decisionMembers: bodies.length,
      serviceId: service.id,
      votes: {
        create: [
          ...yesVoters.map((body, i) => ({
            entityId: body.id,
            choice: 'YES' as const,
            votedById: body.voterId!,
            votedAt: new Date(approvedAt.getTime() - (yesVoters.length - 1 - i) * 2 * DAY),
          })),
          ...voters.slice(yesVoters.length, yesVoters.length + 1).map((body) => ({
            entityId: body.id,
            choice: 'NO' as const,
            votedById: body.voterId!,
            votedAt: new Date(approvedAt.getTime() - 3 * DAY),
            note: 'Servizio già offerto con un altro fornitore fino a fine anno.',
          })),
        ],
      },
    },
  });

  // Open: two yes and one no so far, closing in three weeks.
  const closesOn = addDays(today, 21);
  const open = await prisma.serviceProposal.create({
    data: {
      associationId: association.id,
      title: 'Pagamento online delle mense scolastiche con pagoPA',
      description: 'Iscrizione al servizio di refezione, ricarica dei pasti e pagamento con pagoPA dal sito del Comune.',
      category: 'educazione-e-formazione',
      proposedByEntityId: municipalities[1]!.id,
      proposedById: municipalities[1]!.voterId!,
      openedAt: new Date(Math.min(Date.now(), closingInstant(closesOn).getTime()) - 5 * DAY),
      closesOn,
      votes: {
        create: [
          { entityId: municipalities[1]!.id, choice: 'YES', votedById: municipalities[1]!.voterId!, votedAt: new Date(Date.now() - 4 * DAY) },
          ...(municipalities[2] ? [{ entityId: municipalities[2].id, choice: 'YES' as const, votedById: municipalities[2].voterId!, votedAt: new Date(Date.now() - 3 * DAY) }] : []),
          ...(municipalities[3]
            ? [{ entityId: municipalities[3].id, choice: 'NO' as const, votedById: municipalities[3].voterId!, votedAt: new Date(Date.now() - 2 * DAY), note: 'Usiamo già il portale della ditta della mensa.' }]
            : []),
        ],
      },
    },
  });
  return { approved: approved.id, open: open.id };
}
