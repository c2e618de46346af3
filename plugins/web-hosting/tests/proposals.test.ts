import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { actorForRoles, createActor } from '@gea/test-kit/users.ts';
import webHosting from '../src/index.ts';
import { addBody, addDays, createUnion, iso, proposalApi, today, VOTE, WITHDRAW, type Union } from './proposals-fixtures.ts';

const t = useTestApi([webHosting]);
const api = () => proposalApi(t.api);
const lastAudit = (operation: string, targetId: string) =>
  t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation, targetId, outcome: 'SUCCESS' }, orderBy: { at: 'desc' } });
const rawId = (gid: string) => Buffer.from(gid, 'base64').toString('utf8').split(':')[1]!;

let seven: Union;
beforeAll(async () => {
  seven = await createUnion(t.db, t.api, 7, 'S');
});

describe('the half-of-the-bodies rule through the API (art. 11.4)', () => {
  it('7 bodies: 3 yes stay open, the 4th yes approves; the service is offered by all seven and the decision is audited', async () => {
    const [a, b, c, d] = seven.bodies;
    const p = await api().propose(a!, 'Certificati anagrafici online');
    expect(p.__typename).toBe('ServiceProposal');
    expect(p).toMatchObject({ status: 'OPEN', proposedBy: { name: a!.name }, proposer: expect.stringMatching(/^ref-/), tally: { yes: 0, members: 7, needed: 4 } });
    expect(p.tally.missing).toHaveLength(7);
    expect(p.canVoteFor).toEqual([{ id: a!.gid }]);
    expect(p.canWithdraw).toBe(true);
    for (const body of [a, b, c]) expect((await api().vote(p.id, body!, 'YES')).status).toBe('OPEN');
    const three = await api().vote(p.id, seven.bodies[4]!, 'NO', undefined, 'Non ci serve');
    expect(three.tally).toMatchObject({ yes: 3, no: 1, members: 7, needed: 4 });
    expect(three.tally.missing.map((m: { name: string }) => m.name)).toEqual(seven.bodies.slice(3).filter((_, i) => i !== 1).map((m) => m.name));

    const approved = await api().vote(p.id, d!, 'YES');
    expect(approved).toMatchObject({ status: 'APPROVED', decisionYesVotes: 4, decisionMembers: 7, canVoteFor: [], canWithdraw: false });
    expect(approved.decidedAt).toBeTruthy();
    expect(approved.service.name).toBe('Certificati anagrafici online');
    expect(approved.service.offerings).toHaveLength(7);
    expect(new Set(approved.service.offerings.map((o: { since: string }) => o.since))).toEqual(new Set([iso(today())]));
    expect(approved.votes.find((v: { entity: { name: string } }) => v.entity.name === seven.bodies[4]!.name)).toMatchObject({ choice: 'NO', note: 'Non ci serve' });

    const audit = await lastAudit('voteOnServiceProposal', rawId(p.id));
    expect(audit.after).toMatchObject({ decision: 'APPROVED', yes: 4, members: 7, choice: 'YES' });
    expect(new Set(audit.entityIds)).toEqual(new Set(seven.bodies.map((body) => body.id)));
    const stored = await t.db.prisma.serviceProposal.findUniqueOrThrow({ where: { id: rawId(p.id) } });
    expect(stored).toMatchObject({ status: 'APPROVED', decisionYesVotes: 4, decisionMembers: 7 });
    expect(stored.serviceId).toBe(rawId(approved.service.id));
  });

  it('votes are frozen once decided: a clear error, nothing written', async () => {
    const [a, b, c, d, e] = seven.bodies;
    const p = await api().propose(a!, 'Iscrizione asilo nido online');
    for (const body of [a, b, c, d]) await api().vote(p.id, body!, 'YES');
    const late = await api().vote(p.id, e!, 'YES');
    expect(late.__typename).toBe('ConflictError');
    expect(late.message).toMatch(/approved on \d{4}-\d{2}-\d{2}: votes are frozen/);
    const changed = await api().vote(p.id, a!, 'NO');
    expect(changed.__typename).toBe('ConflictError');
    expect(await t.db.prisma.serviceProposalVote.count({ where: { proposalId: rawId(p.id) } })).toBe(4);
    expect((await t.db.prisma.serviceProposalVote.findFirstOrThrow({ where: { proposalId: rawId(p.id), entityId: a!.id } })).choice).toBe('YES');
    // the DB refuses an approval below half too
    await expect(t.db.prisma.serviceProposal.update({ where: { id: rawId(p.id) }, data: { decisionYesVotes: 3 } })).rejects.toThrow();
  });

  it('3 of 7 with every other body saying no is rejected at the last vote; a body may change its vote before', async () => {
    const [a] = seven.bodies;
    const p = await api().propose(a!, 'Sportello tributi online');
    expect((await api().vote(p.id, seven.bodies[6]!, 'YES')).tally.yes).toBe(1);
    expect((await api().vote(p.id, seven.bodies[6]!, 'NO')).tally).toMatchObject({ yes: 0, no: 1 });
    for (const body of seven.bodies.slice(0, 3)) await api().vote(p.id, body, 'YES');
    for (const body of seven.bodies.slice(3, 5)) await api().vote(p.id, body, 'NO');
    const last = await api().vote(p.id, seven.bodies[5]!, 'NO');
    expect(last).toMatchObject({ status: 'REJECTED', decisionYesVotes: 3, decisionMembers: 7, service: null });
    expect(await t.db.prisma.onlineService.count({ where: { name: 'Sportello tributi online' } })).toBe(0);
  });

  it('even counts: 2 of 4 and 1 of 2 approve, 1 of 4 does not', async () => {
    const four = await createUnion(t.db, t.api, 4, 'Q');
    const p = await api().propose(four.bodies[0]!, 'Servizio per quattro');
    expect((await api().vote(p.id, four.bodies[0]!, 'YES')).status).toBe('OPEN');
    expect(await api().vote(p.id, four.bodies[1]!, 'YES')).toMatchObject({ status: 'APPROVED', decisionYesVotes: 2, decisionMembers: 4 });

    const two = await createUnion(t.db, t.api, 2, 'D');
    const q = await api().propose(two.bodies[1]!, 'Servizio per due');
    expect(await api().vote(q.id, two.bodies[0]!, 'YES')).toMatchObject({ status: 'APPROVED', decisionYesVotes: 1, decisionMembers: 2 });
    expect((await api().vote(q.id, two.bodies[1]!, 'NO')).__typename).toBe('ConflictError');
  });

  it('a body that joins after the proposal opened counts from its joinedOn, and may vote', async () => {
    const u = await createUnion(t.db, t.api, 4, 'J');
    const p = await api().propose(u.bodies[0]!, 'Servizio con nuovi soci');
    await api().vote(p.id, u.bodies[0]!, 'YES');
    const e = await addBody(t.db, t.api, 'Comune Nuovo Socio E');
    const f = await addBody(t.db, t.api, 'Comune Nuovo Socio F');
    const g = await addBody(t.db, t.api, 'Comune Futuro Socio G');
    await t.db.prisma.associationMember.createMany({
      data: [
        { associationId: u.associationId, entityId: e.id, joinedOn: today() },
        { associationId: u.associationId, entityId: f.id, joinedOn: addDays(today(), -1) },
        // joins tomorrow: not yet a member
        { associationId: u.associationId, entityId: g.id, joinedOn: addDays(today(), 1) },
      ],
    });
    // 2 of 4 would approve; 2 of 6 does not
    const two = await api().vote(p.id, u.bodies[1]!, 'YES');
    expect(two).toMatchObject({ status: 'OPEN', tally: { yes: 2, members: 6, needed: 3 } });
    const early = await api().vote(p.id, g, 'YES');
    expect(early.__typename).toBe('InputError');
    expect(early.issues[0]).toMatchObject({ path: ['entityId'] });
    const joined = await api().vote(p.id, e, 'YES');
    expect(joined).toMatchObject({ status: 'APPROVED', decisionYesVotes: 3, decisionMembers: 6 });
    expect(joined.service.offerings.map((o: { entity: { name: string } }) => o.entity.name)).toContain('Comune Nuovo Socio E');
    expect(joined.service.offerings.map((o: { entity: { name: string } }) => o.entity.name)).not.toContain('Comune Futuro Socio G');
  });

  it('a body that leaves after voting yes counts neither above nor below the line, and has no vote any more', async () => {
    const u = await createUnion(t.db, t.api, 5, 'L');
    const [a, b, c] = u.bodies;
    const p = await api().propose(c!, 'Servizio con un socio uscente');
    await api().vote(p.id, a!, 'YES');
    expect((await api().vote(p.id, b!, 'YES')).tally).toMatchObject({ yes: 2, members: 5, needed: 3 });
    await t.db.prisma.associationMember.updateMany({ where: { associationId: u.associationId, entityId: a!.id }, data: { leftOn: today() } });
    const read = await api().raw(`query ($id: ID!) { node(id: $id) { ... on ServiceProposal { tally { yes members needed } votes { entity { name } } } } }`, { id: p.id }, b!.referent);
    expect(read.body.data!.node.tally).toEqual({ yes: 1, members: 4, needed: 2 });
    // the vote stays on the record
    expect(read.body.data!.node.votes).toHaveLength(2);
    const gone = await api().vote(p.id, a!, 'NO');
    expect(gone.__typename).toBe('InputError');
    const approved = await api().vote(p.id, c!, 'YES');
    expect(approved).toMatchObject({ status: 'APPROVED', decisionYesVotes: 2, decisionMembers: 4 });
    expect(approved.service.offerings.map((o: { entity: { id: string } }) => o.entity.id)).not.toContain(a!.gid);
  });
});

describe('who may propose, vote and withdraw', () => {
  it("a referent of body A cannot vote or propose for body B; the ICT head may vote for any body; a staff member for none", async () => {
    const [a, b, c] = seven.bodies;
    const p = await api().propose(a!, 'Servizio dei permessi');
    const forB = await t.api.gql(VOTE, { p: p.id, e: b!.gid, c: 'YES' }, a!.referent);
    expect(forB.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const proposeForB = await t.api.gql(
      `mutation ($e: ID!) { proposeOnlineService(entityId: $e, input: { title: "Altro", description: "x", category: "turismo" }) { __typename } }`,
      { e: b!.gid },
      a!.referent,
    );
    expect(proposeForB.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const staff = await createActor(t.db, t.api.composed, 'tecnico', [{ role: 'ICT_STAFF', entityId: null }]);
    expect((await t.api.gql(VOTE, { p: p.id, e: c!.gid, c: 'YES' }, staff)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.db.prisma.serviceProposalVote.count({ where: { proposalId: rawId(p.id) } })).toBe(0);

    const head = await createActor(t.db, t.api.composed, 'responsabile', [{ role: 'ICT_HEAD', entityId: null }]);
    const byHead = await api().vote(p.id, c!, 'YES', head);
    expect(byHead.votes).toEqual([{ entity: { id: c!.gid, name: c!.name }, choice: 'YES', votedBy: expect.stringMatching(/^responsabile/), note: null }]);
    expect(byHead.canVoteFor).toHaveLength(7);
  });

  it("every reader sees every member body's vote; a reader of another association sees none of it", async () => {
    const [a, b] = seven.bodies;
    const p = await api().propose(a!, 'Servizio visibile');
    await api().vote(p.id, a!, 'YES');
    const board = await createActor(t.db, t.api.composed, 'giunta', [{ role: 'BOARD_MEMBER', entityId: null }]);
    const editorOfB = await createActor(t.db, t.api.composed, 'redattore', [{ role: 'WEB_EDITOR', entityId: b!.id }]);
    for (const reader of [board, editorOfB]) {
      const read = await t.api.gql(`{ serviceProposals(status: OPEN) { title votes { entity { name } choice } } }`, {}, reader);
      expect(read.body.errors).toBeUndefined();
      const mine = read.body.data!.serviceProposals.find((row: { title: string }) => row.title === 'Servizio visibile');
      expect(mine.votes).toEqual([{ entity: { name: a!.name }, choice: 'YES' }]);
    }
    const other = await createUnion(t.db, t.api, 2, 'X');
    const outsider = other.bodies[0]!.referent;
    const read = await t.api.gql(`{ serviceProposals { title } }`, {}, outsider);
    expect(read.body.data!.serviceProposals.map((row: { title: string }) => row.title)).not.toContain('Servizio visibile');
    const anonymous = await t.api.gql(`{ serviceProposals { title } }`, {}, actorForRoles(t.api.composed, 'nessuno', []));
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the proposing body may withdraw while open, nobody else; a withdrawn proposal takes no votes', async () => {
    const [a, b] = seven.bodies;
    const p = await api().propose(a!, 'Servizio ritirato');
    const byB = await t.api.gql(WITHDRAW, { p: p.id }, b!.referent);
    expect(byB.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stale = (await t.api.gql(WITHDRAW, { p: p.id, v: p.version + 5 }, a!.referent)).body.data!.withdrawServiceProposal;
    expect(stale.__typename).toBe('StaleVersionError');
    const withdrawn = (await t.api.gql(WITHDRAW, { p: p.id, v: p.version }, a!.referent)).body.data!.withdrawServiceProposal;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', decidedAt: null, canWithdraw: false });
    expect((await api().vote(p.id, b!, 'YES')).message).toMatch(/withdrawn/);
    expect((await t.api.gql(WITHDRAW, { p: p.id }, a!.referent)).body.data!.withdrawServiceProposal.__typename).toBe('ConflictError');
    expect((await lastAudit('withdrawServiceProposal', rawId(p.id))).entityIds).toContain(b!.id);
  });

  it('bad input: each field named; a duplicate title is refused', async () => {
    const [a] = seven.bodies;
    const bad = await t.api.gql(
      `mutation ($e: ID!) { proposeOnlineService(entityId: $e, input: { title: "x", description: "", category: "nessuna", closesOn: "2001-01-01" }) {
        __typename ... on InputError { issues { path code } } } }`,
      { e: a!.gid },
      a!.referent,
    );
    const issues = bad.body.data!.proposeOnlineService.issues.map((issue: { path: string[] }) => issue.path.join('.'));
    expect(issues).toEqual(expect.arrayContaining(['input.title', 'input.description', 'input.category']));
    const closed = await api().raw(
      `mutation ($e: ID!) { proposeOnlineService(entityId: $e, input: { title: "Chiusa ieri", description: "x", category: "turismo", closesOn: "${iso(addDays(today(), -1))}" }) {
        __typename ... on InputError { issues { path code } } } }`,
      { e: a!.gid },
      a!.referent,
    );
    expect(closed.body.data!.proposeOnlineService.issues).toEqual([{ path: ['input', 'closesOn'], code: 'INVALID_DATE' }]);
    await api().propose(a!, 'Titolo unico');
    const again = (await api().raw(
      `mutation ($e: ID!) { proposeOnlineService(entityId: $e, input: { title: "titolo UNICO", description: "x", category: "turismo" }) { __typename ... on ConflictError { message } } }`,
      { e: a!.gid },
      a!.referent,
    )).body.data!.proposeOnlineService;
    expect(again).toEqual({ __typename: 'ConflictError', message: 'a proposal "titolo UNICO" is already open' });
    const loner = await addBody(t.db, t.api, 'Comune Non Associato');
    const outside = (await api().raw(
      `mutation ($e: ID!) { proposeOnlineService(entityId: $e, input: { title: "Da solo", description: "x", category: "turismo" }) { __typename ... on InputError { issues { path } } } }`,
      { e: loner.gid },
      loner.referent,
    )).body.data!.proposeOnlineService;
    expect(outside).toEqual({ __typename: 'InputError', issues: [{ path: ['entityId'] }] });
  });
});

describe('concurrent votes', () => {
  it('two votes at once neither both miss nor both take the decision', async () => {
    // Several proposals at 2 yes of 7: two more yes votes arrive together on each. Without the row
    // lock each would count 3 and leave it open; the second must count the first and approve.
    const proposals = [];
    for (let i = 0; i < 4; i++) {
      const p = await api().propose(seven.bodies[0]!, `Servizio concorrente ${i}`);
      await api().vote(p.id, seven.bodies[0]!, 'YES');
      await api().vote(p.id, seven.bodies[1]!, 'YES');
      proposals.push(p);
    }
    await Promise.all(proposals.flatMap((p) => [api().vote(p.id, seven.bodies[2]!, 'YES'), api().vote(p.id, seven.bodies[3]!, 'YES')]));
    for (const p of proposals) {
      const stored = await t.db.prisma.serviceProposal.findUniqueOrThrow({ where: { id: rawId(p.id) }, include: { votes: true } });
      expect(stored).toMatchObject({ status: 'APPROVED', decisionYesVotes: 4, decisionMembers: 7 });
      expect(stored.votes).toHaveLength(4);
      expect(await t.db.prisma.onlineService.count({ where: { name: p.title } })).toBe(1);
    }

    // At 3 yes, two more together: one approves, the other finds the votes frozen; one service.
    const p = await api().propose(seven.bodies[0]!, 'Servizio conteso');
    for (const body of seven.bodies.slice(0, 3)) await api().vote(p.id, body, 'YES');
    const results = await Promise.all([api().vote(p.id, seven.bodies[3]!, 'YES'), api().vote(p.id, seven.bodies[4]!, 'YES')]);
    expect(results.map((r) => r.__typename).sort()).toEqual(['ConflictError', 'ServiceProposal']);
    const stored = await t.db.prisma.serviceProposal.findUniqueOrThrow({ where: { id: rawId(p.id) }, include: { votes: true } });
    expect(stored).toMatchObject({ status: 'APPROVED', decisionYesVotes: 4 });
    expect(stored.votes).toHaveLength(4);
    expect(await t.db.prisma.onlineService.count({ where: { name: 'Servizio conteso' } })).toBe(1);
  });
});
