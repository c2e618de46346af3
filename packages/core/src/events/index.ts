// The core's event bus for subscriptions: typed topics, in-process by default, over Redis pub/sub
// when GEA_REDIS_URL is set so that an event published by one API process reaches subscribers on
// every other. Plugins reach it through `context.events` (and declare their topics with
// `defineTopic`); they never open connections of their own. Payloads cross a process boundary as
// JSON: keep them to ids and plain values, and read rows again on delivery.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { openRedis, type Redis } from '../shared-store/redis.ts';

/** A named stream of events of one payload type. The name must be unique across the core and plugins (`<plugin>:<event>`). */
export interface Topic<T> {
  readonly name: string;
  /** Type only: carries T. */
  readonly payload?: T;
}

export function defineTopic<T>(name: string): Topic<T> {
  return { name };
}

export interface EventBus {
  /** True when events travel between API processes (Redis); false: this process only. */
  readonly shared: boolean;
  publish<T>(topic: Topic<T>, payload: T): void;
  /** Events of the topic until the returned iterator is closed (the client unsubscribes or disconnects). */
  subscribe<T>(topic: Topic<T>): AsyncIterableIterator<T>;
  /**
   * Whether publishing can reach anyone: always when shared (subscribers may be on other processes),
   * otherwise when this process has a subscriber. Lets a publisher skip the work of preparing an event.
   */
  hasAudience(topic: Topic<unknown>): boolean;
  close(): Promise<void>;
}

export interface EventBusOptions {
  /** Redis (GEA_REDIS_URL): events shared between processes; null or unset: this process only. */
  redisUrl?: string | null;
  /** Prefix of the Redis channels (GEA_REDIS_PREFIX): several GEA installations may share one Redis. */
  keyPrefix?: string;
  log?: (line: string) => void;
}

type AnyEvents = Record<string, [unknown]>;

/**
 * ioredis returns promises from publish/subscribe that the Redis event target does not await: a
 * Redis outage must be logged, not crash the process with an unhandled rejection.
 */
function guarded(redis: Redis, log: (line: string) => void): Redis {
  return new Proxy(redis, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'publish' || property === 'subscribe' || property === 'unsubscribe') {
        return (...args: unknown[]) =>
          (value as (...a: unknown[]) => Promise<unknown>)
            .apply(target, args)
            .catch((error: Error) => log(`event bus: Redis ${String(property)} failed: ${error.message}`));
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

export function createEventBus({ redisUrl, keyPrefix = 'gea:', log = (line) => console.error(line) }: EventBusOptions = {}): EventBus {
  const connections: Redis[] = [];
  let pubsub: PubSub<AnyEvents>;
  if (redisUrl) {
    // A subscribing Redis connection accepts nothing else: one to publish, one to subscribe.
    const publishClient = openRedis(redisUrl, 'events-publish');
    const subscribeClient = openRedis(redisUrl, 'events-subscribe');
    for (const connection of [publishClient, subscribeClient]) {
      connection.on('error', (error: Error) => log(`event bus: Redis: ${error.message}`));
      connections.push(connection);
    }
    pubsub = createPubSub<AnyEvents>({
      eventTarget: createRedisEventTarget({ publishClient: guarded(publishClient, log), subscribeClient: guarded(subscribeClient, log) }),
    });
  } else {
    pubsub = createPubSub<AnyEvents>();
  }
  const channel = (topic: Topic<unknown>) => (redisUrl ? `${keyPrefix}events:${topic.name}` : topic.name);
  const listeners = new Map<string, number>();

  return {
    shared: Boolean(redisUrl),
    publish(topic, payload) {
      pubsub.publish(channel(topic), payload);
    },
    subscribe<T>(topic: Topic<T>): AsyncIterableIterator<T> {
      const name = channel(topic);
      const source = pubsub.subscribe(name) as AsyncIterableIterator<T>;
      listeners.set(name, (listeners.get(name) ?? 0) + 1);
      let open = true;
      const done = () => {
        if (!open) return;
        open = false;
        listeners.set(name, (listeners.get(name) ?? 1) - 1);
      };
      return {
        next: () => source.next().then((result) => (result.done && done(), result)),
        return: (value?: unknown) => {
          done();
          return source.return?.(value) ?? Promise.resolve({ done: true, value: undefined as T });
        },
        throw: (error?: unknown) => {
          done();
          return source.throw?.(error) ?? Promise.reject(error);
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
    hasAudience(topic) {
      return Boolean(redisUrl) || (listeners.get(channel(topic)) ?? 0) > 0;
    },
    async close() {
      await Promise.all(connections.splice(0).map((connection) => connection.quit().catch(() => connection.disconnect())));
    },
  };
}
