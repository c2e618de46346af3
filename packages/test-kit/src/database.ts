import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { openDatabase, type Database, type OpenDatabaseOptions } from '@gea/db';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl, dropDatabase } from './postgres-admin.ts';
import './provided.ts';

let pgliteTemplate: Promise<Blob> | undefined;

/** The database project this file runs in: `pglite` or `postgres`. */
export function testDatabaseKind(): 'pglite' | 'postgres' {
  return inject('testDatabase').kind;
}

async function createFromPostgresTemplate(adminUrl: string, templateName: string): Promise<string> {
  const name = `gea_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Two files copying the template at the same instant can collide (55006: in use); retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database "${name}" template "${templateName}"`);
        return name;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
}

/** A fresh, migrated database for one test file; close() discards it. `options` for PostgreSQL's pool and time limits. */
export async function createTestDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const info = inject('testDatabase');
  if (info.kind === 'pglite') {
    pgliteTemplate ??= readFile(info.templateFile).then((bytes) => new Blob([bytes]));
    return openDatabase({ kind: 'pglite-memory', loadDataDir: await pgliteTemplate }, { observeQueries: true });
  }
  const name = await createFromPostgresTemplate(info.adminUrl, info.templateName);
  const drop = async () => {
    const admin = new pg.Client({ connectionString: info.adminUrl });
    await admin.connect();
    try {
      await dropDatabase(admin, name);
    } finally {
      await admin.end();
    }
  };
  let db: Database;
  try {
    db = await openDatabase({ kind: 'postgres', url: databaseUrl(info.adminUrl, name) }, { poolSize: 4, observeQueries: true, ...options });
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    ...db,
    async close() {
      try {
        await db.close();
      } finally {
        await drop();
      }
    },
  };
}
