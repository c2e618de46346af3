import { anonymousActor, type Actor } from '@gea/core';
import type { Plugin } from 'graphql-yoga';

/**
 * Who sends a request, for the checks that run before any resolver: query limits per kind of
 * caller, introspection, trusted documents, idempotency keys. `anonymous`: nobody signed in;
 * `member`: people acting for some bodies or for reading (referents, web editors, the board) and
 * every API token; `staff`: people who may change every body (ICT office head and staff).
 */
export type CallerKind = 'anonymous' | 'member' | 'staff';

export function callerKindOf(actor: Actor): CallerKind {
  if (actor.kind === 'anonymous') return 'anonymous';
  if (actor.kind !== 'token' && actor.entitiesWith('core:entities:write') === 'all') return 'staff';
  return 'member';
}

export interface Callers {
  /** The request's actor, authenticated once per request (the context reuses it). Rejects as authentication does. */
  actorOf(request: Request): Promise<Actor>;
  /** The actor once useCaller has resolved it, for synchronous hooks (validation); anonymous when authentication failed. */
  settledActorOf(request: Request): Actor;
}

export function createCallers(identify: (request: Request) => Actor | Promise<Actor>): Callers {
  const pending = new WeakMap<Request, Promise<Actor>>();
  const settled = new WeakMap<Request, Actor>();
  return {
    actorOf(request) {
      let actor = pending.get(request);
      if (!actor) {
        actor = Promise.resolve().then(() => identify(request));
        actor.then((resolved) => settled.set(request, resolved), () => settled.set(request, anonymousActor));
        pending.set(request, actor);
      }
      return actor;
    },
    settledActorOf: (request) => settled.get(request) ?? anonymousActor,
  };
}

/**
 * Authenticates the caller as soon as the request's parameters are read, before parsing and
 * validation, so those can apply the caller's limits. A failed authentication is not answered here:
 * the request is checked as anonymous and the context then fails with the authentication's own error.
 */
export function useCaller(callers: Callers): Plugin {
  return {
    async onParams({ request }) {
      await callers.actorOf(request).catch(() => anonymousActor);
    },
  };
}
