// Root fields whose resolver answers with the rows of one hand-written statement (`$queryRaw`), such
// as the PC count of every body: the statement is taken as the resolver sends it and becomes a
// sub-select of the compiled read, each row an object of the field's type. Its fields may only read
// the row's columns (exposed) or write a body's global id from one; anything else in JavaScript
// keeps the operation on the resolvers.
import { Prisma } from '@gea/db';
import { getNamedType, getNullableType, isListType, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLOutputType } from 'graphql';
import type { GeaContext } from '../context.ts';
import { LoaderRegistry } from '../loader-registry.ts';
import { globalIdJson, NotCompilable, probeColumnRead, quote, type SqlParams } from './sql.ts';

/** The statement a resolver sent, its parameters apart. */
export interface RawStatement {
  strings: readonly string[];
  values: readonly unknown[];
}

const isSql = (value: unknown): value is Prisma.Sql =>
  typeof value === 'object' && value !== null && Array.isArray((value as Prisma.Sql).strings) && Array.isArray((value as Prisma.Sql).values);

/**
 * Runs the root resolver with a client that answers its one `$queryRaw` with a stand-in row and
 * records the statement. The resolver must return that answer untouched (no filtering or reshaping
 * in JavaScript) and use the database for nothing else.
 */
export async function captureRawStatement(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  context: GeaContext,
  info: Parameters<NonNullable<GraphQLField<unknown, unknown>['resolve']>>[3],
): Promise<RawStatement> {
  const statements: RawStatement[] = [];
  const answer: unknown[] = [{}];
  const prisma = new Proxy(context.prisma as unknown as Record<string, unknown>, {
    get(_target, property) {
      if (property !== '$queryRaw') {
        return () => {
          throw new NotCompilable(`root resolver uses ${String(property)}`);
        };
      }
      return (first: unknown, ...rest: unknown[]) => {
        // A tagged template (strings, ...values) or one Prisma.sql: nested fragments flattened either way.
        const sql = isSql(first) ? first : new Prisma.Sql(first as readonly string[], rest as Prisma.Sql['values']);
        statements.push({ strings: sql.strings, values: sql.values });
        return Promise.resolve(answer);
      };
    },
  });
  // Its own loaders: none made here may serve the request later with the recording client.
  const recordingContext = Object.create(context, { prisma: { value: prisma }, loaders: { value: new LoaderRegistry() } }) as GeaContext;
  let result: unknown;
  try {
    result = await field.resolve!(undefined, args, recordingContext, info);
  } catch (error) {
    if (error instanceof NotCompilable) throw error;
    throw new NotCompilable('root resolver refused');
  }
  if (statements.length !== 1) throw new NotCompilable(`root resolver made ${statements.length} statements`);
  if (result !== answer) throw new NotCompilable('root resolver reshapes its rows');
  return statements[0]!;
}

/** The recorded statement with its values as parameters of the compiled read (each cast where the statement casts it). */
export function rawStatementSql(statement: RawStatement, params: SqlParams): string {
  let sql = statement.strings[0]!;
  statement.values.forEach((value, i) => {
    sql += parameterSql(value, params) + statement.strings[i + 1]!;
  });
  return sql;
}

function parameterSql(value: unknown, params: SqlParams): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return params.addList(value, 'text');
  if (value instanceof Date) return params.add(value, 'timestamptz');
  switch (typeof value) {
    case 'string':
      return params.add(value, 'text');
    case 'number':
      return params.add(value, Number.isInteger(value) ? 'bigint' : 'double precision');
    case 'bigint':
      return params.add(value, 'bigint');
    case 'boolean':
      return params.add(value, 'boolean');
    default:
      throw new NotCompilable(`no SQL parameter for ${typeof value}`);
  }
}

/** The JSON of one field of a raw row (alias `alias`), or NotCompilable. */
export function rawFieldJson(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, alias: string): string {
  const extensions = (field.extensions ?? {}) as { pothosExposedField?: string; pothosOptions?: { resolve?: (row: unknown) => unknown } };
  if (extensions.pothosExposedField) return scalarColumnJson(`${alias}.${quote(extensions.pothosExposedField)}`, field.type);
  const resolve = extensions.pothosOptions?.resolve;
  if (getNamedType(field.type).name === 'ID' && typeof resolve === 'function') {
    const { typeName, column } = globalIdOf(resolve);
    return globalIdJson(typeName, `${alias}.${quote(column)}`);
  }
  throw new NotCompilable(`${type.name}.${field.name} computes in JavaScript`);
}

function scalarColumnJson(expression: string, type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isListType(getNullableType(type))) throw new NotCompilable('list column of a raw row');
  const nonNull = isNonNullType(type);
  let json: string;
  switch (named.name) {
    case 'Int':
    case 'Float':
    case 'Boolean':
      json = `to_json(${expression})`;
      break;
    case 'String':
    case 'ID':
      json = `to_json(${expression}::text)`;
      break;
    default:
      throw new NotCompilable(`raw row column of type ${named.name}`);
  }
  // A null where the schema promises a value is the resolvers' error to report.
  return nonNull ? `coalesce(${json}, '{"__gea_fallback__":true}'::json)` : json;
}

/** A global id written by the resolver: base64 of "<Type>:<one column>", found by trying it on a stand-in row. */
function globalIdOf(resolve: (row: unknown) => unknown): { typeName: string; column: string } {
  const { read, value: id } = probeColumnRead(resolve);
  if (read.length !== 1 || typeof id !== 'string') throw new NotCompilable('id resolver');
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const match = /^([A-Za-z][A-Za-z0-9]*):\u0000(.+)$/.exec(decoded);
  if (!match || match[2] !== read[0] || Buffer.from(decoded).toString('base64') !== id) throw new NotCompilable('id resolver');
  return { typeName: match[1]!, column: read[0]! };
}

/** Whether a root field's type could be raw rows: a list of a non-model object type. */
export function isRawRowsField(field: GraphQLField<unknown, unknown>): field is GraphQLField<unknown, unknown> & { type: GraphQLOutputType } {
  const nullable = getNullableType(field.type);
  if (!isListType(nullable)) return false;
  const item = getNamedType(nullable);
  return isObjectType(item) && !(item.extensions as { pothosPrismaModel?: string }).pothosPrismaModel;
}
