// Scopes that look rows up (a contract is readable through any body it serves) cannot be read off
// a scope function: the type declares their SQL form next to them, and the differential test keeps
// the two equal.
import { relationJoin, type SqlScope } from './prisma-sql.ts';
import type { ScopeCompiler, ScopeCondition } from './scope-sql.ts';
import { column, fieldOf, modelOf, NotCompilable, quote } from './sql.ts';

export interface CompiledScopeDeclaration {
  /** Readable when the actor may read, with the module on, at least one of the bodies reached through `relation`. */
  someBodyThrough: { permission: string; relation: string; entityField: string };
}

/**
 * For a type's `extensions`: the SQL form of an asynchronous `someEntityPermission` scope whose
 * bodies are the `entityField` of the rows of `relation` (e.g. a contract's ContractEntity rows).
 */
export function someBodyThrough(permission: string, relation: string, entityField = 'entityId') {
  return { geaCompiledScopes: { someBodyThrough: { permission, relation, entityField } } satisfies CompiledScopeDeclaration };
}

export function declaredScopeCondition(scopes: ScopeCompiler, sql: SqlScope, declaration: CompiledScopeDeclaration, model: string): ScopeCondition {
  const { permission, relation, entityField } = declaration.someBodyThrough;
  const through = fieldOf(model, relation);
  if (through.kind !== 'object' || !through.isList) throw new NotCompilable('declared scope relation');
  fieldOf(through.type, entityField);
  return {
    kind: 'rows',
    // A lookup per row through the link's index. Membership in one hashed set of readable rows was
    // measured at half the speed in this nested position (a maintenance contract of each asset, Q1).
    sql: (alias) => {
      const other = sql.aliases.take('s');
      const join = relationJoin(model, alias, relation, other);
      return `EXISTS (SELECT 1 FROM ${quote(modelOf(join.target).table)} ${other} WHERE ${join.condition} AND ${scopes.readable(permission, column(other, join.target, entityField))})`;
    },
  };
}
