import { execFileSync, spawnSync } from 'node:child_process';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@gea/db';
import { namesFor, PluginKeyError, pluginFiles, withEntityBackRelation, withInstalledPlugin } from '@gea/plugin-generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run plugin:new -- <key>` in a copy of this checkout (its own node_modules/@gea links, the
 * other packages shared): the new plugin composes, migrates, type-checks and passes its own tests at
 * once, and touches nothing outside its folder but its model, the Entity back-relation, gea.config.ts
 * and generated files.
 */
const KEY = 'parking-permits';
let copy: string;

/** The working tree as git sees it (tracked and untracked, not ignored), without node_modules. */
async function copyCheckout(to: string) {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const from = path.join(repoRoot, file);
    if (!(await lstat(from).catch(() => null))) continue; // deleted in the working tree
    await mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await cp(from, path.join(to, file));
  }
  await cp(path.join(repoRoot, 'packages/db/src/generated'), path.join(to, 'packages/db/src/generated'), { recursive: true });
  // node_modules: the installed packages shared, the workspace links pointing into the copy
  await mkdir(path.join(to, 'node_modules/@gea'), { recursive: true });
  for (const entry of await readdir(path.join(repoRoot, 'node_modules'))) {
    if (entry === '@gea') continue;
    await symlink(path.join(repoRoot, 'node_modules', entry), path.join(to, 'node_modules', entry));
  }
  for (const entry of await readdir(path.join(repoRoot, 'node_modules/@gea'))) {
    await symlink(await readlink(path.join(repoRoot, 'node_modules/@gea', entry)), path.join(to, 'node_modules/@gea', entry));
  }
  // packages npm could not hoist (another version at the root) stay next to their workspace
  for (const group of ['apps', 'packages', 'plugins']) {
    for (const workspace of await readdir(path.join(repoRoot, group))) {
      const nested = path.join(repoRoot, group, workspace, 'node_modules');
      if (await lstat(nested).catch(() => null)) await symlink(nested, path.join(to, group, workspace, 'node_modules'));
    }
  }
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: copy, encoding: 'utf8' });

describe('the plugin generator', () => {
  it('derives every name from the key, and refuses keys that are not keys or are taken', () => {
    expect(namesFor('parking-permits')).toMatchObject({ model: 'ParkingPermitsItem', modelPlural: 'parkingPermitsItems', snake: 'parking_permits' });
    for (const bad of ['Parking', 'parking_permits', '1fleet', 'audit', 'assets', '']) expect(() => namesFor(bad)).toThrow(PluginKeyError);
  });

  it('adds the back-relation inside model Entity and the plugin to gea.config.ts', async () => {
    const names = namesFor('fleet');
    const core = withEntityBackRelation(await readFile(path.join(repoRoot, 'prisma/schema/core.prisma'), 'utf8'), names);
    const entity = core.slice(core.indexOf('model Entity {'), core.indexOf('\n}', core.indexOf('model Entity {')));
    expect(entity).toContain('  fleetItems FleetItem[]');
    const config = withInstalledPlugin("import a from '@gea/plugin-a';\n\nexport default {\n  plugins: [a],\n};\n", names);
    expect(config).toBe("import a from '@gea/plugin-a';\nimport fleet from '@gea/plugin-fleet';\n\nexport default {\n  plugins: [a, fleet],\n};\n");
    expect(Object.keys(pluginFiles('fleet')).every((file) => file.startsWith('plugins/fleet/') || file === 'prisma/schema/fleet.prisma')).toBe(true);
  });

  describe('npm run plugin:new in a copy of the checkout', () => {
    beforeAll(async () => {
      copy = await mkdtemp(path.join(os.tmpdir(), 'gea-plugin-new-'));
      await copyCheckout(copy);
      git('init', '-q');
      git('add', '-A');
      git('-c', 'user.email=t@example.it', '-c', 'user.name=t', 'commit', '-qm', 'copy');
    }, 300_000);
    afterAll(() => (copy ? rm(copy, { recursive: true, force: true }) : undefined));

    it('writes a plugin that touches only its own files, its model, Entity, gea.config.ts and generated files', { timeout: 600_000 }, async () => {
      const result = spawnSync('npm', ['run', 'plugin:new', '--', KEY, '--no-install'], { cwd: copy, encoding: 'utf8', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } });
      expect(result.status, result.stdout + result.stderr).toBe(0);
      const changed = git('status', '--porcelain', '--untracked-files=all')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.slice(3));
      const allowed = [
        /^plugins\/parking-permits\//,
        /^prisma\/schema\/parking-permits\.prisma$/,
        /^prisma\/schema\/core\.prisma$/,
        /^gea\.config\.ts$/,
        /^prisma\/migrations\/\d{14}_parking_permits\/migration\.sql$/,
        /^apps\/api\/schema\.graphql$/,
        /graphql-env\.d\.ts$/,
      ];
      expect(changed.filter((file) => !allowed.some((pattern) => pattern.test(file)))).toEqual([]);
      expect(changed).toContain('prisma/schema/parking-permits.prisma');
      expect(changed.some((file) => /_parking_permits\/migration\.sql$/.test(file))).toBe(true);
      expect(await readFile(path.join(copy, 'apps/api/schema.graphql'), 'utf8')).toContain('type ParkingPermitsItem implements Node');
      // a second run refuses to overwrite it
      const again = spawnSync('npm', ['run', 'plugin:new', '--', KEY, '--no-install'], { cwd: copy, encoding: 'utf8' });
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('already exists');
    });

    it('type-checks, and its unit and integration tests pass at once', { timeout: 600_000 }, async () => {
      const typecheck = spawnSync('npx', ['tsc', '-p', `plugins/${KEY}/tsconfig.json`], { cwd: copy, encoding: 'utf8' });
      expect(typecheck.status, typecheck.stdout + typecheck.stderr).toBe(0);
      const tests = spawnSync('npx', ['vitest', 'run', '--project', 'unit', '--project', 'pglite', `plugins/${KEY}`], {
        cwd: copy,
        encoding: 'utf8',
        env: { ...process.env, TEST_DATABASE_URL: '' },
      });
      expect(tests.status, tests.stdout + tests.stderr).toBe(0);
      // 2 unit tests of the rule, 5 integration tests (one of them: a stale update changes nothing)
      expect(tests.stdout).toMatch(/Tests:\s+7 passed, 0 failed/);
    });
  });
});
