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

const requests = new WeakMap<object, Splice[]>();

/** Called by the response writer before execution: this request's responses honour splices. */
export function enableSplices(context: object): void {
  requests.set(context, []);
}

/** The splices a request's resolvers made (none when not enabled). */
export function splicesOf(context: object): readonly Splice[] {
  return requests.get(context) ?? [];
}

/**
 * Registers `json` as the value of the field being resolved and returns the placeholder to give the
 * executor (an empty list for a list field), or null when this response cannot be spliced: a
 * mutation or subscription, or a server that writes responses the ordinary way.
 */
export function spliceJson<T>(context: GeaContext, info: GraphQLResolveInfo, json: string, placeholder: T): T | null {
  const list = requests.get(context);
  if (!list || info.operation.operation !== 'query') return null;
  const path: (string | number)[] = [];
  for (let step: GraphQLResolveInfo['path'] | undefined = info.path; step; step = step.prev) path.unshift(step.key);
  list.push({ path, json, placeholder });
  return placeholder;
}
