// npm run bench: mixed reads and writes from 50 clients for 60 s against two API processes that
// share one PostgreSQL and one Redis, round-robin as a load balancer would, while one more client
// replays the malicious corpus. Prints latency of the ordinary requests, errors by code, the
// corpus' outcome, and checks every acknowledged write against the database afterwards.
// Loopback only and bounded in time. Needs PostgreSQL (BENCH_PG_URL, default the local server);
// without it the benchmark says so and exits. Redis is used when it answers (BENCH_REDIS_URL).
import { connect } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';
import { openDatabase } from '@gea/db';
import { applyMigrations } from '@gea/db/migrations';
import { databaseUrl, dropDatabase } from '@gea/test-kit/postgres-admin.ts';
import { startServerProcess, type ServerProcess } from '@gea/test-kit/server-process.ts';
import { maliciousOperations } from '@gea/test-kit/malicious-operations.ts';
import pg from 'pg';

const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const WRITERS = Math.max(1, Math.round(CLIENTS * 0.3));
const adminUrl = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const PASSWORD = 'gea-demo';

async function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 }, () => (socket.end(), resolve(true)));
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const admin = new pg.Client({ connectionString: adminUrl });
try {
  await admin.connect();
} catch (error) {
  console.log(`load benchmark skipped: PostgreSQL at ${adminUrl} does not answer (${(error as Error).message})`);
  process.exit(0);
}
const redisTarget = new URL(redisUrl);
const withRedis = await reachable(redisTarget.hostname, Number(redisTarget.port || 6379));
const databaseName = `gea_bench_load_${process.pid}`;
await dropDatabase(admin, databaseName);
await admin.query(`create database "${databaseName}"`);
const url = databaseUrl(adminUrl, databaseName);
const migrating = await openDatabase({ kind: 'postgres', url });
await applyMigrations(migrating);
await migrating.close();

// Fifty people would sign in from fifty addresses; here they share the loopback address, so the
// sign-in budget per address is raised. The other limits stay as shipped (signed-in requests are not
// rate-limited; the corpus' anonymous operations may meet RATE_LIMITED, which is a refusal too).
const common = {
  GEA_RATE_LIMIT_SIGNIN_ADDRESS: `${CLIENTS * 4}/900`,
  DATABASE_URL: url,
  GEA_WEB_CLIENT: 'off',
  GEA_JOBS: 'off',
  NODE_ENV: 'production',
  // A prefix of this run's own: counters of an earlier run must not count here.
  ...(withRedis ? { GEA_REDIS_URL: redisUrl, GEA_REDIS_PREFIX: `gea-bench-${process.pid}:` } : {}),
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('BENCH_GEA_')).map(([key, value]) => [key.slice('BENCH_'.length), value])),
};
const servers: ServerProcess[] = [];
const stopAll = async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await dropDatabase(admin, databaseName).catch(() => {});
  await admin.end();
};
// Production never seeds demo data: one development start seeds it, then both processes run in production.
const seeding = startServerProcess({ ...common, NODE_ENV: undefined, GEA_DEMO_DATA: 'true', GEA_DEMO_PASSWORD: PASSWORD });
await seeding.ready;
await seeding.stop();
const endpoints: string[] = [];
for (let i = 0; i < 2; i++) {
  const server = startServerProcess({ ...common, GEA_DEMO_DATA: 'false' });
  servers.push(server);
  try {
    endpoints.push(await server.ready);
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The process tree's resident memory (tsx starts node as a child), in MB. */
function residentMb(pid: number): number {
  let total = 0;
  const visit = (id: number) => {
    try {
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      for (const task of readdirSync(`/proc/${id}/task`)) {
        const children = readFileSync(`/proc/${id}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // the process ended
    }
  };
  visit(pid);
  return total;
}

interface Outcome {
  ok: boolean;
  code?: string;
  data?: Record<string, any>;
}

let nextEndpoint = 0;
async function send(query: string, variables: Record<string, unknown>, token?: string, batch?: number): Promise<Outcome> {
  const endpoint = endpoints[nextEndpoint++ % endpoints.length]!;
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(batch ? Array.from({ length: batch }, () => ({ query, variables })) : { query, variables }),
    });
    const text = await response.text();
    let body: { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] } = {};
    try {
      const parsed = JSON.parse(text);
      body = Array.isArray(parsed) ? parsed[0] : parsed;
    } catch {
      return { ok: false, code: `HTTP_${response.status}` };
    }
    if (body.errors?.length) return { ok: false, code: body.errors[0]?.extensions?.code ?? `HTTP_${response.status}` };
    const typedError = Object.values(body.data ?? {}).find((value) => value && typeof value === 'object' && 'code' in value && !('id' in value));
    if (typedError) return { ok: false, code: String((typedError as { code: unknown }).code) };
    return { ok: response.ok, code: response.ok ? undefined : `HTTP_${response.status}`, data: body.data };
  } catch (error) {
    return { ok: false, code: `NETWORK_${(error as NodeJS.ErrnoException).cause ? 'ERROR' : 'FAILURE'}` };
  }
}

async function signIn(email: string): Promise<string> {
  const outcome = await send('mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }', {
    email,
    password: PASSWORD,
  });
  const token = outcome.data?.login?.token as string | undefined;
  if (!token) throw new Error(`sign-in of ${email} failed: ${outcome.code}`);
  return token;
}

process.on('uncaughtException', (error) => {
  console.error(error);
  void stopAll().finally(() => process.exit(1));
});
const lookup = new pg.Client({ connectionString: url });
await lookup.connect();
const referents = (await lookup.query<{ email: string }>(`select email from "User" where email like 'referente@%' order by email`)).rows.map((r) => r.email);
const bodies = (await lookup.query<{ id: string }>(`select e.id from "Entity" e join "ModuleEnablement" m on m."entityId" = e.id and m."moduleKey" = 'inventory' and m.enabled order by e.name`)).rows.map((r) => r.id);
const entityGlobalId = (id: string) => Buffer.from(`Entity:${id}`).toString('base64');
const assetGlobalId = (id: string) => Buffer.from(`Asset:${id}`).toString('base64');
// Writers update a small shared set of assets, so that they collide: every update sends the version it
// read, and an acknowledged one must be the record's state until the next acknowledged one.
const contended = (await lookup.query<{ id: string }>(`select id from "Asset" order by id limit 20`)).rows.map((r) => r.id);

const READS = {
  assetsPage: '{ assets(first: 20) { edges { node { id kind status inventoryTag entity { name } } } pageInfo { hasNextPage } } }',
  bodiesWithAssets: '{ entities(first: 10) { edges { node { name population assets(first: 10) { edges { node { kind status } } } } } } }',
  me: '{ me { email roles { role } } }',
};
const READ_VERSION = `query ($id: ID!) { node(id: $id) { ... on Asset { version kind } } }`;
const UPDATE = `mutation ($id: ID!, $expectedVersion: Int!, $input: UpdateAssetInput!) {
  updateAsset(id: $id, expectedVersion: $expectedVersion, input: $input) { __typename ... on Asset { id version floor } ... on Error { code } }
}`;
const CREATE = `mutation ($input: CreateAssetInput!) { createAsset(input: $input) { __typename ... on Asset { id inventoryTag } ... on Error { code } } }`;

const latencies: number[] = [];
const errors = new Map<string, number>();
const acknowledged: { id: string; tag: string }[] = [];
const acknowledgedUpdates: { id: string; version: number; floor: string }[] = [];
let deadline = Number.POSITIVE_INFINITY;
let ordinaryRequests = 0;

async function timed(query: string, variables: Record<string, unknown>, token: string): Promise<Outcome> {
  const started = performance.now();
  const outcome = await send(query, variables, token);
  latencies.push(performance.now() - started);
  ordinaryRequests++;
  if (!outcome.ok) errors.set(outcome.code ?? 'UNKNOWN', (errors.get(outcome.code ?? 'UNKNOWN') ?? 0) + 1);
  return outcome;
}

// Signed in one after the other before the clock starts: parallel sign-ins of one account from one
// address count as guesses until each succeeds (the sign-in limits), and are not what is measured.
const writerTokens: string[] = [];
for (let i = 0; i < WRITERS; i++) writerTokens.push(await signIn(i % 2 === 0 ? 'tecnico@gea.local' : 'admin@gea.local'));
const readerTokens: string[] = [];
for (let i = 0; i < CLIENTS - WRITERS; i++) readerTokens.push(await signIn(referents[i % referents.length]!));
const attackerTokens = { staff: await signIn('tecnico@gea.local'), member: await signIn(referents[0]!) };

async function writer(index: number) {
  const token = writerTokens[index]!;
  for (let n = 0; Date.now() < deadline; n++) {
    if (n % 3 === 1) {
      const id = contended[(index * 7 + n) % contended.length]!;
      const read = await timed(READ_VERSION, { id: assetGlobalId(id) }, token);
      const current = read.data?.node as { version: number; kind: string } | undefined;
      if (!current) continue;
      const floor = `W${index}-${n}`;
      const outcome = await timed(UPDATE, { id: assetGlobalId(id), expectedVersion: current.version, input: { kind: current.kind, floor } }, token);
      const updated = outcome.data?.updateAsset as { version?: number } | undefined;
      if (outcome.ok && updated?.version) acknowledgedUpdates.push({ id, version: updated.version, floor });
    } else if (n % 3 === 0) {
      const tag = `LOAD-${index}-${n}`;
      const entityId = entityGlobalId(bodies[(index + n) % bodies.length]!);
      const outcome = await timed(CREATE, { input: { entityId, kind: 'DESKTOP_PC', inventoryTag: tag } }, token);
      const globalId = outcome.data?.createAsset?.id as string | undefined;
      if (outcome.ok && globalId) acknowledged.push({ id: Buffer.from(globalId, 'base64').toString('utf8').replace(/^Asset:/, ''), tag });
    } else {
      await timed(n % 2 ? READS.assetsPage : READS.bodiesWithAssets, {}, token);
    }
  }
}

async function reader(index: number) {
  const token = readerTokens[index]!;
  const queries = Object.values(READS);
  for (let n = 0; Date.now() < deadline; n++) await timed(queries[n % queries.length]!, {}, token);
}

let corpusSent = 0;
let corpusAccepted = 0;
const corpusCodes = new Map<string, number>();
async function attacker() {
  // The corpus names its sender: ICT staff (the largest ceiling), a referent (a body's member; API
  // tokens share the members' ceiling), or nobody.
  const tokens = attackerTokens;
  while (Date.now() < deadline) {
    for (const operation of maliciousOperations) {
      if (Date.now() >= deadline) break;
      const token = operation.caller === 'anonymous' ? undefined : operation.caller === 'staff' ? tokens.staff : tokens.member;
      const outcome = await send(operation.query, operation.variables ?? {}, token, operation.batch);
      corpusSent++;
      if (outcome.ok) corpusAccepted++;
      else corpusCodes.set(outcome.code ?? 'UNKNOWN', (corpusCodes.get(outcome.code ?? 'UNKNOWN') ?? 0) + 1);
    }
  }
}

console.log(
  `GEA load: ${CLIENTS} clients (${WRITERS} staff writing, ${CLIENTS - WRITERS} referents reading) + 1 replaying ${maliciousOperations.length} malicious operations, ` +
    `${SECONDS} s, 2 API processes on PostgreSQL${withRedis ? ' and Redis' : ' (Redis not reachable: each process keeps its own counters)'}`,
);
let peakMb = 0;
const sampler = setInterval(() => {
  const mb = servers.reduce((sum, server) => sum + residentMb(server.child.pid!), 0);
  peakMb = Math.max(peakMb, mb);
}, 1000);
const startedAt = performance.now();
deadline = Date.now() + SECONDS * 1000;
try {
  await Promise.all([
    ...Array.from({ length: WRITERS }, (_, i) => writer(i)),
    ...Array.from({ length: CLIENTS - WRITERS }, (_, i) => reader(i)),
    attacker(),
  ]);
  const elapsed = (performance.now() - startedAt) / 1000;
  clearInterval(sampler);

  const stored = await lookup.query<{ id: string; inventoryTag: string }>(`select id, "inventoryTag" from "Asset" where "inventoryTag" like 'LOAD-%'`);
  const byId = new Map(stored.rows.map((row) => [row.id, row.inventoryTag]));
  const lost = acknowledged.filter((write) => byId.get(write.id) !== write.tag);
  // Each contended asset: its version counts exactly the acknowledged updates (nothing applied
  // twice or unacknowledged), and it holds what the last acknowledged update wrote.
  const versions = await lookup.query<{ id: string; version: number; floor: string | null }>(
    `select id, version, floor from "Asset" where id = any($1::uuid[])`,
    [contended],
  );
  let updatesLost = 0;
  for (const row of versions.rows) {
    const updates = acknowledgedUpdates.filter((update) => update.id === row.id).sort((a, b) => a.version - b.version);
    const last = updates.at(-1);
    const startVersion = row.version - updates.length;
    const chained = updates.every((update, i) => update.version === startVersion + i + 1);
    if (!chained || (last && (last.version !== row.version || last.floor !== row.floor))) updatesLost++;
  }

  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]?.toFixed(0) ?? '-';
  console.log(`ordinary requests: ${ordinaryRequests} in ${elapsed.toFixed(0)} s (${(ordinaryRequests / elapsed).toFixed(0)}/s); p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms`);
  console.log(`ordinary requests refused or failed (STALE_VERSION is a lost race, expected): ${[...errors].map(([code, count]) => `${code} ${count}`).join(', ') || 'none'}`);
  console.log(`malicious corpus: ${corpusSent} sent, ${corpusAccepted} accepted; refused as ${[...corpusCodes].map(([code, count]) => `${code} ${count}`).join(', ')}`);
  console.log(`creations: ${acknowledged.length} acknowledged, ${acknowledged.length - lost.length} found as acknowledged, ${lost.length} lost`);
  console.log(
    `updates of ${contended.length} shared assets: ${acknowledgedUpdates.length} acknowledged, STALE_VERSION ${errors.get('STALE_VERSION') ?? 0}; ` +
      `assets whose versions or values contradict the acknowledged updates: ${updatesLost}`,
  );
  console.log(`peak resident memory of the two API processes: ${peakMb.toFixed(0)} MB`);
  if (lost.length > 0 || updatesLost > 0 || corpusAccepted > 0) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  await lookup.end();
  await stopAll();
}
