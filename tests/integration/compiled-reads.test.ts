// The compiled read path against the resolvers: the same JSON for the benchmark's shapes and for
// random selections over bodies, assets, contracts and suppliers, for every role, on both databases,
// in one SQL statement whenever the operation compiles.
import { actorFromGrants, type Actor } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, superuser, useTestApi, type GraphQLResponse, type TestApi } from '@gea/test-kit/api.ts';
import { enableModules, seedBodies } from '@gea/test-kit/seed.ts';
import { actorForRoles } from '@gea/test-kit/users.ts';

const plugins = [inventory, procurement];
const outcomes: { kind: string; reason?: string }[] = [];
const t = useTestApi(plugins);
let resolvers: TestApi;
let compiled: TestApi;
let actors: { name: string; actor: Actor; all: boolean }[] = [];

beforeAll(async () => {
  compiled = createTestApi(t.db, plugins, { compiledReads: { observe: (o) => outcomes.push(o) } });
  resolvers = createTestApi(t.db, plugins, { compiledReads: false });
  const bodies = await seedBodies(t.db, 5, 7, 'C');
  // procurement on for four bodies: the fifth's contracts are out of every reader's reach
  await enableModules(t.db, bodies.slice(0, 4).map((b) => b.id), ['procurement']);
  await t.db.prisma.asset.updateMany({ where: { inventoryTag: { endsWith: '-1' } }, data: { model: 'ThinkCentre M70', serialNumber: 'SN-100%_x', warrantyEnd: new Date('2027-03-31'), priceCents: 65_000n } });
  await t.db.prisma.asset.updateMany({ where: { inventoryTag: { endsWith: '-2' } }, data: { model: 'OptiPlex 7010', warrantyEnd: new Date('2026-01-15'), purchaseDate: new Date('2021-02-28') } });
  const suppliers = [await t.db.prisma.supplier.create({ data: { name: 'Manutenzioni Srl' } }), await t.db.prisma.supplier.create({ data: { name: 'Rete "Toscana" & C.' } })];
  const assets = await t.db.prisma.asset.findMany({ select: { id: true, entityId: true }, orderBy: { id: 'asc' } });
  for (const [i, body] of bodies.entries()) {
    for (const [j, endsOn] of ['2031-12-31', '2033-06-30', '2022-01-31'].entries()) {
      const contract = await t.db.prisma.contract.create({
        data: {
          kind: j === 2 ? 'SERVICES' : 'MAINTENANCE', subject: `Manutenzione ${i}.${j}`, supplierId: suppliers[(i + j) % 2]!.id, contractingEntityId: body.id,
          cig: `${1234560 + i * 10 + j}ABC`, startsOn: new Date('2021-01-01'), endsOn: new Date(endsOn), valueCents: 100_000n * BigInt(j + 1),
        },
      });
      // the second contract serves two bodies
      await t.db.prisma.contractEntity.createMany({ data: [{ contractId: contract.id, entityId: body.id }, ...(j === 1 ? [{ contractId: contract.id, entityId: bodies[(i + 1) % bodies.length]!.id }] : [])] });
      const own = assets.filter((a) => a.entityId === body.id);
      await t.db.prisma.contractAsset.createMany({ data: own.slice(j, j + 4).map((a) => ({ contractId: contract.id, assetId: a.id })) });
    }
  }
  const composed = compiled.composed;
  const own = bodies[1]!.id;
  actors = [
    { name: 'superuser', actor: superuser, all: true },
    { name: 'ICT head', actor: actorForRoles(composed, 'head', [{ role: 'ICT_HEAD', entityId: null }]), all: true },
    { name: 'ICT staff', actor: actorForRoles(composed, 'staff', [{ role: 'ICT_STAFF', entityId: null }]), all: true },
    { name: 'board member', actor: actorForRoles(composed, 'board', [{ role: 'BOARD_MEMBER', entityId: null }]), all: true },
    { name: 'referent', actor: actorForRoles(composed, 'referent', [{ role: 'REFERENT', entityId: own }]), all: false },
    { name: 'web editor', actor: actorForRoles(composed, 'editor', [{ role: 'WEB_EDITOR', entityId: own }]), all: false },
    { name: 'protocol token', actor: actorFromGrants({ kind: 'token', id: null, label: 'protocol' }, ['core:entities:read', 'inventory:read'].map((permission) => ({ permission, entityId: own }))), all: false },
  ];
});

const Q1 = `query Q1 { entities(first: 3) { edges { cursor node { id name istatCode assets(first: 4) { pageInfo { hasNextPage endCursor } edges { node { id kind model serialNumber warrantyEnd priceCents maintenanceContract { id cig endsOn supplier { id name } } } } } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const Q3 = `query Q3 { assets(first: 5, filter: { kind: [DESKTOP_PC], status: [IN_SERVICE] }, sort: { field: WARRANTY_END }) { edges { cursor node { id inventoryTag model warrantyEnd entity { name } } } pageInfo { hasNextPage endCursor } } }`;

/** Each request has its own id in its errors. */
const withoutRequestIds = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => ({
  ...body,
  errors: body.errors?.map((error) => ({ ...error, extensions: { ...error.extensions, requestId: undefined } })),
});

describe('compiled reads', () => {
  it('answer the benchmark shapes as the resolvers do, in one statement', async () => {
    for (const query of [Q1, Q3]) {
      outcomes.length = 0;
      const expected = await resolvers.gql(query);
      expect(expected.body.errors).toBeUndefined();
      const { result, statements } = await compiled.countStatements(() => compiled.gql(query));
      expect(outcomes.map((o) => o.reason ?? o.kind)).toEqual(['compiled']);
      expect(result.body).toEqual(expected.body);
      expect(statements).toHaveLength(1);
    }
  });

  it("answer a root list from its resolver's own statement (every body's PCs) in one statement, for every role", async () => {
    const Q4 = 'query Q4($at: Date) { personalComputersInService(at: $at) { __typename entityId count } }';
    // a PC out of service since 2025: the counts differ by date
    const pc = await t.db.prisma.asset.findFirstOrThrow({ where: { kind: 'DESKTOP_PC', status: 'IN_SERVICE' }, select: { id: true, entityId: true } });
    await t.db.prisma.assetStatusChange.create({ data: { assetId: pc.id, status: 'DISPOSED', effectiveOn: new Date('2025-06-30') } });
    for (const { name, actor } of actors) {
      for (const at of ['2024-12-31', '2025-12-31', null]) {
        outcomes.length = 0;
        const expected = await resolvers.gql(Q4, { at }, actor);
        const { result, statements } = await compiled.countStatements(() => compiled.gql(Q4, { at }, actor));
        expect(withoutRequestIds(result.body), `${name} at ${at}`).toEqual(withoutRequestIds(expected.body));
        if (expected.body.errors) continue;
        expect(outcomes.map((o) => o.reason ?? o.kind), name).toEqual(['compiled']);
        expect(statements).toHaveLength(1);
        expect(result.body.data!.personalComputersInService.length).toBeGreaterThan(0);
      }
    }
  });

  it('page forwards and backwards with cursors exactly as the resolvers do', async () => {
    const page = `query ($first: Int, $last: Int, $after: String, $before: String, $sort: AssetSort) {
      assets(first: $first, last: $last, after: $after, before: $before, sort: $sort) {
        edges { cursor node { inventoryTag } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    for (const sort of [null, { field: 'WARRANTY_END', direction: 'DESC' }, { field: 'DEVICE' }, { field: 'BODY', direction: 'DESC' }]) {
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        outcomes.length = 0;
        const variables: Record<string, unknown> = { first: 4, after, sort };
        const expected = await resolvers.gql(page, variables);
        const actual: GraphQLResponse = await compiled.gql(page, variables);
        expect(outcomes.map((o) => o.reason ?? o.kind)).toEqual(['compiled']);
        expect(actual.body).toEqual(expected.body);
        const { edges, pageInfo } = actual.body.data!.assets as { edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        if (edges.length > 0) {
          const back = { last: 3, before: edges[0]!.cursor, sort };
          expect((await compiled.gql(page, back)).body).toEqual((await resolvers.gql(page, back)).body);
        }
        pages++;
        if (!pageInfo.hasNextPage) break;
        after = pageInfo.endCursor;
      }
      expect(pages).toBeGreaterThan(5);
    }
  });

  it('never serve a statement compiled for grants the actor no longer holds', async () => {
    const bodies = await t.db.prisma.entity.findMany({ orderBy: { name: 'asc' }, take: 2, select: { id: true } });
    const grants = (...entityIds: string[]) => entityIds.flatMap((entityId) => ['core:entities:read', 'inventory:read'].map((permission) => ({ permission, entityId })));
    const identity = { kind: 'user' as const, id: '00000000-0000-4000-8000-00000000aaaa', label: 'referent' };
    const query = '{ assets(first: 50) { edges { node { entity { id } } } } }';
    const bodiesSeen = async (actor: Actor) => {
      outcomes.length = 0;
      const answer = await compiled.gql(query, {}, actor);
      expect(outcomes.map((o) => o.reason ?? o.kind)).toEqual(['compiled']);
      return new Set(answer.body.data!.assets.edges.map((e: { node: { entity: { id: string } } }) => e.node.entity.id));
    };
    expect((await bodiesSeen(actorFromGrants(identity, grants(bodies[0]!.id, bodies[1]!.id)))).size).toBe(2);
    // the same user, one body taken away: the cached statement's questions get other answers
    expect((await bodiesSeen(actorFromGrants(identity, grants(bodies[1]!.id)))).size).toBe(1);
    expect((await bodiesSeen(actorFromGrants(identity, grants(bodies[0]!.id, bodies[1]!.id)))).size).toBe(2);
  });

  // Random selections over the compiled part of the schema, for every role: the same JSON.
  const scalarAssetFields = ['id', 'kind', 'status', 'version', 'manufacturer', 'model', 'serialNumber', 'inventoryTag', 'purchaseDate', 'priceCents', 'floor', 'assignedTo', 'supplier', 'warrantyEnd', '__typename'];
  const contractSelection = fc
    .subarray(['id', 'kind', 'subject', 'cig', 'cup', 'startsOn', 'endsOn', 'renewableUntil', 'supplier { id name vatNumber }', '__typename'], { minLength: 1 })
    .map((fields) => `{ ${fields.join(' ')} }`);
  const assetSelection = fc
    .record({
      scalars: fc.subarray(scalarAssetFields, { minLength: 1 }),
      entity: fc.option(fc.constant('entity { id name istatCode }'), { nil: undefined }),
      site: fc.option(fc.constant('site { name }'), { nil: undefined }),
      history: fc.option(fc.constant('statusHistory { status effectiveOn }'), { nil: undefined }),
      contract: fc.option(contractSelection.map((s) => `maintenanceContract ${s}`), { nil: undefined }),
      contracts: fc.option(contractSelection.map((s) => `contracts ${s}`), { nil: undefined }),
    })
    .map((parts) => `{ ${[...parts.scalars, parts.entity, parts.site, parts.history, parts.contract, parts.contracts].filter(Boolean).join(' ')} }`);
  const sort = fc.option(
    fc.record({ field: fc.constantFrom('INVENTORY_TAG', 'WARRANTY_END', 'PRICE', 'DEVICE', 'BODY', 'KIND', 'STATUS', 'PURCHASE_DATE'), direction: fc.constantFrom('ASC', 'DESC') }),
    { nil: null },
  );
  const filter = fc.option(
    fc.record(
      { kind: fc.subarray(['DESKTOP_PC', 'PRINTER', 'LAPTOP'], { minLength: 1 }), status: fc.constant(['IN_SERVICE']), search: fc.constantFrom('think', '100%_', 'C1-', 'zzz'), warrantyEndsFrom: fc.constant('2026-01-01') },
      { requiredKeys: [] },
    ),
    { nil: null },
  );
  const operation = fc.oneof(
    fc.record({ first: fc.integer({ min: 0, max: 6 }), inner: fc.integer({ min: 1, max: 5 }), asset: assetSelection, sort, filter }).map(({ first, inner, asset, sort, filter }) => ({
      query: `query ($sort: AssetSort, $filter: AssetFilter) { entities(first: ${first}) { totalCount: __typename edges { node { id name kind assets(first: ${inner}, sort: $sort, filter: $filter) { edges { cursor node ${asset} } pageInfo { hasNextPage endCursor } } } } pageInfo { hasNextPage endCursor } } }`,
      variables: { sort, filter },
    })),
    fc.record({ first: fc.integer({ min: 1, max: 12 }), asset: assetSelection, sort, filter }).map(({ first, asset, sort, filter }) => ({
      query: `query ($sort: AssetSort, $filter: AssetFilter) { assets(first: ${first}, sort: $sort, filter: $filter) { edges { cursor node ${asset} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
      variables: { sort, filter },
    })),
  );

  it('give the same JSON as the resolvers for random selections and every role', async () => {
    let compiledRuns = 0;
    let compiledForAll = 0;
    await fc.assert(
      fc.asyncProperty(operation, fc.integer({ min: 0, max: 6 }), async ({ query, variables }, who) => {
        const { actor, all } = actors[who]!;
        outcomes.length = 0;
        const expected = await resolvers.gql(query, variables, actor);
        const actual = await compiled.gql(query, variables, actor);
        expect(withoutRequestIds(actual.body)).toEqual(withoutRequestIds(expected.body));
        expect(outcomes).toHaveLength(1);
        // Only a refusal (a row of a body the reader may not see, a module off) sends a read to the resolvers.
        if (!expected.body.errors) expect(outcomes[0]!.reason ?? outcomes[0]!.kind).toBe('compiled');
        if (outcomes[0]!.kind === 'compiled') compiledRuns++;
        if (all && outcomes[0]!.kind === 'compiled') compiledForAll++;
      }),
      { numRuns: 60 },
    );
    expect(compiledRuns).toBeGreaterThan(20);
    expect(compiledForAll).toBeGreaterThan(5);
  });
});
