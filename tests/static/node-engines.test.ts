import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@gea/db';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// The root package.json's `engines.node` must be true to what is installed: every package's own
// `engines.node` must accept the oldest Node GEA claims to support.

/** Installed packages that may want a newer Node, and why that does not reach GEA. */
const notUsedAtRunTime: Record<string, string> = {
  // Pulled in by the Prisma CLI for `prisma dev` (a local Prisma Postgres server), which GEA never runs.
  '@prisma/streams-local': 'only `prisma dev`',
};

function installedPackages(folder: string, found: { name: string; version: string; node: string; where: string }[] = []) {
  for (const entry of readdirSync(folder)) {
    if (entry.startsWith('.')) continue;
    const dir = path.join(folder, entry);
    if (entry.startsWith('@')) {
      installedPackages(dir, found);
      continue;
    }
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string; engines?: { node?: string } };
    if (json.name && json.engines?.node) found.push({ name: json.name, version: json.version ?? '?', node: json.engines.node, where: path.relative(repoRoot, dir) });
    const nested = path.join(dir, 'node_modules');
    if (existsSync(nested)) installedPackages(nested, found);
  }
  return found;
}

describe('supported Node versions', () => {
  const root = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
  const oldest = semver.minVersion(root.engines.node)!;

  it('every installed package accepts the oldest Node in engines.node', () => {
    const refusing = installedPackages(path.join(repoRoot, 'node_modules'))
      .filter((pkg) => !(pkg.name in notUsedAtRunTime))
      .filter((pkg) => !semver.satisfies(oldest, pkg.node, { includePrerelease: true }))
      .map((pkg) => `${pkg.name}@${pkg.version} wants node ${pkg.node} (${pkg.where})`);
    expect(refusing, `engines.node is ${root.engines.node}: pin these to versions that support Node ${oldest}, or raise it`).toEqual([]);
  });

  it('the Node running the tests is one engines.node accepts', () => {
    expect(semver.satisfies(process.version, root.engines.node)).toBe(true);
  });
});
