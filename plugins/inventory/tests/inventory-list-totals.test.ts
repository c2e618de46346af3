// The assets list as the office reads it: totals of the whole filtered set (body-scoped like the
// rows), the warranty range filter, every sort field paged without gaps, CSV dialects, and a fixed
// number of SQL statements per list whatever the rows.
import { actorFromGrants } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';

const t = useTestApi([inventory]);
let own: { id: string; gid: string };
let referent: ReturnType<typeof actorFromGrants>;

beforeAll(async () => {
  const [mine, other] = await Promise.all(
    ['Comune Totali', 'Comune Vicino'].map((name) =>
      t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name, sites: { create: [{ name: `Sede ${name}`, address: 'Piazza 1' }] } }, include: { sites: true } }),
    ),
  );
  await enableModules(t.db, [mine!.id, other!.id]);
  own = { id: mine!.id, gid: toGlobalId('Entity', mine!.id) };
  referent = actorFromGrants({ kind: 'user', id: null, label: 'referente' }, [{ permission: 'inventory:read', entityId: mine!.id }]);
  const row = (entity: typeof mine, tag: string, extra: Record<string, unknown>) => ({
    entityId: entity!.id, kind: 'DESKTOP_PC' as const, inventoryTag: tag, siteId: entity!.sites[0]!.id, manufacturer: 'HP', ...extra,
  });
  await t.db.prisma.asset.createMany({
    data: [
      row(mine, 'T-1', { priceCents: 123_456, warrantyEnd: new Date('2026-03-31'), assignedTo: 'Anagrafe' }),
      row(mine, 'T-2', { priceCents: 50, warrantyEnd: new Date('2026-12-31'), model: 'ProDesk' }),
      row(mine, 'T-3', { priceCents: null, warrantyEnd: new Date('2027-01-01'), siteId: null }),
      row(mine, 'T-4', { priceCents: 10_000, warrantyEnd: new Date('2025-12-31'), manufacturer: null }),
      row(other, 'V-1', { priceCents: 999_999, warrantyEnd: new Date('2026-06-30'), serialNumber: 'VIC-0001' }),
    ],
  });
});

const TOTALS = `query ($filter: AssetFilter) { assets(first: 1, filter: $filter) { totalCount totalPriceCents edges { node { inventoryTag } } } }`;

describe('totals of the assets list', () => {
  it('counts and sums the whole filtered set, not the page', async () => {
    const all = (await t.api.gql(TOTALS, { filter: { entityIds: [own.gid] } })).body.data!.assets;
    expect(all.edges).toHaveLength(1);
    expect(all.totalCount).toBe(4);
    expect(all.totalPriceCents).toBe(123_456 + 50 + 10_000);
    const everyBody = (await t.api.gql(TOTALS, {})).body.data!.assets;
    expect(everyBody).toMatchObject({ totalCount: 5, totalPriceCents: 123_456 + 50 + 10_000 + 999_999 });
  });

  it("counts only a referent's own body, whatever the filter asks", async () => {
    const mine = await t.api.gql(TOTALS, {}, referent);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data!.assets).toMatchObject({ totalCount: 4, totalPriceCents: 133_506 });
    // The other body's asset, by its serial number (a search needs 3 letters or digits in a row).
    const asked = await t.api.gql(TOTALS, { filter: { search: 'VIC-0001' } }, referent);
    expect(asked.body.data!.assets).toMatchObject({ totalCount: 0, totalPriceCents: 0, edges: [] });
  });

  it('costs one aggregate statement, the same with 4 or 40 more assets', async () => {
    const query = `{ assets(first: 25, sort: { field: BODY }) { totalCount totalPriceCents edges { node { inventoryTag site { name } entity { name } } } } }`;
    const without = `{ assets(first: 25, sort: { field: BODY }) { edges { node { inventoryTag site { name } entity { name } } } } }`;
    const count = async (text: string) => (await t.api.countStatements(() => t.api.gql(text))).statements;
    const small = await count(query);
    expect(small.filter((sql) => /\bCOUNT\(/i.test(sql) && /\bSUM\(/i.test(sql))).toHaveLength(1);
    // Without the totals the page is a compiled read: one statement in all.
    expect(await count(without)).toHaveLength(1);
    const added = await seedBodies(t.db, 4, 10, 'Z');
    await enableModules(t.db, added.map((e) => e.id));
    try {
      expect((await count(query)).length).toBe(small.length);
    } finally {
      await t.db.prisma.asset.deleteMany({ where: { entityId: { in: added.map((e) => e.id) } } });
    }
  });
});

describe('warranty range filter', () => {
  const tags = async (filter: Record<string, unknown>) =>
    (await t.api.gql(`query ($filter: AssetFilter) { assets(first: 50, filter: $filter, sort: { field: WARRANTY_END }) { edges { node { inventoryTag } } } }`, { filter })).body
      .data!.assets.edges.map((e: { node: { inventoryTag: string } }) => e.node.inventoryTag);

  it('selects the warranties ending within the two days, both included', async () => {
    expect(await tags({ warrantyEndsFrom: '2026-01-01', warrantyEndsTo: '2026-12-31' })).toEqual(['T-1', 'V-1', 'T-2']);
    expect(await tags({ warrantyEndsFrom: '2026-12-31' })).toEqual(['T-2', 'T-3']);
    expect(await tags({ warrantyEndsTo: '2025-12-31', entityIds: [own.gid] })).toEqual(['T-4']);
  });

  it('gives the same totals as the rows it selects', async () => {
    const response = await t.api.gql(TOTALS, { filter: { warrantyEndsFrom: '2026-01-01', warrantyEndsTo: '2026-12-31' } }, referent);
    expect(response.body.data!.assets).toMatchObject({ totalCount: 2, totalPriceCents: 123_506 });
  });
});

describe('the new sort fields page without gaps or repeats', () => {
  for (const field of ['DEVICE', 'BODY', 'SITE', 'ASSIGNED_TO']) {
    for (const direction of ['ASC', 'DESC']) {
      it(`${field} ${direction}`, async () => {
        const page = (after: string | null) =>
          t.api.gql(
            `query ($after: String) { assets(first: 2, after: $after, sort: { field: ${field}, direction: ${direction} }) {
              edges { node { inventoryTag } } pageInfo { hasNextPage endCursor } } }`,
            { after },
          );
        const whole = await t.api.gql(`{ assets(first: 50, sort: { field: ${field}, direction: ${direction} }) { edges { node { inventoryTag } } } }`);
        const expected = whole.body.data!.assets.edges.map((e: { node: { inventoryTag: string } }) => e.node.inventoryTag);
        const paged: string[] = [];
        let after: string | null = null;
        for (let i = 0; i < 10; i++) {
          const response = await page(after);
          expect(response.body.errors).toBeUndefined();
          const connection = response.body.data!.assets;
          paged.push(...connection.edges.map((e: { node: { inventoryTag: string } }) => e.node.inventoryTag));
          if (!connection.pageInfo.hasNextPage) break;
          after = connection.pageInfo.endCursor;
        }
        expect(paged).toEqual(expected);
        expect(new Set(paged).size).toBe(5);
      });
    }
  }

  it('BODY sorts by body name; a referent sorting by it still sees only their body', async () => {
    const bodies = async (direction: string) =>
      (await t.api.gql(`{ assets(first: 50, sort: { field: BODY, direction: ${direction} }) { edges { node { entity { name } } } } }`)).body.data!.assets.edges.map(
        (e: { node: { entity: { name: string } } }) => e.node.entity.name,
      );
    const totali = Array(4).fill('Comune Totali');
    expect(await bodies('ASC')).toEqual([...totali, 'Comune Vicino']);
    expect(await bodies('DESC')).toEqual(['Comune Vicino', ...totali]);
    const seen = await t.api.gql('{ assets(first: 50, sort: { field: BODY, direction: DESC }) { edges { node { inventoryTag } } } }', {}, referent);
    expect(seen.body.data!.assets.edges.map((e: { node: { inventoryTag: string } }) => e.node.inventoryTag).sort()).toEqual(['T-1', 'T-2', 'T-3', 'T-4']);
  });
});

describe('CSV export dialects', () => {
  const csv = async (dialect?: string) =>
    (await t.api.gql(`{ assetsCsv(${dialect ? `dialect: ${dialect}, ` : ''}filter: { kind: [DESKTOP_PC] }, sort: { field: INVENTORY_TAG }) }`, {}, referent)).body.data!
      .assetsCsv as string;

  it('STANDARD is the default and stays comma-separated with decimal points, no byte-order mark', async () => {
    const standard = await csv('STANDARD');
    expect(await csv()).toBe(standard);
    expect(standard.startsWith('body,body_istat_code,inventory_tag,kind,status,')).toBe(true);
    const rows = parse(standard, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.inventory_tag, r.price_eur])).toEqual([['T-1', '1234.56'], ['T-2', '0.50'], ['T-3', ''], ['T-4', '100.00']]);
  });

  it('ITALIAN_EXCEL: UTF-8 byte-order mark, semicolons, decimal comma only in amounts', async () => {
    const text = await csv('ITALIAN_EXCEL');
    const bytes = Buffer.from(text, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text.slice(1).split('\n');
    expect(lines[0]).toBe('body;body_istat_code;inventory_tag;kind;status;manufacturer;model;serial_number;site;floor;assigned_to;supplier;purchase_date;price_eur;warranty_end');
    expect(lines[1]).toBe('Comune Totali;;T-1;DESKTOP_PC;IN_SERVICE;HP;;;Sede Comune Totali;;Anagrafe;;;1234,56;2026-03-31');
    const rows = parse(text, { columns: true, delimiter: ';', bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.inventory_tag, r.price_eur, r.warranty_end])).toEqual([
      ['T-1', '1234,56', '2026-03-31'],
      ['T-2', '0,50', '2026-12-31'],
      ['T-3', '', '2027-01-01'],
      ['T-4', '100,00', '2025-12-31'],
    ]);
  });
});

describe('the body and site names kept on each asset for sorting', () => {
  it('follow a renamed body or site, a changed site and a deleted one', async () => {
    const entity = await t.db.prisma.entity.create({
      data: { kind: 'MUNICIPALITY', name: 'Comune Zeta', sites: { create: [{ name: 'Sede Z', address: 'Via 1' }, { name: 'Sede Y', address: 'Via 2' }] } },
      include: { sites: { orderBy: { name: 'desc' } } },
    });
    const [z, y] = entity.sites;
    try {
      const asset = await t.db.prisma.asset.create({ data: { entityId: entity.id, kind: 'SERVER', inventoryTag: 'Z-1', siteId: z!.id } });
      const names = () => t.db.prisma.asset.findUniqueOrThrow({ where: { id: asset.id }, select: { bodyName: true, siteName: true } });
      expect(await names()).toEqual({ bodyName: 'Comune Zeta', siteName: 'Sede Z' });
      await t.db.prisma.entity.update({ where: { id: entity.id }, data: { name: 'Comune Alfa' } });
      await t.db.prisma.site.update({ where: { id: z!.id }, data: { name: 'Sede A' } });
      expect(await names()).toEqual({ bodyName: 'Comune Alfa', siteName: 'Sede A' });
      // written by hand, set back
      await t.db.prisma.asset.update({ where: { id: asset.id }, data: { bodyName: 'Altro', siteId: y!.id } });
      expect(await names()).toEqual({ bodyName: 'Comune Alfa', siteName: 'Sede Y' });
      await t.db.prisma.site.delete({ where: { id: y!.id } });
      expect(await names()).toEqual({ bodyName: 'Comune Alfa', siteName: null });
    } finally {
      await t.db.prisma.asset.deleteMany({ where: { entityId: entity.id } });
      await t.db.prisma.entity.delete({ where: { id: entity.id } });
    }
  });
});
