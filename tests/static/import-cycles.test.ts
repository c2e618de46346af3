import path from 'node:path';
import { repoRoot } from '@gea/db';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

// A plugin's files form a tree: a type file imports what it needs, never the other way round too.
// Cycles, type-only ones too, are how the old refs registries began: two files that each need the
// other can only be read, changed and tested together.
describe('import cycles', () => {
  it.each(['plugins', 'packages/core/src', 'packages/web-kit/src', 'apps/web/src'])('there are none in %s', { timeout: 120_000 }, async (folder) => {
    const graph = await madge(path.join(repoRoot, folder), {
      fileExtensions: ['ts', 'tsx'],
      excludeRegExp: [/node_modules/, /\.d\.ts$/, /generated/],
      tsConfig: path.join(repoRoot, 'tsconfig.base.json'),
    });
    expect(graph.circular()).toEqual([]);
  });
});
