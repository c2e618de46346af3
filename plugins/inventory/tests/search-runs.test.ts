// A search over every body sorted by inventory tag, read as ordered runs (search-runs.ts): the ids
// found first by one statement over AssetSearchValue and the runs of each value, then the page among
// them. Every page, cursor after cursor, is checked against a plain JavaScript filter over the same
// rows; the values table is kept by PostgreSQL whoever writes the assets, concurrent writers of the
// same new values included. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL; the test kit
// checks every compiled read against the resolvers meanwhile.
import { actorFromGrants } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules, toGlobalId } from '@gea/test-kit/seed.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SEARCH_RUNS } from '../src/search-runs.ts';

const t = useTestApi([inventory]);

interface Row {
  id: string;
  entityId: string;
  inventoryTag: string | null;
  serialNumber: string | null;
  manufacturer: string | null;
  model: string | null;
  assignedTo: string | null;
}
const FIELDS = ['inventoryTag', 'serialNumber', 'manufacturer', 'model', 'assignedTo'] as const;
const MAKERS = ['Kyocera', 'Lenovo', 'HPE', 'HPE Aruba', 'Brother', null];
const OFFICES = ['Ufficio Anagrafe', 'Ufficio Tributi', 'Biblioteca', null];

let bodies: { id: string; gid: string }[] = [];
let rows: Row[] = [];

/** Every asset of the test, read back (the ids and tags as the database has them). */
async function readRows(): Promise<Row[]> {
  return (await t.db.prisma.asset.findMany({
    where: { entityId: { in: bodies.map((body) => body.id) } },
    select: { id: true, entityId: true, ...Object.fromEntries(FIELDS.map((field) => [field, true])) },
  })) as Row[];
}

beforeAll(async () => {
  for (const name of ['Comune Runs Uno', 'Comune Runs Due', 'Comune Runs Spento']) {
    const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name } });
    bodies.push({ id: entity.id, gid: toGlobalId('Entity', entity.id) });
  }
  // The inventory module is off for the third body: its assets are never listed.
  await enableModules(t.db, [bodies[0]!.id, bodies[1]!.id]);
  // Each body numbers its own tags, so the same tag is in every body (and some assets have none);
  // every tag has one shape, so that PostgreSQL's collation and JavaScript's order agree.
  const data = bodies.flatMap((body, b) =>
    Array.from({ length: 140 }, (_, i) => ({
      entityId: body.id,
      kind: 'PRINTER' as const,
      inventoryTag: i % 9 === 4 ? null : `${i % 3 === 0 ? 'ST' : 'PC'}-${String(i % 60).padStart(6, '0')}${i >= 60 ? `-${b}${Math.floor(i / 60)}` : ''}`,
      serialNumber: i % 11 === 0 ? null : `SN${(b * 1000 + i).toString(16).padStart(6, '0')}KYO`,
      manufacturer: MAKERS[(i * 7 + b) % MAKERS.length]!,
      model: i % 13 === 0 ? null : `Modello ${100 + ((i * 5) % 17)}`,
      assignedTo: OFFICES[(i + b) % OFFICES.length]!,
    })),
  );
  // Tags repeat only across bodies: (body, tag) is unique.
  const seen = new Set<string>();
  await t.db.prisma.asset.createMany({ data: data.filter((row) => row.inventoryTag === null || (!seen.has(`${row.entityId}:${row.inventoryTag}`) && seen.add(`${row.entityId}:${row.inventoryTag}`))) });
  rows = await readRows();
});

const PAGE = `query ($after: String, $first: Int!, $filter: AssetFilter, $sort: AssetSort) {
  assets(first: $first, after: $after, filter: $filter, sort: $sort) {
    edges { node { id inventoryTag } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const BY_TAG = { field: 'INVENTORY_TAG', direction: 'ASC' };
const rawId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;

/** The list's order: inventory tag (missing ones last), then id. */
const byTag = (a: Row, b: Row) =>
  a.inventoryTag === b.inventoryTag ? (a.id < b.id ? -1 : 1) : a.inventoryTag === null ? 1 : b.inventoryTag === null ? -1 : a.inventoryTag < b.inventoryTag ? -1 : 1;
/** Descending, missing tags still last. */
const byTagDescending = (a: Row, b: Row) =>
  a.inventoryTag === b.inventoryTag ? (a.id < b.id ? 1 : -1) : a.inventoryTag === null ? 1 : b.inventoryTag === null ? -1 : a.inventoryTag < b.inventoryTag ? 1 : -1;
const contains = (row: Row, text: string) => FIELDS.some((field) => row[field]?.toLowerCase().includes(text.toLowerCase()));
const expected = (text: string, readable = (row: Row) => row.entityId !== bodies[2]!.id, order = byTag) =>
  rows.filter((row) => readable(row) && contains(row, text)).sort(order).map((row) => row.id);

/** Every page of a search, cursor after cursor; with the statements each page sent. */
async function allPages(search: string, options: { first?: number; actor?: Parameters<typeof t.api.gql>[2]; filter?: Record<string, unknown>; sort?: unknown } = {}) {
  const ids: string[] = [];
  const statements: string[][] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const sent: string[] = [];
    const stop = t.db.onQuery((event) => sent.push(event.query));
    let response: Awaited<ReturnType<typeof t.api.gql<Record<string, any>>>>;
    try {
      response = await t.api.gql(PAGE, { first: options.first ?? 7, after, filter: { search, ...options.filter }, sort: options.sort ?? BY_TAG }, options.actor);
    } finally {
      stop();
    }
    expect(response.body.errors).toBeUndefined();
    const connection = response.body.data!.assets;
    ids.push(...connection.edges.map((edge: { node: { id: string } }) => rawId(edge.node.id)));
    statements.push(sent);
    if (!connection.pageInfo.hasNextPage) return { ids, statements };
    after = connection.pageInfo.endCursor;
  }
  throw new Error('more than 200 pages');
}
const readsRuns = (statements: string[][]) => statements.every((sent) => sent.some((sql) => sql.includes('"AssetSearchValue"')));

describe('a search by tag over every body, read as ordered runs', () => {
  it.each([
    ['a manufacturer', 'kyocera'],
    ['a manufacturer that is part of another', 'HPE'],
    ['a tag that every body has', 'PC-000007'],
    ['a tag number of several kinds', '000012'],
    ['a model', 'Modello 105'],
    ['an office', 'tributi'],
    ['a serial number fragment', 'n0003'],
    ['a text in serial numbers and manufacturers', 'kyo'],
    ['a text in several fields', 'PC-0000'],
    ['no hit', 'zzqx'],
  ])('%s: every page equals the filter over the rows, cursor after cursor', async (_name, search) => {
    const { ids, statements } = await allPages(search);
    expect(ids).toEqual(expected(search));
    expect(readsRuns(statements)).toBe(true);
  });

  it('costs two statements a page whatever the number of matches: the runs, then the page among their ids', async () => {
    for (const search of ['Lenovo', 'PC-000007', 'zzqx']) {
      const { result, statements } = await t.api.countStatements(() => t.api.gql(PAGE, { first: 5, after: null, filter: { search }, sort: BY_TAG }));
      expect(result.body.errors).toBeUndefined();
      expect(statements).toHaveLength(2);
      expect(statements[0]).toContain('"AssetSearchValue"');
      // The page reads the ids the runs found, not the search's trigram index.
      expect(statements[1]).not.toContain('"AssetSearchValue"');
    }
  });

  it('answers a cursor of no asset as the list does without runs', async () => {
    // Every asset here is a printer: the kind filter changes nothing but the plan. (A cursor that is
    // no id at all is refused before any resolver: tests/integration/invalid-cursors.test.ts.)
    const after = Buffer.from('GPC:S:0190a000-0000-7000-8000-000000000000').toString('base64');
    const withRuns = await t.api.gql(PAGE, { first: 5, after, filter: { search: 'Lenovo' }, sort: BY_TAG });
    const usual = await t.api.gql(PAGE, { first: 5, after, filter: { search: 'Lenovo', kind: ['PRINTER'] }, sort: BY_TAG });
    expect(withRuns.body.errors).toBeUndefined();
    expect(withRuns.body).toEqual(usual.body);
  });

  it('pages of any size, through assets without a tag at the end', async () => {
    for (const first of [1, 2, 5, 50]) {
      const { ids } = await allPages('Lenovo', { first });
      expect(ids).toEqual(expected('Lenovo'));
    }
    // Some have no tag: the last pages walk them by id.
    expect(rows.some((row) => row.manufacturer === 'Lenovo' && row.inventoryTag === null)).toBe(true);
  });

  it('is left to the list’s usual plan for other filters, sorts and readers, with the same answer', async () => {
    const kind = await allPages('Kyocera', { filter: { kind: ['PRINTER'] } });
    expect(kind.ids).toEqual(expected('Kyocera'));
    expect(kind.statements.some((sent) => sent.some((sql) => sql.includes('"AssetSearchValue"')))).toBe(false);

    const descending = await allPages('Kyocera', { sort: { field: 'INVENTORY_TAG', direction: 'DESC' } });
    expect(descending.ids).toEqual(expected('Kyocera', undefined, byTagDescending));
    expect(readsRuns(descending.statements)).toBe(false);

    // A referent of the first body: that body's assets only.
    const referent = actorFromGrants({ kind: 'user', id: null, label: 'referente' }, [{ permission: 'inventory:read', entityId: bodies[0]!.id }]);
    const own = await allPages('Kyocera', { actor: referent });
    expect(own.ids).toEqual(expected('Kyocera', (row) => row.entityId === bodies[0]!.id));
    expect(readsRuns(own.statements)).toBe(false);
  });

  it(`gives a search of more than ${MAX_SEARCH_RUNS} values to the list's usual plan, with the same answer`, async () => {
    const [body] = bodies;
    await t.db.prisma.asset.createMany({
      data: Array.from({ length: MAX_SEARCH_RUNS + 6 }, (_, i) => ({ entityId: body!.id, kind: 'LAPTOP' as const, inventoryTag: `NB-${String(i).padStart(6, '0')}`, model: `Serie Molte ${i}` })),
    });
    rows = await readRows();
    const { ids, statements } = await allPages('serie molte', { first: 25 });
    expect(ids).toEqual(expected('serie molte'));
    expect(ids).toHaveLength(MAX_SEARCH_RUNS + 6);
    // The runs' statement is asked, answers that there are too many, and the page is the usual one.
    expect(readsRuns(statements)).toBe(true);
  });

  it('finds a value at once whoever wrote it, and an old value no more', async () => {
    const asset = rows.find((row) => row.manufacturer === 'Brother' && row.entityId === bodies[1]!.id)!;
    const UPDATE = `mutation ($id: ID!, $version: Int!, $input: UpdateAssetInput!) { updateAsset(id: $id, expectedVersion: $version, input: $input) { __typename } }`;
    const { version } = await t.db.prisma.asset.findUniqueOrThrow({ where: { id: asset.id }, select: { version: true } });
    const updated = await t.api.gql(UPDATE, { id: toGlobalId('Asset', asset.id), version, input: { kind: 'PRINTER', manufacturer: 'Olivetti Nuova', inventoryTag: asset.inventoryTag } });
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data!.updateAsset.__typename).toBe('Asset');
    // A statement outside the API (an import, a restore) is kept the same way.
    await t.db.prisma.$executeRaw`update "Asset" set model = 'Modello Rifatto' where id = ${rows.find((row) => row.model === 'Modello 110')!.id}::uuid`;
    rows = await readRows();
    for (const search of ['olivetti', 'Brother', 'Modello Rifatto', 'Modello 110']) {
      const { ids, statements } = await allPages(search);
      expect(ids).toEqual(expected(search));
      expect(readsRuns(statements)).toBe(true);
    }
    expect(expected('olivetti')).toHaveLength(1);
    // The old value stays listed (removing it could race with a writer adding it again) and finds nothing more.
    const listed = await t.db.prisma.assetSearchValue.findMany({ where: { value: { in: ['Olivetti Nuova', 'Modello Rifatto'] } } });
    expect(listed.map((value) => `${value.field}:${value.value}`).sort()).toEqual(['manufacturer:Olivetti Nuova', 'model:Modello Rifatto']);
  });

  it('keeps the values of concurrent writers adding the same new values in any order, each once', async () => {
    const makers = ['Concorrente A', 'Concorrente B', 'Concorrente C', 'Concorrente D'];
    await Promise.all(
      Array.from({ length: 8 }, (_, writer) =>
        t.db.prisma.$transaction(async (tx) => {
          // Each writer its own order of the same values, one statement per asset, with its own tags.
          const order = writer % 2 === 0 ? makers : [...makers].reverse();
          for (const [i, manufacturer] of order.entries()) {
            await tx.asset.createMany({ data: [{ entityId: bodies[writer % 2]!.id, kind: 'SERVER' as const, manufacturer, inventoryTag: `CC-${writer}${i}0000` }] });
          }
        }),
      ),
    );
    const listed = await t.db.prisma.assetSearchValue.findMany({ where: { field: 'manufacturer', value: { startsWith: 'Concorrente' } } });
    expect(listed.map((value) => value.value).sort()).toEqual(makers);
    rows = await readRows();
    const { ids } = await allPages('concorrente', { first: 10 });
    expect(ids).toEqual(expected('concorrente'));
    expect(ids).toHaveLength(32);
  });
});
