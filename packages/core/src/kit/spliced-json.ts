import type { GraphQLResolveInfo } from 'graphql';
import type { GeaContext } from '../context.ts';

/**
 * A field's value written by its resolver as JSON text, for the response writer to put in place of
 * what the executor completed: a list of thousands of computed lines then costs no executor pass
 * per field per line (an info object, an args object and a path each: ~45 MB of garbage for 7,900
 * cost-allocation lines). Only where the API server writes responses this way (use-spliced-json.ts
 * enables it per request, for queries); elsewhere `spliceJson` answers null and the resolver returns
 * its value as usual.
 */
export interface Splice {
  /** The response path of the field (aliases, list indexes). */
  readonly path: readonly (string | number)[];
  readonly json: string;
  /** What the resolver returned to the executor instead (the writer checks it is still there). */
  readonly placeholder: unknown;
}

// Per request context: the splices of its one execution, or null once a second execution shares
// the context (a batch): then no resolver splices, since a path could name either operation's field.
const requests = new WeakMap<object, Splice[] | null>();

/**
 * Called by the response writer before an execution: its resolvers may splice. Returns the list
 * they will fill (the writer keeps it for that execution's result), or null when another
 * execution already shares the context, which turns splicing off for both from then on.
 */
export function enableSplices(context: object): Splice[] | null {
  if (requests.has(context)) {
    requests.set(context, null);
    return null;
  }
  const list: Splice[] = [];
  requests.set(context, list);
  return list;
}

/**
 * Where this response can be spliced (a query, on a server that writes responses this way), calls
 * `write` and, unless it answers null, registers its text as the value of the field being resolved
 * and returns the placeholder to give the executor (an empty list for a list field). Otherwise
 * null, without calling `write`: the resolver returns its value as usual.
 */
export function spliceJson<T>(context: GeaContext, info: GraphQLResolveInfo, write: () => string | null, placeholder: T): T | null {
  const list = requests.get(context);
  if (!list || info.operation.operation !== 'query') return null;
  const json = write();
  if (json === null) return null;
  const path: (string | number)[] = [];
  for (let step: GraphQLResolveInfo['path'] | undefined = info.path; step; step = step.prev) path.unshift(step.key);
  list.push({ path, json, placeholder });
  return placeholder;
}
