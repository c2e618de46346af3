// npm run bench: latency of typical GraphQL operations through Yoga (no network) on the embedded
// database, or on PostgreSQL when BENCH_DATABASE_URL is set. Prints figures; asserts nothing.
import { actorWithPermissions } from '@gea/core';
import { openDatabase, type Database } from '@gea/db';
import { applyMigrations } from '@gea/db/migrations';
import inventory from '@gea/plugin-inventory';
import { createApi } from '@gea/api';

const BODIES = Number(process.env.BENCH_BODIES ?? 50);
const ASSETS_PER_BODY = Number(process.env.BENCH_ASSETS_PER_BODY ?? 200);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;

async function seed(db: Database) {
  if ((await db.prisma.entity.count()) > 0) return;
  const entities = await db.prisma.entity.createManyAndReturn({
    data: Array.from({ length: BODIES }, (_, i) => ({ kind: 'MUNICIPALITY' as const, name: `Comune ${String(i).padStart(4, '0')}` })),
  });
  await db.prisma.entityPopulation.createMany({
    data: entities.map((e, i) => ({ entityId: e.id, referenceDate: new Date('2024-12-31'), population: 1000 + i * 37 })),
  });
  await db.prisma.moduleEnablement.createMany({
    data: entities.map((e) => ({ entityId: e.id, moduleKey: 'inventory', enabled: true })),
  });
  const kinds = ['DESKTOP_PC', 'LAPTOP', 'PRINTER', 'SERVER'] as const;
  for (const entity of entities) {
    const assets = await db.prisma.asset.createManyAndReturn({
      data: Array.from({ length: ASSETS_PER_BODY }, (_, n) => ({ entityId: entity.id, kind: kinds[n % 4]!, inventoryTag: `T-${n}` })),
      select: { id: true },
    });
    await db.prisma.assetStatusChange.createMany({
      data: assets.map((asset) => ({ assetId: asset.id, status: 'IN_SERVICE' as const, effectiveOn: new Date('2020-01-01') })),
    });
  }
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const operations: Record<string, string> = {
  'assets: first page, filtered': '{ assets(first: 50, filter: { kind: [DESKTOP_PC, LAPTOP], status: [IN_SERVICE] }) { edges { node { id kind inventoryTag } } pageInfo { hasNextPage endCursor } } }',
  'entities { assets { entity } }, 50 x 20': '{ entities(first: 50) { edges { node { name population personalComputersInService assets(first: 20) { edges { node { kind entity { name } } } } } } } }',
  'PCs in service, first 100 bodies': '{ entities(first: 100) { edges { node { id personalComputersInService } } } }',
};

const url = process.env.BENCH_DATABASE_URL;
const db = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite-memory' }, { observeQueries: true });
await applyMigrations(db);
await seed(db);
const { yoga } = createApi({ db, plugins: [inventory], authenticate: () => actorWithPermissions('bench', ['*']) });
let statements = 0;
db.onQuery(() => statements++);

console.log(`GEA benchmark on ${db.describe()}: ${BODIES} bodies x ${ASSETS_PER_BODY} assets, ${ITERATIONS} runs per operation`);
console.log('operation'.padEnd(42), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'p99 ms'.padStart(8), 'SQL/op'.padStart(7));
for (const [name, query] of Object.entries(operations)) {
  const times: number[] = [];
  let sql = 0;
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    statements = 0;
    const start = performance.now();
    const response = await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
    if (i >= WARMUP) times.push(performance.now() - start);
    sql = statements;
  }
  times.sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  console.log(name.padEnd(42), fmt(percentile(times, 50)), fmt(percentile(times, 95)), fmt(percentile(times, 99)), String(sql).padStart(7));
}
await db.close();
process.exit(0);
