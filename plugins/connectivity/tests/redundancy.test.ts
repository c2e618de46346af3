import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';
import { createWorld, type World } from './circuit-fixtures.ts';

const t = useTestApi([inventory, procurement, connectivity]);
let w: World;
type Actor = Parameters<typeof t.api.gql>[2];

const GROUP = `__typename ... on RedundancyGroup { id version name site { name } members { priority circuit { cid } } }
  ... on InputError { issues { path message } } ... on Error { code message }`;
const CREATE = `mutation ($e: ID!, $input: RedundancyGroupInput!) { createRedundancyGroup(entityId: $e, input: $input) { ${GROUP} } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: RedundancyGroupInput!) { updateRedundancyGroup(id: $id, expectedVersion: $v, input: $input) { ${GROUP} } }`;
const MEMBERS = `mutation ($id: ID!, $v: Int!, $members: [RedundancyGroupMemberInput!]!) { setRedundancyGroupMembers(id: $id, expectedVersion: $v, members: $members) { ${GROUP} } }`;

async function gql(query: string, variables: Record<string, unknown>, actor?: Actor) {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
}

const site = (id: string) => toGlobalId('Site', id);

/** A circuit of a body, ending (side A) on one of its sites. */
async function circuit(cid: string, entityId: string, siteId: string | null) {
  const row = await t.db.prisma.circuit.create({
    data: { cid, providerId: w.provider.id, entityId, type: 'INTERNET', technology: 'FTTC', status: 'ACTIVE', installedOn: new Date('2025-01-01'), downloadKbps: 100_000, uploadKbps: 20_000 },
  });
  if (siteId) await t.db.prisma.circuitTermination.create({ data: { circuitId: row.id, side: 'A', siteId } });
  return toGlobalId('Circuit', row.id);
}

let primary: string;
let backup: string;
let third: string;
let atLibrary: string;
let ofBeta: string;

beforeAll(async () => {
  w = await createWorld(t.db);
  primary = await circuit('P-1', w.alfa.id, w.alfa.sites.Municipio!);
  backup = await circuit('B-1', w.alfa.id, w.alfa.sites.Municipio!);
  third = await circuit('T-1', w.alfa.id, w.alfa.sites.Municipio!);
  atLibrary = await circuit('L-1', w.alfa.id, w.alfa.sites.Biblioteca!);
  ofBeta = await circuit('BETA-1', w.beta.id, w.beta.sites.Municipio!);
});

describe('redundancy groups', () => {
  it('are made for a site of their body, with unique names', async () => {
    const foreign = (await gql(CREATE, { e: w.alfa.gid, input: { name: 'Municipio', siteId: site(w.beta.sites.Municipio!) } })).createRedundancyGroup;
    expect(foreign).toMatchObject({ __typename: 'InputError', issues: [{ path: ['input', 'siteId'], message: "is not a site of the group's body" }] });
    const group = (await gql(CREATE, { e: w.alfa.gid, input: { name: 'Municipio', siteId: site(w.alfa.sites.Municipio!) } })).createRedundancyGroup;
    expect(group).toMatchObject({ __typename: 'RedundancyGroup', version: 1, site: { name: 'Municipio' }, members: [] });
    const twice = (await gql(CREATE, { e: w.alfa.gid, input: { name: 'Municipio', siteId: site(w.alfa.sites.Biblioteca!) } })).createRedundancyGroup;
    expect(twice.__typename).toBe('ConflictError');
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'createRedundancyGroup', outcome: 'SUCCESS' } });
    expect(audit).toMatchObject({ targetType: 'RedundancyGroup', entityId: w.alfa.id });
  });

  it("take circuits of their body ending on their site, each priority once, a circuit in one group only", async () => {
    const group = (await gql(CREATE, { e: w.alfa.gid, input: { name: 'Doppia via', siteId: site(w.alfa.sites.Municipio!) } })).createRedundancyGroup;
    const refused = (await gql(MEMBERS, {
      id: group.id,
      v: 1,
      members: [
        { circuitId: primary, priority: 'PRIMARY' },
        { circuitId: atLibrary, priority: 'SECONDARY' },
        { circuitId: ofBeta, priority: 'PRIMARY' },
      ],
    })).setRedundancyGroupMembers;
    expect(refused.__typename).toBe('InputError');
    expect(refused.issues).toEqual([
      { path: ['members', '1', 'circuitId'], message: "does not end (side A) on the group's site" },
      { path: ['members', '2', 'circuitId'], message: "is a circuit of another body than the group's" },
      { path: ['members', '2', 'priority'], message: 'PRIMARY is given to two circuits' },
    ]);
    // Three priorities: a fourth circuit is refused outright.
    const four = (await gql(MEMBERS, { id: group.id, v: 1, members: [primary, backup, third, atLibrary].map((circuitId) => ({ circuitId, priority: 'PRIMARY' })) }))
      .setRedundancyGroupMembers;
    expect(four.__typename).toBe('InputError');
    expect(await t.db.prisma.redundancyGroupMember.count()).toBe(0);

    const set = (await gql(MEMBERS, { id: group.id, v: 1, members: [{ circuitId: backup, priority: 'SECONDARY' }, { circuitId: primary, priority: 'PRIMARY' }] }))
      .setRedundancyGroupMembers;
    expect(set).toMatchObject({ version: 2, members: [{ priority: 'PRIMARY', circuit: { cid: 'P-1' } }, { priority: 'SECONDARY', circuit: { cid: 'B-1' } }] });
    const stale = (await gql(MEMBERS, { id: group.id, v: 1, members: [] })).setRedundancyGroupMembers;
    expect(stale.__typename).toBe('StaleVersionError');

    // A circuit already in a group cannot join another.
    const other = (await gql(CREATE, { e: w.alfa.gid, input: { name: 'Altro gruppo', siteId: site(w.alfa.sites.Municipio!) } })).createRedundancyGroup;
    const taken = (await gql(MEMBERS, { id: other.id, v: 1, members: [{ circuitId: primary, priority: 'PRIMARY' }, { circuitId: third, priority: 'SECONDARY' }] }))
      .setRedundancyGroupMembers;
    expect(taken).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', message: expect.stringMatching(/1 circuit\(s\) already belong/) });

    // The circuit shows its group and priority.
    const read = await gql('query ($id: ID!) { node(id: $id) { ... on Circuit { redundancy { priority group { name } } } } }', { id: backup });
    expect(read.node.redundancy).toEqual({ priority: 'SECONDARY', group: { name: 'Doppia via' } });

    // Moving the group to another site is refused while its members end elsewhere.
    const moved = (await gql(UPDATE, { id: group.id, v: 2, input: { name: 'Doppia via', siteId: site(w.alfa.sites.Biblioteca!) } })).updateRedundancyGroup;
    expect(moved.issues[0]).toMatchObject({ path: ['input', 'siteId'], message: expect.stringMatching(/do not end/) });
    const renamed = (await gql(UPDATE, { id: group.id, v: 2, input: { name: 'Municipio principale', siteId: site(w.alfa.sites.Municipio!) } })).updateRedundancyGroup;
    expect(renamed).toMatchObject({ name: 'Municipio principale', version: 3 });
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'setRedundancyGroupMembers', outcome: 'SUCCESS' } });
    const raw = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1];
    expect(audit).toMatchObject({ entityId: w.alfa.id, before: { PRIMARY: null, SECONDARY: null }, after: { PRIMARY: raw(primary), SECONDARY: raw(backup), TERTIARY: null } });
  });

  it("are hidden from and closed to another body's referent and staff", async () => {
    const group = (await gql(CREATE, { e: w.beta.gid, input: { name: 'Beta', siteId: site(w.beta.sites.Municipio!) } })).createRedundancyGroup;
    const referent = actorForRoles(t.api.composed, 'referent-alfa', [{ role: 'REFERENT', entityId: w.alfa.id }]);
    const staffAlfa = actorForRoles(t.api.composed, 'staff-alfa', [{ role: 'ICT_STAFF', entityId: w.alfa.id }]);
    const read = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on RedundancyGroup { name } } }', { id: group.id }, referent);
    expect(read.body.data?.node ?? null).toBeNull();
    const viaEntity = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on Entity { redundancyGroups { name } } } }', { id: w.beta.gid }, referent);
    expect(JSON.stringify(viaEntity.body)).not.toContain('"Beta"');
    const change = await t.api.gql(MEMBERS, { id: group.id, v: 1, members: [{ circuitId: ofBeta, priority: 'PRIMARY' }] }, staffAlfa);
    expect(change.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const create = await t.api.gql(CREATE, { e: w.beta.gid, input: { name: 'Intruso', siteId: site(w.beta.sites.Municipio!) } }, staffAlfa);
    expect(create.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await t.db.prisma.redundancyGroupMember.count({ where: { groupId: Buffer.from(group.id, 'base64').toString().split(':')[1] } })).toBe(0);
  });
});
