// How the assets list asks for a search (search-statistics.ts, assetWhere): a search matching many
// assets (above 5% by the database's statistics) is given once, so PostgreSQL walks the sort index
// and stops at the page; a rarer one three times, so it reads the trigram index. Either way the page
// is the same: the rows are checked against a plain JavaScript filter.
import inventory from '@gea/plugin-inventory';
import { searchPlan, searchShare } from '../src/search-statistics.ts';
import { useTestApi } from '@gea/test-kit/api.ts';
import { enableModules } from '@gea/test-kit/seed.ts';
import { beforeAll, describe, expect, it } from 'vitest';

const t = useTestApi([inventory]);
const ASSETS = 2_000;
const OFFICE_EVERY = 5; // one asset in five is the Tributi office's: 20%
let tags: { tag: string; office: string; model: string }[] = [];

beforeAll(async () => {
  const entity = await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: 'Comune Statistiche' } });
  await enableModules(t.db, [entity.id]);
  tags = Array.from({ length: ASSETS }, (_, i) => ({
    tag: `PC-${String((i * 7_919) % 100_000).padStart(6, '0')}`,
    // One office holds the rare words of a model, not the model: the whole text must not match it.
    office: i === 1_501 ? 'Ufficio Raro 77' : i % OFFICE_EVERY === 0 ? 'Ufficio Tributi' : `Ufficio ${['Anagrafe', 'Tecnico', 'Segreteria', 'Polizia locale'][i % 4]}`,
    model: i === 1_234 || i === 1_777 ? 'Modello Raro 77' : `Modello ${i % 300}`,
  }));
  await t.db.prisma.asset.createMany({
    data: tags.map((row, i) => ({ entityId: entity.id, kind: 'DESKTOP_PC' as const, inventoryTag: row.tag, assignedTo: row.office, model: row.model, serialNumber: `SN${i.toString(16)}` })),
  });
  await t.db.prisma.$executeRawUnsafe('analyze "Asset"');
});

const shareOf = (text: string) => searchShare({ db: t.db.prisma }, text);

// With a second filter (every asset here is a desktop PC), so that the page is the list's own query
// and not read through the search's ordered runs (search-runs.ts, its own test).
const PAGE = `query ($search: String) {
  assets(first: 20, filter: { search: $search, kind: [DESKTOP_PC] }, sort: { field: INVENTORY_TAG }) { edges { node { inventoryTag } } }
}`;

/** The page, and how many times the statement that read it names the search column. */
async function page(search: string) {
  let mentions = 0;
  const stop = t.db.onQuery((event) => {
    if (event.query.includes('searchText')) mentions = Math.max(mentions, event.query.split('"searchText"').length - 1);
  });
  try {
    const response = await t.api.gql(PAGE, { search });
    expect(response.body.errors).toBeUndefined();
    return { tags: response.body.data!.assets.edges.map((edge: { node: { inventoryTag: string } }) => edge.node.inventoryTag), mentions };
  } finally {
    stop();
  }
}

const expected = (matches: (row: (typeof tags)[number]) => boolean) =>
  tags
    .filter(matches)
    .map((row) => row.tag)
    .sort()
    .slice(0, 20);

describe('a search as the assets list asks for it', () => {
  it('is estimated from the statistics close to its real share', async () => {
    const common = await shareOf('tributi');
    expect(common).not.toBeNull();
    expect(common!).toBeGreaterThan(0.12);
    expect(common!).toBeLessThan(0.28);
    expect(await shareOf('raro 77')).toBeLessThan(0.05);
    expect(await shareOf('zzqq nothing')).toBe(0);
  });

  it('is given once when common, and finds the same page', async () => {
    const { tags: found, mentions } = await page('Tributi');
    expect(found).toEqual(expected((row) => row.office === 'Ufficio Tributi'));
    expect(mentions).toBe(1);
  });

  it('looks up only the rare part of a search that starts with a word most assets have, and checks the whole text', async () => {
    const plan = await searchPlan({ db: t.db.prisma }, 'Modello Raro 77');
    expect(plan.indexedText).not.toBeNull();
    expect(plan.indexedText!.startsWith(' Raro')).toBe(true);
    expect('Modello Raro 77'.includes(plan.indexedText!)).toBe(true);
    const { tags: found, mentions } = await page('Modello Raro 77');
    expect(found).toEqual(expected((row) => row.model === 'Modello Raro 77'));
    expect(found).toHaveLength(2);
    expect(mentions).toBe(3);
    // A search of one word, and one of common words only, are looked up whole.
    expect((await searchPlan({ db: t.db.prisma }, 'Tributi')).indexedText).toBeNull();
    expect((await searchPlan({ db: t.db.prisma }, 'Ufficio Tributi')).indexedText).toBeNull();
  });

  it('is given three times when rare, and finds the same page', async () => {
    const { tags: found, mentions } = await page('Raro 77');
    // Two models and the office that holds the same words.
    expect(found).toEqual(expected((row) => [row.model, row.office].some((text) => text.toLowerCase().includes('raro 77'))));
    expect(found).toHaveLength(3);
    expect(mentions).toBe(3);
  });
});
