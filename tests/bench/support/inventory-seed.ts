// The inventory benchmarks' data set, seeded once into a PostgreSQL database of its own: bodies of
// power-law sizes, their assets with status history, suppliers and maintenance contracts. Shared by
// tests/bench/inventory-scale.ts (national scale) and tests/bench/read-path-vs-postgraphile.ts.
//
// The database is created when missing and migrated with the application's migrations. Seeding is
// set-based SQL (generate_series, INSERT ... SELECT) in one transaction, then VACUUM ANALYZE; a
// database that already holds exactly the asked sizes is left as it is.
import { openDatabase } from '@gea/db';
import { applyMigrations } from '@gea/db/migrations';
import pg from 'pg';

export interface InventorySeedOptions {
  /** The bench database; created when missing. */
  url: string;
  bodies: number;
  assets: number;
  /** Maintenance contracts; rounded down to an even number (two waves of equal size). */
  contracts: number;
  /** Wipe the bench data and seed again even when the sizes already match. */
  reseed?: boolean;
  /** Print the time of each seed statement. */
  verbose?: boolean;
  /** The environment variable that points at the database, named in the refusal to wipe foreign data. */
  urlVariable?: string;
  log?: (line: string) => void;
}

export interface SeededSizes {
  bodies: number;
  assets: number;
  contracts: number;
}

/** The sizes of the two scales the issue's benchmarks use. */
export const REGION_SCALE: SeededSizes = { bodies: 273, assets: 140_000, contracts: 2_000 };
export const NATIONAL_SCALE: SeededSizes = { bodies: 7_900, assets: 2_000_000, contracts: 2_000 };

export function withDatabase(serverUrl: string, database: string): string {
  const next = new URL(serverUrl);
  next.pathname = `/${database}`;
  return next.toString();
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function createDatabaseIfMissing(url: string, log: (line: string) => void) {
  const databaseName = databaseNameOf(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [databaseName]);
    if (!rowCount) {
      await admin.query(`create database "${databaseName.replaceAll('"', '""')}"`);
      log(`created database ${databaseName}`);
    }
  } finally {
    await admin.end();
  }
}

async function counts(client: pg.Client): Promise<SeededSizes> {
  const { rows } = await client.query<SeededSizes>(`
    select (select count(*) from "Entity")::int as bodies,
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

/** The seed in statements run in order in one transaction; sizes are integers checked by the caller. */
function seedStatements({ bodies: B, assets: A, contracts: C }: SeededSizes): string[] {
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

function checkSize(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, not ${value}`);
  return value;
}

/**
 * Creates the database when missing, applies the application's migrations, and seeds the data set
 * unless it already holds exactly these sizes. Returns the sizes seeded.
 */
export async function prepareInventoryDatabase(options: InventorySeedOptions): Promise<SeededSizes> {
  const log = options.log ?? ((line: string) => console.log(line));
  const sizes: SeededSizes = {
    bodies: checkSize('bodies', options.bodies, 10, 100_000),
    assets: checkSize('assets', options.assets, 1_000, 50_000_000),
    contracts: checkSize('contracts', options.contracts, 2, 100_000) & ~1, // two waves of equal size
  };
  const { url } = options;
  await createDatabaseIfMissing(url, log);
  const db = await openDatabase({ kind: 'postgres', url });
  try {
    await applyMigrations(db);
  } finally {
    await db.close();
  }
  await seedIfNeeded(url, sizes, options, log);
  return sizes;
}

async function seedIfNeeded(url: string, sizes: SeededSizes, options: InventorySeedOptions, log: (line: string) => void) {
  const databaseName = databaseNameOf(url);
  const { bodies: BODIES, assets: ASSETS, contracts: CONTRACTS } = sizes;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const before = await counts(client);
    const seeded = before.bodies === BODIES && before.assets === ASSETS && before.contracts === CONTRACTS;
    if (seeded && !options.reseed) {
      log(`data already seeded (${BODIES} bodies, ${ASSETS} assets, ${CONTRACTS} contracts); BENCH_RESEED=1 seeds again`);
      return;
    }
    const empty = before.bodies === 0 && before.assets === 0;
    if (!empty && !options.reseed && !databaseName.startsWith('gea_bench_')) {
      throw new Error(
        `${databaseName} holds other data (${before.bodies} bodies, ${before.assets} assets): refusing to wipe it. ` +
          `Point ${options.urlVariable ?? 'the bench database URL'} at a database of its own (gea_bench_*), or set BENCH_RESEED=1.`,
      );
    }
    log(`seeding ${BODIES} bodies, ${ASSETS} assets, ${CONTRACTS} maintenance contracts into ${databaseName}...`);
    const started = performance.now();
    await client.query(`set synchronous_commit = off; set work_mem = '256MB'; set maintenance_work_mem = '512MB'; set temp_buffers = '1GB'`);
    await client.query('begin');
    try {
      // Everything that hangs off a body (sites, assets, history, contracts...) goes with it.
      if (!empty) await client.query('truncate "Entity", "Supplier" cascade');
      for (const statement of seedStatements(sizes)) {
        const t = performance.now();
        const result = await client.query(statement);
        if (options.verbose) {
          log(`  ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s  ${result.rowCount ?? ''}  ${statement.trim().split('\n')[0]!.slice(0, 90)}`);
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
    log(
      `seeded in ${((done - started) / 1000).toFixed(1)} s (load ${((loaded - started) / 1000).toFixed(1)} s, vacuum analyze ${((done - loaded) / 1000).toFixed(1)} s): ` +
        `${after.bodies} bodies, ${after.assets} assets, ${rows[0]!.changes} status changes, ${after.contracts} contracts, ` +
        `${rows[0]!.links} contract-asset links, ${rows[0]!.served} contract-body links`,
    );
  } finally {
    await client.end();
  }
}
