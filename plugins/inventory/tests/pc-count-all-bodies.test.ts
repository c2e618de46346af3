import { actorFromGrants, LoaderRegistry, type Actor } from '@gea/core';
import inventory, { countPersonalComputersInService } from '@gea/plugin-inventory';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';
import { seedBodies, toGlobalId } from '@gea/test-kit/seed.ts';

/**
 * `personalComputersInService(at:)` lists every readable body's PC count in one SQL statement. It
 * must give, body for body, what countPersonalComputersInService gives (the per-body service that
 * Entity.personalComputersInService and cost sharing use), for exactly the bodies the reader may
 * see with the inventory module on.
 */
const t = useTestApi([inventory]);
const QUERY = 'query ($at: Date) { personalComputersInService(at: $at) { entityId count } }';
const bodies: { id: string; name: string }[] = [];

beforeAll(async () => {
  for (const name of ['Comune Quattro D', 'Comune Uno A', 'Comune Tre C', 'Comune Due B']) {
    bodies.push(await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name }, select: { id: true, name: true } }));
  }
});

const perBodyCount = (entityId: string, at: string) => {
  // A fresh context: the per-body loader caches within one request only.
  const context = { prisma: t.db.prisma, loaders: new LoaderRegistry() } as never;
  return countPersonalComputersInService(context, entityId, new Date(at));
};

const reader = (grantedBodies: readonly number[] | 'all'): Actor =>
  actorFromGrants(
    { kind: 'user', id: null, label: 'reader' },
    grantedBodies === 'all'
      ? [{ permission: 'inventory:read', entityId: null }]
      : grantedBodies.map((i) => ({ permission: 'inventory:read', entityId: bodies[i]!.id })),
  );

const day = fc.integer({ min: 0, max: 1100 }).map((n) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const status = fc.constantFrom('ORDERED', 'IN_SERVICE', 'UNDER_REPAIR', 'SPARE', 'RETIRED', 'DISPOSED' as const);
const asset = fc.record({
  body: fc.nat(3),
  kind: fc.constantFrom('DESKTOP_PC', 'LAPTOP', 'PRINTER' as const),
  history: fc.array(fc.tuple(status, day), { minLength: 0, maxLength: 4 }),
});

describe('every readable body\'s PC count in one statement', () => {
  it('costs one SQL statement for 3 bodies and for 30', async () => {
    const db = t.db;
    const few = await seedBodies(db, 3, 4, 'S1');
    const first = await t.api.countStatements(() => t.api.gql(QUERY, { at: '2024-12-31' }));
    await seedBodies(db, 27, 4, 'S2');
    const second = await t.api.countStatements(() => t.api.gql(QUERY, { at: '2024-12-31' }));
    expect(first.result.body.errors).toBeUndefined();
    expect(second.result.body.errors).toBeUndefined();
    expect(first.statements).toHaveLength(1);
    expect(second.statements).toHaveLength(1);
    const rows = second.result.body.data!.personalComputersInService as { entityId: string; count: number }[];
    // 2 desktops in service in each seeded body; bodies without the module (the four below) are not listed.
    expect(rows).toHaveLength(30);
    expect(rows.every((row) => row.count === 2)).toBe(true);
    expect(rows.map((row) => row.entityId)).toContain(toGlobalId('Entity', few[0]!.id));
    // Leave the property below with its own four bodies only.
    await t.db.prisma.asset.deleteMany({ where: { entityId: { notIn: bodies.map((b) => b.id) } } });
    await t.db.prisma.entity.deleteMany({ where: { id: { notIn: bodies.map((b) => b.id) } } });
  });

  it('equals the per-body count, for exactly the bodies the reader may see with the module on', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(asset, { maxLength: 8 }),
        // The module per body: on, switched off (a row saying so), or never switched on (no row).
        fc.array(fc.constantFrom('on', 'off', 'none' as const), { minLength: 4, maxLength: 4 }),
        fc.oneof(fc.constant('all' as const), fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 3 })),
        // 31 December often: the per-body count then reads the yearly totals only.
        fc.option(fc.oneof(day, fc.constantFrom('2023-12-31', '2024-12-31', '2025-12-31')), { nil: undefined }),
        async (assets, enabled, granted, at) => {
          run++;
          await t.db.prisma.asset.deleteMany({ where: { entityId: { in: bodies.map((b) => b.id) } } });
          await t.db.prisma.moduleEnablement.deleteMany({ where: { entityId: { in: bodies.map((b) => b.id) } } });
          await t.db.prisma.moduleEnablement.createMany({
            data: bodies.flatMap((b, i) => (enabled[i] === 'none' ? [] : [{ entityId: b.id, moduleKey: 'inventory', enabled: enabled[i] === 'on' }])),
          });
          const created = await t.db.prisma.asset.createManyAndReturn({
            data: assets.map((a, i) => ({ entityId: bodies[a.body]!.id, kind: a.kind, inventoryTag: `P${run}-${i}` })),
            select: { id: true },
          });
          await t.db.prisma.assetStatusChange.createMany({
            data: assets.flatMap((a, i) => a.history.map(([s, d]) => ({ assetId: created[i]!.id, status: s, effectiveOn: new Date(d) }))),
          });

          const response = await t.api.gql(QUERY, { at: at ?? null }, reader(granted));
          expect(response.body.errors).toBeUndefined();
          const date = at ?? new Date().toISOString().slice(0, 10);
          const visible = bodies
            .filter((_, i) => enabled[i] === 'on' && (granted === 'all' || granted.includes(i)))
            .sort((a, b) => (a.name < b.name ? -1 : 1));
          const expected = await Promise.all(
            visible.map(async (b) => ({ entityId: toGlobalId('Entity', b.id), count: await perBodyCount(b.id, date) })),
          );
          expect(response.body.data!.personalComputersInService).toEqual(expected);
        },
      ),
      { numRuns: Number(process.env.GEA_PROPERTY_RUNS ?? 40) },
    );
  }, 300_000);
});
