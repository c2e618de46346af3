// The sessions and API tokens a process has looked up, kept by token hash while nothing
// authentication reads has changed, so that a signed-in request costs no lookup of its own.
// @gea/db counts the changes: this process's writes to sessions, tokens, users and roles as they
// complete, and other processes' as PostgreSQL announces them (authChangesOf). An entry is used
// only under the count it was read at, and kept only if no change came while it was read; while
// the announcements cannot be heard (PGlite, or the listening connection lost), nothing is kept.
import { authChangesOf } from '@gea/db';

/** Enough for every session of a large association; the oldest entry goes first. */
const KEPT = 10_000;

export interface SessionCache<T> {
  /** The value kept for `key` on this database, or what `load` reads (kept when it may be). */
  get(prisma: object, key: string, load: () => Promise<T | null>): Promise<T | null>;
}

export function createSessionCache<T>(): SessionCache<T> {
  const byDatabase = new WeakMap<object, Map<string, { count: number; value: T }>>();
  return {
    async get(prisma, key, load) {
      const watch = authChangesOf(prisma);
      const count = watch?.current() ?? null;
      if (!watch || count === null) return load();
      let kept = byDatabase.get(prisma);
      if (!kept) byDatabase.set(prisma, (kept = new Map()));
      const entry = kept.get(key);
      if (entry && entry.count === count) return entry.value;
      const value = await load();
      kept.delete(key);
      // Unknown tokens are not kept: they are refused, and audited, every time.
      if (value !== null && watch.current() === count) {
        if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
        kept.set(key, { count, value });
      }
      return value;
    },
  };
}
