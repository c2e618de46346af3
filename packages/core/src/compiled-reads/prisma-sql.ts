// Prisma's where, orderBy and cursor arguments as SQL over a table alias: the filters the schema's
// fields already declare for Prisma (their `query`, a root resolver's findMany) serve the compiled
// path unchanged. Anything beyond the operators below makes the operation run through the resolvers.
import type { SqlModelField } from '@gea/db';
import { permissionOfReadableFilter } from '../modules.ts';
import { Aliases, column, columnType, fieldOf, modelOf, NotCompilable, quote, SqlParams } from './sql.ts';

export interface SqlScope {
  readonly params: SqlParams;
  readonly aliases: Aliases;
  /**
   * To-one relations of a row already joined (inner) in the statement, by `alias.relation`: their
   * filters and sort keys read the joined row instead of looking it up again per row.
   */
  readonly joined?: ReadonlyMap<string, string>;
  /**
   * The body check of readable bodies (scope-sql.ts): a where-clause made by readableEntitiesWhere
   * is written as it, and where it must hold for every row kept (not under OR or NOT), the rows are
   * known to pass it.
   */
  readonly readableBodies?: {
    readable(permission: string, expression: string): string;
    holds(permission: string, expression: string): void;
  };
}

type Where = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

const and = (parts: string[]) => (parts.length === 0 ? 'TRUE' : parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`);
const or = (parts: string[]) => (parts.length === 0 ? 'FALSE' : parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);

/** `where` of a Prisma query on `model`, as a SQL condition on the row `alias`. */
export function whereSql(scope: SqlScope, model: string, alias: string, where: unknown, everyRow = true): string {
  if (where === undefined || where === null) return 'TRUE';
  if (!isPlainObject(where)) throw new NotCompilable('where is not an object');
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where as Where)) {
    if (value === undefined) continue;
    if (key === 'AND' || key === 'OR' || key === 'NOT') {
      // Only the parts of an AND must hold for every row kept.
      const list = (Array.isArray(value) ? value : [value]).map((item) => whereSql(scope, model, alias, item, everyRow && key === 'AND'));
      if (key === 'AND') parts.push(and(list));
      else if (key === 'OR') parts.push(Array.isArray(value) ? or(list) : and(list));
      else parts.push(`NOT ${and(list)}`);
      continue;
    }
    const field = fieldOf(model, key);
    if (field.kind === 'object') parts.push(relationFilterSql(scope, model, alias, key, field, value, everyRow));
    else parts.push(scalarFilterSql(scope, `${alias}.${quote(field.column)}`, field, value));
  }
  return and(parts);
}

function scalarFilterSql(scope: SqlScope, expression: string, field: SqlModelField, filter: unknown): string {
  if (field.isList) throw new NotCompilable('filters on list columns');
  const type = columnType(field);
  if (filter === null) return `${expression} IS NULL`;
  if (!isPlainObject(filter)) return `${expression} = ${scope.params.add(filter, type)}`;
  const insensitive = filter.mode === 'insensitive';
  const parts: string[] = [];
  for (const [operator, value] of Object.entries(filter)) {
    if (value === undefined || operator === 'mode') continue;
    switch (operator) {
      case 'equals':
        parts.push(value === null ? `${expression} IS NULL` : comparison(scope, expression, '=', value, type, insensitive));
        break;
      case 'not':
        // Prisma: `not: value` keeps rows whose column is NULL out, like SQL's <>.
        parts.push(
          value === null
            ? `${expression} IS NOT NULL`
            : isPlainObject(value)
              ? `NOT ${scalarFilterSql(scope, expression, field, { ...value, mode: filter.mode })}`
              : comparison(scope, expression, '<>', value, type, insensitive),
        );
        break;
      case 'in':
      case 'notIn': {
        if (!Array.isArray(value)) throw new NotCompilable(`${operator} without a list`);
        const list = insensitive ? `${scope.params.addList(value.map((v) => String(v).toLowerCase()), 'text')}` : scope.params.addList(value, type);
        const left = insensitive ? `lower(${expression})` : expression;
        parts.push(operator === 'in' ? `${left} = ANY(${list})` : `NOT (${left} = ANY(${list}))`);
        break;
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        const sign = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[operator];
        parts.push(comparison(scope, expression, sign, value, type, insensitive));
        break;
      }
      case 'contains':
      case 'startsWith':
      case 'endsWith': {
        if (typeof value !== 'string') throw new NotCompilable(`${operator} of a non-string`);
        // As Prisma does: the value is pasted into the pattern as it is, so `%`, `_` and `\` in it
        // are LIKE's; filters that mean the literal text escape it first (containsText in the kit).
        const pattern = operator === 'contains' ? `%${value}%` : operator === 'startsWith' ? `${value}%` : `%${value}`;
        parts.push(`${expression}::text ${insensitive ? 'ILIKE' : 'LIKE'} ${scope.params.add(pattern, 'text')}`);
        break;
      }
      default:
        throw new NotCompilable(`filter operator ${operator}`);
    }
  }
  return and(parts);
}

function comparison(scope: SqlScope, expression: string, sign: string, value: unknown, type: string, insensitive: boolean): string {
  if (value === null) throw new NotCompilable('comparison with null');
  // Prisma's insensitive equality is an ILIKE with the value as the pattern (equalsTextIgnoringCase
  // in the kit escapes it): the same here, so both paths agree on `%`, `_` and `\` too.
  if (insensitive && (sign === '=' || sign === '<>')) {
    if (typeof value !== 'string') throw new NotCompilable('insensitive comparison of a non-string');
    return `${sign === '<>' ? 'NOT ' : ''}(${expression}::text ILIKE ${scope.params.add(value, 'text')})`;
  }
  if (insensitive) return `lower(${expression}::text) ${sign} lower(${scope.params.add(value, 'text')})`;
  return `${expression} ${sign} ${scope.params.add(value, type)}`;
}

/** The join condition between a row of `model` (alias) and a row of the related model (other). */
export function relationJoin(model: string, alias: string, relation: string, otherAlias: string): { target: string; condition: string; isList: boolean } {
  const field = fieldOf(model, relation);
  if (field.kind !== 'object') throw new NotCompilable(`${model}.${relation} is not a relation`);
  const target = field.type;
  let condition: string;
  if (field.from && field.from.length > 0) {
    condition = and(field.from.map((from, i) => `${otherAlias}.${quote(fieldOf(target, field.to![i]!).column)} = ${column(alias, model, from)}`));
  } else {
    const back = Object.entries(modelOf(target).fields).find(
      ([, f]) => f.kind === 'object' && f.relationName === field.relationName && f.type === model && f.from && f.from.length > 0,
    );
    if (!back) throw new NotCompilable(`no foreign key for ${model}.${relation}`);
    const [, backField] = back;
    condition = and(backField.from!.map((from, i) => `${column(otherAlias, target, from)} = ${column(alias, model, backField.to![i]!)}`));
  }
  return { target, condition, isList: field.isList };
}

/** The one column pair a relation joins on (this side, the other side), or null for a compound key. */
export function relationColumns(model: string, relation: string): { mine: string; theirs: string } | null {
  const field = fieldOf(model, relation);
  if (field.from && field.from.length > 0) return field.from.length === 1 ? { mine: field.from[0]!, theirs: field.to![0]! } : null;
  const back = Object.values(modelOf(field.type).fields).find(
    (f) => f.kind === 'object' && f.relationName === field.relationName && f.type === model && f.from && f.from.length > 0,
  );
  return back && back.from!.length === 1 ? { mine: back.to![0]!, theirs: back.from![0]! } : null;
}

function relationFilterSql(scope: SqlScope, model: string, alias: string, name: string, field: SqlModelField, filter: unknown, everyRow: boolean): string {
  const readable = permissionOfReadableFilter(filter);
  const columns = relationColumns(model, name);
  if (readable && scope.readableBodies && !field.isList && field.type === 'Entity' && columns && columns.theirs === 'id') {
    // The body of the row is one the reader may see: its id checked directly, not through a join to Entity.
    const mine = column(alias, model, columns.mine);
    const condition = `(${mine} IS NOT NULL AND ${scope.readableBodies.readable(readable, mine)})`;
    if (everyRow) scope.readableBodies.holds(readable, mine);
    return condition;
  }
  const joined = field.isList ? undefined : scope.joined?.get(`${alias}.${name}`);
  // The related row exists (inner join): "is" this filter is this filter on it.
  if (joined && isPlainObject(filter) && !('isNot' in filter)) {
    const inner = 'is' in filter ? filter.is : filter;
    if (isPlainObject(inner)) return whereSql(scope, field.type, joined, inner);
  }
  const other = scope.aliases.take('w');
  const { target, condition } = relationJoin(model, alias, name, other);
  const exists = (inner: unknown, negate = false) => {
    // "Some related row matches" as membership in an uncorrelated set: PostgreSQL hashes it once
    // per statement (a body's module switch is checked once, not once per asset), where a
    // correlated EXISTS may be run for every row. Nulls are kept out on both sides, so the result
    // is true or false as EXISTS would be, under NOT too.
    if (!negate && columns) {
      const mine = column(alias, model, columns.mine);
      const theirs = column(other, target, columns.theirs);
      return `(${mine} IS NOT NULL AND ${mine} IN (SELECT ${theirs} FROM ${quote(modelOf(target).table)} ${other} WHERE ${theirs} IS NOT NULL AND ${whereSql(scope, target, other, inner)}))`;
    }
    return `${negate ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${quote(modelOf(target).table)} ${other} WHERE ${condition} AND ${whereSql(scope, target, other, inner)})`;
  };
  if (field.isList) {
    if (!isPlainObject(filter)) throw new NotCompilable('list relation filter');
    const parts: string[] = [];
    for (const [operator, inner] of Object.entries(filter)) {
      if (inner === undefined) continue;
      if (operator === 'some') parts.push(exists(inner));
      else if (operator === 'none') parts.push(exists(inner, true));
      else if (operator === 'every') {
        const negated = scope.aliases.take('w');
        const join = relationJoin(model, alias, name, negated);
        parts.push(
          `NOT EXISTS (SELECT 1 FROM ${quote(modelOf(target).table)} ${negated} WHERE ${join.condition} AND NOT ${whereSql(scope, target, negated, inner)})`,
        );
      } else throw new NotCompilable(`list relation operator ${operator}`);
    }
    return and(parts);
  }
  if (filter === null) return exists({}, true);
  if (!isPlainObject(filter)) throw new NotCompilable('relation filter');
  if ('is' in filter || 'isNot' in filter) {
    const parts: string[] = [];
    if (filter.is !== undefined) parts.push(filter.is === null ? exists({}, true) : exists(filter.is));
    if (filter.isNot !== undefined) parts.push(filter.isNot === null ? exists({}) : `NOT ${exists(filter.isNot)}`);
    return and(parts);
  }
  return exists(filter);
}

export interface OrderKey {
  expression: string;
  descending: boolean;
  nullsFirst: boolean;
}

/** Prisma's orderBy as keys; PostgreSQL's default null placement (last ascending, first descending) as Prisma leaves it. */
export function orderKeys(scope: SqlScope, model: string, alias: string, orderBy: unknown): OrderKey[] {
  if (orderBy === undefined || orderBy === null) return [];
  const keys: OrderKey[] = [];
  for (const entry of Array.isArray(orderBy) ? orderBy : [orderBy]) {
    if (!isPlainObject(entry)) throw new NotCompilable('orderBy entry');
    for (const [name, spec] of Object.entries(entry)) {
      if (spec === undefined) continue;
      const field = fieldOf(model, name);
      if (field.kind === 'object') {
        if (field.isList) throw new NotCompilable('order by a list relation');
        const joined = scope.joined?.get(`${alias}.${name}`);
        if (joined) {
          keys.push(...orderKeys(scope, field.type, joined, spec));
          continue;
        }
        const other = scope.aliases.take('o');
        const { target, condition } = relationJoin(model, alias, name, other);
        for (const inner of orderKeys(scope, target, other, spec)) {
          keys.push({ ...inner, expression: `(SELECT ${inner.expression} FROM ${quote(modelOf(target).table)} ${other} WHERE ${condition})` });
        }
        continue;
      }
      const expression = `${alias}.${quote(field.column)}`;
      if (spec === 'asc' || spec === 'desc') {
        keys.push({ expression, descending: spec === 'desc', nullsFirst: spec === 'desc' });
      } else if (isPlainObject(spec) && (spec.sort === 'asc' || spec.sort === 'desc')) {
        const descending = spec.sort === 'desc';
        const nulls = spec.nulls === undefined ? (descending ? 'first' : 'last') : spec.nulls;
        if (nulls !== 'first' && nulls !== 'last') throw new NotCompilable('nulls placement');
        keys.push({ expression, descending, nullsFirst: nulls === 'first' });
      } else {
        throw new NotCompilable(`order of ${name}`);
      }
    }
  }
  return keys;
}

export function orderSql(keys: readonly OrderKey[], reverse = false): string {
  return keys
    .map((key) => {
      const descending = key.descending !== reverse;
      const nullsFirst = key.nullsFirst !== reverse;
      return `${key.expression} ${descending ? 'DESC' : 'ASC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}`;
    })
    .join(', ');
}

/**
 * Prisma's cursor: the rows from the cursor's row on, in the query's order (the row itself
 * included; `skip: 1` leaves it out). A cursor naming no row selects nothing, as in Prisma.
 */
export function cursorSql(scope: SqlScope, model: string, alias: string, keys: readonly OrderKey[], cursor: Record<string, unknown>, reverse: boolean): string {
  const at = scope.aliases.take('c');
  const table = quote(modelOf(model).table);
  const cursorRow = whereSql(scope, model, at, cursor);
  // The same keys evaluated on the cursor's row (their expressions name `alias`).
  const onCursor = (expression: string) => `(SELECT ${expression.replaceAll(`${alias}.`, `${at}.`)} FROM ${table} ${at} WHERE ${cursorRow})`;
  const exists = `EXISTS (SELECT 1 FROM ${table} ${at} WHERE ${cursorRow})`;
  if (keys.length === 0) return exists;
  // Lexicographic "at or after", key by key, with each key's direction and null placement.
  const clauses: string[] = [];
  for (let i = 0; i <= keys.length; i += 1) {
    const equalPrefix = keys.slice(0, i).map((key) => `${key.expression} IS NOT DISTINCT FROM ${onCursor(key.expression)}`);
    if (i === keys.length) {
      clauses.push(and(equalPrefix));
      break;
    }
    const key = keys[i]!;
    const descending = key.descending !== reverse;
    const nullsFirst = key.nullsFirst !== reverse;
    const value = onCursor(key.expression);
    const after = `${key.expression} ${descending ? '<' : '>'} ${value}`;
    // Nulls sort as one value at one end: after a non-null cursor value come the nulls (nulls last)
    // and nothing else; after a null cursor value come the non-nulls (nulls first).
    const strictlyAfter = nullsFirst
      ? `((${value} IS NULL AND ${key.expression} IS NOT NULL) OR ${after})`
      : `((${value} IS NOT NULL AND ${key.expression} IS NULL) OR ${after})`;
    clauses.push(and([...equalPrefix, strictlyAfter]));
  }
  return and([exists, or(clauses)]);
}
