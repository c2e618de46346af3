import type { Prisma } from '@gea/db';
import type { GeaBuilder } from './builder.ts';
import type { GeaContext } from './context.ts';
import type { PermissionDefinition } from './permissions.ts';
import type { JobContext, JobDefinition } from './jobs/types.ts';
import type { LocalizedText, NotificationInput, NotificationKindDefinition, Notify } from './notifications/types.ts';

export type { PermissionDefinition };
export type { JobContext, JobDefinition, LocalizedText, NotificationInput, NotificationKindDefinition, Notify };

export interface SeedContext {
  /** The seeding transaction: all demo data is written, or none. */
  prisma: Prisma.TransactionClient;
  log: (message: string) => void;
}

/** What a plugin's HTTP route handler receives besides the request. */
export interface PluginRouteCall {
  /** The `:name` segments of the route's path. */
  params: Readonly<Record<string, string>>;
  url: URL;
  /** The same context a GraphQL request gets: actor, request id, root Prisma client, loaders. */
  context: GeaContext;
}

/**
 * An HTTP route a plugin serves under `/<key>/` (file downloads, webhooks, public read APIs). It goes
 * through the same request id, authentication, error masking and logging as `/graphql`; a thrown
 * `GeaError` becomes a JSON error with its code and the matching HTTP status.
 */
export interface PluginHttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below `/<key>`, with `:name` parameters: `/receipts/:id/daticert.xml`. */
  path: string;
  /** `authenticated` (default): anonymous callers get 401 before the handler runs. `public`: anyone (cacheable reads). */
  access?: 'authenticated' | 'public';
  handle: (request: Request, call: PluginRouteCall) => Response | Promise<Response>;
}

/** What the audit trail must not keep verbatim, by argument or record field name (exact, case-sensitive). */
export interface AuditFieldRules {
  /** Recorded as `(hidden)`: passwords, secrets, tokens. */
  secretFields?: readonly string[];
  /** Recorded by size only (`(1234 characters)`): file contents given as text. */
  contentFields?: readonly string[];
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
  /** HTTP routes under `/<key>/`. */
  http?: readonly PluginHttpRoute[];
  /** Argument and record fields the audit trail hides or reduces to their size. */
  audit?: AuditFieldRules;
  /**
   * Scheduled work: `{ key: '<key>:<name>', schedule: '0 7 * * *', run }`. The schedule is cron in
   * Italian time; each occurrence runs once across all API processes sharing the database (the
   * occurrence is claimed by a row), and `run` gets the root Prisma client, a logger, the scheduled
   * instant and `notify`. A job reads only its own plugin's tables, like the schema does.
   */
  jobs?: readonly JobDefinition[];
  /**
   * Kinds of notification the plugin emits through `notify`, by name (`<key>:<name>`): a label per
   * locale and the permission a recipient needs on the body concerned (optionally, the roles).
   * People choose per kind whether they get it in the in-app inbox, by e-mail, or both (default).
   */
  notifications?: Readonly<Record<string, NotificationKindDefinition>>;
}

/** Identity function that gives a plugin definition its type. */
export function definePlugin<const P extends GeaPlugin>(plugin: P): P {
  return plugin;
}
