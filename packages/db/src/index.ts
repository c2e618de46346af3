export { openDatabase, embeddedDatabaseExists, type Database, type GeaPrismaClient, type QueryListener, type OpenDatabaseOptions } from './client.ts';
export { DatabaseStartupError } from './errors.ts';
export { targetFromEnv, describeTarget, resolveUserPath, type DatabaseTarget } from './target.ts';
export { repoRoot, defaultSchemaPaths, type SchemaPaths } from './paths.ts';
export { Prisma, PrismaClient } from './generated/prisma/client.ts';
export type * from './generated/prisma/client.ts';
export * from './generated/prisma/enums.ts';
export type { default as PrismaTypes } from './generated/pothos-types.ts';
export { getDatamodel } from './generated/pothos-types.ts';
