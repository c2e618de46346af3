// Ties the database work of one HTTP request to that request, so that it stops when the client goes
// away or the request's deadline passes. On PostgreSQL every query runs on a pooled connection; the
// scope (an AsyncLocalStorage store) notes which connections are running a query for the request,
// and on abort asks PostgreSQL to cancel them (pg_cancel_backend) and refuses the request's further
// queries. PGlite runs in this process and cannot be interrupted: there the scope does nothing.
// The same connections note their writes to authentication's tables (auth-changes.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { changesAuth, noteAuthChange } from './auth-changes.ts';

interface QueryScope {
  readonly signal: AbortSignal;
  /** Connections running a query for this scope right now. */
  readonly running: Set<ScopedClient>;
}

const scopes = new AsyncLocalStorage<QueryScope>();

/** The request's database work was stopped: the client left, or the request's deadline passed. */
export class QueryCancelledError extends Error {
  override name = 'QueryCancelledError';
  constructor(readonly reason: 'client-gone' | 'request-timeout') {
    super(reason === 'request-timeout' ? 'the request took too long; its database work was cancelled' : 'the client went away; its database work was cancelled');
  }
}

/** Why the signal of a scope aborted: `AbortSignal.timeout` aborts with a TimeoutError. */
function reasonOf(signal: AbortSignal): QueryCancelledError['reason'] {
  return (signal.reason as Error | undefined)?.name === 'TimeoutError' ? 'request-timeout' : 'client-gone';
}

/**
 * Runs `work` with its database queries tied to `signal`: when it aborts, running PostgreSQL queries
 * of this work are cancelled and new ones are refused with QueryCancelledError.
 */
export function runWithQueryScope<T>(signal: AbortSignal, work: () => T): T {
  const scope: QueryScope = { signal, running: new Set() };
  if (!signal.aborted) {
    signal.addEventListener('abort', () => {
      for (const client of scope.running) client.cancelRunningQuery(scope);
    }, { once: true });
  }
  return scopes.run(scope, work);
}

// Transaction ends must always reach the server: a connection must never go back to the pool
// inside a transaction, even when its request was cancelled.
const TRANSACTION_END = /^\s*(rollback|commit|end|release)\b/i;

function sqlOf(args: unknown[]): string {
  const [first] = args;
  if (typeof first === 'string') return first;
  return typeof (first as { text?: unknown })?.text === 'string' ? (first as { text: string }).text : '';
}

/**
 * The pool's connection class: a pg.Client that records, per scope, when it runs a query. One class
 * per database (it carries the connection settings used to send a cancel).
 */
export interface ScopedClient extends pg.Client {
  cancelRunningQuery(scope: QueryScope): void;
}

export function scopedClientClass(config: pg.ClientConfig, onCancelError: (error: unknown) => void): typeof pg.Client {
  // The cancel goes over a connection of its own: the pool may be exhausted.
  const cancelConfig: pg.ClientConfig = { ...config, connectionTimeoutMillis: 5_000, statement_timeout: 5_000 };
  return class ScopedPgClient extends pg.Client implements ScopedClient {
    /** The scope whose query this connection runs now, if any. */
    #runningFor: QueryScope | undefined;

    cancelRunningQuery(scope: QueryScope): void {
      const pid = (this as unknown as { processID?: number }).processID;
      if (!pid) return;
      const canceller = new pg.Client(cancelConfig);
      canceller.on('error', () => {});
      void canceller
        .connect()
        // Only if the connection still runs that scope's query, not the next user's.
        .then(() => (this.#runningFor === scope ? canceller.query('select pg_cancel_backend($1)', [pid]) : undefined))
        .catch(onCancelError)
        .finally(() => canceller.end().catch(() => {}));
    }

    /** This connection wrote to authentication's tables since its last transaction end. */
    #changedAuth = false;

    // pg.Client#query has many overloads: the adapter uses the promise form for transactions, and
    // pg.Pool#query (plain queries) the callback form.
    override query(...args: unknown[]): never {
      const scope = scopes.getStore();
      const sql = sqlOf(args);
      const after = this.#authChangeOf(sql);
      const run = (a: unknown[]) => (super.query as (...a: unknown[]) => unknown)(...a) as never;
      if (!scope && !after) return run(args);
      const callback = typeof args.at(-1) === 'function' ? (args.at(-1) as (...results: unknown[]) => void) : undefined;
      if (scope?.signal.aborted && !TRANSACTION_END.test(sql)) {
        const refused = new QueryCancelledError(reasonOf(scope.signal));
        if (callback) {
          process.nextTick(() => callback(refused));
          return undefined as never;
        }
        return Promise.reject(refused) as never;
      }
      if (scope) {
        scope.running.add(this);
        this.#runningFor = scope;
      }
      const done = () => {
        if (scope) {
          scope.running.delete(this);
          if (this.#runningFor === scope) this.#runningFor = undefined;
        }
        after?.();
      };
      if (callback) {
        return run([...args.slice(0, -1), (...results: unknown[]) => (done(), callback(...results))]);
      }
      const result = run(args) as unknown;
      if (result instanceof Promise) return result.finally(done) as never;
      done();
      return result as never;
    }

    /**
     * A write to authentication's tables is a change once it completes, and again when its
     * transaction ends (others see it only then): what the core kept before is looked up again.
     */
    #authChangeOf(sql: string): (() => void) | undefined {
      if (changesAuth(sql)) {
        this.#changedAuth = true;
        noteAuthChange();
        return noteAuthChange;
      }
      if (this.#changedAuth && TRANSACTION_END.test(sql)) {
        this.#changedAuth = false;
        return noteAuthChange;
      }
      return undefined;
    }
  };
}
