import inventory from '@gea/plugin-inventory';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';

const t = useTestApi([inventory]);
let body: { id: string; gid: string; siteGid: string };
let otherSiteGid: string;

const CREATE = `mutation ($input: CreateAssetInput!) {
  createAsset(input: $input) { __typename ... on Asset { id } ... on InputError { issues { path message } } }
}`;

beforeAll(async () => {
  const entity = await t.db.prisma.entity.create({
    data: { kind: 'MUNICIPALITY', name: 'Comune Liste', sites: { create: [{ name: 'Municipio', address: 'Piazza 1' }] } },
    include: { sites: true },
  });
  const other = await t.db.prisma.entity.create({
    data: { kind: 'MUNICIPALITY', name: 'Comune Altro', sites: { create: [{ name: 'Municipio', address: 'Piazza 2' }] } },
    include: { sites: true },
  });
  await enableModules(t.db, [entity.id, other.id]);
  body = { id: entity.id, gid: toGlobalId('Entity', entity.id), siteGid: toGlobalId('Site', entity.sites[0]!.id) };
  otherSiteGid = toGlobalId('Site', other.sites[0]!.id);
  const assets = [
    { kind: 'DESKTOP_PC', inventoryTag: 'L-003', manufacturer: 'HP', model: 'EliteDesk', purchaseDate: '2021-05-01', warrantyEnd: '2024-05-01', priceCents: 70000, assignedTo: 'Ufficio anagrafe' },
    { kind: 'LAPTOP', inventoryTag: 'L-001', manufacturer: 'Lenovo', model: 'ThinkPad', purchaseDate: '2023-02-01', warrantyEnd: '2026-02-01', priceCents: 95000 },
    { kind: 'PRINTER', inventoryTag: 'L-002', manufacturer: 'Brother', serialNumber: 'BR-778', purchaseDate: '2019-09-09', priceCents: 15000 },
  ];
  for (const asset of assets) {
    const response = await t.api.gql(CREATE, { input: { entityId: body.gid, siteId: body.siteGid, ...asset } });
    expect(response.body.data!.createAsset.__typename).toBe('Asset');
  }
});

const list = async (args: string) => {
  const response = await t.api.gql(`{ assets(first: 10${args}) { edges { node { inventoryTag site { name } } } } }`);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.assets.edges.map((e: { node: { inventoryTag: string } }) => e.node.inventoryTag);
};

describe('inventory lists: filters, text search, sorting', () => {
  it('sorts by any column, either way, with missing values last', async () => {
    expect(await list(', sort: { field: INVENTORY_TAG }')).toEqual(['L-001', 'L-002', 'L-003']);
    expect(await list(', sort: { field: PURCHASE_DATE, direction: DESC }')).toEqual(['L-001', 'L-003', 'L-002']);
    expect(await list(', sort: { field: WARRANTY_END }')).toEqual(['L-003', 'L-001', 'L-002']);
    expect(await list(', sort: { field: PRICE, direction: DESC }')).toEqual(['L-001', 'L-003', 'L-002']);
  });

  it('sorts by every field of the sort enum, both ways, ties by id in the same direction, missing values last', async () => {
    // A body of its own, with ties and missing values in every column.
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Ordinamenti' } });
    await enableModules(t.db, [entity.id]);
    const site = await t.db.prisma.site.createManyAndReturn({
      data: [{ entityId: entity.id, name: 'Biblioteca', address: 'Via 1' }, { entityId: entity.id, name: 'Archivio', address: 'Via 2' }],
    });
    const rows = [
      { kind: 'SERVER', status: 'SPARE', inventoryTag: 'S-2', purchaseDate: '2022-03-01', warrantyEnd: null, priceCents: 500_000, manufacturer: 'HP', model: 'B', assignedTo: 'CED', siteId: site[0]!.id },
      { kind: 'DESKTOP_PC', status: 'IN_SERVICE', inventoryTag: null, purchaseDate: null, warrantyEnd: '2027-01-01', priceCents: 70_000, manufacturer: 'HP', model: 'A', assignedTo: null, siteId: null },
      { kind: 'PRINTER', status: 'ORDERED', inventoryTag: 'S-1', purchaseDate: '2022-03-01', warrantyEnd: '2025-06-30', priceCents: null, manufacturer: null, model: 'Z', assignedTo: 'Anagrafe', siteId: site[1]!.id },
      { kind: 'DESKTOP_PC', status: 'RETIRED', inventoryTag: 'S-3', purchaseDate: '2018-01-15', warrantyEnd: '2025-06-30', priceCents: 70_000, manufacturer: 'Dell', model: null, assignedTo: 'CED', siteId: site[0]!.id },
      { kind: 'OTHER', status: 'UNDER_REPAIR', inventoryTag: 'S-0', purchaseDate: '2024-11-30', warrantyEnd: null, priceCents: 0, manufacturer: 'HP', model: 'A', assignedTo: null, siteId: null },
      { kind: 'LAPTOP', status: 'IN_SERVICE', inventoryTag: 'S-4', purchaseDate: null, warrantyEnd: '2029-12-31', priceCents: 2_147_483_647, manufacturer: 'Dell', model: 'X', assignedTo: 'Tributi', siteId: site[1]!.id },
    ] as const;
    await t.db.prisma.asset.createMany({
      data: rows.map((r) => ({
        entityId: entity.id,
        kind: r.kind,
        status: r.status,
        inventoryTag: r.inventoryTag,
        purchaseDate: r.purchaseDate ? new Date(r.purchaseDate) : null,
        warrantyEnd: r.warrantyEnd ? new Date(r.warrantyEnd) : null,
        priceCents: r.priceCents,
        manufacturer: r.manufacturer,
        model: r.model,
        assignedTo: r.assignedTo,
        siteId: r.siteId,
      })),
    });
    try {
    const introspection = await t.api.gql(
      '{ sort: __type(name: "AssetSortField") { enumValues { name } } }',
    );
    const fields = (introspection.body.data!.sort.enumValues as { name: string }[]).map((v) => v.name);
    expect(fields.length).toBeGreaterThanOrEqual(6);
    // Enums sort in their declaration order in the database (the status follows the lifecycle).
    const declared = async (type: 'AssetKind' | 'AssetStatus') =>
      (await t.db.prisma.$queryRawUnsafe<{ label: string }[]>(`SELECT unnest(enum_range(NULL::"${type}"))::text AS label`)).map((r) => r.label);
    const rank = { kind: await declared('AssetKind'), status: await declared('AssetStatus') };
    expect(rank.status.slice(0, 2)).toEqual(['ORDERED', 'IN_SERVICE']);
    const column: Record<string, (a: Node) => string | number | null | (string | null)[]> = {
      INVENTORY_TAG: (a) => a.inventoryTag,
      PURCHASE_DATE: (a) => a.purchaseDate,
      WARRANTY_END: (a) => a.warrantyEnd,
      KIND: (a) => rank.kind.indexOf(a.kind),
      STATUS: (a) => rank.status.indexOf(a.status),
      PRICE: (a) => a.priceCents,
      // manufacturer then model, each missing value last
      DEVICE: (a) => [a.manufacturer, a.model],
      ASSIGNED_TO: (a) => a.assignedTo,
      SITE: (a) => a.site?.name ?? null,
      BODY: (a) => a.entity.name,
    };
    type Node = {
      id: string; kind: string; status: string; inventoryTag: string | null; purchaseDate: string | null; warrantyEnd: string | null; priceCents: number | null;
      manufacturer: string | null; model: string | null; assignedTo: string | null; site: { name: string } | null; entity: { name: string };
    };
    const rawId = (gid: string) => Buffer.from(gid, 'base64').toString('utf8').split(':')[1]!;
    for (const field of fields) {
      expect(column[field], `a check for ${field}`).toBeDefined();
      for (const direction of ['ASC', 'DESC'] as const) {
        const response = await t.api.gql(
          `query ($e: ID!) { assets(first: 20, filter: { entityIds: [$e] }, sort: { field: ${field}, direction: ${direction} }) {
            edges { node { id kind status inventoryTag purchaseDate warrantyEnd priceCents manufacturer model assignedTo site { name } entity { name } } } } }`,
          { e: toGlobalId('Entity', entity.id) },
        );
        expect(response.body.errors, `${field} ${direction}`).toBeUndefined();
        const nodes: Node[] = response.body.data!.assets.edges.map((e: { node: Node }) => e.node);
        expect(nodes).toHaveLength(rows.length);
        const value = column[field]!;
        const expected = [...nodes].sort((a, b) => {
          const [xs, ys] = [[value(a)].flat(), [value(b)].flat()];
          const sign = direction === 'DESC' ? -1 : 1;
          const missingLast = 1;
          for (let i = 0; i < xs.length; i++) {
            const [x, y] = [xs[i], ys[i]];
            if (x === y) continue;
            if (x === null) return missingLast;
            if (y === null) return -missingLast;
            return (x! < y! ? -1 : 1) * sign;
          }
          // ties by id, in the same direction
          return (rawId(a.id) < rawId(b.id) ? -1 : 1) * sign;
        });
        expect(nodes.map((n) => `${rawId(n.id)} ${String(value(n))}`), `${field} ${direction}`).toEqual(expected.map((n) => `${rawId(n.id)} ${String(value(n))}`));
      }
    }
    } finally {
      // the other tests of this file list every body's assets
      await t.db.prisma.asset.deleteMany({ where: { entityId: entity.id } });
    }
  });

  it('filters by kind, site, body, warranty and text', async () => {
    expect(await list(', filter: { kind: [LAPTOP, PRINTER] }, sort: { field: INVENTORY_TAG }')).toEqual(['L-001', 'L-002']);
    expect(await list(`, filter: { siteId: "${body.siteGid}" }, sort: { field: INVENTORY_TAG }`)).toEqual(['L-001', 'L-002', 'L-003']);
    expect(await list(`, filter: { siteId: "${otherSiteGid}" }`)).toEqual([]);
    expect(await list(`, filter: { entityIds: ["${body.gid}"], warrantyEndsBefore: "2025-01-01" }`)).toEqual(['L-003']);
    expect(await list(', filter: { search: "thinkpad" }')).toEqual(['L-001']);
    expect(await list(', filter: { search: "br-778" }')).toEqual(['L-002']);
    expect(await list(', filter: { search: "anagrafe" }')).toEqual(['L-003']);
  });

  it('pages through a sorted list without gaps or repeats', async () => {
    const first = await t.api.gql('{ assets(first: 2, sort: { field: INVENTORY_TAG }) { edges { node { inventoryTag } } pageInfo { hasNextPage endCursor } } }');
    const page1 = first.body.data!.assets;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await t.api.gql(
      'query ($after: String!) { assets(first: 2, after: $after, sort: { field: INVENTORY_TAG }) { edges { node { inventoryTag } } pageInfo { hasNextPage } } }',
      { after: page1.pageInfo.endCursor },
    );
    const tags = [...page1.edges, ...second.body.data!.assets.edges].map((e: { node: { inventoryTag: string } }) => e.node.inventoryTag);
    expect(tags).toEqual(['L-001', 'L-002', 'L-003']);
    expect(second.body.data!.assets.pageInfo.hasNextPage).toBe(false);
  });
});

describe('editing an asset', () => {
  it('refuses a site of another body, and a warranty ending before the purchase', async () => {
    const before = await t.db.prisma.asset.count();
    const wrongSite = await t.api.gql(CREATE, { input: { entityId: body.gid, kind: 'SERVER', siteId: otherSiteGid } });
    expect(wrongSite.body.data!.createAsset.issues).toEqual([{ path: ['input', 'siteId'], message: 'is not a site of this body' }]);
    const badWarranty = await t.api.gql(CREATE, {
      input: { entityId: body.gid, kind: 'SERVER', purchaseDate: '2024-01-01', warrantyEnd: '2023-01-01' },
    });
    expect(badWarranty.body.data!.createAsset.issues[0].message).toBe('cannot end before the purchase date');
    expect(await t.db.prisma.asset.count()).toBe(before);
  });

  it('updates the description and records before and after', async () => {
    const [asset] = await t.db.prisma.asset.findMany({ where: { inventoryTag: 'L-002' } });
    const response = await t.api.gql(
      `mutation ($id: ID!, $v: Int!, $input: UpdateAssetInput!) { updateAsset(id: $id, expectedVersion: $v, input: $input) {
        __typename ... on Asset { kind inventoryTag assignedTo site { name } } } }`,
      { id: toGlobalId('Asset', asset!.id), v: asset!.version, input: { kind: 'MULTIFUNCTION_PRINTER', inventoryTag: 'L-002', assignedTo: 'Piano terra', siteId: body.siteGid } },
    );
    expect(response.body.data!.updateAsset).toEqual({
      __typename: 'Asset',
      kind: 'MULTIFUNCTION_PRINTER',
      inventoryTag: 'L-002',
      assignedTo: 'Piano terra',
      site: { name: 'Municipio' },
    });
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({ where: { operation: 'updateAsset' } });
    expect(audit).toMatchObject({ entityId: body.id, before: { kind: 'PRINTER' }, after: { kind: 'MULTIFUNCTION_PRINTER', assignedTo: 'Piano terra' } });
  });
});

describe('CSV export of a filtered list', () => {
  it('writes the same rows as the list, in its order, with prices in euros to the cent', async () => {
    const { parse } = await import('csv-parse/sync');
    const response = await t.api.gql('{ assetsCsv(filter: { kind: [DESKTOP_PC, LAPTOP] }, sort: { field: INVENTORY_TAG }) }');
    const rows = parse(response.body.data!.assetsCsv as string, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.inventory_tag, r.kind, r.price_eur, r.site, r.purchase_date])).toEqual([
      ['L-001', 'LAPTOP', '950.00', 'Municipio', '2023-02-01'],
      ['L-003', 'DESKTOP_PC', '700.00', 'Municipio', '2021-05-01'],
    ]);
    expect(rows[0]!.body).toBe('Comune Liste');
  });

  it('contains only the bodies the reader may see', async () => {
    const { actorFromGrants } = await import('@gea/core');
    const other = await t.db.prisma.entity.findFirstOrThrow({ where: { name: 'Comune Altro' } });
    await t.db.prisma.asset.create({ data: { entityId: other.id, kind: 'SERVER', inventoryTag: 'ALTRO-1' } });
    const referent = actorFromGrants({ kind: 'user', id: null, label: 'referente' }, [{ permission: 'inventory:read', entityId: body.id }]);
    const csv = (await t.api.gql('{ assetsCsv }', {}, referent)).body.data!.assetsCsv as string;
    expect(csv).toContain('L-001');
    expect(csv).not.toContain('ALTRO-1');
    expect(csv).not.toContain('Comune Altro');
  });
});
