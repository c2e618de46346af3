import type { GeaPrismaClient } from '@gea/db';

/** One refusal before any operation ran: a credential that did not hold, or a client over its rate limit. */
export interface Refusal {
  requestId: string;
  /** `authenticate` (a refused credential) or `request` (rate limited before anything ran). */
  operation: string;
  errorCode: string;
  clientAddress: string;
  /** The session's user or the API token, when the credential was recognised. */
  actorId?: string | null;
  actorLabel: string;
}

export interface RefusalLogOptions {
  /** Length of a summary window (default one minute). */
  windowMs?: number;
  /** Distinct (operation, code, address, credential, label) kept per window; more are summed in one row per operation and code. */
  maxSources?: number;
}

export interface RefusalLog {
  /** Resolves once the refusal is on record (the first of its window is written, later ones counted). */
  note(refusal: Refusal): Promise<void>;
  /** Writes the summaries of the window so far (at each window's end, and when the server stops). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface Source {
  first: Refusal;
  /** Refusals after the first, not yet written. */
  more: number;
  since: Date;
  lastRequestId: string;
}

/**
 * Refusals go to the audit trail aggregated, not one append-only row each: the first refusal of a
 * (operation, code, client address, credential) in a window is written at once, as before, and the
 * further ones of that window as one summary row saying how many there were (`input.refusals`),
 * from when to when. So a flood of bogus tokens adds at most two rows a minute per source, and a
 * security officer still sees who was refused, how and how many times.
 */
export function createRefusalLog(prisma: GeaPrismaClient, { windowMs = 60_000, maxSources = 1_000 }: RefusalLogOptions = {}): RefusalLog {
  let sources = new Map<string, Source>();
  let pending: Promise<unknown> = Promise.resolve();
  const write = (refusal: Refusal, input: Record<string, string | number | boolean>) => {
    const written = prisma.auditEvent
      .create({
        data: {
          requestId: refusal.requestId,
          actorKind: 'anonymous',
          actorId: refusal.actorId ?? null,
          actorLabel: refusal.actorLabel,
          operation: refusal.operation,
          outcome: 'REFUSED',
          errorCode: refusal.errorCode,
          input,
        },
      })
      .catch((error: unknown) => console.error(`request ${refusal.requestId}: refusal not recorded in the audit trail:`, error));
    pending = Promise.all([pending, written]);
    return written;
  };

  const flush = async () => {
    const ended = sources;
    sources = new Map();
    const to = new Date();
    for (const source of ended.values()) {
      if (source.more === 0) continue;
      void write(
        { ...source.first, requestId: source.lastRequestId },
        { summary: true, clientAddress: source.first.clientAddress, refusals: source.more, from: source.since.toISOString(), to: to.toISOString() },
      );
    }
    await pending;
  };
  const timer = setInterval(() => void flush(), windowMs);
  timer.unref();

  return {
    note(refusal) {
      const keyOf = (r: Refusal) => [r.operation, r.errorCode, r.clientAddress, r.actorId ?? '', r.actorLabel].join('|');
      let key = keyOf(refusal);
      if (!sources.has(key) && sources.size >= maxSources) {
        // Beyond the cap (addresses or names changing all the time): one source for all the others.
        refusal = { ...refusal, clientAddress: 'other addresses', actorId: null, actorLabel: 'others' };
        key = keyOf(refusal);
      }
      const source = sources.get(key);
      if (source) {
        source.more++;
        source.lastRequestId = refusal.requestId;
        return Promise.resolve();
      }
      sources.set(key, { first: refusal, more: 0, since: new Date(), lastRequestId: refusal.requestId });
      return write(refusal, { clientAddress: refusal.clientAddress }).then(() => undefined);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
