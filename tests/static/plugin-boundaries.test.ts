import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// "A plugin never reads another plugin's tables": it goes through what the other plugin exports.
// Prisma relations inside a `select`/`include` of the plugin's own queries are fine (they are how a
// join is written); a Prisma delegate of another plugin's model, or raw SQL naming its table, is not.
// The core's models (bodies, sites, associations, users) are shared by every plugin.

const root = path.resolve(import.meta.dirname, '../..');
const schemaDir = path.join(root, 'prisma/schema');
const pluginsDir = path.join(root, 'plugins');

/** Model name -> owner (`core` or a plugin key), from prisma/schema/<owner>.prisma. */
function modelOwners(files: Record<string, string>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [file, text] of Object.entries(files)) {
    const owner = path.basename(file, '.prisma');
    for (const match of text.matchAll(/^\s*model\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{/gm)) owners.set(match[1]!, owner);
  }
  return owners;
}

const lowerCamel = (name: string) => name[0]!.toLowerCase() + name.slice(1);

const delegateMethods = [
  'findMany', 'findFirst', 'findFirstOrThrow', 'findUnique', 'findUniqueOrThrow', 'create', 'createMany',
  'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany',
  'count', 'aggregate', 'groupBy',
].join('|');

interface Trespass {
  file: string;
  line: number;
  model: string;
  owner: string;
  text: string;
}

/**
 * Uses of another owner's models in one source file: `prisma.x` / `tx.x` / `db.x` / `root.x` /
 * `client.x` delegates, `<anything>.x.findMany(` style calls, and `"Model"` inside a template
 * literal or an `$queryRawUnsafe` / `$executeRawUnsafe` string (raw SQL).
 */
function trespasses(file: string, source: string, plugin: string, owners: ReadonlyMap<string, string>): Trespass[] {
  const foreign = [...owners].filter(([, owner]) => owner !== plugin && owner !== 'core');
  if (foreign.length === 0) return [];
  const byDelegate = new Map(foreign.map(([model, owner]) => [lowerCamel(model), { model, owner }]));
  const byTable = new Map(foreign.map(([model, owner]) => [model, { model, owner }]));
  const lineStarts = [0, ...[...source.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const lineOf = (index: number) => lineStarts.findLastIndex((start) => start <= index) + 1;
  const found = new Map<string, Trespass>();
  const report = (index: number, hit: { model: string; owner: string }) => {
    const line = lineOf(index);
    const key = `${line}|${hit.model}`;
    if (!found.has(key)) found.set(key, { file, line, ...hit, text: source.split('\n')[line - 1]!.trim() });
  };

  const delegate = new RegExp(
    `\\b(?:prisma|tx|db|root|client)\\s*\\.\\s*([a-z][A-Za-z0-9_]*)\\b|\\.\\s*([a-z][A-Za-z0-9_]*)\\s*\\.\\s*(?:${delegateMethods})\\s*\\(`,
    'g',
  );
  for (const match of source.matchAll(delegate)) {
    const hit = byDelegate.get(match[1] ?? match[2]!);
    if (hit) report(match.index!, hit);
  }

  // Template literals (tagged $queryRaw / $executeRaw / Prisma.sql or not) and the Unsafe variants' strings.
  const sqlTexts = /`(?:\\[\s\S]|[^`\\])*`|\$(?:query|execute)RawUnsafe\s*(?:<[^>]*>)?\s*\(\s*(['"])(?:\\[\s\S]|(?!\1)[^\\])*\1/g;
  for (const text of source.matchAll(sqlTexts)) {
    for (const table of text[0].matchAll(/\\?"([A-Z][A-Za-z0-9_]*)\\?"/g)) {
      const hit = byTable.get(table[1]!);
      if (hit) report(text.index! + table.index!, hit);
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}


const schemaFiles = Object.fromEntries(
  readdirSync(schemaDir)
    .filter((name) => name.endsWith('.prisma'))
    .map((name) => [name, readFileSync(path.join(schemaDir, name), 'utf8')]),
);
const owners = modelOwners(schemaFiles);
const plugins = readdirSync(pluginsDir).filter((name) => statSync(path.join(pluginsDir, name, 'src'), { throwIfNoEntry: false })?.isDirectory());

describe('plugin boundaries: a plugin touches only its own and the core\'s tables', () => {
  it('learns who owns each model from prisma/schema/<owner>.prisma', () => {
    expect(owners.get('Entity')).toBe('core');
    expect(owners.get('Asset')).toBe('inventory');
    expect(owners.get('SoftwareLicence')).toBe('inventory');
    expect(owners.get('Contract')).toBe('procurement');
    expect(owners.get('ContractAsset')).toBe('procurement');
    expect(plugins).toEqual(expect.arrayContaining(['inventory', 'procurement', 'cost-sharing', 'pec-signatures']));
  });

  it('finds delegate calls and raw SQL on another plugin\'s models, and leaves relations and own models alone', () => {
    const source = [
      "const a = await context.prisma.asset.findMany({ where: { id: { in: ids } } });", // 1: delegate
      "await tx.softwareLicence.findUnique({ where: { id } });", // 2: transaction delegate
      "const n = await this.store.assetStatusChange.count({});", // 3: any receiver, delegate method
      "await context.prisma.contractAsset.count({ where: { asset: { entityId: { notIn: ids } } } });", // 4: own model, relation filter
      "await context.prisma.entity.findMany({ select: { assets: true } });", // 5: core model
      "await context.prisma.$queryRaw`select 1 from \"SoftwareLicence\" where id = ${id}::uuid`;", // 6: raw SQL
      "const label = 'Asset'; t.relation('asset');", // 7: a type name, a relation
      "await prisma.$executeRawUnsafe('delete from \"Asset\"');", // 8: unsafe raw SQL
    ].join('\n');
    const found = trespasses('example.ts', source, 'procurement', owners);
    expect(found.map((t) => `${t.line}:${t.model}:${t.owner}`)).toEqual([
      '1:Asset:inventory',
      '2:SoftwareLicence:inventory',
      '3:AssetStatusChange:inventory',
      '6:SoftwareLicence:inventory',
      '8:Asset:inventory',
    ]);
    expect(trespasses('example.ts', source, 'inventory', owners).map((t) => t.line)).toEqual([4]);
  });

  it.each(plugins)('plugins/%s/src uses no other plugin\'s models', (plugin) => {
    const found = sourceFiles(path.join(pluginsDir, plugin, 'src')).flatMap((file) =>
      trespasses(path.relative(root, file), readFileSync(file, 'utf8'), plugin, owners),
    );
    const lines = found.map((t) => `${t.file}:${t.line} uses ${t.model} of ${t.owner}: ${t.text}`);
    expect(lines, `go through what the owning plugin exports (its services.ts) instead:\n${lines.join('\n')}`).toEqual([]);
  });
});
