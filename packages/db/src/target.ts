import path from 'node:path';
import { repoRoot } from './paths.ts';

/** Where the data lives: the embedded PGlite folder (default) or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string };

/** DATABASE_URL set: PostgreSQL. Unset: PGlite in GEA_DATA_DIR (default ./.gea/data). */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  const dataDir = env.GEA_DATA_DIR?.trim() || path.join(repoRoot, '.gea/data');
  return { kind: 'pglite', dataDir: path.resolve(dataDir) };
}

/** A description safe to print: never the password. */
export function describeTarget(target: DatabaseTarget): string {
  switch (target.kind) {
    case 'pglite':
      return `embedded PGlite at ${target.dataDir}`;
    case 'pglite-memory':
      return 'in-memory PGlite';
    case 'postgres':
      return `PostgreSQL at ${describePostgresUrl(target.url)}`;
  }
}

export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const db = parsed.pathname.replace(/^\//, '') || '(default database)';
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${db}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
