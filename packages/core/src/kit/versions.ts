// Optimistic concurrency and per-record serialisation, the same way in every plugin.
//
// Every updatable record has a `version` (1 when created) that a database trigger raises by one on
// each UPDATE of its row, whatever writes it (a resolver, an import's batched SQL). A change to a
// record runs, inside the mutation's transaction:
//   1. lockRow: the row is locked, so a concurrent change of the same record waits here;
//   2. the record is read (after the lock: READ COMMITTED reads what the previous holder committed);
//   3. its version is compared with the one the client read (StaleVersionError, nothing written);
//   4. it is validated and written, and the audit records what was read in 2 as `before`.
// So two changes of one record never interleave, history and current state cannot disagree, and
// consecutive audit records of a record chain (each `before` is the previous `after`).
import { Prisma, type GeaPrismaClient } from '@gea/db';
import type { GeaContext } from '../context.ts';
import { NotFoundError, StaleVersionError } from '../errors.ts';
import type { ModelName } from './refs.ts';

const modelNames: ReadonlySet<string> = new Set(Object.values(Prisma.ModelName));

/** A model's table as a quoted SQL identifier; only the schema's own model names are accepted. */
export function quotedTableName(model: ModelName): string {
  if (!modelNames.has(model)) throw new Error(`lockRow: ${JSON.stringify(model)} is not a model of the schema`);
  return `"${model.replaceAll('"', '""')}"`;
}

/**
 * Locks one row (by its uuid `id`) until the transaction ends; false when there is no such row.
 * `FOR NO KEY UPDATE`, the lock an UPDATE itself takes: it waits for other changes of the row, but
 * not for readers, nor for foreign-key checks of rows that point to it (KEY SHARE).
 * Must run inside a transaction (every mutation has one): outside, the lock ends with the statement.
 */
export async function lockRow(prisma: GeaPrismaClient, model: ModelName, id: string): Promise<boolean> {
  const rows = await prisma.$queryRawUnsafe<{ locked: number }[]>(
    `select 1 as locked from ${quotedTableName(model)} where id = $1::uuid for no key update`,
    id,
  );
  return rows.length > 0;
}

/** Refuses a change made on a version of the record other than the current one. */
export function assertVersion(what: string, record: { version: number }, expectedVersion: number | null | undefined): void {
  if (expectedVersion !== null && expectedVersion !== undefined && record.version !== expectedVersion) {
    throw new StaleVersionError(what, expectedVersion, record.version);
  }
}

export interface LockedChange<T> {
  /** The model whose row is locked, e.g. `Asset`. */
  model: ModelName;
  id: string;
  /** The record in messages (`Asset`): NOT_FOUND and STALE_VERSION name it. */
  what?: string;
  /** The version the client read; omitted (null/undefined): the change is serialised but not compared. */
  expectedVersion?: number | null;
  /** Reads the record after the lock, with whatever the change needs (includes, selects). */
  read: () => Promise<T | null>;
}

/**
 * The record as it is now, locked for the rest of the transaction, checked against the version the
 * client read: the `before` of the change. NotFoundError when it does not exist.
 */
export async function lockForChange<T extends { version: number }>(context: Pick<GeaContext, 'prisma'>, change: LockedChange<T>): Promise<T> {
  const what = change.what ?? change.model;
  if (!(await lockRow(context.prisma, change.model, change.id))) throw new NotFoundError(what);
  const record = await change.read();
  if (!record) throw new NotFoundError(what);
  assertVersion(what, record, change.expectedVersion);
  return record;
}

/** The description of a record's `version` field in the schema. */
export const versionDescription =
  'Raised by one on every change of the record (1 when created). Send it back as `expectedVersion` when changing the record: ' +
  'if someone else changed it meanwhile, the change is refused with STALE_VERSION (StaleVersionError) and nothing is written.';

/** The description of the `expectedVersion` argument of update and set mutations. */
export const expectedVersionDescription =
  'The `version` of the record as the client read it. If the record has changed since, nothing is written and ' +
  'the result is a StaleVersionError with the current version.';
