// Sign-ins between the redirect to the issuer and the callback, by state: single use, 10 minutes.
// In this process's memory by default; in Redis when GEA_REDIS_URL is set, so the callback may reach
// any API process behind the load balancer, not only the one that sent the browser away.
import type { Redis } from '@gea/core';

export interface PendingSignIn {
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

export interface PendingSignInStore {
  add(state: string, entry: PendingSignIn): Promise<void>;
  /** The entry, removed: a state is good for one callback only. */
  take(state: string): Promise<PendingSignIn | undefined>;
  close(): Promise<void>;
}

export const PENDING_TTL_MS = 10 * 60 * 1000;
// Anyone may open the login URL: bound the memory an anonymous flood can take.
const MAX_PENDING = 10_000;

export function memoryPendingSignIns(): PendingSignInStore {
  const entries = new Map<string, PendingSignIn & { expiresAt: number }>();
  return {
    async add(state, entry) {
      const now = Date.now();
      // Same lifetime for all, so insertion order is expiry order.
      for (const [key, pending] of entries) {
        if (pending.expiresAt > now && entries.size < MAX_PENDING) break;
        entries.delete(key);
      }
      entries.set(state, { ...entry, expiresAt: now + PENDING_TTL_MS });
    },
    async take(state) {
      const entry = entries.get(state);
      entries.delete(state);
      if (!entry || entry.expiresAt <= Date.now()) return undefined;
      const { expiresAt: _expiresAt, ...pending } = entry;
      return pending;
    },
    async close() {},
  };
}

/** In Redis under `<prefix>oidc:pending:<state>`, expiring by itself; GETDEL makes each state single use across processes. */
export function redisPendingSignIns(redis: Redis, keyPrefix: string): PendingSignInStore {
  const key = (state: string) => `${keyPrefix}oidc:pending:${state}`;
  return {
    async add(state, entry) {
      await redis.set(key(state), JSON.stringify(entry), 'PX', PENDING_TTL_MS);
    },
    async take(state) {
      const value = await redis.getdel(key(state));
      return value ? (JSON.parse(value) as PendingSignIn) : undefined;
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
