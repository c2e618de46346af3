// Benchmark (not a test): costAllocation for an association of every body of the inventory
// benchmark's database (7,900 bodies, 2,000,000 assets), through the real GraphQL stack.
// Run `npm run bench` (inventory-scale seeds the database first), or alone, with the Node flags the
// server runs with (`npm start`, apps/api/package.json), as `npm run bench` does:
//   NODE_OPTIONS=--max-semi-space-size=64 tsx tests/bench/cost-allocation-scale.ts   (BENCH_INVENTORY_DATABASE_URL or BENCH_DATABASE_URL, BENCH_COUNT_ITERATIONS)
//   BENCH_SHOW_SQL=1: after the measured runs, one more run of each operation printing its statements,
//   each with the time Prisma reports for it, and the time of the whole request.
import { actorWithPermissions } from '@gea/core';
import { openDatabase } from '@gea/db';
import { createApi } from '@gea/api';
import costSharing from '@gea/plugin-cost-sharing';
import inventory from '@gea/plugin-inventory';
import procurement from '@gea/plugin-procurement';
import { loadavg } from 'node:os';
import { measure, printHeader } from './support/measure.ts';

const url = process.env.BENCH_INVENTORY_DATABASE_URL || process.env.BENCH_DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/gea_bench_inventory';
const runs = Number(process.env.BENCH_COUNT_ITERATIONS ?? 30);
const YEAR = 2026;
const NAME = 'Bench: every body';

const db = await openDatabase({ kind: 'postgres', url }, { observeQueries: true });
const { prisma } = db;
const bodies = await prisma.entity.findMany({ select: { id: true }, orderBy: { name: 'asc' } });
if (bodies.length < 100) {
  console.error(`cost-allocation-scale: ${url} holds ${bodies.length} bodies; run tests/bench/inventory-scale.ts first to seed it`);
  process.exit(1);
}

// The association, its year of expenses, a project some bodies join, lent staff and a corrective:
// created once, kept for the next runs.
let association = await prisma.association.findUnique({ where: { name: NAME } });
if (!association) {
  const started = performance.now();
  association = await prisma.association.create({
    data: { kind: 'CONVENTION', name: NAME, leadEntityId: bodies[0]!.id, startDate: new Date('2020-01-01') },
  });
  await prisma.associationMember.createMany({ data: bodies.map((b) => ({ associationId: association!.id, entityId: b.id, joinedOn: new Date('2020-01-01') })) });
  // Art. 13: the allocation of YEAR uses the population at 31 December of the year before.
  await prisma.entityPopulation.createMany({
    data: bodies.map((b, i) => ({ entityId: b.id, referenceDate: new Date(Date.UTC(YEAR - 1, 11, 31)), population: 1000 + i })),
    skipDuplicates: true,
  });
  await prisma.moduleEnablement.createMany({
    data: bodies.flatMap((b) => ['procurement', 'cost-sharing'].map((moduleKey) => ({ entityId: b.id, moduleKey, enabled: true }))),
    skipDuplicates: true,
  });
  const project = await prisma.project.create({
    data: {
      associationId: association.id,
      name: 'Progetto di una parte',
      participants: { createMany: { data: bodies.filter((_, i) => i % 7 === 0).map((b) => ({ entityId: b.id })) } },
    },
  });
  for (let i = 0; i < 40; i++) {
    await prisma.expense.create({
      data: {
        associationId: association.id,
        year: YEAR,
        description: `Spesa ${i + 1}`,
        plan: (['PURCHASES', 'SOFTWARE_INTEGRATION', 'RUNNING_SERVICES'] as const)[i % 3]!,
        category: i % 4 === 0 ? 'CAPITAL' : 'CURRENT',
        amountCents: 1_000_000 + i * 123_457,
        vatCents: 220_000 + i * 27_160,
        projectId: i % 8 === 0 ? project.id : null,
        grants: i % 5 === 0 ? { create: { source: 'REGIONAL', grantor: 'Regione', amountCents: 300_000 } } : undefined,
      },
    });
  }
  await prisma.staffSecondment.createMany({
    data: bodies.slice(0, 10).map((b, i) => ({ associationId: association!.id, year: YEAR, lendingEntityId: b.id, personName: `Persona ${i}`, timeShareBasisPoints: 5000, costCents: 1_800_000 })),
  });
  await prisma.costSharingCorrective.create({
    data: { associationId: association.id, year: YEAR, position: 0, kind: 'MAX_SHARE', label: 'Tetto 1%', basisPoints: 100, populationBelow: 2000 },
  });
  console.log(`seeded the association of ${bodies.length} bodies with a year of costs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// Timed through a client that emits no query events, as in production: with them on, Prisma formats
// every statement's parameters (here arrays of 7,900 ids) for the listeners, about 100 ms of CPU per
// request. The statements are counted on one run through the observing client instead.
const timedDb = await openDatabase({ kind: 'postgres', url });
const apiOn = (database: typeof db) =>
  createApi({ db: database, plugins: [inventory, procurement, costSharing], authenticate: () => actorWithPermissions('bench', ['*'], 'user') });
const api = apiOn(timedDb);
const observedApi = apiOn(db);
const query = `query ($a: ID!, $year: Int!, $scenario: AllocationScenario) {
  costAllocation(association: $a, year: $year, scenario: $scenario) {
    __typename
    ... on CostAllocation { netTotalCents memberCount bodies { entity { id } pcs population pcQuotaCents populationQuotaCents totalCents } }
    ... on InputError { issues { path message } }
  }
}`;
const variables = { a: Buffer.from(`Association:${association.id}`).toString('base64'), year: YEAR };
const run = (scenario?: Record<string, unknown>, through = api) => async () => {
  const response = await through.yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables: { ...variables, scenario } }),
  });
  const body = (await response.json()) as { data?: { costAllocation: { __typename: string; memberCount?: number } }; errors?: unknown };
  if (body.errors || body.data?.costAllocation.__typename !== 'CostAllocation') throw new Error(JSON.stringify(body).slice(0, 500));
};
const countStatements = async (operation: () => Promise<unknown>) => {
  let count = 0;
  const stop = db.onQuery(() => count++);
  try {
    await operation();
  } finally {
    stop();
  }
  return count;
};

const load = () => loadavg().map((n) => n.toFixed(2)).join(', ');
console.log(`Machine: load average ${load()} (1, 5, 15 minutes) before the runs`);
printHeader();
const options = { runs, warmup: 3, budgetMs: 180_000 };
// This process's CPU time per request (JavaScript, GC, driver; PostgreSQL's own work is not in it):
// steadier than the elapsed time on a shared machine.
const withCpu = (operation: () => Promise<void>) => {
  const cpu = { micros: 0, runs: 0 };
  const timed = async () => {
    const before = process.cpuUsage();
    await operation();
    const used = process.cpuUsage(before);
    cpu.micros += used.user + used.system;
    cpu.runs += 1;
  };
  return { timed, report: () => console.log(`  CPU of this process per request: ${(cpu.micros / cpu.runs / 1000).toFixed(1)} ms over ${cpu.runs} requests`) };
};
for (const [name, scenario] of [
  [`costAllocation, ${bodies.length} bodies, every line and total`, undefined],
  [`costAllocation scenario (70/30 weights, no correctives), ${bodies.length} bodies`, { pcWeightBasisPoints: 7000, correctives: [] }],
] as const) {
  const statements = await countStatements(run(scenario, observedApi));
  const { timed, report } = withCpu(run(scenario));
  await measure(name, { ...options, statementsOf: async (operation) => (await operation(), statements) }, timed);
  report();
}
console.log(`Machine: load average ${load()} after the runs`);

if (process.env.BENCH_SHOW_SQL) {
  for (const [name, operation] of [['every line and total', run(undefined, observedApi)], ['scenario', run({ pcWeightBasisPoints: 7000, correctives: [] }, observedApi)]] as const) {
    const shown: string[] = [];
    const stop = db.onQuery((event) => shown.push(`${String(event.duration).padStart(5)} ms  ${event.query.replace(/\s+/g, ' ').slice(0, 160)}`));
    const started = performance.now();
    await operation();
    const elapsed = performance.now() - started;
    stop();
    console.log(`\n${name}: ${shown.length} statements, request ${elapsed.toFixed(1)} ms\n${shown.join('\n')}`);
  }
}
await timedDb.close();
await db.close();
process.exit(0);
