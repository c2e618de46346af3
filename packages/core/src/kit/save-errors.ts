import { ConflictError, NotFoundError, prismaErrorCode } from '../errors.ts';

/** What a failed write means to the person who asked for it. */
export interface SaveErrorMeaning {
  /** A unique index refused the row: the conflict, in words (`inventory tag "X" is already used in this body`). */
  unique?: string;
  /** A foreign key pointed nowhere: what was not found (`Entity`, `Supplier or Entity`). */
  missing?: string;
}

/** A unique index refused a row: P2002 from Prisma's own queries, SQLSTATE 23505 inside a raw query's P2010. */
export function isUniqueViolation(error: unknown): boolean {
  const code = prismaErrorCode(error);
  if (code === 'P2002') return true;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } }).meta?.driverAdapterError?.cause;
  return code === 'P2010' && cause?.originalCode === '23505';
}

/** The typed error (CONFLICT, NOT_FOUND) a failed write means, or the error itself when it means neither. */
export function saveErrorOf(error: unknown, meaning: SaveErrorMeaning): unknown {
  if (meaning.unique !== undefined && isUniqueViolation(error)) return new ConflictError(meaning.unique);
  if (meaning.missing !== undefined && prismaErrorCode(error) === 'P2003') return new NotFoundError(meaning.missing);
  return error;
}

/** Runs a write and turns the database's refusals into the typed errors a client can show. */
export async function save<T>(meaning: SaveErrorMeaning, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw saveErrorOf(error, meaning);
  }
}
