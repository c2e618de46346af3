import { createPlatformJobs, type PlatformJobs } from '@gea/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import webHosting from '../src/index.ts';
import { PROPOSAL_CLOSING_JOB } from '../src/jobs/proposal-closing.ts';
import { closingInstant, startOfDayInItaly } from '../src/rules/proposal-decision.ts';
import { addDays, createUnion, proposalApi, today, type Union } from './proposals-fixtures.ts';

const t = useTestApi([webHosting]);
const api = () => proposalApi(t.api);
const rawId = (gid: string) => Buffer.from(gid, 'base64').toString('utf8').split(':')[1]!;
const MINUTE = 60_000;

let u: Union;
let jobs: PlatformJobs;
const ids = { closing: '', settledByLeave: '', pastClose: '' };
const closesOn = addDays(today(), 2);
/** The job's 00:05 occurrence (Italian time) at the start of a calendar day. */
const occurrenceOn = (day: Date) => new Date(startOfDayInItaly(day).getTime() + 5 * MINUTE);
const runAt = async (instant: Date) => {
  const results = await jobs.runner.runDueJobs(new Date(instant.getTime() + MINUTE));
  return results.find((r) => r.jobKey === PROPOSAL_CLOSING_JOB);
};
const proposal = (id: string) => t.db.prisma.serviceProposal.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  u = await createUnion(t.db, t.api, 5, 'C');
  const [a, b, c] = u.bodies;
  // Open until the end of closesOn, with one yes of five.
  const closing = await api().propose(a!, 'Servizio in chiusura', { closesOn: closesOn.toISOString().slice(0, 10) });
  await api().vote(closing.id, a!, 'YES');
  ids.closing = rawId(closing.id);
  // Two yes and one no of five: open; then the body that said no leaves, and two of four is half.
  const settled = await api().propose(b!, 'Servizio deciso da un recesso');
  await api().vote(settled.id, a!, 'YES');
  await api().vote(settled.id, b!, 'YES');
  await api().vote(settled.id, c!, 'NO');
  await t.db.prisma.associationMember.updateMany({ where: { associationId: u.associationId, entityId: c!.id }, data: { leftOn: today() } });
  // Voting closed yesterday, not yet closed by the job.
  const past = await t.db.prisma.serviceProposal.create({
    data: {
      associationId: u.associationId,
      title: 'Servizio scaduto ieri',
      description: 'x',
      category: 'turismo',
      proposedByEntityId: a!.id,
      proposedById: (await t.db.prisma.user.findFirstOrThrow({ where: { roles: { some: { entityId: a!.id } } } })).id,
      openedAt: addDays(today(), -20),
      closesOn: addDays(today(), -1),
    },
  });
  ids.pastClose = past.id;
  ids.settledByLeave = rawId(settled.id);

  jobs = createPlatformJobs({ prisma: t.db.prisma, plugins: t.api.composed.plugins, permissions: t.api.composed.permissions, env: {}, log: () => {}, linkBase: 'https://gea.example.it' });
});
afterAll(async () => {
  await jobs?.close();
});

describe('the daily proposal-closing job, on a clock the test controls', () => {
  it('a vote after voting closed is refused even before the job runs', async () => {
    const { vote } = api();
    const late = await vote(Buffer.from(`ServiceProposal:${ids.pastClose}`).toString('base64'), u.bodies[1]!, 'YES');
    expect(late.__typename).toBe('ConflictError');
    expect(late.message).toMatch(/voting closed at the end of/);
  });

  it('on the closing day itself nothing closes; a proposal closed yesterday is rejected as of its closing; one a departure settled is approved', async () => {
    const run = await runAt(occurrenceOn(closesOn));
    expect(run?.outcome).toBe('SUCCEEDED');
    expect((await proposal(ids.closing)).status).toBe('OPEN');

    const past = await proposal(ids.pastClose);
    // counted on its closing day, when the body that left later was still a member
    expect(past).toMatchObject({ status: 'REJECTED', decisionYesVotes: 0, decisionMembers: 5 });
    expect(past.decidedAt).toEqual(closingInstant(addDays(today(), -1)));

    const settled = await proposal(ids.settledByLeave);
    expect(settled).toMatchObject({ status: 'APPROVED', decisionYesVotes: 2, decisionMembers: 4 });
    expect(settled.decidedAt).toEqual(occurrenceOn(closesOn));
    const service = await t.db.prisma.onlineService.findUniqueOrThrow({ where: { id: settled.serviceId! }, include: { offerings: true } });
    expect(service.offerings.map((o) => o.entityId).sort()).toEqual(u.bodies.filter((_, i) => i !== 2).map((b) => b.id).sort());
    expect(service.offerings.every((o) => o.since.getTime() === closesOn.getTime())).toBe(true);

    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'closeServiceProposal', targetId: ids.settledByLeave } });
    expect(audit).toMatchObject({ actorKind: 'system', actorLabel: PROPOSAL_CLOSING_JOB, outcome: 'SUCCESS' });
    expect(audit.after).toMatchObject({ decision: 'APPROVED', yes: 2, members: 4 });
    expect(audit.entityIds).toEqual(expect.arrayContaining([u.bodies[0]!.id, u.bodies[4]!.id]));
  });

  it('just after the end of the closing day (Italian time) the open proposal is rejected, and its votes are frozen', async () => {
    const run = await runAt(occurrenceOn(addDays(closesOn, 1)));
    expect(run?.outcome).toBe('SUCCEEDED');
    const closed = await proposal(ids.closing);
    expect(closed).toMatchObject({ status: 'REJECTED', decisionYesVotes: 1, decisionMembers: 4, serviceId: null });
    expect(closed.decidedAt).toEqual(closingInstant(closesOn));
    const audits = await t.db.prisma.auditEvent.count({ where: { operation: 'closeServiceProposal', targetId: ids.closing } });
    expect(audits).toBe(1);
    const frozen = await api().vote(Buffer.from(`ServiceProposal:${ids.closing}`).toString('base64'), u.bodies[1]!, 'YES');
    expect(frozen.message).toMatch(/rejected on .*: votes are frozen/);
    // a later run decides nothing again
    await runAt(occurrenceOn(addDays(closesOn, 2)));
    expect(await t.db.prisma.auditEvent.count({ where: { operation: 'closeServiceProposal' } })).toBe(3);
  });
});
