// npm run bench: the inventory at national scale on PostgreSQL (7,900 bodies, 2,000,000 assets),
// measured through the real GraphQL stack (Yoga's fetch, no network). Prints figures; asserts nothing.
//
//   BENCH_INVENTORY_DATABASE_URL, else BENCH_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/gea_bench_inventory
//   BENCH_INVENTORY_BODIES (7900), BENCH_INVENTORY_ASSETS (2000000), BENCH_INVENTORY_CONTRACTS (2000)
//   BENCH_ITERATIONS (200, runs per page), BENCH_COUNT_ITERATIONS (30, runs of the all-bodies PC count)
//   BENCH_MAX_SECONDS (180): time budget per operation; a slower one stops early (at least 3 runs)
//   BENCH_RESEED=1 wipes the bench data and seeds again; otherwise the data is seeded only once.
//   For investigations: BENCH_ONLY=<regexp> (operations to run), BENCH_WARMUP (20), BENCH_SHOW_SQL=1|<file>,
//   BENCH_VERBOSE=1 (time of each seed statement).
//
// The database is created when missing and migrated with the application's migrations. Seeding is
// set-based SQL (generate_series, INSERT ... SELECT) in one transaction, then VACUUM ANALYZE.
import { actorWithPermissions, defineLoader, definePlugin } from '@gea/core';
import { openDatabase } from '@gea/db';
import { applyMigrations } from '@gea/db/migrations';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { createApi } from '@gea/api';
import { isObjectType } from 'graphql';
import { appendFileSync } from 'node:fs';
import pg from 'pg';

const DEFAULT_URL = 'postgresql://postgres@127.0.0.1:5432/gea_bench_inventory';
const url = process.env.BENCH_INVENTORY_DATABASE_URL || process.env.BENCH_DATABASE_URL || DEFAULT_URL;

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  return value;
}

const BODIES = intFromEnv('BENCH_INVENTORY_BODIES', 7_900, 10, 100_000);
const ASSETS = intFromEnv('BENCH_INVENTORY_ASSETS', 2_000_000, 1_000, 50_000_000);
const CONTRACTS = intFromEnv('BENCH_INVENTORY_CONTRACTS', 2_000, 2, 100_000) & ~1; // two waves of equal size
const PAGE_ITERATIONS = intFromEnv('BENCH_ITERATIONS', 200, 1, 1_000_000);
const COUNT_ITERATIONS = intFromEnv('BENCH_COUNT_ITERATIONS', 30, 1, 1_000_000);
const PAGE_WARMUP = intFromEnv('BENCH_WARMUP', 20, 0, 10_000);
const COUNT_WARMUP = Math.min(PAGE_WARMUP, 3);
const MAX_SECONDS = intFromEnv('BENCH_MAX_SECONDS', 180, 1, 86_400);
const AT = '2025-12-31';

// ---------------------------------------------------------------------------------------------
// Database: create, migrate, seed once

function withDatabase(serverUrl: string, database: string): string {
  const next = new URL(serverUrl);
  next.pathname = `/${database}`;
  return next.toString();
}

const databaseName = decodeURIComponent(new URL(url).pathname.slice(1));

async function createDatabaseIfMissing() {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [databaseName]);
    if (!rowCount) {
      await admin.query(`create database "${databaseName.replaceAll('"', '""')}"`);
      console.log(`created database ${databaseName}`);
    }
  } finally {
    await admin.end();
  }
}

interface Counts {
  entities: number;
  assets: number;
  contracts: number;
}

async function counts(client: pg.Client): Promise<Counts> {
  const { rows } = await client.query<Counts>(`
    select (select count(*) from "Entity")::int as entities,
           (select count(*) from "Asset")::int as assets,
           (select count(*) from "Contract" where kind = 'MAINTENANCE')::int as contracts`);
  return rows[0]!;
}

/** The name of body number i (SQL over a column i): no two alike (checked up to 20,000 bodies). */
const BODY_NAME_SQL = `'Comune di ' || initcap(
  (array['mon','ca','ro','ve','lu','sa','ter','fio','bel','gra','pie','val','cer','tor','ri','no','lan','sol','mar','vi'])[i % 20 + 1] ||
  (array['te','la','ri','sa','no','ve','ga','po','ci','da','le','mo','ne','ro','sta','ta','va','zi','bi','gu'])[(i / 20) % 20 + 1] ||
  (array['no','ra','lo','ne','to','sa','go','ri','ve','ta','ma','lia','ello','ano','ese','ina','one','ate','ica','ento'])[(i / 400) % 20 + 1])
  || case when i >= 8000 then ' ' || (i / 8000 + 1) else '' end`;

/** The seed in statements run in order in one transaction; sizes are integers checked above. */
function seedStatements(): string[] {
  const B = BODIES;
  const A = ASSETS;
  const C = CONTRACTS;
  const waveSize = C / 2;
  const stride = Math.floor(A / waveSize);
  return [
    // uuid v7 (what Prisma's uuid(7) writes): 48-bit millisecond time, then random bits.
    `create function pg_temp.uuid7(ts timestamptz) returns uuid language sql volatile as $$
       select encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
         placing substring(int8send((extract(epoch from ts) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
     $$`,
    `select setseed(0.2026)`,

    // Bodies: sizes follow a power law over a random ranking (a few big towns, many small ones);
    // the rounding remainder goes to the biggest so that the total is exact. Body i owns the asset
    // numbers first_g .. first_g + n - 1.
    `create temp table bench_body on commit drop as
     with ranked as (select i, row_number() over (order by random()) as rank from generate_series(0, ${B - 1}) i),
     sized as (select i, rank, floor(${A}::float8 * power(rank, -0.9) / sum(power(rank, -0.9)) over ())::bigint as n from ranked),
     exact as (select i, rank, n + case when rank <= ${A} - sum(n) over () then 1 else 0 end as n from sized)
     select i, rank, n, sum(n) over (order by i) - n as first_g,
            pg_temp.uuid7(timestamptz '2014-06-01' + i * interval '1 second') as id,
            pg_temp.uuid7(timestamptz '2014-06-02' + i * interval '1 second') as site_id
     from exact`,
    // Names from three syllables (20 x 20 x 20 = 8,000 distinct), numbered beyond that; ISTAT codes:
    // a province number (1-107) then a progressive, 6 digits, distinct.
    `insert into "Entity" (id, kind, name, "istatCode", province, "taxCode", "pecAddress", "createdAt", "updatedAt")
     select id, 'MUNICIPALITY', ${BODY_NAME_SQL},
            lpad(((i % 107 + 1) * 1000 + (i / 107) % 1000 + 1)::text, 6, '0'),
            chr(65 + (i % 107) % 26) || chr(65 + (i % 107) / 26),
            (80000000000 + i)::text,
            'protocollo.comune' || i || '@pec.it',
            timestamptz '2024-01-15', timestamptz '2024-01-15'
     from bench_body`,
    `insert into "EntityPopulation" ("entityId", "referenceDate", population, source)
     select id, date '2024-12-31', (n * 12 + 150 + floor(random() * 300))::int, 'ISTAT' from bench_body`,
    `insert into "ModuleEnablement" ("entityId", "moduleKey", enabled, since)
     select id, m, true, timestamptz '2024-01-15' from bench_body, unnest(array['inventory', 'procurement']) m`,
    `insert into "Site" (id, "entityId", name, address, "ictStaffPresent", "createdAt", "updatedAt")
     select site_id, id, 'Sede municipale', 'Piazza del Municipio 1', false, timestamptz '2024-01-15', timestamptz '2024-01-15' from bench_body`,

    // Assets. r_kind: about 45% desktops and 25% laptops; 15% have a later status change.
    `create temp table bench_asset on commit drop as
     select g, entity_id, site_id, seq, kind, kind_no, purchase, created_at, r1, r2,
            pg_temp.uuid7(created_at) as id,
            case when r_change < 0.15 and purchase < date '2026-11-18' then
              purchase + 1 + floor(r_when * (date '2026-11-20' - purchase - 1))::int end as change_on,
            case when r_status < 0.5 then 'RETIRED' when r_status < 0.7 then 'UNDER_REPAIR' else 'SPARE' end::"AssetStatus" as change_status
     from (
       select g, entity_id, site_id, seq, purchase, r_change, r_when, r_status, r1, r2,
              purchase + make_interval(hours => 8 + floor(r2 * 9)::int, mins => floor(r1 * 60)::int) as created_at,
              case when r_kind < 0.45 then 'DESKTOP_PC' when r_kind < 0.70 then 'LAPTOP' when r_kind < 0.78 then 'PRINTER'
                   when r_kind < 0.85 then 'MULTIFUNCTION_PRINTER' when r_kind < 0.90 then 'NETWORK_DEVICE'
                   when r_kind < 0.96 then 'PHONE_OR_TABLET' when r_kind < 0.98 then 'SERVER' else 'OTHER' end::"AssetKind" as kind,
              case when r_kind < 0.70 then 0 when r_kind < 0.85 then 1 when r_kind < 0.90 then 2
                   when r_kind < 0.96 then 3 when r_kind < 0.98 then 4 else 5 end as kind_no
       from (
         select g, b.id as entity_id, case when random() < 0.95 then b.site_id end as site_id, g - b.first_g + 1 as seq,
                date '2015-01-01' + floor(random() * (date '2026-10-31' - date '2015-01-01' + 1))::int as purchase,
                random() as r_kind, random() as r_change, random() as r_when, random() as r_status, random() as r1, random() as r2
         from bench_body b cross join lateral generate_series(b.first_g, b.first_g + b.n - 1) g
       ) raw
     ) shaped`,
    `insert into "Asset" (id, "entityId", kind, status, manufacturer, model, "serialNumber", "inventoryTag", "purchaseDate",
                         "priceCents", "siteId", floor, "assignedTo", supplier, "warrantyEnd", "createdAt", "updatedAt")
     select id, entity_id, kind, coalesce(case when change_on is not null then change_status end, 'IN_SERVICE'),
            (array['Lenovo','HP','Dell','Fujitsu','Acer', 'Kyocera','Brother','Epson','HP','Ricoh', 'Cisco','HPE Aruba','Ubiquiti','Netgear','MikroTik',
                   'Samsung','Apple','Motorola','Xiaomi','Oppo', 'Dell','HPE','Lenovo','Fujitsu','Supermicro', 'APC','Logitech','Eaton','Philips','Generico'])
              [kind_no * 5 + floor(r1 * 5)::int + 1],
            'Modello ' || (100 + floor(r2 * 900)::int),
            upper(substr(md5(g::text || 'serial'), 1, 12)),
            (array['PC','ST','RT','TEL','SRV','ALT'])[kind_no + 1] || '-' || lpad(seq::text, 6, '0'),
            purchase,
            (array[65000, 30000, 90000, 35000, 450000, 15000])[kind_no + 1] + floor(r1 * 40000)::int,
            site_id,
            'piano ' || floor(r2 * 4)::int,
            'Ufficio ' || (array['Anagrafe','Tributi','Ragioneria','Segreteria','Ufficio tecnico','Polizia locale','Servizi sociali','Biblioteca'])[floor(r1 * 8)::int + 1],
            'Fornitore ' || lpad((floor(r2 * 60)::int + 1)::text, 2, '0'),
            case when r2 < 0.95 then (purchase + make_interval(months => 24 + floor(r1 * 37)::int))::date end,
            created_at, coalesce(change_on + time '10:00', created_at)
     from bench_asset`,
    // History: IN_SERVICE from the purchase for every asset, then the later change for some.
    `insert into "AssetStatusChange" (id, "assetId", status, "effectiveOn", note, "recordedAt")
     select pg_temp.uuid7(created_at), id, 'IN_SERVICE', purchase, null, created_at from bench_asset
     union all
     select pg_temp.uuid7(change_on + time '10:00'), id, change_status, change_on, 'bench', change_on + time '10:00'
     from bench_asset where change_on is not null`,

    // Suppliers and maintenance contracts in two waves (mostly expired, mostly current); a contract
    // covers a run of 100-500 consecutive assets (one big body or several small ones) and serves
    // their bodies; it is signed by the body of its first asset.
    `insert into "Supplier" (id, name, "vatNumber", "pecAddress", "createdAt", "updatedAt")
     select pg_temp.uuid7(timestamptz '2018-01-01' + s * interval '1 day'), 'Fornitore ' || lpad(s::text, 2, '0') || ' S.r.l.',
            lpad((1000000000 + s * 7919)::text, 11, '0'), 'fornitore' || s || '@pec.it', timestamptz '2018-01-01', timestamptz '2018-01-01'
     from generate_series(1, 60) s`,
    `create index on bench_asset (g)`,
    `create temp table bench_contract on commit drop as
     select c, wave, k, first_g, starts, (starts + make_interval(years => years))::date as ends,
            pg_temp.uuid7(starts + time '09:00') as id
     from (
       select c, c % 2 as wave, k, slot * ${stride} + floor(random() * (${stride} - k + 1))::bigint as first_g,
              case when c % 2 = 0 then date '2019-01-01' + floor(random() * 1000)::int
                   else date '2023-01-01' + floor(random() * 1090)::int end as starts,
              case when c % 2 = 0 then 2 + floor(random() * 2)::int else 1 + floor(random() * 4)::int end as years
       from (select c, c / 2 as slot, least(${stride}, 100 + floor(random() * 401)::int) as k from generate_series(0, ${C - 1}) c) s
     ) t`,
    `insert into "Contract" (id, kind, subject, "supplierId", "contractingEntityId", cig, "startsOn", "endsOn", "valueCents", "createdAt", "updatedAt")
     select c.id, 'MAINTENANCE', 'Manutenzione postazioni e periferiche, lotto ' || (c.c / 2 + 1) || case when c.wave = 0 then ' (2019)' else ' (2023)' end,
            (select id from "Supplier" order by id offset (c.c * 7) % 60 limit 1),
            a.entity_id, 'M' || lpad(c.c::text, 9, '0'), c.starts, c.ends,
            (c.k * (8000 + floor(random() * 4000)::int))::int, c.starts + time '09:00', c.starts + time '09:00'
     from bench_contract c join bench_asset a on a.g = c.first_g`,
    `insert into "ContractAsset" ("contractId", "assetId")
     select c.id, a.id from bench_contract c join bench_asset a on a.g between c.first_g and c.first_g + c.k - 1`,
    `insert into "ContractEntity" ("contractId", "entityId")
     select distinct c.id, a.entity_id from bench_contract c join bench_asset a on a.g between c.first_g and c.first_g + c.k - 1`,
  ];
}

const SEEDED_TABLES = ['Entity', 'EntityPopulation', 'ModuleEnablement', 'Site', 'Asset', 'AssetStatusChange', 'Supplier', 'Contract', 'ContractAsset', 'ContractEntity'];

async function seedIfNeeded() {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const before = await counts(client);
    const seeded = before.entities === BODIES && before.assets === ASSETS && before.contracts === CONTRACTS;
    if (seeded && process.env.BENCH_RESEED !== '1') {
      console.log(`data already seeded (${BODIES} bodies, ${ASSETS} assets, ${CONTRACTS} contracts); BENCH_RESEED=1 seeds again`);
      return;
    }
    const empty = before.entities === 0 && before.assets === 0;
    if (!empty && process.env.BENCH_RESEED !== '1' && !databaseName.startsWith('gea_bench_')) {
      throw new Error(
        `${databaseName} holds other data (${before.entities} bodies, ${before.assets} assets): refusing to wipe it. ` +
          'Point BENCH_INVENTORY_DATABASE_URL at a database of its own (gea_bench_*), or set BENCH_RESEED=1.',
      );
    }
    console.log(`seeding ${BODIES} bodies, ${ASSETS} assets, ${CONTRACTS} maintenance contracts into ${databaseName}...`);
    const started = performance.now();
    await client.query(`set synchronous_commit = off; set work_mem = '256MB'; set maintenance_work_mem = '512MB'; set temp_buffers = '1GB'`);
    await client.query('begin');
    try {
      // Everything that hangs off a body (sites, assets, history, contracts...) goes with it.
      if (!empty) await client.query('truncate "Entity", "Supplier" cascade');
      for (const statement of seedStatements()) {
        const t = performance.now();
        const result = await client.query(statement);
        if (process.env.BENCH_VERBOSE === '1') {
          console.log(`  ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s  ${result.rowCount ?? ''}  ${statement.trim().split('\n')[0]!.slice(0, 90)}`);
        }
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
    const loaded = performance.now();
    // Sets the visibility map too, so that index-only scans behave as on a settled database.
    await client.query(`vacuum (analyze) ${SEEDED_TABLES.map((t) => `"${t}"`).join(', ')}`);
    const done = performance.now();
    const after = await counts(client);
    const { rows } = await client.query<{ changes: number; links: number; served: number }>(`
      select (select count(*) from "AssetStatusChange")::int as changes, (select count(*) from "ContractAsset")::int as links,
             (select count(*) from "ContractEntity")::int as served`);
    console.log(
      `seeded in ${((done - started) / 1000).toFixed(1)} s (load ${((loaded - started) / 1000).toFixed(1)} s, vacuum analyze ${((done - loaded) / 1000).toFixed(1)} s): ` +
        `${after.entities} bodies, ${after.assets} assets, ${rows[0]!.changes} status changes, ${after.contracts} contracts, ` +
        `${rows[0]!.links} contract-asset links, ${rows[0]!.served} contract-body links`,
    );
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements

await createDatabaseIfMissing();
const db = await openDatabase({ kind: 'postgres', url }, { observeQueries: true });
await applyMigrations(db);
await seedIfNeeded();

// Bench-only, never in the API: every body in one list, to time what the `entities` page cap of 100
// hides (the all-bodies PC count in one request instead of 79); and, on a database where the
// proposed per-day deltas exist (tests/bench/notes/pc-count-experiments.sql), the proposed count
// through the same path as Entity.personalComputersInService (DataLoader, scopes, one query per date).
const proposedPcs = defineLoader<string, number>('bench.proposedPcs', async (keys, context) => {
  const byDate = new Map<string, string[]>();
  for (const key of keys) {
    const [entityId, date] = key.split('|') as [string, string];
    byDate.set(date, [...(byDate.get(date) ?? []), entityId]);
  }
  const counts = new Map<string, number>();
  for (const [date, entityIds] of byDate) {
    const ids = [...new Set(entityIds)];
    // A page of bodies: probes per body; many bodies: one pass over D's year and the yearly totals.
    const rows =
      ids.length <= 500
        ? await context.prisma.$queryRaw<{ entityId: string; n: number }[]>`
            select "entityId"::text as "entityId", sum(n)::int as n from (
              select "entityId", "delta" as n from "PcServiceYear"
              where "entityId" = any(${ids}::uuid[]) and "year" < extract(year from ${date}::date)::int
              union all
              select "entityId", "delta" from "PcServiceDelta"
              where "entityId" = any(${ids}::uuid[]) and "day" >= make_date(extract(year from ${date}::date)::int, 1, 1) and "day" <= ${date}::date
            ) x group by "entityId"`
        : await context.prisma.$queryRaw<{ entityId: string; n: number }[]>`
            select "entityId"::text as "entityId", sum(n)::int as n from (
              select "entityId", "delta" as n from "PcServiceYear" where "year" < extract(year from ${date}::date)::int
              union all
              select "entityId", "delta" from "PcServiceDelta"
              where "day" >= make_date(extract(year from ${date}::date)::int, 1, 1) and "day" <= ${date}::date
            ) x where "entityId" in (select unnest(${ids}::uuid[])) group by "entityId"`;
    for (const row of rows) counts.set(`${row.entityId}|${date}`, row.n);
  }
  return keys.map((key) => counts.get(key) ?? 0);
});
const benchProbes = definePlugin({
  key: 'bench',
  name: 'Benchmark probes',
  dependsOn: ['inventory'],
  schema: (builder) => {
    builder.queryFields((t) => ({
      benchEveryEntity: t.prismaField({
        type: ['Entity'],
        description: 'Bench only: every body, by name, in one list.',
        authScopes: { authenticated: true },
        resolve: (query, _root, _args, context) => context.prisma.entity.findMany({ ...query, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
      }),
    }));
    // What a dedicated all-bodies field would cost: one scope check, one statement, no per-body resolvers.
    const BodyCount = builder.objectRef<{ entityId: string; n: number }>('BenchBodyCount').implement({
      authScopes: { permission: 'inventory:read' },
      fields: (t) => ({ entityId: t.exposeString('entityId'), count: t.exposeInt('n') }),
    });
    builder.queryFields((t) => ({
      benchPcsInServiceByBody: t.field({
        type: [BodyCount],
        description: 'Bench only: PCs in service at a date in every body whose inventory the reader may see (proposed tables).',
        authScopes: { permission: 'inventory:read' },
        args: { at: t.arg({ type: 'Date', required: true }) },
        resolve: (_root, args, context) => {
          const date = args.at.toISOString().slice(0, 10);
          return context.prisma.$queryRaw<{ entityId: string; n: number }[]>`
            select m."entityId"::text as "entityId", coalesce(sum(x.n), 0)::int as n
            from "ModuleEnablement" m
            left join (
              select "entityId", "delta" as n from "PcServiceYear" where "year" < extract(year from ${date}::date)::int
              union all
              select "entityId", "delta" from "PcServiceDelta"
              where "day" >= make_date(extract(year from ${date}::date)::int, 1, 1) and "day" <= ${date}::date
            ) x on x."entityId" = m."entityId"
            where m."moduleKey" = 'inventory' and m.enabled
            group by m."entityId"`;
        },
      }),
    }));
    builder.prismaObjectFields('Entity', (t) => ({
      benchProposedPcsInService: t.int({
        nullable: true,
        description: 'Bench only: personalComputersInService as the proposal computes it.',
        authScopes: (entity) => ({ entityPermission: { permission: 'inventory:read', entityId: entity.id } }),
        args: { at: t.arg({ type: 'Date', required: true }) },
        resolve: (entity, args, context) => proposedPcs(context).load(`${entity.id}|${args.at.toISOString().slice(0, 10)}`),
      }),
    }));
  },
});
const plugins = [inventory, procurement, benchProbes];
const api = createApi({ db, plugins, authenticate: () => actorWithPermissions('bench', ['*'], 'user') });
let statements = 0;
/** BENCH_SHOW_SQL=1: print the statements of one extra run per operation; =<file>: write them in full there. */
const SHOW_SQL = Boolean(process.env.BENCH_SHOW_SQL);
const SQL_FILE = SHOW_SQL && process.env.BENCH_SHOW_SQL !== '1' ? process.env.BENCH_SHOW_SQL! : null;
/** BENCH_ONLY=<regular expression>: only the operations whose name matches (for investigations). */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
let shown: string[] = [];
db.onQuery((event) => {
  statements++;
  if (SQL_FILE) shown.push(`-- ${event.duration} ms, parameters ${event.params}\n${event.query};\n`);
  else if (SHOW_SQL) shown.push(`${event.duration} ms: ${event.query.replace(/\s+/g, ' ').slice(0, 2500)} -- ${event.params.slice(0, 300)}`);
});

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await api.yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`${JSON.stringify(body.errors)}\nin ${query.slice(0, 300)}`);
  return body.data;
}

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Figure {
  name: string;
  runs: number;
  times: number[];
  sql: number;
  note?: string;
}
const figures: Figure[] = [];

function header() {
  console.log(
    'operation'.padEnd(80),
    'p50 ms'.padStart(8),
    'p95 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'max ms'.padStart(8),
    'SQL/op'.padStart(7),
    'runs'.padStart(5),
  );
}

function print(figure: Figure) {
  const sorted = [...figure.times].sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  console.log(
    figure.name.padEnd(80),
    fmt(percentile(sorted, 50)),
    fmt(percentile(sorted, 95)),
    fmt(percentile(sorted, 99)),
    fmt(sorted.at(-1)!),
    String(figure.sql).padStart(7),
    String(figure.runs).padStart(5),
    figure.note ? ` ${figure.note}` : '',
  );
}

/** Runs `operation` warmup + runs times; times and SQL statements of each run after the warm-up. */
async function measure(name: string, runs: number, warmup: number, operation: () => Promise<unknown>, note?: string): Promise<boolean> {
  if (ONLY && !ONLY.test(name)) return false;
  const times: number[] = [];
  let sql = 0;
  // A time budget per operation, so that a pathologically slow one cannot hold the run for hours:
  // warm-up stops after a tenth of it, measuring after all of it (at least 3 measured runs).
  const budget = MAX_SECONDS * 1000;
  const began = performance.now();
  let warmed = 0;
  while (warmed < warmup && performance.now() - began < budget / 10) {
    await operation();
    warmed++;
  }
  while (times.length < runs && (times.length < 3 || performance.now() - began < budget)) {
    statements = 0;
    const start = performance.now();
    await operation();
    times.push(performance.now() - start);
    sql = Math.max(sql, statements);
  }
  if (SHOW_SQL) {
    // the statements of one more run, with their parameters and durations as Prisma reports them
    shown = [];
    await operation();
    if (SQL_FILE) appendFileSync(SQL_FILE, `-- ${name}\n${shown.join('\n')}\n`);
    else console.log(shown.slice(0, 12).join('\n'), shown.length > 12 ? `\n... ${shown.length - 12} more` : '');
  }
  const capped = times.length < runs ? `stopped at the ${MAX_SECONDS} s budget (warm-up ${warmed})` : '';
  const figure: Figure = { name, runs: times.length, times, sql, ...(note || capped ? { note: [note, capped].filter(Boolean).join('; ') } : {}) };
  figures.push(figure);
  print(figure);
  return true;
}

// Bodies to filter on: the biggest one and one of median size.
const probe = new pg.Client({ connectionString: url });
await probe.connect();
const sizes = (
  await probe.query<{ id: string; n: number }>(`select "entityId"::text as id, count(*)::int as n from "Asset" group by 1 order by 2 desc, 1`)
).rows;
const biggest = sizes[0]!;
const median = sizes[Math.floor(sizes.length / 2)]!;
// A tag someone reads off a sticker: the PC numbered like the median body's size, present in the bigger bodies.
const tag = (
  await probe.query<{ tag: string }>(
    `select "inventoryTag" as tag from "Asset" where "entityId" = $1 and "inventoryTag" like 'PC-%' order by "inventoryTag" desc limit 1`,
    [median.id],
  )
).rows[0]!.tag;
const tagMatches = (
  await probe.query<{ n: number }>(
    `select count(*)::int as n from "Asset" where "inventoryTag" ilike $1 or "serialNumber" ilike $1 or manufacturer ilike $1 or model ilike $1 or "assignedTo" ilike $1`,
    [`%${tag}%`],
  )
).rows[0]!.n;
// The expected all-bodies total, by another formulation than the application's, to check the figure.
const expectedPcs = (
  await probe.query<{ n: number }>(`
    select count(*)::int as n from (
      select distinct on (s."assetId") s."assetId", s.status from "AssetStatusChange" s
      where s."effectiveOn" <= $1::date order by s."assetId", s."effectiveOn" desc, s."recordedAt" desc
    ) latest join "Asset" a on a.id = latest."assetId"
    where latest.status = 'IN_SERVICE' and a.kind in ('DESKTOP_PC', 'LAPTOP')`,
    [AT],
  )
).rows[0]!.n;
// The proposed per-day deltas (tests/bench/notes/pc-count-experiments.sql), when this database has them.
const hasProposal = (await probe.query<{ ok: boolean }>(`select to_regclass('"PcServiceDelta"') is not null as ok`)).rows[0]!.ok;
await probe.end();

const assetFields = (schemaHasMaintenance: boolean) =>
  `id kind status inventoryTag warrantyEnd${schemaHasMaintenance ? ' maintenanceContract { subject endsOn supplier { name } }' : ''}`;
const assetType = api.composed.schema.getType('Asset');
const hasMaintenanceContract = isObjectType(assetType) && 'maintenanceContract' in assetType.getFields();

console.log(
  `\nGEA inventory at scale on ${db.describe()}: ${BODIES} bodies (biggest ${biggest.n} assets, median ${median.n}), ${ASSETS} assets; ` +
    `${PAGE_ITERATIONS} runs per page, ${COUNT_ITERATIONS} of the all-bodies count`,
);
header();

const assetPage = `query Page($filter: AssetFilter) {
  assets(first: 50, filter: $filter, sort: { field: WARRANTY_END }) {
    edges { node { ${assetFields(false)} entity { name } } }
    pageInfo { hasNextPage endCursor }
  } }`;
const pcs = { kind: ['DESKTOP_PC', 'LAPTOP'], status: ['IN_SERVICE'] };
const pageCases: [string, Record<string, unknown>][] = [
  [`assets: biggest body (${biggest.n}), PCs in service`, { ...pcs, entityIds: [globalId('Entity', biggest.id)] }],
  [`assets: median body (${median.n}), PCs in service`, { ...pcs, entityIds: [globalId('Entity', median.id)] }],
  ['assets: all bodies, PCs in service', pcs],
  [`assets: all bodies, search "${tag}" (${tagMatches} match)`, { search: tag }],
];
for (const [name, filter] of pageCases) {
  await measure(`${name}, by warranty end, first 50`, PAGE_ITERATIONS, PAGE_WARMUP, () => gql(assetPage, { filter }));
}

// b. PCs in service at a date for every body. A page holds at most 100 (connectionPageSize.max; a
// larger first is refused with PAGE_TOO_LARGE), so page through.
const PCS = `personalComputersInService(at: "${AT}")`;
const PROPOSED = `benchProposedPcsInService(at: "${AT}")`;
type Counted = { id: string; personalComputersInService?: number | null; benchProposedPcsInService?: number | null };
type CountPage = { entities: { edges: { node: Counted }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
const countOf = (body: Counted) => body.personalComputersInService ?? body.benchProposedPcsInService ?? 0;
const sweep = { pages: 0, pageSize: 0, bodies: 0, total: 0 };
const checked = (total: number) => `total ${total} PCs${total === expectedPcs ? ' (same as direct SQL)' : ` (DIFFERENT from direct SQL: ${expectedPcs})`}`;
/** Every body, page after page, with the given count field ('' for the pages alone: the paging cost). */
async function allBodies(field: string) {
  const query = `query Count($after: String) { entities(first: ${Math.min(BODIES, 100)}, after: $after) {
    edges { node { id ${field} } } pageInfo { hasNextPage endCursor } } }`;
  let after: string | null = null;
  Object.assign(sweep, { pages: 0, bodies: 0, total: 0 });
  do {
    const data: CountPage = await gql<CountPage>(query, { after });
    sweep.pages++;
    sweep.pageSize = Math.max(sweep.pageSize, data.entities.edges.length);
    sweep.bodies += data.entities.edges.length;
    for (const edge of data.entities.edges) sweep.total += countOf(edge.node);
    after = data.entities.pageInfo.hasNextPage ? data.entities.pageInfo.endCursor : null;
  } while (after);
}
let oneRequestTotal = 0;
async function oneRequest(field: string) {
  const data = await gql<{ benchEveryEntity: Counted[] }>(`{ benchEveryEntity { id ${field} } }`);
  oneRequestTotal = data.benchEveryEntity.reduce((sum, body) => sum + countOf(body), 0);
}
if (await measure(`PCs in service at ${AT}, every body (paged)`, COUNT_ITERATIONS, COUNT_WARMUP, () => allBodies(PCS))) {
  console.log(`  ${sweep.bodies} bodies in ${sweep.pages} requests of at most ${sweep.pageSize} (first: ${BODIES} is capped); ${checked(sweep.total)}`);
}
await measure('  the same pages without the PC field (paging cost)', COUNT_ITERATIONS, COUNT_WARMUP, () => allBodies(''));
if (await measure('  what-if: every body in one request (bench-only list)', COUNT_ITERATIONS, COUNT_WARMUP, () => oneRequest(PCS))) {
  console.log(`  one request: ${checked(oneRequestTotal)}`);
}
await measure('  the same list without the PC field', COUNT_ITERATIONS, COUNT_WARMUP, () => oneRequest(''));
let everyBodyTotal = 0;
if (
  await measure(`PCs in service at ${AT}, every body: personalComputersInService(at:) list`, COUNT_ITERATIONS, COUNT_WARMUP, async () => {
    const data = await gql<{ personalComputersInService: { entityId: string; count: number }[] }>(
      `{ personalComputersInService(at: "${AT}") { entityId count } }`,
    );
    everyBodyTotal = data.personalComputersInService.reduce((sum, row) => sum + row.count, 0);
  })
) {
  console.log(`  one list: ${checked(everyBodyTotal)}`);
}
const onePage = (field: string) => `{ entities(first: 100) { edges { node { id ${field} } } } }`;
await measure(`PCs in service at ${AT}, one page of 100 bodies`, PAGE_ITERATIONS, PAGE_WARMUP, () => gql(onePage(PCS)));
if (hasProposal) {
  if (await measure('  proposal: every body (paged)', COUNT_ITERATIONS, COUNT_WARMUP, () => allBodies(PROPOSED))) {
    console.log(`  proposal, paged: ${checked(sweep.total)}`);
  }
  if (await measure('  proposal: every body in one request (bench-only list)', COUNT_ITERATIONS, COUNT_WARMUP, () => oneRequest(PROPOSED))) {
    console.log(`  proposal, one request: ${checked(oneRequestTotal)}`);
  }
  let listTotal = 0;
  const listed = await measure('  proposal: one list of (body, count), one scope check (bench-only)', COUNT_ITERATIONS, COUNT_WARMUP, async () => {
    const data = await gql<{ benchPcsInServiceByBody: { entityId: string; count: number }[] }>(
      `{ benchPcsInServiceByBody(at: "${AT}") { entityId count } }`,
    );
    listTotal = data.benchPcsInServiceByBody.reduce((sum, row) => sum + row.count, 0);
  });
  if (listed) console.log(`  proposal, one list: ${checked(listTotal)}`);
  await measure('  proposal: one page of 100 bodies', PAGE_ITERATIONS, PAGE_WARMUP, () => gql(onePage(PROPOSED)));
}

// c. Nested page: 20 bodies x 50 assets each; again with each asset's maintenance contract (and its
// supplier) when the schema has Asset.maintenanceContract.
const nested = (withContract: boolean) => `{ entities(first: 20) { edges { node { id name
  assets(first: 50) { edges { node { ${assetFields(withContract)} } } pageInfo { hasNextPage } } } } } }`;
await measure('entities(first: 20) { assets(first: 50) }', PAGE_ITERATIONS, PAGE_WARMUP, () => gql(nested(false)));
if (hasMaintenanceContract) {
  await measure('entities(20) { assets(50) { maintenanceContract { supplier } } }', PAGE_ITERATIONS, PAGE_WARMUP, () => gql(nested(true)));
} else {
  console.log('  (Asset.maintenanceContract is not in the schema yet: the nested page was benched without it)');
}

const over = figures.filter((f) => {
  const p99 = percentile([...f.times].sort((a, b) => a - b), 99);
  if (f.name.startsWith('  ')) return false; // a component or a what-if, not an operation of the issue
  return f.name.includes('every body') ? p99 > 250 : p99 > 50;
});
console.log(
  `targets: p99 < 50 ms per page, < 250 ms for every body's PC count: ${over.length === 0 ? 'all met' : `missed by ${over.map((f) => f.name).join('; ')}`}`,
);
await db.close();
process.exit(0);
