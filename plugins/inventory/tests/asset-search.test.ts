// The assets list's text search (AssetFilter.search, one ILIKE on the generated column searchText
// and its trigram index) against a plain JavaScript filter over the same rows, for any search text:
// `%`, `_` and `\` are plain characters, accents and case fold as the database folds them, and a
// search without three letters or digits in a row is refused with SEARCH_TOO_SHORT. Runs on PGlite
// and, with TEST_DATABASE_URL, on PostgreSQL; the test kit checks every compiled read against the
// resolvers meanwhile.
import { isTrigramSearchable } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules } from '@gea/test-kit/seed.ts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

const t = useTestApi([inventory]);

const FIELDS = ['inventoryTag', 'serialNumber', 'manufacturer', 'model', 'assignedTo'] as const;
type Row = Record<(typeof FIELDS)[number], string | null> & { id: string };

// Characters people type, LIKE's own (% _ \), and Italian accents in both cases.
const CHARACTERS = [...'abcAB0129 -.%_\\\'èÈàÀùéÉ'];
const text = (maxLength: number) => fc.array(fc.constantFrom(...CHARACTERS), { minLength: 0, maxLength }).map((c) => c.join(''));

const FIXED: Omit<Row, 'id'>[] = [
  { inventoryTag: 'PC-000512', serialNumber: 'AB12%CD', manufacturer: 'HP', model: 'Modello 512', assignedTo: 'Ufficio Anagrafe' },
  { inventoryTag: 'PC-0005x2', serialNumber: 'AB12XCD', manufacturer: 'Lenovo', model: 'Modello 5_2', assignedTo: 'Niccolò Bàrberi' },
  { inventoryTag: 'ST_001', serialNumber: 'abc\\def\\ghi', manufacturer: 'Brother', model: 'Città 100%', assignedTo: 'NICCOLÒ BÀRBERI' },
  { inventoryTag: 'ST-001', serialNumber: 'abc', manufacturer: null, model: null, assignedTo: 'Perché sì' },
  { inventoryTag: null, serialNumber: null, manufacturer: 'Àcer', model: 'èèè', assignedTo: null },
  // Texts that meet only across two fields must not match: "HP" + "Modello" is not "hpmod".
  { inventoryTag: 'X1', serialNumber: 'Y2', manufacturer: 'hp', model: 'mod', assignedTo: 'zz' },
];

let rows: Row[] = [];
let fold: (value: string) => string;

beforeAll(async () => {
  const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Ricerche' } });
  await enableModules(t.db, [entity.id]);
  // Random rows from the same alphabet as the searches, so that searches hit often.
  const random = fc.sample(fc.record({ inventoryTag: fc.option(text(8)), serialNumber: fc.option(text(10)), manufacturer: fc.option(text(8)), model: fc.option(text(10)), assignedTo: fc.option(text(12)) }), { numRuns: 40, seed: 17 });
  const data = [...FIXED, ...random].map((row, i) => ({ ...row, inventoryTag: row.inventoryTag === null ? null : `${row.inventoryTag}#${i}`, entityId: entity.id, kind: 'DESKTOP_PC' as const }));
  await t.db.prisma.asset.createMany({ data });
  rows = await t.db.prisma.asset.findMany({ where: { entityId: entity.id }, select: { id: true, ...Object.fromEntries(FIELDS.map((f) => [f, true])) } }) as Row[];
  // ILIKE folds case as the database's lower() does: beyond ASCII too where its locale says so (C.UTF-8, it_IT.UTF-8), ASCII only under C.
  const [probe] = await t.db.prisma.$queryRaw<{ folded: string }[]>`select lower('ÀÈÉ') as folded`;
  fold = probe!.folded === 'àèé' ? (value) => value.toLowerCase() : (value) => value.replace(/[A-Z]/g, (c) => c.toLowerCase());
});

const SEARCH = `query ($search: String) {
  assets(first: 100, filter: { search: $search }, sort: { field: INVENTORY_TAG }) { edges { node { id } } }
}`;

async function search(value: string): Promise<{ ids?: string[]; codes?: string[] }> {
  const response = await t.api.gql(SEARCH, { search: value });
  if (response.body.errors) {
    return { codes: response.body.errors.flatMap((e: { extensions?: { issues?: { code: string }[] } }) => e.extensions?.issues?.map((i) => i.code) ?? ['?']) };
  }
  return { ids: response.body.data!.assets.edges.map((e: { node: { id: string } }) => Buffer.from(e.node.id, 'base64').toString().split(':')[1]) };
}

function expected(value: string): string[] {
  const needle = fold(value.trim());
  return rows.filter((row) => FIELDS.some((f) => row[f] !== null && fold(row[f]).includes(needle))).map((row) => row.id).sort();
}

describe('asset text search', () => {
  it('finds exactly the assets where one field contains the text, whatever the case; % _ \\ are plain characters', async () => {
    // Searches cut from the seeded texts (with their case flipped here and there) hit; random ones mostly miss.
    const cut = fc
      .tuple(fc.nat(), fc.nat(), fc.nat({ max: 14 }), fc.array(fc.boolean(), { maxLength: 14 }))
      .map(([r, s, length, flips]) => {
        const values = rows.flatMap((row) => FIELDS.map((f) => row[f]).filter((v): v is string => v !== null));
        const source = values[r % values.length]!;
        const start = s % Math.max(1, source.length);
        return [...source.slice(start, start + length)].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join('');
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(cut, text(8), fc.constantFrom('a_b', '5_2', '100%', '%%%', 'a\\b', 'c\\', 'niccolò', 'BÀRBERI', 'hpmod', 'Modello 512', '12%c')), async (value) => {
        const answer = await search(value);
        if (isTrigramSearchable(value.trim())) {
          expect(answer.codes).toBeUndefined();
          expect(answer.ids!.sort()).toEqual(expected(value));
        } else {
          expect(answer.codes).toEqual(['SEARCH_TOO_SHORT']);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads a literal %, _ and \\ (they are no wildcards) and spans no two fields', async () => {
    const tags = async (value: string) => {
      const ids = (await search(value)).ids!;
      return rows.filter((row) => ids.includes(row.id)).map((row) => row.inventoryTag).sort();
    };
    expect(await tags('Modello 5_2')).toEqual(['PC-0005x2#1']);
    expect(await tags('AB12%CD')).toEqual(['PC-000512#0']);
    expect(await tags('C\\DEF\\g')).toEqual(['ST_001#2']);
    expect(await tags('abc\\\\def')).toEqual([]);
    expect(await tags('st_001')).toEqual(['ST_001#2']);
    expect(await tags('hpmod')).toEqual([]);
    expect(await tags('niccolò bàrberi')).toEqual(expected('niccolò bàrberi').map((id) => rows.find((r) => r.id === id)!.inventoryTag).sort());
  });

  it('refuses a search without 3 letters or digits in a row, and control characters; an empty one lists everything', async () => {
    expect((await search('hp')).codes).toEqual(['SEARCH_TOO_SHORT']);
    expect((await search(' a-b ')).codes).toEqual(['SEARCH_TOO_SHORT']);
    expect((await search('abc\u001fdef')).codes).toEqual(['INVALID_VALUE']);
    expect((await search('   ')).ids).toHaveLength(rows.length);
  });

  it('never returns the search column: the Prisma client omits it', async () => {
    const asset = await t.db.prisma.asset.findFirst({ where: { id: rows[0]!.id } });
    expect(asset).not.toHaveProperty('searchText');
  });
});
