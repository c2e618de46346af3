import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@gea/db';
import { applyMigrations } from '@gea/db/migrations';
import type { TestProject } from 'vitest/node';
import './provided.ts';

/**
 * Migrates one in-memory PGlite and dumps its data folder; every test file then loads that dump
 * (about 0.5 s) instead of creating and migrating a database of its own (several seconds).
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gea-pglite-template-'));
  const templateFile = path.join(dir, 'template.tar');
  const db = await openDatabase({ kind: 'pglite-memory' });
  try {
    await applyMigrations(db);
    const dump = await db.pglite!.dumpDataDir('none');
    await writeFile(templateFile, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
  project.provide('testDatabase', { kind: 'pglite', templateFile });
  return () => rm(dir, { recursive: true, force: true });
}
