import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: packages/db/src -> ../../.. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface SchemaPaths {
  /** Folder holding core.prisma and one .prisma file per plugin. */
  schemaDir: string;
  /** Prisma's standard migrations folder (`<timestamp>_<name>/migration.sql`). */
  migrationsDir: string;
}

export const defaultSchemaPaths: SchemaPaths = {
  schemaDir: path.join(repoRoot, 'prisma/schema'),
  migrationsDir: path.join(repoRoot, 'prisma/migrations'),
};
