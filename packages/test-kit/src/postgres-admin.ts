import type pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(
    'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
    [name],
  );
  await client.query(`drop database if exists "${name}"`);
}

/**
 * For an end-to-end file on PostgreSQL: an empty database named `<prefix>_<pid>` next to
 * TEST_DATABASE_URL's, created before the file's tests and dropped after them. Safe to call when
 * the variable is unset (the describe block that calls it is skipped then).
 */
export function useEmptyPostgresDatabase(prefix: string): { url: string } {
  const name = `${prefix}_${process.pid}`;
  const serverUrl = process.env.TEST_DATABASE_URL || 'postgresql://unused@127.0.0.1/unused';
  const admin = async (sql: string) => {
    const { default: pgModule } = await import('pg');
    const client = new pgModule.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  beforeAll(() => admin(`create database "${name}"`));
  afterAll(() => admin(`drop database if exists "${name}" with (force)`));
  return { url: databaseUrl(serverUrl, name) };
}
