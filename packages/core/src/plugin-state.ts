import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot, type GeaPrismaClient } from '@gea/db';
import type { GeaPlugin, SeedContext } from './plugin.ts';

/** The Prisma models a plugin declares in its `.prisma` file. */
async function modelsOf(plugin: GeaPlugin, root: string): Promise<string[]> {
  if (!plugin.prismaSchema) return [];
  const text = await readFile(path.resolve(root, plugin.prismaSchema), 'utf8');
  return [...text.matchAll(/^\s*model\s+(\w+)\s*\{/gm)].map((match) => match[1]!);
}

type Countable = { count(): Promise<number> };

/**
 * How many rows the plugin's own tables hold. The core knows a plugin's tables only through its
 * `.prisma` file, so the delegates are looked up by model name (Prisma's camel-case convention).
 */
export async function pluginRowCount(prisma: GeaPrismaClient | SeedContext['prisma'], plugin: GeaPlugin, root = repoRoot): Promise<number> {
  let total = 0;
  for (const model of await modelsOf(plugin, root)) {
    const delegate = (prisma as unknown as Record<string, Countable | undefined>)[model[0]!.toLowerCase() + model.slice(1)];
    if (delegate) total += await delegate.count();
  }
  return total;
}

/**
 * One line per installed plugin for the start-up log: on how many bodies it is enabled, and,
 * outside production, when it has no data yet, the command that adds its demo data.
 */
export async function pluginStateLines(
  prisma: GeaPrismaClient,
  plugins: readonly GeaPlugin[],
  { production }: { production: boolean },
): Promise<string[]> {
  const bodies = await prisma.entity.count();
  const enabled = await prisma.moduleEnablement.groupBy({ by: ['moduleKey'], where: { enabled: true }, _count: { _all: true } });
  const enabledFor = new Map(enabled.map((row) => [row.moduleKey, row._count._all]));
  const lines: string[] = [];
  for (const plugin of plugins) {
    let line = `${plugin.key}: enabled for ${enabledFor.get(plugin.key) ?? 0} of ${bodies} bodies`;
    if (!production && bodies > 0 && plugin.seed && (await pluginRowCount(prisma, plugin)) === 0) {
      line += `; no data yet (demo data: npm run demo:seed -- ${plugin.key})`;
    }
    lines.push(line);
  }
  return lines;
}

/** Why a plugin's demo data cannot be added: one line a developer can act on. */
export class DemoSeedError extends Error {
  override name = 'DemoSeedError';
}

/**
 * Seeds one installed plugin's demo data into a database that already has the core's demo data
 * (a plugin installed after the first start), in one transaction, and enables its module for
 * every body that has no setting for it yet, as the full demo seed does. Refuses when the plugin
 * already has data or a dependency's demo data is missing. The caller refuses production.
 */
export async function seedPluginDemoData(
  prisma: GeaPrismaClient,
  installed: readonly GeaPlugin[],
  key: string,
  { log, root = repoRoot }: { log: (message: string) => void; root?: string },
): Promise<void> {
  const plugin = installed.find((candidate) => candidate.key === key);
  if (!plugin) {
    throw new DemoSeedError(`plugin "${key}" is not installed (installed: ${installed.map((p) => p.key).join(', ') || 'none'})`);
  }
  if (!plugin.seed) throw new DemoSeedError(`plugin "${key}" has no demo data`);
  if ((await prisma.entity.count()) === 0 || (await prisma.association.count()) === 0) {
    throw new DemoSeedError(
      'the core demo data (bodies, associations, users) is missing: start once on an empty database (npm start), which seeds it with every installed plugin',
    );
  }
  const rows = await pluginRowCount(prisma, plugin, root);
  if (rows > 0) throw new DemoSeedError(`plugin "${key}" already has data (${rows} row(s) in its tables): nothing was seeded`);
  for (const dependencyKey of plugin.dependsOn ?? []) {
    const dependency = installed.find((candidate) => candidate.key === dependencyKey);
    if (dependency?.seed && (await pluginRowCount(prisma, dependency, root)) === 0) {
      throw new DemoSeedError(
        `plugin "${key}" builds on the demo data of "${dependencyKey}", which is missing: run npm run demo:seed -- ${dependencyKey} first`,
      );
    }
  }
  await prisma.$transaction(
    async (tx) => {
      await plugin.seed!({ prisma: tx, log });
      const entities = await tx.entity.findMany({ select: { id: true } });
      const added = await tx.moduleEnablement.createMany({
        data: entities.map((entity) => ({ entityId: entity.id, moduleKey: key, enabled: true })),
        skipDuplicates: true,
      });
      log(`module ${key} enabled for ${added.count} more of ${entities.length} bodies`);
    },
    { timeout: 300_000, maxWait: 10_000 },
  );
}
