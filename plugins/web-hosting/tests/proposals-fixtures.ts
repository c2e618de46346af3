// A small union for the proposal tests: bodies with a referent each, members from a day, and the
// helpers to propose and vote through the API as real users.
import { calendarDayInItaly, type Actor } from '@gea/core';
import type { Database } from '@gea/db';
import type { TestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { createActor } from '@gea/test-kit/users.ts';

export interface Body {
  id: string;
  gid: string;
  name: string;
  referent: Actor;
}

export interface Union {
  associationId: string;
  associationGid: string;
  bodies: Body[];
}

export const today = () => calendarDayInItaly(new Date());
export const addDays = (day: Date, n: number) => new Date(day.getTime() + n * 86_400_000);
export const iso = (day: Date) => day.toISOString().slice(0, 10);

let unions = 0;

/** A union of `count` bodies, members since 2020, each with its referent; the module on for all. */
export async function createUnion(db: Database, api: TestApi, count: number, prefix: string): Promise<Union> {
  const n = ++unions;
  const bodies: Body[] = [];
  for (let i = 0; i < count; i++) bodies.push(await addBody(db, api, `Comune ${prefix}${n}-${i + 1}`));
  const association = await db.prisma.association.create({
    data: {
      kind: 'UNION',
      name: `Unione ${prefix}${n}`,
      leadEntityId: bodies[0]!.id,
      startDate: new Date('2020-01-01'),
      members: { create: bodies.map((body) => ({ entityId: body.id, joinedOn: new Date('2020-01-01') })) },
    },
  });
  return { associationId: association.id, associationGid: toGlobalId('Association', association.id), bodies };
}

/** A body with its referent, not yet a member of anything. */
export async function addBody(db: Database, api: TestApi, name: string): Promise<Body> {
  const entity = await db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
  await enableModules(db, [entity.id], ['web-hosting']);
  const referent = await createActor(db, api.composed, `ref-${name.replace(/\W+/g, '-').toLowerCase()}`, [{ role: 'REFERENT', entityId: entity.id }]);
  return { id: entity.id, gid: toGlobalId('Entity', entity.id), name, referent };
}

export const PROPOSAL_FIELDS = `id title status decidedAt decisionYesVotes decisionMembers closesOn version
  proposedBy { id name } proposer category { key label }
  service { id name offerings { entity { id name } since } }
  votes { entity { id name } choice votedBy note }
  tally { yes no members needed missing { id name } }
  canVoteFor { id } canWithdraw`;
const RESULT = `__typename ... on ServiceProposal { ${PROPOSAL_FIELDS} }
  ... on InputError { issues { path message code } } ... on ConflictError { message } ... on NotFoundError { message }`;

export const PROPOSE = `mutation ($e: ID!, $input: ServiceProposalInput!) { proposeOnlineService(entityId: $e, input: $input) { ${RESULT} } }`;
export const VOTE = `mutation ($p: ID!, $e: ID!, $c: VoteChoice!, $note: String) { voteOnServiceProposal(proposalId: $p, entityId: $e, choice: $c, note: $note) { ${RESULT} } }`;
export const WITHDRAW = `mutation ($p: ID!, $v: Int) { withdrawServiceProposal(proposalId: $p, expectedVersion: $v) { ${RESULT.replace(' ... on InputError { issues { path message code } }', '')} ... on StaleVersionError { message } } }`;

export function proposalApi(api: TestApi) {
  const data = async (query: string, variables: Record<string, unknown>, actor: Actor) => {
    const response = await api.gql(query, variables, actor);
    if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
    return response.body.data!;
  };
  return {
    async propose(body: Body, title: string, extra: Record<string, unknown> = {}, actor: Actor = body.referent) {
      const result = (await data(PROPOSE, { e: body.gid, input: { title, description: `Descrizione di ${title}`, category: 'anagrafe-e-stato-civile', ...extra } }, actor))
        .proposeOnlineService;
      return result;
    },
    async vote(proposalId: string, body: Body, choice: 'YES' | 'NO', actor: Actor = body.referent, note?: string) {
      return (await data(VOTE, { p: proposalId, e: body.gid, c: choice, note }, actor)).voteOnServiceProposal;
    },
    raw: (query: string, variables: Record<string, unknown>, actor: Actor) => api.gql(query, variables, actor),
  };
}
