import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { createActor } from '@gea/test-kit/users.ts';
import webHosting from '../src/index.ts';
import { seedServiceProposals } from '../src/seed/proposals.ts';
import { createUnion, type Union } from './proposals-fixtures.ts';

const t = useTestApi([webHosting]);

const SERVICE = `__typename ... on OnlineService { id name description category { key label labelEn } offerings { entity { id name } since url } }
  ... on InputError { issues { path code } } ... on ConflictError { message } ... on NotFoundError { message }`;
const CREATE = `mutation ($a: ID!, $input: OnlineServiceInput!) { createOnlineService(associationId: $a, input: $input) { ${SERVICE} } }`;
const SET = `mutation ($s: ID!, $e: ID!, $since: Date!, $url: String) { setServiceOffering(serviceId: $s, entityId: $e, since: $since, url: $url) { ${SERVICE.replace(' ... on ConflictError { message }', '')} } }`;
const REMOVE = `mutation ($s: ID!, $e: ID!) { removeServiceOffering(serviceId: $s, entityId: $e) { __typename ... on OnlineService { offerings { entity { name } } } ... on NotFoundError { message } } }`;
const CATALOGUE = `{ onlineServices { name category { key label } offerings { entity { name } since url } proposal { title status } } }`;

let u: Union;
let staff: Awaited<ReturnType<typeof createActor>>;
beforeAll(async () => {
  u = await createUnion(t.db, t.api, 3, 'K');
  staff = await createActor(t.db, t.api.composed, 'tecnico', [{ role: 'ICT_STAFF', entityId: null }]);
});

describe('the online services catalogue', () => {
  it('the ICT office records a service and which body offers it since when, at which address; every reader sees the matrix', async () => {
    const created = (await t.api.gql(CREATE, { a: u.associationGid, input: { name: 'Pagamenti pagoPA', description: 'Avvisi e pagamenti', category: 'tributi-finanze-e-contravvenzioni' } }, staff)).body
      .data!.createOnlineService;
    expect(created).toMatchObject({
      __typename: 'OnlineService',
      category: { key: 'tributi-finanze-e-contravvenzioni', label: 'Tributi, finanze e contravvenzioni', labelEn: 'Taxes, finance and fines' },
      offerings: [],
    });
    const [a, b, c] = u.bodies;
    await t.api.gql(SET, { s: created.id, e: b!.gid, since: '2024-05-01', url: 'https://pagopa.comune.example.it' }, staff);
    const set = (await t.api.gql(SET, { s: created.id, e: a!.gid, since: '2023-01-10' }, staff)).body.data!.setServiceOffering;
    expect(set.offerings).toEqual([
      { entity: { id: a!.gid, name: a!.name }, since: '2023-01-10', url: null },
      { entity: { id: b!.gid, name: b!.name }, since: '2024-05-01', url: 'https://pagopa.comune.example.it' },
    ]);
    // changing it replaces what was recorded
    const changed = (await t.api.gql(SET, { s: created.id, e: a!.gid, since: '2023-02-01', url: 'https://a.example.it/pagopa' }, staff)).body.data!.setServiceOffering;
    expect(changed.offerings[0]).toMatchObject({ since: '2023-02-01', url: 'https://a.example.it/pagopa' });

    // a referent of C reads the whole catalogue, offerings of other bodies included
    const read = await t.api.gql(CATALOGUE, {}, c!.referent);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.onlineServices).toEqual([
      {
        name: 'Pagamenti pagoPA',
        category: { key: 'tributi-finanze-e-contravvenzioni', label: 'Tributi, finanze e contravvenzioni' },
        offerings: [
          { entity: { name: a!.name }, since: '2023-02-01', url: 'https://a.example.it/pagopa' },
          { entity: { name: b!.name }, since: '2024-05-01', url: 'https://pagopa.comune.example.it' },
        ],
        proposal: null,
      },
    ]);
    const removed = (await t.api.gql(REMOVE, { s: created.id, e: b!.gid }, staff)).body.data!.removeServiceOffering;
    expect(removed.offerings).toEqual([{ entity: { name: a!.name } }]);
    expect((await t.api.gql(REMOVE, { s: created.id, e: b!.gid }, staff)).body.data!.removeServiceOffering.__typename).toBe('NotFoundError');
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'setServiceOffering', outcome: 'SUCCESS' }, orderBy: { at: 'desc' } });
    expect(audit.entityIds).toEqual([a!.id]);
  });

  it('referents cannot record offerings, not even for their own body; bad input is named field by field', async () => {
    const [a] = u.bodies;
    const service = await t.db.prisma.onlineService.create({ data: { associationId: u.associationId, name: 'Servizio di prova', category: 'turismo' } });
    const gid = Buffer.from(`OnlineService:${service.id}`).toString('base64');
    const refused = await t.api.gql(SET, { s: gid, e: a!.gid, since: '2024-01-01' }, a!.referent);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badUrl = (await t.api.gql(SET, { s: gid, e: a!.gid, since: '2024-01-01', url: 'ftp://x' }, staff)).body.data!.setServiceOffering;
    expect(badUrl).toMatchObject({ __typename: 'InputError', issues: [{ path: ['url'] }] });
    const bad = (await t.api.gql(CREATE, { a: u.associationGid, input: { name: 'x', category: 'nessuna' } }, staff)).body.data!.createOnlineService;
    expect(bad.issues.map((issue: { path: string[] }) => issue.path.join('.')).sort()).toEqual(['input.category', 'input.name']);
    const duplicate = (await t.api.gql(CREATE, { a: u.associationGid, input: { name: 'Servizio di prova', category: 'turismo' } }, staff)).body.data!
      .createOnlineService;
    expect(duplicate.__typename).toBe('ConflictError');
    const byReferent = await t.api.gql(CREATE, { a: u.associationGid, input: { name: 'Altro servizio', category: 'turismo' } }, a!.referent);
    expect(byReferent.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the demo seed: an approved proposal with its service offered by every member, and an open one with some votes', async () => {
    // a union like the demo one: seven municipalities with referents, and an ICT head
    const demo = await createUnion(t.db, t.api, 7, 'Demo');
    for (const body of demo.bodies) {
      const user = await t.db.prisma.user.findFirstOrThrow({ where: { roles: { some: { entityId: body.id } } } });
      await t.db.prisma.entity.update({ where: { id: body.id }, data: { referentId: user.id } });
    }
    // only the demo union is a UNION for the seed to find
    await t.db.prisma.association.updateMany({ where: { id: { not: demo.associationId } }, data: { kind: 'CONVENTION' } });
    const seeded = await seedServiceProposals(t.db.prisma);
    expect(seeded).not.toBeNull();
    const approved = await t.db.prisma.serviceProposal.findUniqueOrThrow({ where: { id: seeded!.approved }, include: { service: { include: { offerings: true } }, votes: true } });
    expect(approved).toMatchObject({ status: 'APPROVED', decisionYesVotes: 4, decisionMembers: 7 });
    expect(approved.service!.offerings).toHaveLength(7);
    const open = await t.db.prisma.serviceProposal.findUniqueOrThrow({ where: { id: seeded!.open }, include: { votes: true } });
    expect(open.status).toBe('OPEN');
    expect(open.votes.length).toBeGreaterThan(0);
    const board = await t.api.gql(`{ serviceProposals(status: OPEN) { title tally { yes no members needed } } }`, {}, demo.bodies[0]!.referent);
    expect(board.body.data!.serviceProposals).toEqual([{ title: 'Pagamento online delle mense scolastiche con pagoPA', tally: { yes: 2, no: 1, members: 7, needed: 4 } }]);
    // seeding again adds nothing
    expect(await seedServiceProposals(t.db.prisma)).toBeNull();
  });
});
