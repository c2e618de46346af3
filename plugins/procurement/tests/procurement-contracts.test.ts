import { randomUUID } from 'node:crypto';
import { actorFromGrants } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import procurement, { cigFor } from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory, procurement]);
type Body = { id: string; gid: string; pcGid: string };
let union: Body;
let a: Body;
let b: Body;
let supplierGid: string;

const CREATE = `mutation ($input: ContractInput!) {
  createContract(input: $input) {
    __typename
    ... on Contract { id cig entities { name } }
    ... on InputError { issues { path message } }
    ... on ConflictError { message }
  }
}`;
const COVER = `mutation ($id: ID!, $add: [ID!], $remove: [ID!]) {
  setContractCoverage(contractId: $id, addAssetIds: $add, removeAssetIds: $remove) {
    __typename ... on Contract { coveredAssetCount } ... on InputError { issues { path message } }
  }
}`;

const gql = async (query: string, variables: Record<string, unknown> = {}, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
};

const contractInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'MAINTENANCE',
  subject: 'Manutenzione PC',
  supplierId: supplierGid,
  contractingEntityId: union.gid,
  entityIds: [a.gid, b.gid],
  startsOn: '2025-01-01',
  endsOn: '2099-12-31',
  valueCents: 1_234_500,
  ...overrides,
});

beforeAll(async () => {
  const make = async (name: string, kind: 'UNION' | 'MUNICIPALITY'): Promise<Body> => {
    const entity = await t.db.prisma.entity.create({ data: { kind, name } });
    await enableModules(t.db, [entity.id], ['inventory', 'procurement']);
    const pc = await gql('mutation ($input: CreateAssetInput!) { createAsset(input: $input) { ... on Asset { id } } }', {
      input: { entityId: toGlobalId('Entity', entity.id), kind: 'DESKTOP_PC', inventoryTag: `${name}-PC1` },
    });
    return { id: entity.id, gid: toGlobalId('Entity', entity.id), pcGid: pc.createAsset.id };
  };
  union = await make('Unione Contratti', 'UNION');
  a = await make('Comune Contratti A', 'MUNICIPALITY');
  b = await make('Comune Contratti B', 'MUNICIPALITY');
  const supplier = await gql('mutation { createSupplier(input: { name: "Assistenza S.r.l.", vatNumber: "01114601006" }) { ... on Supplier { id } } }');
  supplierGid = supplier.createSupplier.id;
});

describe('procurement: suppliers and contracts for several bodies', () => {
  it('validates CIG, CUP, partita IVA and the term, and writes nothing when refused', async () => {
    const badVat = await gql('mutation { createSupplier(input: { name: "X", vatNumber: "01114601007" }) { __typename ... on InputError { issues { path message } } } }');
    expect(badVat.createSupplier.issues[0].path).toEqual(['input', 'vatNumber']);
    const dupVat = await gql('mutation { createSupplier(input: { name: "Y", vatNumber: "01114601006" }) { __typename } }');
    expect(dupVat.createSupplier.__typename).toBe('ConflictError');

    const badCig = await gql(CREATE, { input: contractInput({ cig: '95156957ED' }) });
    expect(badCig.createContract.issues).toEqual([
      { path: ['input', 'cig'], message: 'is not a valid CIG (10 characters as ANAC issues them: 7 digits and 3 check characters, or a letter and 9 hexadecimal characters, with their check characters where the kind has them)' },
    ]);
    const badCup = await gql(CREATE, { input: contractInput({ cup: 'J51B2100001000X' }) });
    expect(badCup.createContract.issues[0].path).toEqual(['input', 'cup']);
    const backwards = await gql(CREATE, { input: contractInput({ startsOn: '2026-01-01', endsOn: '2025-12-31', renewableUntil: '2025-06-30' }) });
    expect(backwards.createContract.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual(['input.endsOn', 'input.renewableUntil']);
    expect(await t.db.prisma.contract.count()).toBe(0);

    const ok = await gql(CREATE, { input: contractInput({ cig: '95156957ec' }) });
    expect(ok.createContract).toMatchObject({ __typename: 'Contract', cig: '95156957EC' });
    const again = await gql(CREATE, { input: contractInput({ cig: '95156957EC' }) });
    expect(again.createContract).toEqual({ __typename: 'ConflictError', message: 'CIG 95156957EC is already used by another contract' });
  });

  it('records the CIGs issued since 2024 by the certified platforms and smart CIGs, and refuses a smart CIG with a wrong check', async () => {
    // as printed on municipalities' acts (lower case and spaces around them are tolerated)
    const platform = await gql(CREATE, { input: contractInput({ cig: ' b0e1ad1f10 ', subject: 'Consulenza del lavoro 2024' }) });
    expect(platform.createContract).toMatchObject({ __typename: 'Contract', cig: 'B0E1AD1F10' });
    const smart = await gql(CREATE, { input: contractInput({ cig: 'ZDB27337A5', subject: 'Formazione' }) });
    expect(smart.createContract).toMatchObject({ __typename: 'Contract', cig: 'ZDB27337A5' });
    const count = await t.db.prisma.contract.count();
    for (const cig of ['ZDC27337A5', 'B0E1AD1F1G', 'B0E1AD1F10X']) {
      const refused = await gql(CREATE, { input: contractInput({ cig }) });
      expect(refused.createContract.issues.map((i: { path: string[] }) => i.path.join('.')), cig).toEqual(['input.cig']);
    }
    expect(await t.db.prisma.contract.count()).toBe(count);
    await t.db.prisma.contractEntity.deleteMany({ where: { contract: { cig: { in: ['B0E1AD1F10', 'ZDB27337A5'] } } } });
    await t.db.prisma.contract.deleteMany({ where: { cig: { in: ['B0E1AD1F10', 'ZDB27337A5'] } } });
  });

  it('holds amounts beyond 32-bit cents: €50,000,000.00 and 2^53 - 1 cents round-trip, larger amounts and fractions are refused', async () => {
    const VALUE = `mutation ($input: ContractInput!) { createContract(input: $input) { __typename ... on Contract { id valueCents } } }`;
    const fifty = await gql(VALUE, { input: contractInput({ cig: cigFor(3001), subject: 'Accordo quadro', valueCents: 5_000_000_000 }) });
    expect(fifty.createContract.valueCents).toBe(5_000_000_000);
    // a string of digits is accepted too (clients without 64-bit numbers), and the answer is a JSON number
    const max = await t.api.gql(VALUE, { input: contractInput({ cig: cigFor(3002), subject: 'Totale nazionale', valueCents: '9007199254740991' }) });
    expect(max.body.errors).toBeUndefined();
    expect(max.body.data!.createContract.valueCents).toBe(Number.MAX_SAFE_INTEGER);
    const stored = await t.db.prisma.contract.findFirstOrThrow({ where: { cig: cigFor(3002) } });
    expect(stored.valueCents).toBe(9_007_199_254_740_991n);
    const read = await gql('query ($id: ID!) { node(id: $id) { ... on Contract { valueCents } } }', { id: max.body.data!.createContract.id });
    expect(read.node.valueCents).toBe(Number.MAX_SAFE_INTEGER);
    // in the query text as a literal too
    const literal = await t.api.gql(`query { contracts(first: 1, filter: { search: "Totale nazionale" }) { edges { node { valueCents } } } }`);
    expect(literal.body.data!.contracts.edges[0].node.valueCents).toBe(Number.MAX_SAFE_INTEGER);

    const count = await t.db.prisma.contract.count();
    for (const [valueCents, reason] of [
      ['9007199254740992', 'CENTS_OUT_OF_RANGE'],
      [9_007_199_254_740_992, 'CENTS_OUT_OF_RANGE'],
      ['123456789012345678901234567890', 'CENTS_OUT_OF_RANGE'],
      [1234.5, 'CENTS_NOT_AN_INTEGER'],
      ['1.234,50', 'CENTS_NOT_AN_INTEGER'],
    ] as const) {
      const refused = await t.api.gql(VALUE, { input: contractInput({ cig: cigFor(3003), valueCents }) });
      expect(refused.body.errors?.[0]?.extensions, String(valueCents)).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      expect(refused.body.data ?? null).toBeNull();
    }
    const literalTooLarge = await t.api.gql(`mutation { createContract(input: { kind: MAINTENANCE, subject: "X", supplierId: "${supplierGid}", contractingEntityId: "${union.gid}", entityIds: ["${a.gid}"], startsOn: "2025-01-01", endsOn: "2026-01-01", valueCents: 9007199254740992 }) { __typename } }`);
    expect(literalTooLarge.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CENTS_OUT_OF_RANGE' });
    expect(await t.db.prisma.contract.count()).toBe(count);
    await t.db.prisma.contract.deleteMany({ where: { cig: { in: [cigFor(3001), cigFor(3002)] } } });
  });

  it('covers assets of the bodies it serves only, and gives each asset its maintenance contract in force', async () => {
    const created = await gql(CREATE, { input: contractInput({ cig: cigFor(1001) }) });
    const contractGid = created.createContract.id;
    const outsider = await gql(COVER, { id: contractGid, add: [union.pcGid] });
    expect(outsider.setContractCoverage.issues).toEqual([{ path: ['addAssetIds'], message: 'every asset must belong to a body the contract serves' }]);
    const covered = await gql(COVER, { id: contractGid, add: [a.pcGid, b.pcGid] });
    expect(covered.setContractCoverage.coveredAssetCount).toBe(2);

    // An expired maintenance contract covering the same PC is history, not the one in force.
    const old = await gql(CREATE, { input: contractInput({ cig: cigFor(1002), startsOn: '2020-01-01', endsOn: '2024-12-31' }) });
    await gql(COVER, { id: old.createContract.id, add: [a.pcGid] });
    const asset = await gql('query ($id: ID!) { node(id: $id) { ... on Asset { maintenanceContract { cig supplier { name } } contracts { cig } } } }', { id: a.pcGid });
    expect(asset.node.maintenanceContract).toEqual({ cig: cigFor(1001), supplier: { name: 'Assistenza S.r.l.' } });
    expect(asset.node.contracts.map((c: { cig: string }) => c.cig)).toEqual([cigFor(1001), cigFor(1002)]);

    // A body with assets under the contract cannot be dropped from it.
    const drop = await gql(
      `mutation ($id: ID!, $v: Int!, $input: ContractInput!) { updateContract(id: $id, expectedVersion: $v, input: $input) { __typename ... on ConflictError { message } } }`,
      { id: contractGid, v: 1, input: contractInput({ cig: cigFor(1001), entityIds: [a.gid] }) },
    );
    expect(drop.updateContract.__typename).toBe('ConflictError');
    const removed = await gql(COVER, { id: contractGid, remove: [b.pcGid] });
    expect(removed.setContractCoverage.coveredAssetCount).toBe(1);
  });

  it('shows a referent the contracts of their body naming only their body, and lets them change none', async () => {
    await gql(CREATE, { input: contractInput({ cig: cigFor(1003), subject: 'Contratto condiviso' }) });
    const referentA = actorForRoles(t.api.composed, 'referent-a', [{ role: 'REFERENT', entityId: a.id }]);
    const seen = await gql('{ contracts(first: 50, filter: { search: "condiviso" }) { edges { node { subject entities { name } contractingEntity { name } } } } }', {}, referentA);
    expect(seen.contracts.edges).toEqual([{ node: { subject: 'Contratto condiviso', entities: [{ name: 'Comune Contratti A' }], contractingEntity: null } }]);

    const referentUnion = actorForRoles(t.api.composed, 'referent-u', [{ role: 'REFERENT', entityId: union.id }]);
    const none = await gql('{ contracts(first: 50) { edges { node { subject } } } }', {}, referentUnion);
    expect(none.contracts.edges).toEqual([]);

    const write = await t.api.gql(CREATE, { input: contractInput({ entityIds: [a.gid] }) }, referentA);
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const staff = actorForRoles(t.api.composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]);
    const staffWrite = await t.api.gql(CREATE, { input: contractInput() }, staff);
    expect(staffWrite.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a contract signed in the name of a body the writer has no procurement rights on, and writes nothing', async () => {
    // Procurement rights on the two served bodies, none on the union that would sign.
    const grants = [a.id, b.id].flatMap((entityId) => ['procurement:write', 'inventory:read', 'core:entities:read'].map((permission) => ({ permission, entityId })));
    const writer = actorFromGrants({ kind: 'user', id: randomUUID(), label: 'procurement of A and B' }, grants);
    const token = actorFromGrants({ kind: 'token', id: randomUUID(), label: 'token of A and B' }, grants);
    const contracts = await t.db.prisma.contract.count();
    const signedByUnion = contractInput({ cig: cigFor(1010), subject: 'Firmato dall’Unione', contractingEntityId: union.gid });
    const refused = await t.api.gql(CREATE, { input: signedByUnion }, writer);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'procurement:write' });
    expect(refused.body.data?.createContract ?? null).toBeNull();
    const refusedToken = await t.api.gql(CREATE, { input: signedByUnion }, token);
    expect(refusedToken.body.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_SCOPE');
    expect(await t.db.prisma.contract.count()).toBe(contracts);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'createContract' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ outcome: 'REFUSED', errorCode: 'INSUFFICIENT_SCOPE' });

    // The same writer may sign in the name of a body it has rights on...
    const own = await gql(CREATE, { input: contractInput({ cig: cigFor(1011), subject: 'Firmato da A', contractingEntityId: a.gid }) }, writer);
    expect(own.createContract.__typename).toBe('Contract');
    // ...but not move the signature to the union afterwards.
    const moved = await t.api.gql(
      `mutation ($id: ID!, $input: ContractInput!) { updateContract(id: $id, expectedVersion: 1, input: $input) { __typename } }`,
      { id: own.createContract.id, input: contractInput({ cig: cigFor(1011), subject: 'Firmato da A', contractingEntityId: union.gid }) },
      writer,
    );
    expect(moved.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.db.prisma.contract.findFirstOrThrow({ where: { cig: cigFor(1011) } })).contractingEntityId).toBe(a.id);
  });

  it('lists contracts ending soon, for the dashboard', async () => {
    await gql(CREATE, { input: contractInput({ cig: cigFor(1004), subject: 'In scadenza', startsOn: '2020-01-01', endsOn: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10) }) });
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    const ending = await gql('query ($soon: Date!, $today: Date!) { contracts(first: 10, filter: { endingBefore: $soon, inForceOn: $today }) { edges { node { subject daysToEnd } } } }', { soon, today });
    expect(ending.contracts.edges).toEqual([{ node: { subject: 'In scadenza', daysToEnd: 20 } }]);
  });
});
