// npm run bench: the first page of the assets list sorted by each column, both ways, over the
// national benchmark's 2,000,000 assets spread over the bodies of data/entities.csv, on PostgreSQL.
// Measured through the real stack: `npm start`'s process (apps/api/src/main.ts) over HTTP, signed in
// as ICT staff (every body), `assets(first: 25, sort: ...)` as the inventory screen asks it. Target:
// p99 under 50 ms per sort. Prints figures; asserts nothing.
//
//   BENCH_SORT_DATABASE_URL (postgresql://postgres@127.0.0.1:5432/gea_bench_sort)
//   BENCH_SORT_ASSETS (2000000): a smaller count while developing
//   BENCH_ITERATIONS (200, runs per sort), BENCH_WARMUP (20), BENCH_MAX_SECONDS (60, per sort)
//   BENCH_RESEED=1 seeds again; otherwise the data is seeded once per asset count.
//   BENCH_SORT_NO_INDEXES=1: drops the sort indexes for the run (the "before" figures) and builds them again at its end.
//
// Seeding is set-based SQL (generate_series, INSERT ... SELECT) in one transaction, then VACUUM ANALYZE.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from '@gea/core';
import { openDatabase, repoRoot } from '@gea/db';
import { applyMigrations } from '@gea/db/migrations';
import { startServerProcess } from '@gea/test-kit/server-process.ts';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { percentile } from './support/measure.ts';

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  return value;
}

const url = process.env.BENCH_SORT_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/gea_bench_sort';
const ASSETS = intFromEnv('BENCH_SORT_ASSETS', 2_000_000, 1_000, 50_000_000);
const RUNS = intFromEnv('BENCH_ITERATIONS', 200, 3, 100_000);
const WARMUP = intFromEnv('BENCH_WARMUP', 20, 0, 10_000);
const MAX_SECONDS = intFromEnv('BENCH_MAX_SECONDS', 60, 1, 86_400);
const EMAIL = 'tecnico.bench@gea.local';
const PASSWORD = 'gea-bench-sort';
const SORT_INDEXES = /^Asset_(inventoryTag|purchaseDate|warrantyEnd|kind|status|priceCents|manufacturer|assignedTo|bodyName|siteName)_.*idx$/;

const databaseName = decodeURIComponent(new URL(url).pathname.slice(1));
const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
try {
  await admin.connect();
} catch (error) {
  console.log(`sort benchmark skipped: PostgreSQL at ${url} does not answer (${(error as Error).message})`);
  process.exit(0);
}
if (!(await admin.query('select 1 from pg_database where datname = $1', [databaseName])).rowCount) {
  await admin.query(`create database "${databaseName.replaceAll('"', '""')}"`);
}
await admin.end();

const migrating = await openDatabase({ kind: 'postgres', url });
await applyMigrations(migrating);
await migrating.close();

// The bodies of data/entities.csv, each with two sites.
const bodies = (parse(readFileSync(path.join(repoRoot, 'data/entities.csv'), 'utf8'), { columns: true }) as Record<string, string>[]).map((row) => ({
  kind: row.kind!,
  name: row.name!,
  istat: row.istat_code || null,
  province: row.province || null,
}));

/** Asset's secondary indexes as the migrations made them: dropped for the load, rebuilt after. */
let assetIndexes: { name: string; definition: string }[] = [];

function seedStatements(): string[] {
  const A = ASSETS;
  const B = bodies.length;
  return [
    `truncate "Entity", "User" cascade`,
    `select setseed(0.2026)`,
    `insert into "Entity" (id, kind, name, "istatCode", province, "createdAt", "updatedAt")
     select gen_random_uuid(), b.kind::"EntityKind", b.name, b.istat, b.province, now(), now()
     from json_to_recordset($1::json) as b(kind text, name text, istat text, province text)`,
    `insert into "ModuleEnablement" ("entityId", "moduleKey", enabled, since) select id, 'inventory', true, now() from "Entity"`,
    `insert into "Site" (id, "entityId", name, address, "ictStaffPresent", "createdAt", "updatedAt")
     select gen_random_uuid(), e.id, s.name, 'Piazza del Municipio 1', false, now(), now()
     from "Entity" e cross join (values ('Palazzo comunale'), ('Biblioteca')) s(name)`,
    `create temp table bench_body on commit drop as
     select row_number() over (order by name) - 1 as i, id, (select array_agg(s.id order by s.name) from "Site" s where s."entityId" = e.id) as sites
     from "Entity" e`,
    // Assets spread evenly over the bodies; about 5% without a site, tag, price, warranty or assignee
    // (missing values sort last); ids are uuid v4 here, random like uuid v7's tail within a millisecond.
    // Loading 2,000,000 rows into a table with 20-odd indexes and a per-row trigger takes far longer
    // than building the indexes afterwards: drop them here (their definitions were read before), set
    // the sort names directly, rebuild after.
    `alter table "Asset" disable trigger "Asset_sort_names"`,
    ...assetIndexes.map((index) => `drop index "${index.name}"`),
    `insert into "Asset" (id, "entityId", kind, status, manufacturer, model, "serialNumber", "inventoryTag", "purchaseDate",
                         "priceCents", "siteId", floor, "assignedTo", supplier, "warrantyEnd", "createdAt", "updatedAt", "bodyName", "siteName")
     select id, "entityId", kind, status, manufacturer, model, "serialNumber", "inventoryTag", "purchaseDate",
            "priceCents", "siteId", floor, "assignedTo", supplier, "warrantyEnd", "createdAt", "updatedAt",
            (select name from "Entity" e where e.id = x."entityId"), (select name from "Site" s where s.id = x."siteId")
     from (select gen_random_uuid() as id, b.id as "entityId",
            (array['DESKTOP_PC','LAPTOP','PRINTER','MULTIFUNCTION_PRINTER','SERVER','NETWORK_DEVICE','PHONE_OR_TABLET','OTHER'])[1 + (g * 7) % 8]::"AssetKind" as kind,
            (array['IN_SERVICE','IN_SERVICE','IN_SERVICE','SPARE','UNDER_REPAIR','RETIRED'])[1 + (g * 5) % 6]::"AssetStatus" as status,
            case when random() < 0.97 then (array['Lenovo','HP','Dell','Fujitsu','Acer','Kyocera','Brother','Epson','Cisco','Samsung'])[1 + floor(random() * 10)::int] end as manufacturer,
            'Modello ' || (100 + floor(random() * 900)::int) as model,
            upper(substr(md5(g::text), 1, 12)) as "serialNumber",
            case when random() < 0.95 then 'INV-' || lpad(g::text, 8, '0') end as "inventoryTag",
            date '2015-01-01' + floor(random() * 4000)::int as "purchaseDate",
            case when random() < 0.95 then 15000 + floor(random() * 400000)::int end as "priceCents",
            case when random() < 0.95 then b.sites[1 + (g % 2)] end as "siteId",
            'piano ' || floor(random() * 4)::int as floor,
            case when random() < 0.9 then 'Ufficio ' || (array['Anagrafe','Tributi','Ragioneria','Segreteria','Tecnico','Polizia locale','Sociali','Biblioteca'])[1 + floor(random() * 8)::int] end as "assignedTo",
            'Fornitore ' || lpad((1 + floor(random() * 60)::int)::text, 2, '0') as supplier,
            case when random() < 0.95 then date '2020-01-01' + floor(random() * 3650)::int end as "warrantyEnd",
            now() as "createdAt", now() as "updatedAt"
     from generate_series(0, ${A - 1}) g join bench_body b on b.i = g % ${B}) x`,
    ...assetIndexes.map((index) => index.definition),
    `alter table "Asset" enable trigger "Asset_sort_names"`,
    `insert into "AssetStatusChange" (id, "assetId", status, "effectiveOn", "recordedAt")
     select gen_random_uuid(), id, status, coalesce("purchaseDate", date '2015-01-01'), now() from "Asset"`,
  ];
}

async function seedIfNeeded() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ assets: number; users: number }>(
      `select (select count(*) from "Asset")::int as assets, (select count(*) from "User" where email = $1)::int as users`,
      [EMAIL],
    );
    if (rows[0]!.assets === ASSETS && rows[0]!.users === 1 && process.env.BENCH_RESEED !== '1') {
      console.log(`data already seeded (${bodies.length} bodies, ${ASSETS} assets); BENCH_RESEED=1 seeds again`);
      return;
    }
    console.log(`seeding ${ASSETS} assets over the ${bodies.length} bodies of data/entities.csv into ${databaseName}...`);
    assetIndexes = (
      await client.query<{ name: string; definition: string }>(
        `select indexname as name, indexdef as definition from pg_indexes where schemaname = 'public' and tablename = 'Asset' and indexname <> 'Asset_pkey'`,
      )
    ).rows;
    const started = performance.now();
    await client.query(`set synchronous_commit = off; set work_mem = '256MB'; set maintenance_work_mem = '512MB'`);
    await client.query('begin');
    try {
      for (const statement of seedStatements()) {
        await client.query(statement, statement.includes('$1') ? [JSON.stringify(bodies)] : []);
      }
      await client.query(
        `insert into "User" (id, email, name, "passwordHash", "createdAt", "updatedAt") values (gen_random_uuid(), $1, 'Tecnico bench', $2, now(), now())`,
        [EMAIL, await hashPassword(PASSWORD)],
      );
      await client.query(`insert into "RoleAssignment" (id, "userId", role) select gen_random_uuid(), id, 'ICT_STAFF' from "User" where email = $1`, [EMAIL]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
    await client.query('vacuum (analyze) "Entity", "Site", "Asset", "AssetStatusChange", "ModuleEnablement"');
    console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

await seedIfNeeded();

/** Definitions of the indexes BENCH_SORT_NO_INDEXES dropped: built again when the figures are taken. */
const droppedIndexes: string[] = [];
if (process.env.BENCH_SORT_NO_INDEXES === '1') {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ name: string }>(`select indexname as name from pg_indexes where tablename = 'Asset'`);
  const dropped = rows.map((row) => row.name).filter((name) => SORT_INDEXES.test(name) && name !== 'Asset_warrantyEnd_id_idx');
  const definitions = await client.query<{ definition: string }>(`select indexdef as definition from pg_indexes where tablename = 'Asset' and indexname = any($1)`, [dropped]);
  droppedIndexes.push(...definitions.rows.map((row) => row.definition));
  for (const name of dropped) await client.query(`drop index if exists "${name}"`);
  await client.query('analyze "Asset"');
  await client.end();
  console.log(`dropped ${dropped.length} sort indexes (the figures before them); they are built again at the end`);
}

const server = startServerProcess({
  DATABASE_URL: url,
  GEA_WEB_CLIENT: 'off',
  GEA_JOBS: 'off',
  GEA_DEMO_DATA: 'false',
  NODE_ENV: 'production',
  GEA_PLUGINS: 'inventory',
  GEA_RATE_LIMIT_SIGNIN_ADDRESS: '100/900',
});
try {
  const endpoint = await server.ready;
  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data!;
  };
  const login = (await post('mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', { email: EMAIL, password: PASSWORD })) as {
    login: { token: string };
  };
  const token = login.login.token;
  const page = `query ($sort: AssetSort) { assets(first: 25, sort: $sort) {
    edges { node { id inventoryTag kind status manufacturer model assignedTo warrantyEnd priceCents entity { id name } site { id name } } }
    pageInfo { hasNextPage endCursor } } }`;
  const totals = `{ assets(first: 25) { totalCount totalPriceCents } }`;
  const fields = ['INVENTORY_TAG', 'KIND', 'DEVICE', 'BODY', 'SITE', 'ASSIGNED_TO', 'STATUS', 'WARRANTY_END', 'PURCHASE_DATE', 'PRICE'];

  async function time(name: string, operation: () => Promise<unknown>) {
    const began = performance.now();
    for (let i = 0; i < WARMUP && performance.now() - began < (MAX_SECONDS * 1000) / 10; i++) await operation();
    const times: number[] = [];
    const measuring = performance.now();
    while (times.length < RUNS && (times.length < 3 || performance.now() - measuring < MAX_SECONDS * 1000)) {
      const start = performance.now();
      await operation();
      times.push(performance.now() - start);
    }
    const sorted = times.sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    console.log(
      name.padEnd(34),
      percentile(sorted, 50).toFixed(1).padStart(8),
      p99.toFixed(1).padStart(8),
      sorted.at(-1)!.toFixed(1).padStart(8),
      String(times.length).padStart(6),
      p99 < 50 ? '' : '  over 50 ms',
    );
    return p99;
  }

  console.log(`\nassets(first: 25) over HTTP as ICT staff, ${ASSETS} assets in ${bodies.length} bodies; ${RUNS} runs per sort`);
  console.log('sort'.padEnd(34), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'max ms'.padStart(8), 'runs'.padStart(6));
  let over = 0;
  for (const field of fields) {
    for (const direction of ['ASC', 'DESC']) {
      if ((await time(`${field} ${direction}`, () => post(page, { sort: { field, direction } }, token))) >= 50) over++;
    }
  }
  await time('totals of the whole list (aggregate)', () => post(totals, {}, token));
  console.log(`${fields.length * 2 - over} of ${fields.length * 2} sorts answer their first page under 50 ms p99`);
} finally {
  await server.stop();
  if (droppedIndexes.length > 0) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const definition of droppedIndexes) await client.query(definition);
    await client.query('analyze "Asset"');
    await client.end();
    console.log(`built the ${droppedIndexes.length} sort indexes again`);
  }
}
