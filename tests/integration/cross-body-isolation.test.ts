import { randomUUID } from 'node:crypto';
import { actorFromGrants } from '@gea/core';
import fc from 'fast-check';
import type { Role } from '@gea/db';
import inventory from '@gea/plugin-inventory';
import procurement, { cigFor } from '@gea/plugin-procurement';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

/**
 * Property: whatever roles an actor holds and whatever it asks, a response never carries data of a
 * body the actor may not read (names, sites, asset tags, even in error messages), and a write lands
 * only where the actor holds the write permission and the module is enabled.
 */
const t = useTestApi([inventory, procurement]);

interface Body {
  id: string;
  gid: string;
  assetGid: string;
  siteGid: string;
  inventoryOn: boolean;
  procurementOn: boolean;
}
const bodies: Body[] = [];
const marker = (i: number) => `ISO${i}Q`;

beforeAll(async () => {
  for (let i = 0; i < 3; i++) {
    const entity = await t.db.prisma.entity.create({
      data: {
        kind: 'MUNICIPALITY',
        name: `Comune ${marker(i)}`,
        sites: { create: { name: `Sede ${marker(i)}`, address: `Via ${marker(i)} 1` } },
        assets: { create: [{ kind: 'DESKTOP_PC', inventoryTag: `${marker(i)}-PC-1`, serialNumber: `SN-${marker(i)}` }] },
      },
      include: { assets: true, sites: true },
    });
    const inventoryOn = i !== 2; // the third body has not enabled the inventory
    const procurementOn = i !== 1; // nor the second procurement
    if (inventoryOn) await enableModules(t.db, [entity.id]);
    if (procurementOn) await enableModules(t.db, [entity.id], ['procurement']);
    bodies.push({
      id: entity.id,
      gid: toGlobalId('Entity', entity.id),
      assetGid: toGlobalId('Asset', entity.assets[0]!.id),
      siteGid: toGlobalId('Site', entity.sites[0]!.id),
      inventoryOn,
      procurementOn,
    });
  }
  // Each body's own contract and licence, and one of each shared by all three (art. 3.12).
  const supplier = await t.db.prisma.supplier.create({ data: { name: 'Fornitore comune' } });
  const product = await t.db.prisma.softwareProduct.create({ data: { name: 'Suite', publisher: 'Demo' } });
  const contract = (subject: string, cig: string, served: Body[]) =>
    t.db.prisma.contract.create({
      data: {
        kind: 'MAINTENANCE', subject, cig, supplierId: supplier.id, contractingEntityId: served[0]!.id,
        startsOn: new Date('2020-01-01'), endsOn: new Date('2099-12-31'), valueCents: 1,
        entities: { createMany: { data: served.map((b) => ({ entityId: b.id })) } },
        assets: { createMany: { data: served.map((b) => ({ assetId: Buffer.from(b.assetGid, 'base64').toString().split(':')[1]! })) } },
      },
    });
  const licence = (reference: string, served: Body[]) =>
    t.db.prisma.softwareLicence.create({
      data: { productId: product.id, kind: 'PERPETUAL', reference, entities: { createMany: { data: served.map((b) => ({ entityId: b.id })) } } },
    });
  for (const [i, body] of bodies.entries()) {
    await contract(`Contratto ${marker(i)}`, cigFor(100 + i), [body]);
    await licence(`Licenza ${marker(i)}`, [body]);
  }
  await contract('Contratto condiviso', cigFor(200), bodies);
  await licence('Licenza condivisa', bodies);
});

const roleArb = fc.constantFrom<Role>('ICT_HEAD', 'ICT_STAFF', 'REFERENT', 'WEB_EDITOR', 'BOARD_MEMBER');
const bodyArb = fc.option(fc.integer({ min: 0, max: 2 }), { nil: null });
const assignmentArb = fc.record({ role: roleArb, body: bodyArb });
const scopeArb = fc.subarray(['core:entities:read', 'core:entities:write', 'inventory:read', 'inventory:write', 'core:associations:read', 'procurement:read']);
/** A person with random roles, or a machine client with random scopes for one body or all. */
const actorArb = fc.oneof(
  fc.array(assignmentArb, { maxLength: 3 }).map((assignments) => ({ kind: 'user' as const, assignments })),
  fc.record({ kind: fc.constant('token' as const), scopes: scopeArb, body: bodyArb }),
);

type Op = { kind: 'read'; query: (b: Body) => string; variables: (b: Body) => Record<string, unknown> } | { kind: 'write'; name: string };
const reads: Record<string, Extract<Op, { kind: 'read' }>> = {
  entity: { kind: 'read', query: () => 'query ($id: ID!) { node(id: $id) { ... on Entity { name sites { name address } population } } }', variables: (b) => ({ id: b.gid }) },
  asset: { kind: 'read', query: () => 'query ($id: ID!) { node(id: $id) { ... on Asset { inventoryTag serialNumber entity { name } } } }', variables: (b) => ({ id: b.assetGid }) },
  site: { kind: 'read', query: () => 'query ($id: ID!) { node(id: $id) { ... on Site { name address entity { name } } } }', variables: (b) => ({ id: b.siteGid }) },
  entityAssets: { kind: 'read', query: () => 'query ($id: ID!) { node(id: $id) { ... on Entity { assets(first: 5) { edges { node { inventoryTag } } } personalComputersInService } } }', variables: (b) => ({ id: b.gid }) },
  nodes: { kind: 'read', query: () => 'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Asset { inventoryTag } ... on Entity { name } ... on Site { name } } }', variables: () => ({ ids: bodies.flatMap((b) => [b.gid, b.assetGid, b.siteGid]) }) },
  entities: { kind: 'read', query: () => '{ entities(first: 10) { edges { node { name sites { name } } } } }', variables: () => ({}) },
  assets: { kind: 'read', query: () => '{ assets(first: 10) { edges { node { inventoryTag entity { name } } } } }', variables: () => ({}) },
  contracts: { kind: 'read', query: () => '{ contracts(first: 10) { edges { node { subject entities { name } contractingEntity { name } assets { inventoryTag } } } } }', variables: () => ({}) },
  licences: { kind: 'read', query: () => '{ softwareLicences(first: 10) { edges { node { reference entities { name } } } } }', variables: () => ({}) },
  entityContracts: { kind: 'read', query: () => 'query ($id: ID!) { node(id: $id) { ... on Entity { contracts { subject entities { name } } softwareLicences { reference } } } }', variables: (b) => ({ id: b.gid }) },
  assetContract: { kind: 'read', query: () => 'query ($id: ID!) { node(id: $id) { ... on Asset { maintenanceContract { subject entities { name } assets { inventoryTag } } } } }', variables: (b) => ({ id: b.assetGid }) },
  renewal: { kind: 'read', query: () => '{ renewalPlans(criteria: { maxAgeYears: 1, warrantyWithinDays: 3650 }) { entity { name } pastAge { inventoryTag } } }', variables: () => ({}) },
};
const writes = ['createAsset', 'createSite', 'recordPopulation', 'updateSite'] as const;
const opArb = fc.oneof(
  fc.constantFrom(...Object.keys(reads)).map((name) => ({ name, op: reads[name]! as Op })),
  fc.constantFrom(...writes).map((name) => ({ name, op: { kind: 'write', name } as Op })),
);

describe('no cross-body read or write, for any actor and operation', () => {
  it('holds over random role sets, operations and target bodies', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, opArb, fc.integer({ min: 0, max: 2 }), async (who, { name, op }, target) => {
        run++;
        const bodyId = (index: number | null) => (index === null ? null : bodies[index]!.id);
        const roles =
          who.kind === 'user'
            ? who.assignments.map((a) => ({ role: a.role, entityId: bodyId(a.body) }))
            : who.scopes.map((scope) => ({ scope, entityId: bodyId(who.body) }));
        const actor =
          who.kind === 'user'
            ? actorForRoles(t.api.composed, 'random actor', roles as { role: Role; entityId: string | null }[])
            : actorFromGrants(
                { kind: 'token', id: randomUUID(), label: 'random token' },
                who.scopes.map((permission) => ({ permission, entityId: bodyId(who.body) })),
              );
        const body = bodies[target]!;
        const canReadBody = (b: Body) => actor.can('core:entities:read', b.id);
        const canReadInventory = (b: Body) => b.inventoryOn && actor.can('inventory:read', b.id);
        const canReadProcurement = (b: Body) => b.procurementOn && actor.can('procurement:read', b.id);

        let response;
        if (op.kind === 'read') {
          response = await t.api.gql(op.query(body), op.variables(body), actor);
        } else {
          const before = {
            assets: await t.db.prisma.asset.count({ where: { entityId: body.id } }),
            sites: await t.db.prisma.site.findMany({ where: { entityId: body.id }, orderBy: { id: 'asc' } }),
            population: await t.db.prisma.entityPopulation.findMany({ where: { entityId: body.id } }),
          };
          const mutation = {
            createAsset: ['mutation ($id: ID!, $tag: String!) { createAsset(input: { entityId: $id, kind: LAPTOP, inventoryTag: $tag }) { __typename } }', { id: body.gid, tag: `P-${run}` }],
            createSite: ['mutation ($id: ID!, $name: String!) { createSite(entityId: $id, input: { name: $name, address: "x" }) { __typename } }', { id: body.gid, name: `P-${run}` }],
            recordPopulation: ['mutation ($id: ID!, $n: Int!) { recordPopulation(entityId: $id, referenceDate: "2024-12-31", population: $n) { __typename } }', { id: body.gid, n: run }],
            updateSite: [
              'mutation ($id: ID!, $v: Int!, $name: String!) { updateSite(id: $id, expectedVersion: $v, input: { name: $name, address: "y" }) { __typename } }',
              { id: body.siteGid, v: before.sites.find((site) => toGlobalId('Site', site.id) === body.siteGid)?.version ?? 1, name: `Sede ${marker(target)} ${run}` },
            ],
          }[op.name as (typeof writes)[number]] as [string, Record<string, unknown>];
          response = await t.api.gql(mutation[0], mutation[1], actor);
          const mayWrite =
            op.name === 'createAsset'
              ? body.inventoryOn && actor.can('inventory:write', body.id)
              : actor.can('core:entities:write', body.id);
          const after = {
            assets: await t.db.prisma.asset.count({ where: { entityId: body.id } }),
            sites: await t.db.prisma.site.findMany({ where: { entityId: body.id }, orderBy: { id: 'asc' } }),
            population: await t.db.prisma.entityPopulation.findMany({ where: { entityId: body.id } }),
          };
          const changed = JSON.stringify(before) !== JSON.stringify(after);
          expect(changed, `${name} on body ${target} by ${JSON.stringify(roles)}`).toBe(mayWrite);
        }

        const text = JSON.stringify(response.body);
        if (!bodies.some(canReadProcurement)) expect(text).not.toContain('Contratto condiviso');
        if (!bodies.some(canReadInventory)) expect(text).not.toContain('Licenza condivisa');
        bodies.forEach((b, i) => {
          if (!canReadBody(b)) {
            expect(text, `${name}: body ${i} name or site leaked to ${JSON.stringify(roles)}`).not.toMatch(new RegExp(`(Comune|Sede|Via) ${marker(i)}`));
          }
          if (!canReadInventory(b)) {
            expect(text, `${name}: body ${i} assets leaked to ${JSON.stringify(roles)}`).not.toContain(`${marker(i)}-PC`);
            expect(text).not.toContain(`SN-${marker(i)}`);
            expect(text, `${name}: body ${i} licence leaked to ${JSON.stringify(roles)}`).not.toContain(`Licenza ${marker(i)}`);
          }
          if (!canReadProcurement(b)) {
            expect(text, `${name}: body ${i} contract leaked to ${JSON.stringify(roles)}`).not.toContain(`Contratto ${marker(i)}`);
          }
        });
      }),
      { numRuns: Number(process.env.GEA_PROPERTY_RUNS ?? 1500), seed: process.env.GEA_PROPERTY_SEED ? Number(process.env.GEA_PROPERTY_SEED) : undefined },
    );
    expect(run).toBeGreaterThanOrEqual(Number(process.env.GEA_PROPERTY_RUNS ?? 1500));
  }, 300_000);
});
