import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@gea/db';
import { describe, expect, it } from 'vitest';

// A plugin depends on kits (@gea/core, @gea/web-kit, @gea/test-kit) and on the plugins it names,
// never on an app: the apps compose plugins, not the other way round.
const APP_IMPORT = /(?:from\s+|import\s*\(\s*)['"](?:@gea\/(?:web|api|protocol-client)(?:\/[^'"]*)?|(?:\.\.\/)+apps\/[^'"]*)['"]/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : files(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe('plugins depend on kits, never on the apps', () => {
  it('recognises an import of an app, and not one of a kit', () => {
    expect(APP_IMPORT.test("import { graphql } from '@gea/web/client';")).toBe(true);
    expect(APP_IMPORT.test("import { x } from '../../../apps/web/src/sdk.ts';")).toBe(true);
    expect(APP_IMPORT.test("const m = await import('@gea/api');")).toBe(true);
    expect(APP_IMPORT.test("import { DataTable } from '@gea/web-kit';")).toBe(false);
    expect(APP_IMPORT.test("import { defineWebPlugin } from '@gea/web-kit/plugin';")).toBe(false);
  });

  it('no file under plugins/ imports an app, and no plugin package declares one', () => {
    const pluginsDir = path.join(repoRoot, 'plugins');
    const offending = files(pluginsDir)
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').map((line, i) => ({ file, line, n: i + 1 })))
      .filter(({ line }) => APP_IMPORT.test(line))
      .map(({ file, n, line }) => `${path.relative(repoRoot, file)}:${n}: ${line.trim()}`);
    const declared = readdirSync(pluginsDir).flatMap((plugin) => {
      const manifest = JSON.parse(readFileSync(path.join(pluginsDir, plugin, 'package.json'), 'utf8'));
      const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
      return names.filter((name) => ['@gea/web', '@gea/api', '@gea/protocol-client'].includes(name)).map((name) => `plugins/${plugin}: ${name}`);
    });
    expect([...offending, ...declared]).toEqual([]);
  });
});
