import { createHash } from 'node:crypto';
import type { Actor } from '@gea/core';
import type { GeaPrismaClient } from '@gea/db';
import { getOperationAST, parse, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Callers } from './use-caller.ts';
import { refusal } from './refusals.ts';

export interface IdempotencyOptions {
  /** How long a first answer is kept and replayed (default 24 hours). */
  ttlMs: number;
  /**
   * A claim still RUNNING after this long belongs to a process that died mid-request: the key may be
   * claimed again. Far longer than any mutation runs.
   */
  abandonedAfterMs?: number;
}

export const defaultIdempotencyOptions: IdempotencyOptions = { ttlMs: 24 * 60 * 60 * 1000 };

const HEADER = 'idempotency-key';
const VALID_KEY = /^[\x21-\x7e]{8,255}$/;
const CLEANUP_EVERY_MS = 60_000;

interface Claim {
  actorKey: string;
  key: string;
}

function fingerprintOf(query: string, operationName: string | null | undefined, variables: unknown): string {
  return createHash('sha256').update(JSON.stringify([query, operationName ?? null, variables ?? {}])).digest('hex');
}

const actorKeyOf = (actor: Actor) => (actor.kind === 'anonymous' || actor.id === null ? null : `${actor.kind}:${actor.id}`);

function isMutation(query: string | undefined, operationName: string | null | undefined): boolean {
  if (!query) return false;
  try {
    return getOperationAST(parse(query, { noLocation: true, maxTokens: 5_000 }), operationName ?? undefined)?.operation === 'mutation';
  } catch {
    return false; // not parseable: the request fails anyway, and runs nothing
  }
}

/**
 * Idempotency keys for machine clients: a mutation sent with `Idempotency-Key: <key>` by a signed-in
 * caller or an API token claims the key (a row inserted, unique per caller and key); its answer is
 * stored before it is sent, and a repeat gets that answer again without the mutation running (nor a
 * second audit record). The same key with another operation or other variables: 422
 * IDEMPOTENCY_KEY_REUSED. A repeat while the first is still running: 409 IDEMPOTENCY_KEY_IN_PROGRESS
 * with Retry-After. A request refused before it ran (invalid, over the limits) releases its key.
 * Queries, and callers nobody signed in as, ignore the header. Expired keys are deleted on write.
 */
export function useIdempotencyKeys(prisma: GeaPrismaClient, callers: Callers, options: IdempotencyOptions = defaultIdempotencyOptions): Plugin {
  const claims = new WeakMap<Request, Claim>();
  const executed = new WeakSet<Request>();
  const replayed = new WeakSet<Request>();
  const abandonedAfterMs = options.abandonedAfterMs ?? 10 * 60 * 1000;
  let cleanedAt = 0;

  async function cleanUp(now: Date) {
    if (now.getTime() - cleanedAt < CLEANUP_EVERY_MS) return;
    cleanedAt = now.getTime();
    await prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } });
  }

  return {
    async onParams({ request, params, setResult }) {
      const key = request.headers.get(HEADER);
      if (key === null || !isMutation(params.query, params.operationName)) return;
      if (!VALID_KEY.test(key)) throw refusal('IDEMPOTENCY_KEY_INVALID');
      const actor = await callers.actorOf(request).catch(() => null);
      const actorKey = actor && actorKeyOf(actor);
      if (!actorKey) return; // the request fails authentication later, or is anonymous (sign-in)
      const fingerprint = fingerprintOf(params.query!, params.operationName, params.variables);
      const now = new Date();
      await cleanUp(now);
      for (let attempt = 0; attempt < 3; attempt++) {
        const { count } = await prisma.idempotencyKey.createMany({
          data: [{ actorKey, key, fingerprint, expiresAt: new Date(now.getTime() + options.ttlMs) }],
          skipDuplicates: true,
        });
        if (count === 1) {
          claims.set(request, { actorKey, key });
          return;
        }
        const first = await prisma.idempotencyKey.findUnique({ where: { actorKey_key: { actorKey, key } } });
        if (!first) continue; // released or expired meanwhile: claim again
        const abandoned = first.state === 'RUNNING' && now.getTime() - first.createdAt.getTime() > abandonedAfterMs;
        if (first.expiresAt < now || abandoned) {
          await prisma.idempotencyKey.deleteMany({ where: { actorKey, key, createdAt: first.createdAt } });
          continue;
        }
        if (first.fingerprint !== fingerprint) throw refusal('IDEMPOTENCY_KEY_REUSED', {}, 422);
        if (first.state === 'RUNNING') {
          const error = refusal('IDEMPOTENCY_KEY_IN_PROGRESS', {}, 409);
          (error.extensions.http as { headers?: Record<string, string> }).headers = { 'retry-after': '1' };
          throw error;
        }
        replayed.add(request);
        setResult(first.response as unknown as ExecutionResult);
        return;
      }
      throw refusal('IDEMPOTENCY_KEY_IN_PROGRESS', {}, 409);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      if (request && claims.has(request)) executed.add(request);
    },
    onResponse({ request, response }) {
      if (replayed.has(request)) response.headers.set('idempotent-replayed', 'true');
    },
    async onResultProcess({ request, result }) {
      const claim = claims.get(request);
      if (!claim) return;
      claims.delete(request);
      const where = { actorKey_key: { actorKey: claim.actorKey, key: claim.key } };
      if (!executed.has(request) || Array.isArray(result) || Symbol.asyncIterator in result) {
        // Refused before running (invalid, over the limits, not signed in): nothing to replay, the key is free again.
        await prisma.idempotencyKey.delete({ where }).catch(() => undefined);
        return;
      }
      // Stored before the answer leaves, so any repeat after it gets the same answer.
      const stored = JSON.parse(JSON.stringify(result)) as object;
      await prisma.idempotencyKey.update({ where, data: { state: 'DONE', response: stored } });
    },
  };
}
