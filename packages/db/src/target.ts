import path from 'node:path';
import { repoRoot } from './paths.ts';

/** Where the data lives: the embedded PGlite folder (default) or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string };

/**
 * A path the user typed, resolved against the folder they typed it in: npm runs workspace scripts
 * in the workspace folder (apps/api for `npm start`) but records the original one in INIT_CWD.
 */
export function resolveUserPath(value: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), value);
}

/** DATABASE_URL set: PostgreSQL. Unset: PGlite in GEA_DATA_DIR (default ./.gea/data at the repository root). */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgres', url };
  const dataDir = env.GEA_DATA_DIR?.trim();
  return { kind: 'pglite', dataDir: dataDir ? resolveUserPath(dataDir, env) : path.join(repoRoot, '.gea/data') };
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
