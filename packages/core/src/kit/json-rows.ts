import { Prisma, textQueryOf } from '@gea/db';

type RawClient = { $queryRaw<T = unknown>(query: Prisma.Sql): Promise<T> };

/**
 * The rows of a hand-written statement, written by PostgreSQL as one JSON array and read with one
 * JSON.parse, where `$queryRaw` maps every value of every row (thousands of rows: most of the CPU a
 * request spends on them, and their garbage). Values come as JSON has them: uuid and text as
 * strings, int as numbers, a date as 'YYYY-MM-DD', a timestamp as an ISO string without its zone;
 * select a bigint as text when it may pass 2^53.
 *
 * `orderBy` (SQL over the columns of `r`, the statement's row) gives the array's order: an ORDER BY
 * inside the statement does not bind the aggregate around it.
 *
 * On PostgreSQL outside a transaction the statement goes straight through the driver (textQueryOf);
 * in a transaction, and on PGlite, through `$queryRaw` of the same client, so it sees what the
 * transaction wrote.
 */
export async function jsonRows<T>(prisma: RawClient, query: Prisma.Sql, orderBy?: Prisma.Sql): Promise<T[]> {
  return aggregated<T>(prisma, Prisma.sql`r`, query, orderBy);
}

/**
 * jsonRows with each row an array of the given columns of `r`, in that order, instead of an object:
 * for thousands of rows, a third less text to write and to parse, and no key per value.
 */
export async function jsonTuples<T extends unknown[]>(prisma: RawClient, columns: readonly string[], query: Prisma.Sql, orderBy?: Prisma.Sql): Promise<T[]> {
  const tuple = Prisma.raw(`json_build_array(${columns.map((column) => `r."${column.replaceAll('"', '""')}"`).join(', ')})`);
  return aggregated<T>(prisma, tuple, query, orderBy);
}

async function aggregated<T>(prisma: RawClient, row: Prisma.Sql, query: Prisma.Sql, orderBy?: Prisma.Sql): Promise<T[]> {
  const aggregate = orderBy ? Prisma.sql`json_agg(${row} order by ${orderBy})` : Prisma.sql`json_agg(${row})`;
  const wrapped = Prisma.sql`select coalesce(${aggregate}, '[]'::json)::text as "data" from (${query}) r`;
  const direct = textQueryOf(prisma);
  const text = direct
    ? await direct(wrapped.text, wrapped.values.map(driverValue) as string[])
    : (await prisma.$queryRaw<{ data: string }[]>(wrapped))[0]?.data;
  if (typeof text !== 'string') throw new Error('jsonRows: the statement returned no data');
  return JSON.parse(text) as T[];
}

// node-postgres writes a Date in the process's time zone, which a `::date` cast would then read as
// another day west of Greenwich; Prisma sends instants in UTC, and so does this.
const driverValue = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);
