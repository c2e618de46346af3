import type { GeaPrismaClient } from '@gea/db';
import type { Actor } from './actor.ts';
import type { RateLimits } from './auth/rate-limit.ts';
import type { RefusalLog } from './auth/refusal-log.ts';
import { createEventBus, type EventBus } from './events/index.ts';
import { LoaderRegistry } from './loader-registry.ts';

/** What a mutation tells the audit trail about itself, beyond what the audit plugin sees. */
export interface AuditNote {
  targetType?: string;
  targetId?: string;
  /** The body the operation concerns. */
  entityId?: string | null;
  /**
   * Further bodies it concerns, when only the resolver knows them (a contract for two bodies): see
   * `auditConcerns`. The trail also takes them from the arguments and from the returned record.
   */
  entityIds?: readonly string[];
  before?: unknown;
  after?: unknown;
  /** Who the attempt was for when nobody is signed in yet (login: the e-mail given). */
  actorLabel?: string;
}

/** What every resolver receives. Built once per request by the API server. */
export interface GeaContext {
  readonly requestId: string;
  /**
   * The client resolvers use. Inside a mutation it is that mutation's transaction (the audit plugin
   * opens one per mutation), so the change and its audit record are written together or not at all.
   */
  prisma: GeaPrismaClient;
  /** The root client, outside any transaction. */
  readonly db: GeaPrismaClient;
  readonly actor: Actor;
  /** Per-request DataLoaders; each mutation starts with fresh ones, so it sees earlier mutations' changes. */
  loaders: LoaderRegistry;
  /** Keys of the installed plugins: permissions of these modules are subject to per-body enablement. */
  readonly installedModules: ReadonlySet<string>;
  /** Set while a mutation runs; resolvers add the target and its before/after. */
  audit: AuditNote | null;
  /** Set by `login`: the user who just signed in may read their own record in the same response. */
  signedInUserId?: string;
  /** The client's address (behind trusted proxies: the one they saw), for rate limits and the audit. */
  readonly clientAddress?: string;
  /** Sign-in limits and the summarised log of refusals; absent in contexts made outside the API server. */
  readonly rateLimits?: RateLimits;
  readonly refusals?: RefusalLog;
  /** Events for subscriptions, shared by every API process when Redis is configured (see events/index.ts). */
  readonly events: EventBus;
}

export interface ContextInit {
  requestId: string;
  prisma: GeaPrismaClient;
  actor: Actor;
  installedModules: ReadonlySet<string>;
  clientAddress?: string;
  rateLimits?: RateLimits;
  refusals?: RefusalLog;
  /** The API's event bus; none given: a bus of this context alone (nobody else hears its events). */
  events?: EventBus;
}

export function createContext(init: ContextInit): GeaContext {
  return { ...init, events: init.events ?? createEventBus(), db: init.prisma, loaders: new LoaderRegistry(), audit: null };
}
