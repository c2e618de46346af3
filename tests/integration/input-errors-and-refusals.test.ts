import { actorWithPermissions } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory, procurement]);

const CREATE_SUPPLIER = `mutation ($input: SupplierInput!) {
  createSupplier(input: $input) {
    __typename
    ... on InputError { code message issues { path message code minimum maximum } }
  }
}`;
const CREATE_CONTRACT = `mutation ($input: ContractInput!) {
  createContract(input: $input) {
    __typename
    ... on InputError { issues { path message code minimum maximum } }
  }
}`;

let own: { id: string; gid: string };
let other: { id: string; gid: string };
let otherAssetGid: string;

beforeAll(async () => {
  const make = async (name: string) => {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
    await enableModules(t.db, [entity.id], ['inventory', 'procurement']);
    return { id: entity.id, gid: toGlobalId('Entity', entity.id) };
  };
  own = await make('Comune Proprio');
  other = await make('Comune Altrui');
  const asset = await t.db.prisma.asset.create({ data: { entityId: other.id, kind: 'DESKTOP_PC', inventoryTag: 'ALTRUI-1' } });
  otherAssetGid = toGlobalId('Asset', asset.id);
});

describe('InputError: every invalid field at once, each with a code', () => {
  it('a supplier with three bad fields gets three issues in one response', async () => {
    const response = await t.api.gql(CREATE_SUPPLIER, { input: { name: '   ', vatNumber: '12345678901', pecAddress: 'not an address' } });
    expect(response.body.errors).toBeUndefined();
    const result = response.body.data!.createSupplier;
    expect(result.__typename).toBe('InputError');
    expect(result.code).toBe('BAD_USER_INPUT');
    const byField = Object.fromEntries(result.issues.map((issue: { path: string[] }) => [issue.path.join('.'), issue]));
    expect(Object.keys(byField).sort()).toEqual(['input.name', 'input.pecAddress', 'input.vatNumber']);
    expect(byField['input.name']).toMatchObject({ code: 'REQUIRED', minimum: null });
    expect(byField['input.vatNumber']).toMatchObject({ code: 'INVALID_VAT_NUMBER', message: expect.stringContaining('partita IVA') });
    expect(byField['input.pecAddress']).toMatchObject({ code: 'INVALID_EMAIL', minimum: null, maximum: null });
    expect(await t.db.prisma.supplier.count()).toBe(0);
  });

  it('a contract with bad CIG, CUP, subject length and value gets all four, with bounds where they apply', async () => {
    const response = await t.api.gql(CREATE_CONTRACT, {
      input: {
        kind: 'MAINTENANCE',
        subject: 'x'.repeat(501),
        supplierId: toGlobalId('Supplier', '00000000-0000-4000-8000-000000000000'),
        contractingEntityId: own.gid,
        entityIds: [own.gid],
        cig: '1234567ABC',
        cup: 'NOT-A-CUP',
        startsOn: '2025-01-01',
        endsOn: '2025-12-31',
        valueCents: -5,
      },
    });
    expect(response.body.errors).toBeUndefined();
    const issues = response.body.data!.createContract.issues as { path: string[]; code: string; minimum: number | null; maximum: number | null }[];
    const byField = Object.fromEntries(issues.map((issue) => [issue.path.join('.'), issue]));
    expect(Object.keys(byField).sort()).toEqual(['input.cig', 'input.cup', 'input.subject', 'input.valueCents']);
    expect(byField['input.subject']).toMatchObject({ code: 'TOO_LONG', maximum: 500, minimum: null });
    expect(byField['input.cig']!.code).toBe('INVALID_CIG');
    expect(byField['input.cup']!.code).toBe('INVALID_CUP');
    expect(byField['input.valueCents']).toMatchObject({ code: 'TOO_SMALL', minimum: 0 });
  });

  it('issues raised by a resolver carry their code too (date range), and the rest default to INVALID_VALUE', async () => {
    const supplier = await t.api.gql('mutation { createSupplier(input: { name: "Fornitore Date" }) { ... on Supplier { id } } }');
    const response = await t.api.gql(CREATE_CONTRACT, {
      input: {
        kind: 'MAINTENANCE',
        subject: 'Date al contrario',
        supplierId: supplier.body.data!.createSupplier.id,
        contractingEntityId: own.gid,
        entityIds: [],
        startsOn: '2025-12-31',
        endsOn: '2025-01-01',
        valueCents: 100,
      },
    });
    const issues = response.body.data!.createContract.issues as { path: string[]; code: string }[];
    expect(issues.map((issue) => [issue.path.join('.'), issue.code]).sort()).toEqual([
      ['input.endsOn', 'INVALID_DATE_RANGE'],
      ['input.entityIds', 'REQUIRED'],
    ]);
  });
});

describe('refusals name the missing permission, never the body', () => {
  it('FORBIDDEN for a user says which permission was missing', async () => {
    const editor = actorForRoles(t.api.composed, 'editor', [{ role: 'WEB_EDITOR', entityId: own.id }]);
    const response = await t.api.gql('mutation { createSupplier(input: { name: "Nuovo" }) { __typename } }', {}, editor);
    const error = response.body.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'procurement:write' });
    expect(error.message).toContain('procurement:write');
  });

  it('INSUFFICIENT_SCOPE for an API token says which scope it needs', async () => {
    const token = actorWithPermissions('protocol system', ['inventory:read'], 'token');
    const response = await t.api.gql('{ suppliers(first: 1) { edges { node { id } } } }', {}, token);
    const error = response.body.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'INSUFFICIENT_SCOPE', permission: 'procurement:read' });
    expect(error.message).toContain('procurement:read');
  });

  it('a body-scoped refusal names the permission but not the other body', async () => {
    const referent = actorForRoles(t.api.composed, 'referent', [{ role: 'REFERENT', entityId: own.id }]);
    const response = await t.api.gql('query ($id: ID!) { node(id: $id) { ... on Asset { inventoryTag } } }', { id: otherAssetGid }, referent);
    const error = response.body.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'inventory:read' });
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(other.id);
    expect(text).not.toContain(other.gid);
    expect(text).not.toContain('ALTRUI-1');
    expect(text).not.toContain('Comune Altrui');
  });
});
