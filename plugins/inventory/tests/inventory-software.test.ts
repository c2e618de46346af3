import inventory from '@gea/plugin-inventory';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const t = useTestApi([inventory]);
const bodies: Record<'a' | 'b' | 'c', { id: string; gid: string; assetGids: string[] }> = {} as never;
let productGid: string;
let freeProductGid: string;

const INSTALL = `mutation ($input: InstallSoftwareInput!) {
  installSoftware(input: $input) {
    __typename
    ... on SoftwareInstallation { id licence { seatsUsed } }
    ... on InputError { issues { path message } }
    ... on ConflictError { message }
    ... on NotFoundError { message }
  }
}`;
const CREATE_LICENCE = `mutation ($input: SoftwareLicenceInput!) {
  createSoftwareLicence(input: $input) {
    __typename ... on SoftwareLicence { id seats seatsUsed entities { name } } ... on InputError { issues { path message } }
  }
}`;
const UPDATE_LICENCE = `mutation ($id: ID!, $v: Int!, $input: SoftwareLicenceInput!) {
  updateSoftwareLicence(id: $id, expectedVersion: $v, input: $input) {
    __typename ... on SoftwareLicence { seats version entities { name } } ... on ConflictError { message } ... on InputError { issues { message } }
  }
}`;

const gql = async (query: string, variables: Record<string, unknown>, actor?: Parameters<typeof t.api.gql>[2]) => {
  const response = await t.api.gql(query, variables, actor);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!;
};

beforeAll(async () => {
  for (const key of ['a', 'b', 'c'] as const) {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: `Comune Software ${key.toUpperCase()}` } });
    await enableModules(t.db, [entity.id]);
    const assetGids = [];
    for (let n = 0; n < 3; n++) {
      const created = await gql('mutation ($input: CreateAssetInput!) { createAsset(input: $input) { ... on Asset { id } } }', {
        input: { entityId: toGlobalId('Entity', entity.id), kind: 'DESKTOP_PC', inventoryTag: `SW-${key}-${n}`, purchaseDate: '2024-01-01' },
      });
      assetGids.push(created.createAsset.id as string);
    }
    bodies[key] = { id: entity.id, gid: toGlobalId('Entity', entity.id), assetGids };
  }
  const product = await gql('mutation { createSoftwareProduct(input: { name: "Office Suite", publisher: "Contoso" }) { ... on SoftwareProduct { id } } }', {});
  productGid = product.createSoftwareProduct.id;
  const free = await gql('mutation { createSoftwareProduct(input: { name: "LibreOffice", publisher: "TDF" }) { ... on SoftwareProduct { id } } }', {});
  freeProductGid = free.createSoftwareProduct.id;
});

const licenceFor = async (keys: ('a' | 'b' | 'c')[], seats: number | null, extra: Record<string, unknown> = {}) => {
  const data = await gql(CREATE_LICENCE, {
    input: { productId: productGid, kind: 'SUBSCRIPTION', seats, validFrom: '2024-01-01', validUntil: '2027-12-31', entityIds: keys.map((k) => bodies[k].gid), ...extra },
  });
  expect(data.createSoftwareLicence.__typename).toBe('SoftwareLicence');
  return data.createSoftwareLicence.id as string;
};

describe('software products, licences and installations', () => {
  it('refuses a duplicate product, an invalid licence term and a subscription without end', async () => {
    const duplicate = await gql('mutation { createSoftwareProduct(input: { name: "Office Suite", publisher: "Contoso" }) { __typename } }', {});
    expect(duplicate.createSoftwareProduct.__typename).toBe('ConflictError');
    const backwards = await gql(CREATE_LICENCE, {
      input: { productId: productGid, kind: 'SUBSCRIPTION', validFrom: '2025-01-01', validUntil: '2024-01-01', entityIds: [bodies.a.gid] },
    });
    expect(backwards.createSoftwareLicence.issues).toEqual([{ path: ['input', 'validUntil'], message: 'cannot be before the start of validity' }]);
    const endless = await gql(CREATE_LICENCE, { input: { productId: productGid, kind: 'SUBSCRIPTION', entityIds: [bodies.a.gid] } });
    expect(endless.createSoftwareLicence.issues).toEqual([{ path: ['input', 'validUntil'], message: 'a subscription has an end date' }]);
    expect(await t.db.prisma.softwareLicence.count()).toBe(0);
  });

  it('counts seats across the bodies a licence serves and refuses the one seat too many', async () => {
    const licence = await licenceFor(['a', 'b'], 2);
    const first = await gql(INSTALL, { input: { assetId: bodies.a.assetGids[0], productId: productGid, licenceId: licence, installedOn: '2024-03-01' } });
    expect(first.installSoftware).toMatchObject({ __typename: 'SoftwareInstallation', licence: { seatsUsed: 1 } });
    const second = await gql(INSTALL, { input: { assetId: bodies.b.assetGids[0], productId: productGid, licenceId: licence } });
    expect(second.installSoftware.licence.seatsUsed).toBe(2);
    const third = await gql(INSTALL, { input: { assetId: bodies.a.assetGids[1], productId: productGid, licenceId: licence } });
    expect(third.installSoftware).toEqual({ __typename: 'ConflictError', message: 'all 2 seats of the licence are in use' });

    // Removing one frees its seat; the record stays.
    const removed = await gql('mutation ($id: ID!) { removeSoftware(installationId: $id) { ... on SoftwareInstallation { removedOn } } }', {
      id: first.installSoftware.id,
    });
    expect(removed.removeSoftware.removedOn).toBe(new Date().toISOString().slice(0, 10));
    const again = await gql(INSTALL, { input: { assetId: bodies.a.assetGids[1], productId: productGid, licenceId: licence } });
    expect(again.installSoftware.licence.seatsUsed).toBe(2);
    const all = await gql('query ($id: ID!) { node(id: $id) { ... on SoftwareLicence { installations(first: 10, includeRemoved: true) { totalCount } } } }', { id: licence });
    expect(all.node.installations.totalCount).toBe(3);

    // Seats cannot drop below those in use.
    const lower = await gql(UPDATE_LICENCE, {
      id: licence,
      v: 1,
      input: { productId: productGid, kind: 'SUBSCRIPTION', seats: 1, validUntil: '2027-12-31', entityIds: [bodies.a.gid, bodies.b.gid] },
    });
    expect(lower.updateSoftwareLicence).toEqual({
      __typename: 'ConflictError',
      message: '2 seats are in use: remove installations before lowering the seats to 1',
    });
    const drop = await gql(UPDATE_LICENCE, {
      id: licence,
      v: 1,
      input: { productId: productGid, kind: 'SUBSCRIPTION', seats: 5, validUntil: '2027-12-31', entityIds: [bodies.a.gid] },
    });
    expect(drop.updateSoftwareLicence.__typename).toBe('ConflictError');
    const more = await gql(UPDATE_LICENCE, {
      id: licence,
      v: 1,
      input: { productId: productGid, kind: 'SUBSCRIPTION', seats: 5, validUntil: '2027-12-31', entityIds: [bodies.a.gid, bodies.b.gid, bodies.c.gid] },
    });
    expect(more.updateSoftwareLicence.seats).toBe(5);
    // The refused changes wrote nothing: the licence went from version 1 to 2 with this one only.
    expect(more.updateSoftwareLicence.version).toBe(2);
    expect(more.updateSoftwareLicence.entities.map((e: { name: string }) => e.name).sort()).toEqual([
      'Comune Software A',
      'Comune Software B',
      'Comune Software C',
    ]);
    const audit = await t.db.prisma.auditEvent.findFirst({ where: { operation: 'updateSoftwareLicence', outcome: 'SUCCESS' } });
    expect(audit?.targetType).toBe('SoftwareLicence');
  });

  it('refuses a licence of another body, of another product, outside its term, and a second copy on one asset', async () => {
    const licence = await licenceFor(['a'], null);
    const otherBody = await gql(INSTALL, { input: { assetId: bodies.c.assetGids[2], productId: productGid, licenceId: licence } });
    expect(otherBody.installSoftware.issues).toEqual([{ path: ['input', 'licenceId'], message: 'is not a licence of this body' }]);
    const otherProduct = await gql(INSTALL, { input: { assetId: bodies.a.assetGids[2], productId: freeProductGid, licenceId: licence } });
    expect(otherProduct.installSoftware.issues[0].message).toBe('is a licence of another product');
    const early = await gql(INSTALL, { input: { assetId: bodies.a.assetGids[2], productId: productGid, licenceId: licence, installedOn: '2023-12-31' } });
    expect(early.installSoftware.issues[0].message).toBe('the licence is valid from 2024-01-01');
    const ok = await gql(INSTALL, { input: { assetId: bodies.a.assetGids[2], productId: productGid, licenceId: licence } });
    expect(ok.installSoftware.__typename).toBe('SoftwareInstallation');
    const twice = await gql(INSTALL, { input: { assetId: bodies.a.assetGids[2], productId: productGid, licenceId: licence } });
    expect(twice.installSoftware).toEqual({ __typename: 'ConflictError', message: 'the product is already installed on this asset' });
    const free = await gql(INSTALL, { input: { assetId: bodies.a.assetGids[2], productId: freeProductGid, version: '24.8' } });
    expect(free.installSoftware.__typename).toBe('SoftwareInstallation');
    const software = await gql('query ($id: ID!) { node(id: $id) { ... on Asset { software { product { name } version } } } }', { id: bodies.a.assetGids[2] });
    expect(software.node.software).toEqual([
      { product: { name: 'Office Suite' }, version: null },
      { product: { name: 'LibreOffice' }, version: '24.8' },
    ]);
  });

  it('shows a referent the licences of their body, naming no other body, and nothing to a referent of none', async () => {
    await licenceFor(['a', 'b'], 10, { reference: 'ORD-SHARED' });
    const referentA = actorForRoles(t.api.composed, 'referent-a', [{ role: 'REFERENT', entityId: bodies.a.id }]);
    const seen = await gql(
      '{ softwareLicences(first: 50) { edges { node { reference entities { name } } } } }',
      {},
      referentA,
    );
    const shared = seen.softwareLicences.edges.find((e: { node: { reference: string } }) => e.node.reference === 'ORD-SHARED');
    expect(shared.node.entities).toEqual([{ name: 'Comune Software A' }]);
    expect(JSON.stringify(seen)).not.toContain('Comune Software B');

    const referentC = actorForRoles(t.api.composed, 'referent-c', [{ role: 'REFERENT', entityId: bodies.c.id }]);
    const none = await gql('{ softwareLicences(first: 50, filter: { expiringBefore: "2030-01-01" }) { edges { node { reference } } } }', {}, referentC);
    expect(none.softwareLicences.edges.map((e: { node: { reference: string } }) => e.node.reference)).not.toContain('ORD-SHARED');

    // A referent reads, never writes.
    const write = await t.api.gql(INSTALL, { input: { assetId: bodies.a.assetGids[0], productId: freeProductGid } }, referentA);
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Staff of body A alone cannot create a licence that also serves body B.
    const staffA = actorForRoles(t.api.composed, 'staff-a', [{ role: 'ICT_STAFF', entityId: bodies.a.id }]);
    const wide = await t.api.gql(CREATE_LICENCE, { input: { productId: productGid, kind: 'PERPETUAL', entityIds: [bodies.a.gid, bodies.b.gid] } }, staffA);
    expect(wide.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses licences for a body whose inventory module is off', async () => {
    await t.db.prisma.moduleEnablement.update({ where: { entityId_moduleKey: { entityId: bodies.c.id, moduleKey: 'inventory' } }, data: { enabled: false } });
    try {
      const response = await t.api.gql(CREATE_LICENCE, { input: { productId: productGid, kind: 'PERPETUAL', entityIds: [bodies.a.gid, bodies.c.gid] } });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('MODULE_DISABLED');
    } finally {
      await t.db.prisma.moduleEnablement.update({ where: { entityId_moduleKey: { entityId: bodies.c.id, moduleKey: 'inventory' } }, data: { enabled: true } });
    }
  });
  it('keeps what a licence costs for its term, changes it with the licence and refuses a negative cost', async () => {
    const created = await gql(
      `mutation ($input: SoftwareLicenceInput!) { createSoftwareLicence(input: $input) { __typename ... on SoftwareLicence { id version costCents } } }`,
      { input: { productId: productGid, kind: 'SUBSCRIPTION', reference: 'ORD-COST', costCents: 123_456, validUntil: '2026-12-31', entityIds: [bodies.a.gid] } },
    );
    expect(created.createSoftwareLicence).toMatchObject({ __typename: 'SoftwareLicence', costCents: 123_456 });
    const { id, version } = created.createSoftwareLicence;
    const changed = await gql(
      `mutation ($id: ID!, $v: Int!, $input: SoftwareLicenceInput!) { updateSoftwareLicence(id: $id, expectedVersion: $v, input: $input) { __typename ... on SoftwareLicence { costCents version } } }`,
      { id, v: version, input: { productId: productGid, kind: 'SUBSCRIPTION', reference: 'ORD-COST', costCents: 99, validUntil: '2026-12-31', entityIds: [bodies.a.gid] } },
    );
    expect(changed.updateSoftwareLicence).toEqual({ __typename: 'SoftwareLicence', costCents: 99, version: version + 1 });
    const negative = await t.api.gql(CREATE_LICENCE, { input: { productId: productGid, kind: 'PERPETUAL', costCents: -1, entityIds: [bodies.a.gid] } });
    expect(negative.body.data?.createSoftwareLicence?.__typename).toBe('InputError');
    expect(await t.db.prisma.softwareLicence.count({ where: { reference: 'ORD-COST' } })).toBe(1);
  });
});
