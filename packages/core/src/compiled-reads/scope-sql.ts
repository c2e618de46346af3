// The scopes a type or field declares, as a SQL condition on its row. A scope function is called
// once per statement with a stand-in for the row whose columns are placeholders, so
// `(asset) => scopes.readOn(asset.entityId)` becomes "the row's entityId is a readable body". Only
// the scope shapes below have a SQL form; anything else (an async lookup, a computed id) leaves
// the operation to the resolvers. The readable bodies of a permission are one parameter and the
// module switch one hashed sub-select per statement, so each body is checked once, not each row.
import type { GeaContext } from '../context.ts';
import { moduleOfPermission } from '../permissions.ts';
import { relationJoin, type SqlScope } from './prisma-sql.ts';
import { column, fieldOf, literal, modelOf, NotCompilable, quote } from './sql.ts';
import { sqlModel } from '@gea/db';

const COLUMN = Symbol('compiled-reads.column');

interface ColumnPlaceholder {
  /** To-one relations followed from the row, then the column. */
  readonly [COLUMN]: { path: readonly string[]; model: string; column: string };
}

const isColumn = (value: unknown): value is ColumnPlaceholder => typeof value === 'object' && value !== null && COLUMN in value;

/**
 * A stand-in row: its scalar fields are placeholders, its to-one relations stand-in rows of their
 * own (`receipt.message.entityId`); reading anything else cannot be compiled.
 */
export function rowPlaceholder(model: string | null, path: readonly string[] = [], root = model): object {
  return new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property === 'symbol' || property === 'then' || property === 'toJSON') return undefined;
        const field = model ? sqlModel.models[model]?.fields[property] : undefined;
        if (!field || (field.kind === 'object' && field.isList)) throw new NotCompilable(`scope reads ${String(property)} of the row`);
        if (field.kind === 'object') return rowPlaceholder(field.type, [...path, property], root);
        return { [COLUMN]: { path, model: root!, column: property } };
      },
    },
  );
}

/** What a scope allows: everything, nothing (the resolvers then produce the refusal), or the rows a condition keeps. */
export type ScopeCondition = { kind: 'allow' } | { kind: 'deny' } | { kind: 'rows'; sql: (alias: string) => string };

const allow: ScopeCondition = { kind: 'allow' };
const deny: ScopeCondition = { kind: 'deny' };

export class ScopeCompiler {
  private readonly readableLists = new Map<string, string>();
  /** Body expressions whose rows a where-clause already limits to readable bodies, by permission. */
  private readonly passed = new Set<string>();

  constructor(
    private readonly context: GeaContext,
    private readonly sql: SqlScope,
  ) {}

  /** The placeholder's value on the row `alias`: its column, or the column of the row its relations lead to. */
  private valueOf(placeholder: ColumnPlaceholder[typeof COLUMN], alias: string): string {
    let model = placeholder.model;
    let current = alias;
    const hops: { table: string; alias: string; condition: string }[] = [];
    for (const relation of placeholder.path) {
      const next = this.sql.aliases.take('p');
      const join = relationJoin(model, current, relation, next);
      hops.push({ table: quote(modelOf(join.target).table), alias: next, condition: join.condition });
      model = join.target;
      current = next;
    }
    const value = column(current, model, placeholder.column);
    if (hops.length === 0) return value;
    const [first, ...rest] = hops;
    const joins = rest.map((hop) => ` JOIN ${hop.table} ${hop.alias} ON ${hop.condition}`).join('');
    return `(SELECT ${value} FROM ${first!.table} ${first!.alias}${joins} WHERE ${first!.condition})`;
  }

  /** Scopes as declared (a map, or a function of the row/args/context), for a row of `model` (null: no row). */
  condition(scopes: unknown, model: string | null, call: (row: object) => unknown): ScopeCondition {
    if (scopes === undefined) return allow;
    const value = typeof scopes === 'function' ? call(rowPlaceholder(model)) : scopes;
    if (value && typeof (value as PromiseLike<unknown>).then === 'function') {
      // never awaited: a stand-in row must not surface as an unhandled failure
      (value as PromiseLike<unknown>).then(undefined, () => undefined);
      throw new NotCompilable('asynchronous scopes');
    }
    return this.mapCondition(value, model);
  }

  private mapCondition(value: unknown, model: string | null): ScopeCondition {
    if (value === true) return allow;
    if (value === false) return deny;
    if (typeof value !== 'object' || value === null) throw new NotCompilable('scope value');
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    // scope-auth grants when any entry does; several entries may throw in another order, so only one is compiled
    if (entries.length !== 1) throw new NotCompilable('scope maps of several entries');
    const [name, argument] = entries[0]!;
    const actor = this.context.actor;
    switch (name) {
      case 'public':
        return argument ? allow : deny;
      case 'authenticated':
        return argument && actor.kind !== 'anonymous' ? allow : deny;
      case 'permission':
        return actor.can(argument as string) ? allow : deny;
      case 'permissionOnSomeBody': {
        const scope = actor.entitiesWith(argument as string);
        return scope === 'all' || scope.length > 0 ? allow : deny;
      }
      case 'entityPermission': {
        const { permission, entityId } = argument as { permission: string; entityId: unknown };
        if (isColumn(entityId)) {
          if (!model) throw new NotCompilable('column scope without a row');
          const placeholder = entityId[COLUMN];
          return { kind: 'rows', sql: (alias) => this.readable(permission, this.valueOf(placeholder, alias)) };
        }
        if (typeof entityId !== 'string') throw new NotCompilable('entity scope of a computed id');
        if (!actor.can(permission, entityId)) return deny;
        return { kind: 'rows', sql: () => this.readable(permission, this.sql.params.add(entityId, 'uuid')) };
      }
      case 'someEntityPermission': {
        // Declared for compilation through `compiledScopes.someBodyThrough` (see compiledScopes).
        throw new NotCompilable('someEntityPermission without a declared relation');
      }
      default:
        throw new NotCompilable(`scope ${name}`);
    }
  }

  /** Every row of the statement that `expression` reads passed `readable(permission, expression)` already. */
  holds(permission: string, expression: string): void {
    this.passed.add(`${permission}\u0000${expression}`);
  }

  /** The body `expression` is one the actor holds `permission` for, with the permission's module on there. */
  readable(permission: string, expression: string): string {
    if (this.passed.has(`${permission}\u0000${expression}`)) return 'TRUE';
    const scope = this.context.actor.entitiesWith(permission);
    const module = moduleOfPermission(permission);
    const parts: string[] = [];
    if (scope !== 'all') {
      if (scope.length === 0) return 'FALSE';
      let list = this.readableLists.get(permission);
      if (!list) {
        list = this.sql.params.addList(scope, 'uuid');
        this.readableLists.set(permission, list);
      }
      parts.push(`${expression} = ANY(${list})`);
    }
    if (this.context.installedModules.has(module)) {
      const enablement = sqlModel.models.ModuleEnablement!;
      parts.push(
        `${expression} IN (SELECT ${quote(enablement.fields.entityId!.column)} FROM ${quote(enablement.table)} ` +
          `WHERE ${quote(enablement.fields.moduleKey!.column)} = ${literal(module)} AND ${quote(enablement.fields.enabled!.column)})`,
      );
    }
    return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
  }
}
