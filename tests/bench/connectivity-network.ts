// npm run bench: the connectivity network view (art. 5.2) of one association of 7,900 bodies with two
// circuits each (a fibre primary and a backup, each with its A end on the body's town hall and its Z
// end on the regional network, in a redundancy group), on PostgreSQL. The API runs in this process
// behind a real HTTP server (node:http, so the statements Prisma sends can be counted); requests go
// over HTTP as ICT staff signed in with a password, asking the query the network screen asks.
// Prints p50/p99, the payload size and the SQL statements per request; asserts nothing.
//
//   BENCH_NETWORK_DATABASE_URL (postgresql://postgres@127.0.0.1:5432/gea_bench_network): created and
//     dropped by the benchmark (BENCH_KEEP=1 keeps it)
//   BENCH_NETWORK_BODIES (7900), BENCH_ITERATIONS (30), BENCH_WARMUP (3)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createApi } from '@gea/api';
import { hashPassword } from '@gea/core';
import { openDatabase } from '@gea/db';
import { applyMigrations } from '@gea/db/migrations';
import connectivity from '@gea/plugin-connectivity';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import pg from 'pg';
import { percentile } from './support/measure.ts';

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  return value;
}

const url = process.env.BENCH_NETWORK_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/gea_bench_network';
const BODIES = intFromEnv('BENCH_NETWORK_BODIES', 7_900, 2, 100_000);
const RUNS = intFromEnv('BENCH_ITERATIONS', 30, 3, 10_000);
const WARMUP = intFromEnv('BENCH_WARMUP', 3, 0, 1_000);
const EMAIL = 'tecnico.bench@gea.local';
const PASSWORD = 'gea-bench-network';

const databaseName = decodeURIComponent(new URL(url).pathname.slice(1));
const adminUrl = Object.assign(new URL(url), { pathname: '/postgres' }).toString();
const quoted = `"${databaseName.replaceAll('"', '""')}"`;
const admin = new pg.Client({ connectionString: adminUrl });
try {
  await admin.connect();
} catch (error) {
  console.log(`network benchmark skipped: PostgreSQL at ${url} does not answer (${(error as Error).message})`);
  process.exit(0);
}
await admin.query(`drop database if exists ${quoted}`);
await admin.query(`create database ${quoted}`);
await admin.end();

const db = await openDatabase({ kind: 'postgres', url }, { observeQueries: true });
let server: ReturnType<typeof createServer> | undefined;
try {
  await applyMigrations(db);
  console.log(`seeding ${BODIES} bodies x 2 circuits into ${databaseName}...`);
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    const statements = [
      `insert into "Entity" (id, kind, name, "createdAt", "updatedAt") values (gen_random_uuid(), 'UNION', 'Unione bench', now(), now())`,
      `insert into "Entity" (id, kind, name, "createdAt", "updatedAt")
       select gen_random_uuid(), 'MUNICIPALITY', 'Comune ' || lpad(g::text, 5, '0'), now(), now() from generate_series(1, ${BODIES}) g`,
      `insert into "Association" (id, kind, name, "leadEntityId", "startDate", "createdAt", "updatedAt")
       select gen_random_uuid(), 'UNION', 'Unione bench', id, date '2020-01-01', now(), now() from "Entity" where kind = 'UNION'`,
      `insert into "AssociationMember" ("associationId", "entityId", "joinedOn") select a.id, e.id, date '2020-01-01' from "Association" a cross join "Entity" e`,
      `insert into "ModuleEnablement" ("entityId", "moduleKey", enabled, since)
       select e.id, m.key, true, now() from "Entity" e cross join (values ('inventory'), ('procurement'), ('connectivity')) m(key)`,
      // One town hall per body, spread over Italy's latitudes and longitudes; the union's central site.
      `insert into "Site" (id, "entityId", name, address, latitude, longitude, "createdAt", "updatedAt")
       select gen_random_uuid(), e.id, case when e.kind = 'UNION' then 'Centro servizi' else 'Palazzo comunale' end, 'Piazza del Municipio 1',
              37 + random() * 9, 7 + random() * 11, now(), now() from "Entity" e`,
      `insert into "ConnectivityHub" ("associationId", "siteId", "updatedAt")
       select a.id, s.id, now() from "Association" a join "Site" s on s."entityId" = a."leadEntityId"`,
      `insert into "Supplier" (id, name, "createdAt", "updatedAt") values (gen_random_uuid(), 'Regione bench', now(), now()), (gen_random_uuid(), 'Backup bench', now(), now())`,
      `insert into "ConnectivityProvider" (id, "supplierId", name, "createdAt", "updatedAt") select gen_random_uuid(), id, name, now(), now() from "Supplier"`,
      `insert into "ProviderNetwork" (id, "providerId", name, kind, "createdAt", "updatedAt")
       select gen_random_uuid(), id, case when name = 'Regione bench' then 'RTRT' else 'Internet' end,
              case when name = 'Regione bench' then 'REGIONAL' else 'INTERNET' end::"ProviderNetworkKind", now(), now() from "ConnectivityProvider"`,
      // Two circuits per body: the fibre primary on the regional network, the backup on the other.
      `insert into "Circuit" (id, "providerId", cid, type, technology, status, "entityId", "downloadKbps", "uploadKbps", "createdAt", "updatedAt")
       select gen_random_uuid(), p.id, (case when k = 0 then 'RTRT-' else 'BK-' end) || lpad(row_number() over (partition by k order by e.name)::text, 6, '0'),
              (case when k = 0 then 'NETWORK_ACCESS' else 'BACKUP' end)::"CircuitType",
              (case when k = 0 then 'FTTH_FTTB' else (array['FTTC','FWA'])[1 + (abs(hashtext(e.name)) % 2)] end)::"CircuitTechnology",
              'ACTIVE', e.id, case when k = 0 then 1000000 else 100000 end, case when k = 0 then 1000000 else 20000 end, now(), now()
       from "Entity" e cross join generate_series(0, 1) k
       join "ConnectivityProvider" p on p.name = case when k = 0 then 'Regione bench' else 'Backup bench' end`,
      `insert into "CircuitTermination" (id, "circuitId", side, "siteId", "createdAt", "updatedAt")
       select gen_random_uuid(), c.id, 'A', s.id, now(), now() from "Circuit" c join "Site" s on s."entityId" = c."entityId"`,
      `insert into "CircuitTermination" (id, "circuitId", side, "providerNetworkId", "createdAt", "updatedAt")
       select gen_random_uuid(), c.id, 'Z', n.id, now(), now() from "Circuit" c join "ProviderNetwork" n on n."providerId" = c."providerId"`,
      `insert into "RedundancyGroup" (id, "entityId", "siteId", name, "createdAt", "updatedAt")
       select gen_random_uuid(), s."entityId", s.id, 'Accesso sede', now(), now() from "Site" s`,
      `insert into "RedundancyGroupMember" ("groupId", "circuitId", priority)
       select g.id, c.id, case when c.type = 'BACKUP' then 'SECONDARY' else 'PRIMARY' end::"RedundancyPriority"
       from "RedundancyGroup" g join "Circuit" c on c."entityId" = g."entityId"`,
    ];
    for (const statement of statements) await client.query(statement);
    await client.query(`insert into "User" (id, email, name, "passwordHash", "createdAt", "updatedAt") values (gen_random_uuid(), $1, 'Tecnico bench', $2, now(), now())`, [
      EMAIL,
      await hashPassword(PASSWORD),
    ]);
    await client.query(`insert into "RoleAssignment" (id, "userId", role) select gen_random_uuid(), id, 'ICT_STAFF' from "User" where email = $1`, [EMAIL]);
    await client.query('commit');
    await client.query('vacuum (analyze)');
  } finally {
    await client.end();
  }
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const api = createApi({ db, plugins: [inventory, procurement, connectivity], rateLimits: false });
  server = createServer(api.yoga);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    const body = JSON.parse(text) as { data?: Record<string, any>; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return { data: body.data!, bytes: Buffer.byteLength(text), text };
  };
  const login = await post('mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', { email: EMAIL, password: PASSWORD });
  const token = login.data.login.token as string;
  const associations = await post('{ associations { id name } }', {}, token);
  const associationId = associations.data.associations[0].id as string;
  // The network screen's query (plugins/connectivity/web/network/network-page.tsx).
  const query = `query ConnectivityNetwork($associationId: ID!, $filter: ConnectivityNetworkFilter) {
    connectivityNetwork(associationId: $associationId, filter: $filter) {
      hub { id name entityId entityName }
      hubNetworkIds
      sites { id name entityId entityName latitude longitude isHub circuitCount }
      links { id cid technology agcomClass status downloadKbps uploadKbps providerName redundancyPriority entityId fromSiteId fromNetworkId toSiteId toNetworkId }
      networks { id name kind }
    }
  }`;
  let statements = 0;
  db.onQuery(() => statements++);
  const times: number[] = [];
  let bytes = 0;
  let gzipped = 0;
  let sql = 0;
  let counts = { sites: 0, links: 0 };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    statements = 0;
    const start = performance.now();
    const result = await post(query, { associationId }, token);
    const elapsed = performance.now() - start;
    if (i >= WARMUP) times.push(elapsed);
    sql = Math.max(sql, statements);
    if (i === 0) {
      bytes = result.bytes;
      gzipped = gzipSync(result.text).length;
      counts = { sites: result.data.connectivityNetwork.sites.length, links: result.data.connectivityNetwork.links.length };
    }
  }
  times.sort((a, b) => a - b);
  console.log(`\nconnectivityNetwork over HTTP as ICT staff: ${BODIES} bodies, ${counts.sites} sites, ${counts.links} links; ${RUNS} runs after ${WARMUP} warm-up`);
  console.log('p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'max ms'.padStart(8), 'payload'.padStart(12), 'gzipped'.padStart(10), 'SQL/req'.padStart(8));
  console.log(
    percentile(times, 50).toFixed(1).padStart(8),
    percentile(times, 99).toFixed(1).padStart(8),
    times.at(-1)!.toFixed(1).padStart(8),
    `${(bytes / 1024).toFixed(0)} kB`.padStart(12),
    `${(gzipped / 1024).toFixed(0)} kB`.padStart(10),
    String(sql).padStart(8),
  );
} finally {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await db.close();
  if (process.env.BENCH_KEEP !== '1') {
    const drop = new pg.Client({ connectionString: adminUrl });
    await drop.connect();
    await drop.query(`drop database if exists ${quoted} with (force)`);
    await drop.end();
  }
}
process.exit(0);
