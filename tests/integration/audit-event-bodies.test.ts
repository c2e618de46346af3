// An audit event is listed under every body it concerns (a contract for two bodies: under both), and
// a referent reads the events of their own body only.
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory, procurement]);

const CREATE_CONTRACT = `mutation ($input: ContractInput!) {
  createContract(input: $input) { __typename ... on Contract { id version } }
}`;
const UPDATE_CONTRACT = `mutation ($id: ID!, $v: Int!, $input: ContractInput!) {
  updateContract(id: $id, expectedVersion: $v, input: $input) { __typename }
}`;
const AUDIT = `query ($filter: AuditFilter) {
  auditEvents(first: 50, filter: $filter) { edges { node { operation entityId entityIds outcome } } }
}`;

type Body = { id: string; gid: string };
let first: Body;
let second: Body;
let third: Body;
/** Its global id. */
let contractId: string;
let contractInput: Record<string, unknown>;

const eventsOf = async (filter: Record<string, unknown> | null, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(AUDIT, { filter }, actor);
  expect(response.body.errors).toBeUndefined();
  return (response.body.data!.auditEvents.edges as { node: { operation: string; entityId: string | null; entityIds: string[] } }[]).map((edge) => edge.node);
};

beforeAll(async () => {
  const make = async (name: string) => {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
    await enableModules(t.db, [entity.id], ['inventory', 'procurement']);
    return { id: entity.id, gid: toGlobalId('Entity', entity.id) };
  };
  first = await make('Comune Uno');
  second = await make('Comune Due');
  third = await make('Comune Tre');
  const supplier = await t.api.gql('mutation { createSupplier(input: { name: "Fornitore Due Enti" }) { ... on Supplier { id } } }');
  contractInput = {
    kind: 'MAINTENANCE',
    subject: 'Assistenza per due enti',
    supplierId: supplier.body.data!.createSupplier.id,
    contractingEntityId: first.gid,
    entityIds: [first.gid, second.gid],
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    valueCents: 120_000,
  };
  const created = await t.api.gql(CREATE_CONTRACT, { input: contractInput });
  expect(created.body.data!.createContract.__typename).toBe('Contract');
  contractId = created.body.data!.createContract.id;
});

describe('every audit event under each body it concerns', () => {
  it('a contract for two bodies is recorded for both, and for no third body', async () => {
    const record = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'createContract', outcome: 'SUCCESS' }, orderBy: { id: 'desc' } });
    expect([...record.entityIds].sort()).toEqual([first.id, second.id].sort());
    expect((await eventsOf({ entityId: first.gid })).map((event) => event.operation)).toContain('createContract');
    expect((await eventsOf({ entityId: second.gid })).map((event) => event.operation)).toContain('createContract');
    expect((await eventsOf({ entityId: third.gid })).map((event) => event.operation)).not.toContain('createContract');
  });

  it('a change that drops a body stays under the body it served before', async () => {
    const version = (await t.db.prisma.contract.findFirstOrThrow({ where: { subject: 'Assistenza per due enti' } })).version;
    const response = await t.api.gql(UPDATE_CONTRACT, { id: contractId, v: version, input: { ...contractInput, entityIds: [first.gid] } });
    expect(response.body.data!.updateContract.__typename).toBe('Contract');
    expect((await eventsOf({ entityId: second.gid })).map((event) => event.operation)).toContain('updateContract');
    expect((await eventsOf({ entityId: third.gid })).map((event) => event.operation)).not.toContain('updateContract');
  });

  it('a record naming one body by its arguments (entityId) is under that body', async () => {
    await t.api.gql('mutation ($id: ID!) { createAsset(input: { entityId: $id, kind: LAPTOP, inventoryTag: "TRE-1" }) { __typename } }', { id: third.gid });
    const record = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'createAsset' }, orderBy: { id: 'desc' } });
    expect(record.entityIds).toEqual([third.id]);
    expect(record.entityId).toBe(third.id);
  });
});

describe('a referent reads the trail of their own body only', () => {
  it('the referent of a third body does not see the two-body contract, a referent of one of its bodies does', async () => {
    const outsider = actorForRoles(t.api.composed, 'referente-tre', [{ role: 'REFERENT', entityId: third.id }]);
    const events = await eventsOf(null, outsider);
    expect(events.map((event) => event.operation)).not.toContain('createContract');
    expect(events.every((event) => event.entityIds.includes(third.id))).toBe(true);
    expect(events.map((event) => event.operation)).toContain('createAsset');
    // Asking for another body's events does not widen the scope.
    expect(await eventsOf({ entityId: first.gid }, outsider)).toEqual([]);
    // Nor asking for the event by its id.
    const record = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'createContract', outcome: 'SUCCESS' } });
    const byId = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on AuditEvent { operation } } }', { id: toGlobalId('AuditEvent', record.id) }, outsider);
    expect(byId.body.data?.node ?? null).toBeNull();
    const byInsider = await t.api.gql(
      'query ($id: ID!) { node(id: $id) { ... on AuditEvent { operation } } }',
      { id: toGlobalId('AuditEvent', record.id) },
      actorForRoles(t.api.composed, 'referente-uno', [{ role: 'REFERENT', entityId: first.id }]),
    );
    expect(byInsider.body.data!.node).toEqual({ operation: 'createContract' });

    const insider = actorForRoles(t.api.composed, 'referente-due', [{ role: 'REFERENT', entityId: second.id }]);
    const own = await eventsOf(null, insider);
    expect(own.map((event) => event.operation)).toEqual(expect.arrayContaining(['createContract', 'updateContract']));
    expect(own.every((event) => event.entityIds.includes(second.id))).toBe(true);
  });

  it('a board member (no audit permission) is refused', async () => {
    const board = actorForRoles(t.api.composed, 'giunta', [{ role: 'BOARD_MEMBER', entityId: null }]);
    const response = await t.api.gql(AUDIT, { filter: null }, board);
    expect(response.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
