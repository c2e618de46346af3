import { randomUUID } from 'node:crypto';
import { isModuleEnabledFor, isModuleEnabledForBodies, LoaderRegistry, type GeaContext } from '@gea/core';
import inventory from '@gea/plugin-inventory';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '@gea/test-kit/api.ts';

/**
 * Scopes over many bodies (an association's thousands of members) check the module switches in one
 * statement, isModuleEnabledForBodies. It must answer what the per-body check answers for some and
 * for every body of any list: switched on, switched off, never switched, or no such body (counted
 * as on, so that the operation itself can say NOT_FOUND).
 */
const t = useTestApi([inventory]);
const bodies: string[] = [];
const missing = [randomUUID(), randomUUID()];

beforeAll(async () => {
  for (let i = 0; i < 8; i++) {
    bodies.push((await t.db.prisma.entity.create({ data: { kind: 'MUNICIPALITY', name: `Comune Interruttori ${i}` } })).id);
  }
  // 0-2 on, 3-4 switched off, 5-7 never switched.
  await t.db.prisma.moduleEnablement.createMany({
    data: bodies.slice(0, 5).map((entityId, i) => ({ entityId, moduleKey: 'inventory', enabled: i < 3 })),
  });
});

const contextOf = (installed: readonly string[]) =>
  ({ prisma: t.db.prisma, loaders: new LoaderRegistry(), installedModules: new Set(installed) }) as unknown as GeaContext;

describe('module switches of many bodies in one statement', () => {
  it('answers as the per-body check does, for some and for every body of any list', async () => {
    const ids = [...bodies, ...missing];
    await fc.assert(
      fc.asyncProperty(fc.subarray(ids), fc.boolean(), async (list, installed) => {
        const modules = installed ? ['core', 'inventory'] : ['core'];
        const perBody = await Promise.all(list.map((id) => isModuleEnabledFor(contextOf(modules), 'inventory:read', id)));
        const statements = await t.api.countStatements(async () => ({
          some: await isModuleEnabledForBodies(contextOf(modules), 'inventory:read', list, 'some'),
          every: await isModuleEnabledForBodies(contextOf(modules), 'inventory:read', list, 'every'),
        }));
        expect(statements.result).toEqual({ some: perBody.includes(true), every: !perBody.includes(false) });
        // One statement per answer at most, whatever the number of bodies.
        expect(statements.statements.length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 60 },
    );
  });
});
