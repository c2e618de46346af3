// Compiles a read operation into one SQL statement whose single value is the response's `data`,
// built by PostgreSQL (json_build_object / json_agg), the way PostGraphile and Hasura answer. The
// metadata is what the schema already declares: plugin-prisma's exposed columns, relations and
// connections (their `query`), the root resolvers' findMany (captured by running them against a
// recording client), and the scope-auth scopes (see scope-sql.ts). Any field outside that makes the
// whole operation run through the resolvers, unchanged; so does any row a scope would refuse: the
// statement puts a marker there, and the resolvers then produce the exact errors.
import {
  getNamedType,
  getNullableType,
  GraphQLEnumType,
  GraphQLObjectType,
  GraphQLScalarType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  getArgumentValues,
  getVariableValues,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { collectFields } from './collect-fields.ts';
import { getMappedArgumentValues } from '@pothos/core';
import type { SqlModelField } from '@gea/db';
import type { Actor } from '../actor.ts';
import type { GeaContext } from '../context.ts';
import { LoaderRegistry } from '../loader-registry.ts';
import { cursorSql, orderKeys, orderSql, relationJoin, whereSql, type OrderKey, type SqlScope } from './prisma-sql.ts';
import { ScopeCompiler, type ScopeCondition } from './scope-sql.ts';
import { Aliases, fieldOf, globalIdJson, jsonOfPlain, literal, modelOf, NotCompilable, objectArgument, probeColumnRead, quote, SqlParams } from './sql.ts';
import { declaredScopeCondition, type CompiledScopeDeclaration } from './declared-scopes.ts';
import { captureRawStatement, isRawRowsField, rawFieldJson, rawStatementSql } from './raw-rows.ts';

/** What a refused or out-of-range value becomes in the statement's JSON: the operation then runs through the resolvers. */
export const FALLBACK_KEY = '__gea_fallback__';
const FALLBACK = `'{"${FALLBACK_KEY}":true}'::json`;

export interface CompiledRead {
  readonly sql: string;
  readonly params: readonly string[];
  /** Whether compiling read the database (a root resolver's scope that loads): such a statement is not cached. */
  readonly readDatabase: boolean;
}

export interface CompileInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Readonly<Record<string, unknown>> | null;
  context: GeaContext;
  /** The actor to ask instead of the context's (the cache's recording one). */
  actor?: Actor;
}

type Extensions = Record<string, unknown> & {
  pothosOptions?: Record<string, unknown>;
  pothosExposedField?: string;
  pothosPrismaModel?: string;
  pothosPrismaRelationField?: { name: string; type: string; isList: boolean };
  pothosPrismaSelect?: (...args: unknown[]) => unknown;
  pothosPrismaFallbackPlan?: () => { initial?: { select?: Record<string, unknown> } };
  pothosPrismaTotalCount?: boolean;
  geaCompiledScopes?: CompiledScopeDeclaration;
};

const extensionsOf = (holder: { extensions?: unknown }) => (holder.extensions ?? {}) as Extensions;

interface Row {
  alias: string;
  model: string;
}

const CAPTURED = Symbol('compiled-reads.captured');
const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';

/** Compiles the operation, or throws NotCompilable saying why it runs through the resolvers. */
export async function compileRead(input: CompileInput): Promise<CompiledRead> {
  const compiler = new ReadCompiler(input);
  try {
    return await compiler.compile();
  } catch (error) {
    if (error instanceof NotCompilable) error.readDatabase ||= compiler.hasReadDatabase;
    throw error;
  }
}

class ReadCompiler implements SqlScope {
  readonly params = new SqlParams();
  readonly aliases = new Aliases();
  readonly joined = new Map<string, string>();
  private readonly scopes: ScopeCompiler;
  private readonly fragments: Record<string, FragmentDefinitionNode> = {};
  private operation!: OperationDefinitionNode;
  private variables: Record<string, unknown> = {};

  /**
   * The context scope functions, relation queries and resolvers are tried with on stand-in rows:
   * the request's actor and settings, but no database and no loaders, so that a stand-in value can
   * never reach a query or join a batch of the request's real loads.
   */
  private readonly sandbox: GeaContext;
  /** The request's context, asking `input.actor` when one is given. */
  private readonly context: GeaContext;
  private readDatabase = false;

  get hasReadDatabase(): boolean {
    return this.readDatabase;
  }

  /** The body check of readable bodies, for where-clauses (SqlScope). */
  get readableBodies(): ScopeCompiler {
    return this.scopes;
  }

  constructor(private readonly input: CompileInput) {
    const refuse = () => {
      throw new NotCompilable('reads the database');
    };
    this.context = input.actor ? (Object.create(input.context, { actor: { value: input.actor } }) as GeaContext) : input.context;
    this.sandbox = Object.create(this.context, { prisma: { get: refuse }, db: { get: refuse }, loaders: { get: refuse } }) as GeaContext;
    this.scopes = new ScopeCompiler(this.sandbox, this);
  }

  async compile(): Promise<CompiledRead> {
    const { schema, document, operationName } = this.input;
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation) throw new NotCompilable('no single operation');
    if (operation.operation !== 'query') throw new NotCompilable(`${operation.operation} operation`);
    this.operation = operation;
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments[definition.name.value] = definition;
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], { ...(this.input.variableValues ?? {}) });
    if (coerced.errors) throw new NotCompilable('variables');
    this.variables = coerced.coerced;
    const queryType = schema.getQueryType()!;
    const fields = this.collect(queryType, operation.selectionSet);
    const parts: string[] = [];
    for (const [key, nodes] of fields) {
      parts.push(literal(key), await this.rootField(queryType, key, nodes));
    }
    return { sql: `SELECT ${buildObject(parts)}::text AS data`, params: this.params.values, readDatabase: this.readDatabase };
  }

  private collect(type: GraphQLObjectType, selectionSet: OperationDefinitionNode['selectionSet']): Map<string, FieldNode[]> {
    return collectFields(this.input.schema, this.fragments, this.variables, type, [selectionSet], FALLBACK_KEY);
  }

  private subfields(type: GraphQLObjectType, nodes: readonly FieldNode[]): Map<string, FieldNode[]> {
    return collectFields(this.input.schema, this.fragments, this.variables, type, nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])), FALLBACK_KEY);
  }

  private info(parentType: GraphQLObjectType, field: GraphQLField<unknown, unknown>, key: string, nodes: readonly FieldNode[]): GraphQLResolveInfo {
    return {
      fieldName: field.name,
      fieldNodes: nodes,
      returnType: field.type,
      parentType,
      path: { prev: undefined, key, typename: parentType.name },
      schema: this.input.schema,
      fragments: this.fragments,
      rootValue: undefined,
      operation: this.operation,
      variableValues: this.variables,
    };
  }

  private async args(field: GraphQLField<unknown, unknown>, node: FieldNode, info: GraphQLResolveInfo): Promise<Record<string, unknown>> {
    try {
      const mapped = await getMappedArgumentValues(field, node, this.context, info);
      if (mapped === null) throw new NotCompilable('arguments mapped to null');
      return mapped as Record<string, unknown>;
    } catch (error) {
      if (error instanceof NotCompilable) throw error;
      // Invalid arguments: the resolvers report them.
      throw new NotCompilable('arguments refused');
    }
  }

  // -------------------------------------------------------------------------------------------
  // Root fields: the resolver runs against a recording client; its one findMany is the query.

  private async rootField(queryType: GraphQLObjectType, key: string, nodes: FieldNode[]): Promise<string> {
    const name = nodes[0]!.name.value;
    if (name === '__typename') return `to_json(${literal(queryType.name)}::text)`;
    const field = queryType.getFields()[name];
    if (!field || !field.resolve) throw new NotCompilable(`root field ${name}`);
    const info = this.info(queryType, field, key, nodes);
    const named = getNamedType(field.type);
    if (!isObjectType(named)) throw new NotCompilable(`root field ${name} returns ${named.name}`);
    const connection = connectionParts(named);
    const nodeType = connection ? connection.node : named;
    const model = extensionsOf(nodeType).pothosPrismaModel;
    if (!model && !connection && isRawRowsField(field)) return this.rawRowsRoot(field, nodeType, nodes, info);
    if (!model) throw new NotCompilable(`root field ${name} is not a model`);
    const capture = await this.captureRoot(field, model, info);
    const row = { alias: this.aliases.take(), model };
    const table = `${quote(modelOf(model).table)} ${row.alias}`;
    const where = whereSql(this, model, row.alias, capture.args.where);
    if (connection) {
      if (capture.method !== 'findMany') throw new NotCompilable('connection without findMany');
      const args = await this.args(field, nodes[0]!, info);
      return this.connectionJson(named, nodes, row, table, where, capture.args, args, capture.cursorField);
    }
    const list = isListType(getNullableType(field.type));
    if (list !== (capture.method === 'findMany')) throw new NotCompilable('root list shape');
    const object = await this.objectJson(nodeType, this.subfields(nodeType, nodes), row);
    const keys = orderKeys(this, model, row.alias, capture.args.orderBy);
    const page = pageSql(capture.args);
    if (list) {
      return listOf(object, row.alias, numberedRows(row.alias, table, where, orderSql(keys), page));
    }
    const value = `(SELECT ${object} FROM ${table} WHERE ${where}${orderBySql(keys)} LIMIT 1)`;
    return isNonNullType(field.type) ? `coalesce(${value}, ${FALLBACK})` : value;
  }

  /** A root list answered by one `$queryRaw` of its resolver (raw-rows.ts): that statement, each row an object. */
  private async rawRowsRoot(field: GraphQLField<unknown, unknown>, type: GraphQLObjectType, nodes: FieldNode[], info: GraphQLResolveInfo): Promise<string> {
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, nodes[0]!, this.variables);
    } catch {
      throw new NotCompilable('arguments refused');
    }
    const statement = await captureRawStatement(field, args, this.context, info);
    const alias = this.aliases.take('r');
    const parts: string[] = [];
    for (const [key, fieldNodes] of this.subfields(type, nodes)) {
      const name = fieldNodes[0]!.name.value;
      if (name === '__typename') {
        parts.push(literal(key), `to_json(${literal(type.name)}::text)`);
        continue;
      }
      const rowField = type.getFields()[name];
      if (!rowField || rowField.args.length > 0) throw new NotCompilable(`raw row field ${name}`);
      const scopes = extensionsOf(rowField).pothosOptions?.authScopes;
      const scope = this.scopes.condition(scopes, null, (placeholder) =>
        (scopes as (parent: unknown, args: unknown, context: GeaContext, info: unknown) => unknown)(placeholder, {}, this.sandbox, info),
      );
      if (scope.kind !== 'allow') throw new NotCompilable(`scope on raw row field ${name}`);
      parts.push(literal(key), rawFieldJson(type, rowField, alias));
    }
    const object = this.guard(this.typeScope(type, null), null, buildObject(parts));
    // Numbered as the statement orders its rows.
    const rows = `(SELECT q.*, row_number() OVER () AS "__gea_n" FROM (${rawStatementSql(statement, this.params)}) q) ${alias}`;
    return `(SELECT coalesce(json_agg(${object} ORDER BY ${alias}."__gea_n"), '[]'::json) FROM ${rows})`;
  }

  /**
   * Runs the field's own resolver (arguments, validation, root scopes included) with a client that
   * records the query of its model and answers a probe row. The resolver must return what the client
   * answered, untouched: a resolver that filters or reshapes rows in JavaScript is not compiled.
   */
  private async captureRoot(field: GraphQLField<unknown, unknown>, model: string, info: GraphQLResolveInfo) {
    const context = this.context;
    const noteRead = () => {
      this.readDatabase = true;
    };
    const delegateName = model[0]!.toLowerCase() + model.slice(1);
    const calls: { method: string; args: Record<string, unknown> }[] = [];
    const probe = probeRow();
    const probeList = [probe.row];
    const recording = (real: Record<string, unknown>) =>
      new Proxy(real, {
        get(target, property) {
          const value = Reflect.get(target, property);
          if (typeof property !== 'string' || !['findMany', 'findFirst', 'findUnique', 'findFirstOrThrow', 'findUniqueOrThrow'].includes(property)) {
            if (typeof property === 'string' && !property.startsWith('$') && typeof value === 'function') {
              return () => {
                throw new NotCompilable(`root resolver calls ${delegateName}.${property}`);
              };
            }
            return value;
          }
          return (args: Record<string, unknown> = {}) => {
            calls.push({ method: property.replace(/OrThrow$/, ''), args });
            return Promise.resolve(property === 'findMany' ? probeList : probe.row);
          };
        },
      });
    const realPrisma = context.prisma as unknown as Record<string, unknown>;
    const prisma = new Proxy(realPrisma, {
      get(target, property) {
        if (property === delegateName) return recording(Reflect.get(target, property) as Record<string, unknown>);
        // A statement read before the query (the ids a search narrows the page to): its answer is in
        // the compiled statement, which is therefore never kept for another request.
        if (property === '$queryRaw') {
          noteRead();
          const queryRaw = Reflect.get(target, property) as (...args: unknown[]) => unknown;
          return (...args: unknown[]) => queryRaw.apply(target, args);
        }
        if (property === '$transaction' || property === '$queryRawUnsafe') {
          return () => {
            throw new NotCompilable(`root resolver uses ${String(property)}`);
          };
        }
        if (typeof property === 'string' && !property.startsWith('$')) noteRead();
        return Reflect.get(target, property);
      },
    });
    // Its own loaders: none made here may serve the request later with the recording client.
    const recordingContext = Object.create(context, { prisma: { value: prisma }, loaders: { value: new LoaderRegistry() } }) as GeaContext;
    let result: unknown;
    try {
      const args = getArgumentValues(field, info.fieldNodes[0]!, this.variables);
      result = await field.resolve!(undefined, args, recordingContext, info);
    } catch (error) {
      if (error instanceof NotCompilable) throw error;
      throw new NotCompilable('root resolver refused');
    }
    if (result instanceof Error) throw new NotCompilable('root resolver refused');
    if (calls.length !== 1) throw new NotCompilable(`root resolver made ${calls.length} queries`);
    const call = calls[0]!;
    // The untouched answer: the probe list itself, the probe row, or a connection of the probe row.
    const isConnection = typeof result === 'object' && result !== null && Array.isArray((result as { edges?: unknown }).edges);
    if (!isConnection && result !== probeList && result !== probe.row) throw new NotCompilable('root resolver reshapes its rows');
    const cursorFields = isConnection ? [probe.cursorField(result)] : [];
    return { method: call.method, args: call.args, cursorField: cursorFields[0] };
  }

  // -------------------------------------------------------------------------------------------
  // Objects and their fields

  private typeScope(type: GraphQLObjectType, row: Row | null): ScopeCondition {
    const extensions = extensionsOf(type);
    if (extensions.geaCompiledScopes) {
      if (!row) throw new NotCompilable('declared scopes without a row');
      return declaredScopeCondition(this.scopes, this, extensions.geaCompiledScopes, row.model);
    }
    const scopes = extensions.pothosOptions?.authScopes;
    return this.scopes.condition(scopes, row?.model ?? null, (placeholder) =>
      (scopes as (parent: unknown, context: GeaContext) => unknown)(placeholder, this.sandbox),
    );
  }

  private guard(condition: ScopeCondition, row: Row | null, value: string): string {
    if (condition.kind === 'allow') return value;
    if (condition.kind === 'deny' && !row) throw new NotCompilable('refused by a scope');
    // Refused wherever such a value exists: whether one does is the data's to say, so the marker
    // stands in for it (no row, no value, no refusal, as with the resolvers).
    if (condition.kind === 'deny') return FALLBACK;
    if (!row) throw new NotCompilable('row scope without a row');
    const sql = condition.sql(row.alias);
    return sql === 'TRUE' ? value : `CASE WHEN ${sql} THEN ${value} ELSE ${FALLBACK} END`;
  }

  /** One object of `type` for `row` (null: an object made of constant parts, e.g. a connection's pageInfo). */
  async objectJson(type: GraphQLObjectType, fields: Map<string, FieldNode[]>, row: Row): Promise<string> {
    const parts: string[] = [];
    for (const [key, nodes] of fields) parts.push(literal(key), await this.fieldJson(type, key, nodes, row));
    return this.guard(this.typeScope(type, row), row, buildObject(parts));
  }

  private async fieldJson(type: GraphQLObjectType, key: string, nodes: FieldNode[], row: Row): Promise<string> {
    const name = nodes[0]!.name.value;
    if (name === '__typename') return `to_json(${literal(type.name)}::text)`;
    const field = type.getFields()[name];
    if (!field) throw new NotCompilable(`no field ${type.name}.${name}`);
    const extensions = extensionsOf(field);
    const options = extensions.pothosOptions ?? {};
    const info = this.info(type, field, key, nodes);
    // Arguments are mapped once per field of the operation: they do not depend on the row.
    const args = field.args.length > 0 ? await this.args(field, nodes[0]!, info) : {};
    const scopes = options.authScopes;
    const scope = this.scopes.condition(scopes, row.model, (placeholder) =>
      (scopes as (parent: unknown, args: unknown, context: GeaContext, info: unknown) => unknown)(placeholder, args, this.sandbox, info),
    );
    const value = await this.fieldValue(type, field, nodes, row, args, extensions, options, info);
    return this.guard(scope, row, value);
  }

  private async fieldValue(
    type: GraphQLObjectType,
    field: GraphQLField<unknown, unknown>,
    nodes: FieldNode[],
    row: Row,
    args: Record<string, unknown>,
    extensions: Extensions,
    options: Record<string, unknown>,
    info: GraphQLResolveInfo,
  ): Promise<string> {
    const typeOptions = extensionsOf(type).pothosOptions ?? {};
    // The global id of a prismaNode: base64 of "<Type>:<id>", the id being the column its resolver reads.
    const idOption = typeOptions.id as { resolve?: (parent: unknown) => unknown } | undefined;
    if (field.name === 'id' && typeof idOption?.resolve === 'function' && !extensions.pothosExposedField && getNamedType(field.type).name === 'ID') {
      const idField = fieldOf(row.model, idColumnOf(idOption.resolve));
      if (idField.kind !== 'scalar' || idField.isList) throw new NotCompilable('id column');
      return globalIdJson(type.name, `${row.alias}.${quote(idField.column)}`);
    }
    if (extensions.pothosExposedField) {
      const columnField = fieldOf(row.model, extensions.pothosExposedField);
      return scalarJson(`${row.alias}.${quote(columnField.column)}`, columnField, field.type);
    }
    const relation = extensions.pothosPrismaRelationField;
    if (relation && extensions.pothosPrismaSelect) {
      if (options.onNull || options.select) throw new NotCompilable('relation with onNull');
      const named = getNamedType(field.type);
      if (!isObjectType(named)) throw new NotCompilable('relation to a non-object');
      const connection = connectionParts(named);
      if (connection) return await this.relatedConnection(field, nodes, row, args, extensions, named, relation.name, options, info);
      return this.relation(field, nodes, row, args, extensions, named, relation.name);
    }
    if (typeof options.select === 'function' && options.resolve) return await this.selectedRelation(field, nodes, row, args, options);
    throw new NotCompilable(`${type.name}.${field.name} computes in JavaScript`);
  }

  private relationQuery(extensions: Extensions, args: Record<string, unknown>, relationName: string, selected?: Set<string>): Record<string, unknown> {
    let captured: unknown;
    const nested = (query: unknown) => {
      captured = typeof query === 'function' ? (query as (a: unknown, c: unknown) => unknown)(args, this.sandbox) : query;
      return { [CAPTURED]: true };
    };
    let select: unknown;
    try {
      select = extensions.pothosPrismaSelect!(args, this.sandbox, nested, () => selected ?? new Set());
    } catch {
      throw new NotCompilable('relation arguments refused');
    }
    if (isThenable(select) || isThenable(captured)) {
      settled(select);
      settled(captured);
      throw new NotCompilable('asynchronous relation query');
    }
    const shape = (select as { select?: Record<string, unknown> })?.select;
    if (!shape || !(relationName in shape)) throw new NotCompilable('relation selection');
    const query = (captured ?? {}) as Record<string, unknown>;
    for (const option of Object.keys(query)) {
      if (!['where', 'orderBy', 'take', 'skip', 'cursor'].includes(option) && query[option] !== undefined) throw new NotCompilable(`relation query option ${option}`);
    }
    return query;
  }

  private async relation(
    field: GraphQLField<unknown, unknown>,
    nodes: FieldNode[],
    row: Row,
    args: Record<string, unknown>,
    extensions: Extensions,
    target: GraphQLObjectType,
    relationName: string,
  ): Promise<string> {
    const query = this.relationQuery(extensions, args, relationName);
    const other: Row = { alias: this.aliases.take(), model: '' };
    const join = relationJoin(row.model, row.alias, relationName, other.alias);
    other.model = join.target;
    const from = `${quote(modelOf(join.target).table)} ${other.alias}`;
    // The filter first: what it already checks of each row, the row's object need not check again.
    const where = `${join.condition} AND ${whereSql(this, join.target, other.alias, query.where)}`;
    const object = await this.objectJson(target, this.subfields(target, nodes), other);
    if (join.isList) {
      const keys = orderKeys(this, join.target, other.alias, query.orderBy);
      return listOf(object, other.alias, numberedRows(other.alias, from, where, orderSql(keys), pageSql(query)));
    }
    const value = `(SELECT ${object} FROM ${from} WHERE ${where})`;
    return isNonNullType(field.type) ? `coalesce(${value}, ${FALLBACK})` : value;
  }

  private async relatedConnection(
    field: GraphQLField<unknown, unknown>,
    nodes: FieldNode[],
    row: Row,
    args: Record<string, unknown>,
    extensions: Extensions,
    connectionType: GraphQLObjectType,
    relationName: string,
    options: Record<string, unknown>,
    info: GraphQLResolveInfo,
  ): Promise<string> {
    const selected = new Set(Array.from(this.subfields(connectionType, nodes).values(), (n) => n[0]!.name.value));
    const query = this.relationQuery(extensions, args, relationName, selected);
    // The connection's own resolver, given one stand-in row, shows which column its cursors encode.
    const probe = probeRow();
    let connection: unknown;
    try {
      connection = await (options.resolve as (p: unknown, a: unknown, c: unknown, i: unknown) => unknown)(
        { [relationName]: [probe.row], _count: { [relationName]: 0 } },
        args,
        this.sandbox,
        info,
      );
    } catch {
      throw new NotCompilable('connection resolver refused a stand-in row');
    }
    const cursorField = probe.cursorField(connection);
    const other: Row = { alias: this.aliases.take(), model: '' };
    const join = relationJoin(row.model, row.alias, relationName, other.alias);
    other.model = join.target;
    const from = `${quote(modelOf(join.target).table)} ${other.alias}`;
    const where = `${join.condition} AND ${whereSql(this, join.target, other.alias, query.where)}`;
    const value = await this.connectionJson(connectionType, nodes, other, from, where, query, args, cursorField, {
      sql: (countAlias) => {
        const countJoin = relationJoin(row.model, row.alias, relationName, countAlias);
        return `(SELECT count(*)::int FROM ${quote(modelOf(join.target).table)} ${countAlias} WHERE ${countJoin.condition} AND ${whereSql(this, join.target, countAlias, query.where)})`;
      },
    });
    return isNonNullType(field.type) ? `coalesce(${value}, ${FALLBACK})` : value;
  }

  /**
   * A field that selects through relations of its parent and picks from what it loaded (a contract
   * through the join table): its `select` gives the path, and its resolver, tried on stand-in rows,
   * must be "the first", "each" or "the one" at the end of that path.
   */
  private async selectedRelation(
    field: GraphQLField<unknown, unknown>,
    nodes: FieldNode[],
    row: Row,
    args: Record<string, unknown>,
    options: Record<string, unknown>,
  ): Promise<string> {
    const NESTED = { [CAPTURED]: 'nested' };
    let selection: unknown;
    try {
      selection = (options.select as (a: unknown, c: unknown, n: unknown) => unknown)(args, this.sandbox, () => NESTED);
    } catch {
      throw new NotCompilable('select refused');
    }
    if (isThenable(selection)) {
      settled(selection);
      throw new NotCompilable('asynchronous select');
    }
    // The path: relation, [query], relation ... ending at the nested selection.
    const steps: { relation: string; query: Record<string, unknown> }[] = [];
    let level = selection as Record<string, unknown>;
    for (;;) {
      const entries = Object.entries(level ?? {}).filter(([, v]) => v !== undefined && v !== false);
      if (entries.length !== 1) throw new NotCompilable('select of several parts');
      const [relation, spec] = entries[0]!;
      if (spec === NESTED) {
        steps.push({ relation, query: {} });
        break;
      }
      const { select: inner, ...query } = (spec ?? {}) as Record<string, unknown>;
      if (!inner) throw new NotCompilable('select without a nested selection');
      steps.push({ relation, query });
      level = inner as Record<string, unknown>;
    }
    const target = getNamedType(field.type);
    if (!isObjectType(target) || !extensionsOf(target).pothosPrismaModel) throw new NotCompilable('selected relation type');
    // Probe the resolver: what does it make of two rows, and of none?
    let model: string = row.model;
    const relations = steps.map((step) => {
      const relationField = fieldOf(model, step.relation);
      if (relationField.kind !== 'object') throw new NotCompilable('select of a column');
      model = relationField.type;
      return relationField;
    });
    const listSteps = relations.filter((r) => r.isList).length;
    if (listSteps > 1 || (listSteps === 1 && !relations[0]!.isList)) throw new NotCompilable('select path shape');
    const first = { probe: 1 };
    const second = { probe: 2 };
    const build = (leaf: unknown, depth = 1): unknown => (depth === steps.length ? leaf : { [steps[depth]!.relation]: build(leaf, depth + 1) });
    const resolve = options.resolve as (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;
    const run = (value: unknown) => {
      try {
        return settled(resolve({ [steps[0]!.relation]: value }, args, this.sandbox, undefined));
      } catch {
        throw new NotCompilable('resolver fails on stand-in rows');
      }
    };
    let mode: 'first' | 'each' | 'one';
    if (relations[0]!.isList) {
      const two = run([build(first), build(second)]);
      const none = run([]);
      if (two === first && none === null) mode = 'first';
      else if (Array.isArray(two) && two.length === 2 && two[0] === first && two[1] === second && Array.isArray(none) && none.length === 0) mode = 'each';
      else throw new NotCompilable('resolver picks otherwise');
    } else {
      const one = run(build(first));
      if (one !== first) throw new NotCompilable('resolver picks otherwise');
      mode = 'one';
    }
    // The rows along the path: the first correlated with the parent, the others joined to it.
    for (const step of steps.slice(1)) if (Object.keys(step.query).length > 0) throw new NotCompilable('query below the first step');
    const head = steps[0]!.query;
    const headRow: Row = { alias: this.aliases.take(), model: '' };
    const headJoin = relationJoin(row.model, row.alias, steps[0]!.relation, headRow.alias);
    headRow.model = headJoin.target;
    let tables = `${quote(modelOf(headJoin.target).table)} ${headRow.alias}`;
    let leaf = headRow;
    for (const step of steps.slice(1)) {
      const next: Row = { alias: this.aliases.take(), model: '' };
      const join = relationJoin(leaf.model, leaf.alias, step.relation, next.alias);
      next.model = join.target;
      tables += ` JOIN ${quote(modelOf(join.target).table)} ${next.alias} ON ${join.condition}`;
      // The head's filter and order may name this row (a contract's kind and end, seen from the
      // link row): they read it here rather than look it up again per row.
      if (!join.isList) this.joined.set(`${leaf.alias}.${step.relation}`, next.alias);
      leaf = next;
    }
    const where = `${headJoin.condition} AND ${whereSql(this, headRow.model, headRow.alias, head.where)}`;
    const object = await this.objectJson(target, this.subfields(target, nodes), leaf);
    const keys = orderKeys(this, headRow.model, headRow.alias, head.orderBy);
    const numbered = () => numberedRows(leaf.alias, tables, where, orderSql(keys), pageSql(head));
    if (mode === 'each') return listOf(object, leaf.alias, numbered());
    // The first row in the head's order; numbered only when the head asks for a page of its own.
    const plainFirst = head.skip === undefined && (head.take === undefined || head.take === 1);
    const picked =
      mode === 'one'
        ? `(SELECT ${object} FROM ${tables} WHERE ${where})`
        : plainFirst
          ? `(SELECT ${object} FROM ${tables} WHERE ${where}${orderBySql(keys)} LIMIT 1)`
          : `(SELECT ${object} FROM ${numbered()} ORDER BY ${leaf.alias}.${ROW_NUMBER} LIMIT 1)`;
    return isNonNullType(field.type) ? `coalesce(${picked}, ${FALLBACK})` : picked;
  }

  // -------------------------------------------------------------------------------------------
  // Connections: edges, pageInfo and totalCount from one page of rows numbered in fetch order.

  async connectionJson(
    connectionType: GraphQLObjectType,
    nodes: FieldNode[],
    row: Row,
    from: string,
    where: string,
    query: Record<string, unknown>,
    args: Record<string, unknown>,
    cursorField: string | undefined,
    totalCount?: { sql: (alias: string) => string },
  ): Promise<string> {
    const parts = connectionParts(connectionType)!;
    const take = query.take as number;
    // No cursor column is known only for a page of no rows, which shows none: any column will do.
    if (!cursorField && Math.abs(take) !== 1) throw new NotCompilable('connection without a cursor');
    const cursorColumn = fieldOf(row.model, cursorField ?? modelOf(row.model).primaryKey[0]!);
    const tag = cursorTag(cursorColumn);
    if (typeof take !== 'number' || !Number.isInteger(take)) throw new NotCompilable('connection take');
    const skip = (query.skip as number | undefined) ?? 0;
    if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0) throw new NotCompilable('connection skip');
    const backward = take < 0;
    const limit = Math.abs(take);
    const keys = orderKeys(this, row.model, row.alias, query.orderBy);
    const cursorCondition = query.cursor ? ` AND ${cursorSql(this, row.model, row.alias, keys, query.cursor as Record<string, unknown>, backward)}` : '';
    const cursorValue = `translate(encode(convert_to(${literal(`GPC:${tag}:`)} || ${row.alias}.${quote(cursorColumn.column)}::text, 'UTF8'), 'base64'), E'\\n', '')`;

    const connectionFields = this.subfields(connectionType, nodes);
    let nodeJson: string | null = null;
    const edgeParts: string[] = [];
    const connectionPartsSql: string[] = [];
    const n = `${row.alias}.${ROW_NUMBER}`;
    const cursor = `${row.alias}.${ROW_CURSOR}`;
    const kept = `${n} < ${limit}`;
    // Encoded for every row of the page only when the response shows cursors.
    let needsCursor = false;
    const outputOrder = `${n}${backward ? ' DESC' : ''}`;
    const hasNext = args.before != null ? 'TRUE' : args.last != null ? 'FALSE' : `count(*) = ${limit}`;
    const hasPrevious = args.after != null ? 'TRUE' : backward ? `count(*) = ${limit}` : 'FALSE';
    for (const [key, fieldNodes] of connectionFields) {
      const name = fieldNodes[0]!.name.value;
      if (name === '__typename') {
        connectionPartsSql.push(literal(key), `to_json(${literal(connectionType.name)}::text)`);
      } else if (name === 'edges') {
        for (const [edgeKey, edgeNodes] of this.subfields(parts.edge, fieldNodes)) {
          const edgeField = edgeNodes[0]!.name.value;
          if (edgeField === '__typename') edgeParts.push(literal(edgeKey), `to_json(${literal(parts.edge.name)}::text)`);
          else if (edgeField === 'cursor') {
            edgeParts.push(literal(edgeKey), `to_json(${cursor})`);
            needsCursor = true;
          }
          else if (edgeField === 'node') {
            if (nodeJson !== null) throw new NotCompilable('node selected twice');
            nodeJson = await this.objectJson(parts.node, this.subfields(parts.node, edgeNodes), row);
            edgeParts.push(literal(edgeKey), nodeJson);
          } else throw new NotCompilable(`edge field ${edgeField}`);
        }
        this.noScopes(parts.edge);
        connectionPartsSql.push(literal(key), `coalesce(json_agg(${buildObject(edgeParts)} ORDER BY ${outputOrder}) FILTER (WHERE ${kept}), '[]'::json)`);
        edgeParts.length = 0;
      } else if (name === 'pageInfo') {
        const pageInfoType = getNamedType(parts.connection.getFields().pageInfo!.type) as GraphQLObjectType;
        this.noScopes(pageInfoType);
        const infoParts: string[] = [];
        const firstCursor = `(array_agg(${cursor} ORDER BY ${n}${backward ? ' DESC' : ''}) FILTER (WHERE ${kept}))[1]`;
        const lastCursor = `(array_agg(${cursor} ORDER BY ${n}${backward ? '' : ' DESC'}) FILTER (WHERE ${kept}))[1]`;
        for (const [infoKey, infoNodes] of this.subfields(pageInfoType, fieldNodes)) {
          const infoField = infoNodes[0]!.name.value;
          const sql = {
            __typename: `to_json(${literal(pageInfoType.name)}::text)`,
            hasNextPage: `to_json(${hasNext})`,
            hasPreviousPage: `to_json(${hasPrevious})`,
            startCursor: `to_json(${firstCursor})`,
            endCursor: `to_json(${lastCursor})`,
          }[infoField];
          if (!sql) throw new NotCompilable(`pageInfo field ${infoField}`);
          if (infoField === 'startCursor' || infoField === 'endCursor') needsCursor = true;
          infoParts.push(literal(infoKey), sql);
        }
        connectionPartsSql.push(literal(key), buildObject(infoParts));
      } else if (name === 'totalCount' && totalCount && extensionsOf(connectionType.getFields().totalCount!).pothosPrismaTotalCount) {
        connectionPartsSql.push(literal(key), `to_json(${totalCount.sql(this.aliases.take())})`);
      } else {
        throw new NotCompilable(`connection field ${name}`);
      }
    }
    const connectionScope = this.typeScope(connectionType, null);
    if (connectionScope.kind !== 'allow') throw new NotCompilable('connection type scope');
    // numbered before OFFSET drops the cursor's own row: the page's first row is n = 1
    const rows = numberedRows(row.alias, from, `${where}${cursorCondition}`, orderSql(keys, backward), ` LIMIT ${limit} OFFSET ${skip}`, {
      offset: skip,
      extra: needsCursor ? `, ${cursorValue} AS ${ROW_CURSOR}` : '',
    });
    return `(SELECT ${buildObject(connectionPartsSql)} FROM ${rows})`;
  }

  private noScopes(type: GraphQLObjectType): void {
    if (this.typeScope(type, null).kind !== 'allow') throw new NotCompilable(`${type.name} has scopes`);
  }
}

/** A promise from a stand-in call is not waited for: its failure must not surface as unhandled. */
function settled<T>(value: T): T {
  if (isThenable(value)) (value as PromiseLike<unknown>).then(undefined, () => undefined);
  return value;
}

/** The one column a node's id resolver reads and returns as it is (as text). */
function idColumnOf(resolve: (parent: unknown) => unknown): string {
  const { read, value } = probeColumnRead(resolve);
  if (read.length !== 1 || value !== `\u0000${read[0]}`) throw new NotCompilable('id resolver');
  return read[0]!;
}

/**
 * A stand-in row that notes what is read of it. Given to a connection's resolver, it shows the
 * cursor's column, and the cursor made of it must be plugin-prisma's "GPC:<tag>:<value>" form that
 * the statement writes; anything else is not compiled.
 */
function probeRow() {
  const reads: string[] = [];
  const row = new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property === 'symbol' || property === 'then' || property === 'toJSON') return undefined;
        reads.push(property);
        return `\u0000${property}`;
      },
    },
  );
  return {
    row,
    /** The cursor's column; undefined for a page of no rows (`first: 0`), which shows no cursor either. */
    cursorField(connection: unknown): string | undefined {
      const edges = (connection as { edges?: { node: unknown; cursor: unknown }[] } | null)?.edges;
      if (Array.isArray(edges) && edges.length === 0 && reads.length === 0) return undefined;
      if (!Array.isArray(edges) || edges.length !== 1 || edges[0]!.node !== row) throw new NotCompilable('connection reshapes its rows');
      const fields = [...new Set(reads)];
      if (fields.length !== 1) throw new NotCompilable('connection reads its rows');
      const cursor = Buffer.from(String(edges[0]!.cursor), 'base64').toString('utf8');
      if (cursor !== `GPC:S:\u0000${fields[0]}`) throw new NotCompilable('cursor format');
      return fields[0]!;
    },
  };
}

function buildObject(parts: readonly string[]): string {
  if (parts.length === 0) return `'{}'::json`;
  // json_build_object takes at most 100 arguments
  if (parts.length > 100) throw new NotCompilable('more than 50 fields in one object');
  return `json_build_object(${parts.map((part, index) => (index % 2 === 1 ? objectArgument(part) : part)).join(', ')})`;
}

/** The column numbering the rows of numberedRows; no Prisma field maps to a name of this shape. */
const ROW_NUMBER = '"__gea_n"';
/** The cursor of each row of a connection's numberedRows. */
const ROW_CURSOR = '"__gea_cursor"';

/**
 * The rows of one table (`from` names it `alias`, and may join others to it), filtered, ordered
 * and paged, each with its number in that order, under the table's own alias: the JSON of a row is
 * built by the query around them, and so only for the rows it keeps. Built in here, it would also
 * be built for the row a window function reads ahead, and for the row a connection fetches only to
 * know whether another page follows (a whole body's assets, in a page of bodies).
 */
function numberedRows(alias: string, from: string, where: string, order: string, page: string, options: { offset?: number; extra?: string } = {}): string {
  const number = `row_number() OVER (${order ? `ORDER BY ${order}` : ''})${options.offset ? ` - ${options.offset}` : ''}`;
  return `(SELECT ${alias}.*${options.extra ?? ''}, ${number} AS ${ROW_NUMBER} FROM ${from} WHERE ${where}${order ? ` ORDER BY ${order}` : ''}${page}) ${alias}`;
}

/** The JSON list of `object` over numberedRows, in their order. */
const listOf = (object: string, alias: string, rows: string) => `(SELECT coalesce(json_agg(${object} ORDER BY ${alias}.${ROW_NUMBER}), '[]'::json) FROM ${rows})`;
const orderBySql = (keys: readonly OrderKey[]) => (keys.length ? ` ORDER BY ${orderSql(keys)}` : '');

function pageSql(query: Record<string, unknown>): string {
  const { take, skip, cursor } = query;
  if (cursor !== undefined) throw new NotCompilable('cursor on a list');
  if (take !== undefined && (typeof take !== 'number' || take < 0 || !Number.isInteger(take))) throw new NotCompilable('take');
  if (skip !== undefined && (typeof skip !== 'number' || skip < 0 || !Number.isInteger(skip))) throw new NotCompilable('skip');
  return `${take !== undefined ? ` LIMIT ${take}` : ''}${skip ? ` OFFSET ${skip}` : ''}`;
}

function cursorTag(field: SqlModelField): string {
  // @pothos/core's cursor chunk: S: a string, N: a number.
  if (field.kind === 'scalar' && field.type === 'String') return 'S';
  if (field.kind === 'scalar' && field.type === 'Int') return 'N';
  throw new NotCompilable('cursor column type');
}

/** The edge and node types of a relay connection type, or null for any other type. */
function connectionParts(type: GraphQLObjectType): { connection: GraphQLObjectType; edge: GraphQLObjectType; node: GraphQLObjectType } | null {
  const fields = type.getFields();
  if (!fields.edges || !fields.pageInfo) return null;
  const edge = getNamedType(fields.edges.type);
  if (!isObjectType(edge)) return null;
  const node = edge.getFields().node ? getNamedType(edge.getFields().node!.type) : null;
  if (!node || !isObjectType(node)) return null;
  return { connection: type, edge, node };
}

/** A column's value as the JSON the GraphQL type serializes it to; a value it would refuse becomes the fallback marker. */
function scalarJson(expression: string, field: SqlModelField, type: GraphQLOutputType): string {
  const nonNull = isNonNullType(type);
  const inner = getNullableType(type);
  let value: string;
  if (isListType(inner)) {
    const item = getNamedType(inner);
    if (!field.isList || !(isEnumType(item) || ['String', 'ID', 'Int', 'Boolean'].includes(item.name))) throw new NotCompilable('list column');
    value = `to_json(${expression})`;
  } else {
    if (field.isList) throw new NotCompilable('list column as a single value');
    value = scalarValue(expression, field, inner as GraphQLScalarType | GraphQLEnumType);
  }
  return nonNull && !field.isRequired ? `coalesce(${value}, ${FALLBACK})` : value;
}

function scalarValue(expression: string, field: SqlModelField, type: GraphQLScalarType | GraphQLEnumType): string {
  if (isEnumType(type)) {
    if (field.kind !== 'enum' && field.type !== 'String') throw new NotCompilable('enum of a non-text column');
    // The GraphQL values must be the stored ones.
    if (!type.getValues().every((v) => v.value === v.name)) throw new NotCompilable('enum with mapped values');
    return jsonOfPlain(`${expression}::text`);
  }
  const timestamp = field.nativeType === 'Timestamptz' ? `(${expression} AT TIME ZONE 'UTC')` : expression;
  switch (type.name) {
    case 'String':
    case 'ID':
      if (field.type === 'Json') throw new NotCompilable('JSON as a string');
      return jsonOfPlain(`${expression}::text`);
    case 'Int':
      if (field.type !== 'Int') throw new NotCompilable('Int of a non-Int column');
      return jsonOfPlain(expression);
    case 'Float':
      if (field.type !== 'Float' && field.type !== 'Int') throw new NotCompilable('Float column');
      return jsonOfPlain(`${expression}::float8`);
    case 'Boolean':
      if (field.type !== 'Boolean') throw new NotCompilable('Boolean column');
      return jsonOfPlain(expression);
    case 'Date':
      if (field.type !== 'DateTime') throw new NotCompilable('Date column');
      // A date column comes out of json_build_object as YYYY-MM-DD by itself (ISO, as the Date scalar writes it).
      return field.nativeType === 'Date' ? jsonOfPlain(expression, `to_json(to_char(${expression}, 'YYYY-MM-DD'))`) : jsonOfPlain(`to_char(${timestamp}, 'YYYY-MM-DD')`);
    case 'DateTime':
      if (field.type !== 'DateTime') throw new NotCompilable('DateTime column');
      return jsonOfPlain(`to_char(${field.nativeType === 'Date' ? `${expression}::timestamp` : timestamp}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
    case 'Cents':
      if (field.type === 'Int') return jsonOfPlain(expression);
      if (field.type !== 'BigInt') throw new NotCompilable('Cents column');
      // Beyond 2^53 - 1 the Cents scalar refuses the value: the resolvers report it.
      return `CASE WHEN abs(${expression}) > 9007199254740991 THEN ${FALLBACK} ELSE to_json(${expression}) END`;
    case 'JSONObject':
      if (field.type !== 'Json') throw new NotCompilable('JSONObject column');
      return `CASE WHEN ${expression} IS NULL OR jsonb_typeof(${expression}) = 'object' THEN to_json(${expression}) ELSE ${FALLBACK} END`;
    default:
      throw new NotCompilable(`scalar ${type.name}`);
  }
}
