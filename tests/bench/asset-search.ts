// npm run bench: the assets list's text search at national scale on PostgreSQL (2,000,000 assets),
// through the real GraphQL stack (Yoga's fetch, no network): a page of 50 sorted by inventory tag,
// as the web client's list asks for it. Prints p50/p99 per kind of search; asserts nothing.
//
//   BENCH_SEARCH_DATABASE_URL, else BENCH_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/gea_bench_search
//   BENCH_INVENTORY_BODIES (7900), BENCH_INVENTORY_ASSETS (2000000), BENCH_INVENTORY_CONTRACTS (2000): the seeded sizes
//   BENCH_ITERATIONS (100, runs per kind), BENCH_WARMUP (10), BENCH_MAX_SECONDS (60, budget per kind)
//   BENCH_SEED (17): which search texts are picked
//   BENCH_EXPLAIN=1: print PostgreSQL's plan (EXPLAIN ANALYZE) of one search of each kind
//
// The database is created, migrated and seeded when missing or different (tests/bench/support/inventory-seed.ts);
// the migration asset_search_text adds the search column and its trigram index (about 5 minutes on 2,000,000 assets).
import { actorWithPermissions, isTrigramSearchable } from '@gea/core';
import { openDatabase } from '@gea/db';
import { createApi } from '@gea/api';
import inventory from '@gea/plugin-inventory';
import os from 'node:os';
import pg from 'pg';
import { prepareInventoryDatabase } from './support/inventory-seed.ts';
import { measure, printHeader } from './support/measure.ts';

const url = process.env.BENCH_SEARCH_DATABASE_URL || process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/gea_bench_search';
const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const RUNS = int('BENCH_ITERATIONS', 100);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const BUDGET_MS = int('BENCH_MAX_SECONDS', 60) * 1000;
const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' ');

await prepareInventoryDatabase({
  url,
  bodies: int('BENCH_INVENTORY_BODIES', 7_900),
  assets: int('BENCH_INVENTORY_ASSETS', 2_000_000),
  contracts: int('BENCH_INVENTORY_CONTRACTS', 2_000),
  reseed: process.env.BENCH_RESEED === '1',
  verbose: false,
  urlVariable: 'BENCH_SEARCH_DATABASE_URL',
});
const db = await openDatabase({ kind: 'postgres', url }, { observeQueries: true });
const api = createApi({ db, plugins: [inventory], authenticate: () => actorWithPermissions('bench', ['*'], 'user') });

// Search texts of each kind, taken from the data (a different one on each run, so no cache answers twice).
const probe = new pg.Client({ connectionString: url });
await probe.connect();
const column = async (sql: string) => (await probe.query<{ v: string }>(sql)).rows.map((row) => row.v);
const serials = await column(`select "serialNumber" as v from "Asset" tablesample system (0.1) repeatable (17) where "serialNumber" is not null limit 300`);
const tags = await column(`select "inventoryTag" as v from "Asset" tablesample system (0.1) repeatable (17) where "inventoryTag" is not null limit 300`);
const models = await column(`select distinct model as v from "Asset" tablesample system (0.1) repeatable (17) where model is not null limit 300`);
// Searches the API takes (3 letters or digits in a row): "HP" is refused with SEARCH_TOO_SHORT.
const makers = (await column(`select distinct manufacturer as v from "Asset" tablesample system (0.1) repeatable (17) where manufacturer is not null`)).filter(isTrigramSearchable);
const assignees = await column(`select distinct "assignedTo" as v from "Asset" tablesample system (0.1) repeatable (17) where "assignedTo" is not null`);
// BENCH_SEED: another sequence of search texts (the same seed repeats the same texts, whose rows a
// previous run left in the caches).
let seed = int('BENCH_SEED', 17);
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const fragment = (value: string, length: number) => {
  const start = Math.floor(random() * Math.max(1, value.length - length + 1));
  return value.slice(start, start + length);
};
const kinds: [string, () => string][] = [
  ['serial number fragment (6 characters, lower case)', () => fragment(pick(serials), 6).toLowerCase()],
  ['whole serial number', () => pick(serials)],
  ['inventory tag (the same number in many bodies)', () => pick(tags)],
  ['model ("Modello 512": about 2,200 assets)', () => pick(models)],
  ['manufacturer (tens of thousands of assets)', () => pick(makers)],
  ['assignee office (about 250,000 assets)', () => pick(assignees).replace(/^Ufficio /, '')],
  ['no hit', () => `zq${Math.floor(random() * 1e6).toString(36)}x`],
];

const PAGE = `query Search($search: String) {
  assets(first: 50, filter: { search: $search }, sort: { field: INVENTORY_TAG }) {
    edges { node { id inventoryTag serialNumber manufacturer model assignedTo entity { name } } }
    pageInfo { hasNextPage endCursor }
  } }`;
async function page(search: string) {
  const response = await api.yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: PAGE, variables: { search } }),
  });
  const body = (await response.json()) as { data?: { assets: { edges: unknown[] } }; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`search "${search}": ${JSON.stringify(body.errors)}`);
  return body.data.assets.edges.length;
}
let statements = 0;
db.onQuery(() => statements++);
const statementsOf = async (run: () => Promise<unknown>) => {
  statements = 0;
  await run();
  return statements;
};

/** The slowest search of the kind being measured, to look at its plan (BENCH_EXPLAIN shows one of each kind). */
let slowest = { text: '', ms: 0 };
async function timedPage(text: string) {
  const started = performance.now();
  await page(text);
  const ms = performance.now() - started;
  if (ms > slowest.ms) slowest = { text, ms };
}

const [{ n: assets }] = (await probe.query<{ n: number }>(`select count(*)::int as n from "Asset"`)).rows as [{ n: number }];
console.log(`\nAsset text search on ${db.describe()}: ${assets} assets; ${RUNS} runs per kind, a page of 50 by inventory tag. Load average ${load()}`);
if (process.env.BENCH_EXPLAIN === '1') {
  for (const [name, next] of kinds) {
    const text = next();
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const plan = await probe.query<Record<string, string>>(
      `explain (analyze, buffers) select id from "Asset" where "searchText" ilike '${pattern.replace(/'/g, "''")}' order by "inventoryTag" asc nulls last, id asc limit 51`,
    );
    console.log(`-- ${name}: "${text}"\n${plan.rows.map((row) => Object.values(row)[0]).join('\n')}\n`);
  }
}
printHeader();
for (const [name, next] of kinds) {
  const first = next();
  const [{ hits }] = (
    await probe.query<{ hits: number }>(`select count(*)::int as hits from "Asset" where "searchText" ilike $1`, [`%${first.replace(/[\\%_]/g, (c) => `\\${c}`)}%`])
  ).rows as [{ hits: number }];
  slowest = { text: '', ms: 0 };
  const figure = await measure(`${name}; e.g. "${first}", ${hits} hits`, { runs: RUNS, warmup: WARMUP, budgetMs: BUDGET_MS, statementsOf }, () => timedPage(next()));
  if (figure.runs > 0) console.log(`${''.padEnd(4)}slowest: "${slowest.text}" ${slowest.ms.toFixed(1)} ms`);
}
console.log(`Load average after: ${load()}`);
await probe.end();
await db.close();
process.exit(0);
