import { connectionPageSize } from '@gea/core';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import {
  getNamedType,
  getOperationAST,
  getVariableValues,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type ValidationContext,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Plugin } from 'graphql-yoga';
import { callerKindOf, type CallerKind, type Callers } from './use-caller.ts';
import { refusal } from './refusals.ts';

/**
 * Bounds on one GraphQL request, checked while it is parsed and validated: before any resolver or
 * SQL statement runs. Defaults fit every document of the web client with room to spare (a test
 * checks each against the limits of the role that sends it); env variables in start.ts.
 */
export interface QueryLimits {
  /** Characters of the query text (a huge string literal or comment is one token). */
  maxLength: number;
  /** Lexical tokens of the query text (GraphQL Armor max-tokens). */
  maxTokens: number;
  /** Nesting of fields, fragments flattened, introspection's __schema not counted (Armor max-depth). */
  maxDepth: number;
  /** Aliased fields in an operation, fragments included (Armor max-aliases). */
  maxAliases: number;
  /** Directives in an operation, fragments included (Armor max-directives). */
  maxDirectives: number;
  /** Estimated cost (see queryCost) allowed per kind of caller. */
  maxCost: Record<CallerKind, number>;
  /** Size assumed for a list without `first`/`last` (bodies' sites, an asset's history, ...). */
  listSize: number;
  /** Page size of a connection asked without `first`/`last` (Pothos' default) and the largest it serves. */
  defaultPageSize: number;
  maxPageSize: number;
}

export const defaultQueryLimits: QueryLimits = {
  maxLength: 20_000,
  maxTokens: 1_000,
  maxDepth: 10,
  maxAliases: 20,
  maxDirectives: 10,
  maxCost: { anonymous: 200, member: 10_000, staff: 100_000 },
  listSize: 5,
  defaultPageSize: connectionPageSize.default,
  // Also what the schema's connections serve: a larger first/last is refused (PAGE_TOO_LARGE).
  maxPageSize: connectionPageSize.max,
};

const isConnectionType = (type: unknown) => isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();

/**
 * The cost estimator: about the number of values the response would hold. Each field costs 1 (or
 * `extensions: { cost: n }` declared on the field by its plugin, for work beyond a row read, such as
 * a CSV export), plus its selection times how many objects it returns: a connection's page
 * (`first`/`last`, capped at the largest page served), the ids given to `nodes(ids:)`, or
 * `listSize` for other lists. A connection's `edges` are its page, already counted.
 */
export function costEstimator(limits: Pick<QueryLimits, 'listSize' | 'defaultPageSize' | 'maxPageSize'>): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const declared = (field as GraphQLField<unknown, unknown>).extensions?.cost;
    const own = typeof declared === 'number' ? declared : 1;
    const returned = getNullableType(field.type);
    let count = 1;
    if (isConnectionType(getNamedType(returned))) {
      const asked = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : limits.defaultPageSize;
      count = Math.max(0, Math.min(asked, limits.maxPageSize));
    } else if (isListType(returned)) {
      if (isConnectionType(type) && field.name === 'edges') count = 1;
      else if (Array.isArray(args.ids)) count = args.ids.length;
      else count = limits.listSize;
    }
    return own + count * childComplexity;
  };
}

/**
 * The cost of one operation of a (valid) document; Infinity when it is too big to even count; null
 * when its variables do not fit the operation (execution refuses those before any resolver runs).
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  limits: QueryLimits = defaultQueryLimits,
): number | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 }).errors) return null;
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [costEstimator(limits)],
      // A fragment bomb would be expanded node by node: stop counting early, it is too costly anyway.
      maxQueryNodes: 20_000,
    });
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * The largest `first`/`last` a (valid) document asks of any connection, fragments and variables
 * resolved; 0 when none. The connections serve at most maxPageSize: a page asked larger is refused
 * rather than cut short, so that a client never takes a capped page for the whole list.
 */
export function largestPageAsked(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number {
  let largest = 0;
  try {
    getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [
        ({ field, args }) => {
          if (isConnectionType(getNamedType(field.type))) {
            for (const asked of [args.first, args.last]) if (typeof asked === 'number' && asked > largest) largest = asked;
          }
          return 0;
        },
      ],
      maxQueryNodes: 20_000,
    });
  } catch {
    // too big to walk: the cost check has refused it already
  }
  return largest;
}

const foundIn = (error: GraphQLError) => Number(/found (\d+)/.exec(error.message)?.[1] ?? Number.NaN);

/**
 * Query limits: text length and tokens while parsing; depth, aliases and directives (GraphQL Armor)
 * during validation, each refusal thrown at once so validation stops there; then, for a valid
 * document, the cost against the ceiling of the caller's kind. Every refusal has its code and HTTP 400.
 */
export function useQueryLimits(callers: Callers, limits: QueryLimits = defaultQueryLimits): Plugin[] {
  const armor = new EnvelopArmor({
    blockFieldSuggestion: { enabled: false }, // by caller: use-introspection-policy.ts
    costLimit: { enabled: false }, // by caller and page size: below
    maxTokens: {
      n: limits.maxTokens,
      onReject: [
        () => {
          throw refusal('TOO_MANY_TOKENS', { limit: limits.maxTokens });
        },
      ],
    },
    maxDepth: {
      n: limits.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true, // introspection has its own depth rule (graphql-js MaxIntrospectionDepthRule)
      onReject: [
        (_context: ValidationContext | null, error: GraphQLError) => {
          throw refusal('QUERY_TOO_DEEP', { limit: limits.maxDepth, found: foundIn(error) });
        },
      ],
    },
    maxAliases: {
      n: limits.maxAliases,
      onReject: [
        (_context: ValidationContext | null, error: GraphQLError) => {
          throw refusal('TOO_MANY_ALIASES', { limit: limits.maxAliases, found: foundIn(error) });
        },
      ],
    },
    maxDirectives: {
      n: limits.maxDirectives,
      onReject: [
        (_context: ValidationContext | null, error: GraphQLError) => {
          throw refusal('TOO_MANY_DIRECTIVES', { limit: limits.maxDirectives, found: foundIn(error) });
        },
      ],
    },
  });
  // A document's cost and largest page depend on it, its variables and the operation, not on the
  // caller: kept per document (the parse cache's object) for the variables it was last sent with.
  const measures = new WeakMap<DocumentNode, Map<string, { cost: number | null; page: number }>>();
  const measured = (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined) => {
    let byVariables = measures.get(document);
    if (!byVariables) measures.set(document, (byVariables = new Map()));
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
    let found = byVariables.get(key);
    if (!found) {
      const cost = queryCost(schema, document, variables, operationName, limits);
      found = { cost, page: cost === null ? 0 : largestPageAsked(schema, document, variables, operationName) };
      if (byVariables.size >= 50) byVariables.clear();
      byVariables.set(key, found);
    }
    return found;
  };
  const lengthAndCost: Plugin = {
    // Yoga refuses an array of operations (batching is off) with a message only; give it a code.
    onResultProcess({ result, setResult }) {
      if (!Array.isArray(result) && !(Symbol.asyncIterator in result) && result.errors?.some((error) => error.message === 'Batching is not supported.')) {
        setResult({ errors: [refusal('BATCHING_NOT_ALLOWED')] });
      }
    },
    onParse({ params }) {
      const length = params.source.toString().length;
      if (length > limits.maxLength) throw refusal('QUERY_TOO_LONG', { limit: limits.maxLength, found: length });
    },
    onValidate({ context, params }) {
      const { request, params: request_params } = context as unknown as {
        request: Request;
        params: { variables?: Record<string, unknown>; operationName?: string };
      };
      return ({ valid, result, setResult }) => {
        if (!valid) {
          // graphql-js' own introspection depth rule, with a code like the others.
          const tooDeep = result.find((error) => error.message === 'Maximum introspection depth exceeded');
          if (tooDeep) setResult([refusal('INTROSPECTION_TOO_DEEP')]);
          return;
        }
        const kind = callerKindOf(callers.settledActorOf(request));
        const { cost, page } = measured(params.schema, params.documentAST, request_params?.variables, request_params?.operationName);
        const limit = limits.maxCost[kind];
        if (cost !== null && cost > limit) return setResult([refusal('QUERY_TOO_COSTLY', { limit, found: Number.isFinite(cost) ? cost : undefined })]);
        if (cost === null) return;
        if (page > limits.maxPageSize) setResult([refusal('PAGE_TOO_LARGE', { limit: limits.maxPageSize, found: page })]);
      };
    },
  };
  return [lengthAndCost, ...(armor.protect().plugins as Plugin[])];
}
