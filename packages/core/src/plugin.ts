import type { Prisma } from '@gea/db';
import type { GeaBuilder } from './builder.ts';
import type { PermissionDefinition } from './permissions.ts';

export type { PermissionDefinition };

export interface SeedContext {
  /** The seeding transaction: all demo data is written, or none. */
  prisma: Prisma.TransactionClient;
  log: (message: string) => void;
}

/**
 * The one definition a plugin package exports (its default export). The core composes installed
 * plugins in dependency order; a plugin reaches another only through what that plugin's package
 * exports (its services), never through its tables.
 */
export interface GeaPlugin {
  /** Lowercase, hyphenated: `inventory`, `cost-sharing`. */
  key: string;
  /** Human name of the module. */
  name: string;
  description?: string;
  /** Keys of the plugins this one needs; they are composed before it. */
  dependsOn?: readonly string[];
  /** Path of the plugin's Prisma models, relative to the repository root: `prisma/schema/<key>.prisma`. */
  prismaSchema?: string;
  /** Permission scopes the plugin declares; names must start with `<key>:`. */
  permissions?: Readonly<Record<string, PermissionDefinition>>;
  /** Adds the plugin's types, queries and mutations to the shared builder. */
  schema?: (builder: GeaBuilder) => void;
  /** Demo data for an empty embedded database (never run in production). */
  seed?: (context: SeedContext) => Promise<void>;
}

/** Identity function that gives a plugin definition its type. */
export function definePlugin<const P extends GeaPlugin>(plugin: P): P {
  return plugin;
}
