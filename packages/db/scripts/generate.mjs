#!/usr/bin/env node
// Runs `prisma generate` without network access. The Prisma CLI wants to download its native
// schema engine before any command, but `generate` never executes it: pointing
// PRISMA_SCHEMA_ENGINE_BINARY at an existing file skips the download. Migrations use the WASM
// engine instead (packages/db/src/migrations.ts).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

const result = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/prisma/build/index.js'), 'generate'],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
