import { refusalFor, type Actor, type GeaContext } from '@gea/core';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

export interface StreamRevalidationOptions {
  /** Identifies the sender of a request again from its headers; throws (a GraphQLError with a code) when refused. */
  authenticate(request: Request): Promise<Actor>;
  /** How often an open stream's credential is checked again even when no event comes. */
  intervalMs: number;
}

/** One question an actor answered "yes" to while the stream was being served. */
type Answer = { kind: 'can'; permission: string; entityId?: string } | { kind: 'entities'; permission: string; entities: 'all' | readonly string[] };

/**
 * The actor a subscription runs as, noting every permission it was found to hold: for the
 * subscription itself and for every event served. Asking the same questions of the credential as it
 * stands now says whether the stream may go on, whatever the subscription and its fields check.
 */
function recordingActor(actor: Actor) {
  const answers = new Map<string, Answer>();
  const recorded: Actor = Object.freeze({
    kind: actor.kind,
    id: actor.id,
    label: actor.label,
    sessionId: actor.sessionId,
    can(permission: string, entityId?: string) {
      const held = actor.can(permission, entityId);
      if (held) answers.set(`can ${permission} ${entityId ?? '*'}`, { kind: 'can', permission, entityId });
      return held;
    },
    entitiesWith(permission: string) {
      const entities = actor.entitiesWith(permission);
      if (entities === 'all' || entities.length > 0) answers.set(`entities ${permission}`, { kind: 'entities', permission, entities });
      return entities;
    },
  });
  /** The permissions `fresh` no longer holds that the stream relied on. */
  const lostIn = (fresh: Actor): string[] => {
    const lost = new Set<string>();
    for (const answer of answers.values()) {
      if (answer.kind === 'can') {
        if (!fresh.can(answer.permission, answer.entityId)) lost.add(answer.permission);
        continue;
      }
      const now = fresh.entitiesWith(answer.permission);
      if (now === 'all') continue;
      if (answer.entities === 'all' || answer.entities.some((id) => !now.includes(id))) lost.add(answer.permission);
    }
    return [...lost];
  };
  return { actor: recorded, lostIn };
}

/**
 * Ends the stream with a last result carrying `error` as soon as `check` finds one: before each
 * event is delivered (nothing is sent once the credential has ended) and every `intervalMs` (so an
 * idle stream ends too).
 */
function guardedStream(
  source: AsyncIterable<ExecutionResult>,
  check: () => Promise<GraphQLError | null>,
  intervalMs: number,
): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  let stop: (error: GraphQLError) => void = () => {};
  const stopped = new Promise<GraphQLError>((resolve) => (stop = resolve));
  const timer = setInterval(() => {
    void check().then((error) => error && stop(error));
  }, intervalMs);
  timer.unref();
  const finish = async () => {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    await iterator.return?.().catch(() => undefined);
  };
  const last = async (error: GraphQLError): Promise<IteratorResult<ExecutionResult>> => {
    // Not awaited: a source busy awaiting its next event only ends once that event comes.
    void finish();
    return { value: { errors: [error] }, done: false };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (finished) return { value: undefined, done: true };
      const outcome = await Promise.race([iterator.next().then((result) => ({ result })), stopped.then((error) => ({ error }))]);
      if ('error' in outcome) return last(outcome.error);
      if (outcome.result.done) {
        await finish();
        return outcome.result;
      }
      const refused = await check();
      if (refused) return last(refused);
      return outcome.result;
    },
    async return() {
      await finish();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await finish();
      throw error;
    },
  };
}

/**
 * Subscriptions (Server-Sent Events) end when their credential does: logout, revoked session or
 * token, expiry, a disabled account or token creator, or a permission the stream relied on taken
 * away. The credential is checked against the database (shared by every API process) before each
 * event is delivered and every `intervalMs`; the stream then ends with one last GraphQL error
 * carrying the code (TOKEN_REVOKED, SESSION_EXPIRED, TOKEN_CREATOR_DISABLED, FORBIDDEN,
 * INSUFFICIENT_SCOPE...). Requests without an Authorization header have nothing to revoke.
 */
export function useStreamRevalidation({ authenticate, intervalMs }: StreamRevalidationOptions): Plugin {
  // Streams opened with the same credential share one check at a time.
  const inFlight = new Map<string, Promise<Actor>>();
  const reauthenticate = (request: Request, header: string) => {
    let pending = inFlight.get(header);
    if (!pending) {
      pending = authenticate(request).finally(() => inFlight.delete(header));
      inFlight.set(header, pending);
    }
    return pending;
  };
  return {
    onSubscribe({ context, extendContext }) {
      const gea = context as unknown as GeaContext & { request?: Request };
      const request = gea.request;
      const header = request?.headers.get('authorization');
      if (!request || !header || gea.actor.kind === 'anonymous') return;
      const { actor, lostIn } = recordingActor(gea.actor);
      extendContext({ actor } as Partial<typeof context>);
      const check = async (): Promise<GraphQLError | null> => {
        try {
          const fresh = await reauthenticate(request, header);
          const lost = lostIn(fresh);
          return lost.length > 0 ? refusalFor(fresh, lost) : null;
        } catch (error) {
          if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return error;
          console.error(`request ${gea.requestId}: credential of an open stream could not be checked:`, error);
          return new GraphQLError('The credential could not be checked again: subscribe again', {
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          });
        }
      };
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(guardedStream(result as AsyncIterable<ExecutionResult>, check, intervalMs));
        },
      };
    },
  };
}
