import { CompiledReadCache, NotCompilable, runCompiledRead, serviceUnavailableErrorOf, type GeaContext } from '@gea/core';
import { execute, type ExecutionResult } from 'graphql';
import { isDeepStrictEqual } from 'node:util';
import type { Plugin } from 'graphql-yoga';

export interface CompiledReadsOptions {
  /** Off: every operation runs through the resolvers (GEA_COMPILED_READS=off). */
  enabled: boolean;
  /** Told how each query was answered (tests, diagnostics). */
  observe?: (outcome: CompiledReadOutcome) => void;
  /**
   * Tests: every compiled answer is also computed by the resolvers, and a difference fails the
   * request (and is printed with both answers). This makes every read of the test suite, for every
   * actor it runs as, a check that the two paths agree.
   */
  verify?: boolean | (() => boolean);
}

export type CompiledReadOutcome =
  | { kind: 'compiled'; operationName: string | null }
  | { kind: 'resolvers'; operationName: string | null; reason: string }
  /** The database could not serve the statement in time: answered 503, not retried through the resolvers. */
  | { kind: 'unavailable'; operationName: string | null; reason: string };

/**
 * Answers a query from one SQL statement when the whole operation compiles (see
 * @gea/core's compiled-reads), and otherwise lets it run through the resolvers as before. The data
 * PostgreSQL wrote goes into the response as it is: no object per row is ever built.
 */
export function useCompiledReads(options: CompiledReadsOptions): Plugin<GeaContext> {
  const reported = new Set<string>();
  const cache = new CompiledReadCache();
  const reportOnce = (operationName: string | null, error: unknown, stage: string) => {
    const message = error instanceof Error ? error.message : String(error);
    const key = `${operationName ?? 'anonymous operation'}: ${message.slice(0, 200)}`;
    if (!reported.has(key) && reported.size < 1000) {
      reported.add(key);
      console.error(`compiled read failed while ${stage}, answered through the resolvers (${key})`);
    }
    return message;
  };
  const answeredUnavailable = (error: unknown, operationName: string | null, answer: (result: ExecutionResult) => void) => {
    const unavailable = serviceUnavailableErrorOf(error);
    if (!unavailable) return false;
    options.observe?.({ kind: 'unavailable', operationName, reason: unavailable.message });
    answer({ data: null, errors: [unavailable] });
    return true;
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (!options.enabled) return;
      const context = args.contextValue as GeaContext;
      const operationName = args.operationName ?? null;
      let compiled;
      try {
        compiled = await cache.compile({
          schema: args.schema,
          document: args.document,
          operationName,
          variableValues: args.variableValues as Record<string, unknown> | undefined,
          context,
        });
      } catch (error) {
        if (answeredUnavailable(error, operationName, setResultAndStopExecution)) return;
        // Anything else the compiler hits (a schema function that fails on a stand-in row) is its
        // limit too: the resolvers answer, and the log says where to look.
        if (!(error instanceof NotCompilable)) reportOnce(operationName, error, 'compiling');
        options.observe?.({ kind: 'resolvers', operationName, reason: error instanceof Error ? error.message : String(error) });
        return;
      }
      let data: string | null;
      try {
        data = await runCompiledRead(context, compiled);
      } catch (error) {
        // The database could not serve it in time (a full pool, a statement or request over its
        // limit, a client gone): the resolvers would only wait again, on a database already short of
        // time, for an answer nobody may read. The request gets the 503 the resolvers would give.
        if (answeredUnavailable(error, operationName, setResultAndStopExecution)) return;
        // A statement the compiler got wrong must not cost the answer: the resolvers give it, and
        // the log says which operation to look at (once per operation and message).
        const message = reportOnce(operationName, error, 'running');
        if (process.env.GEA_COMPILED_READS_DEBUG) console.error(compiled.sql, compiled.params);
        options.observe?.({ kind: 'resolvers', operationName, reason: `statement failed: ${message}` });
        return;
      }
      if (data === null) {
        options.observe?.({ kind: 'resolvers', operationName, reason: 'a scope refuses a row' });
        return;
      }
      if (typeof options.verify === 'function' ? options.verify() : options.verify) {
        const expected = (await execute({ ...args, contextValue: Object.create(context) })) as ExecutionResult;
        const actual = JSON.parse(data) as unknown;
        // The resolvers' data as JSON would carry it (Dates as strings, no undefined).
        const expectedData = JSON.parse(JSON.stringify(expected.data ?? null)) as unknown;
        if (expected.errors?.length || !isDeepStrictEqual(actual, expectedData)) {
          console.error(
            'compiled read differs from the resolvers:\n',
            JSON.stringify({ operation: args.document.loc?.source.body, variables: args.variableValues, compiled: actual, resolvers: expected }, null, 1),
          );
          throw new Error(`compiled read differs from the resolvers (${operationName ?? 'anonymous operation'})`);
        }
      }
      options.observe?.({ kind: 'compiled', operationName });
      setResultAndStopExecution(rawResult(data));
    },
  };
}

/**
 * A result whose JSON is PostgreSQL's text. `data` is parsed only if some later step reads it; then,
 * or when errors or extensions were added, the result is serialized the ordinary way.
 */
function rawResult(raw: string): ExecutionResult {
  let parsed: Record<string, unknown> | undefined;
  const result = {
    get data() {
      parsed ??= JSON.parse(raw) as Record<string, unknown>;
      return parsed;
    },
    // The same object, untouched (Yoga passes it as it is when it holds no errors or extensions).
    stringify: (value: ExecutionResult) => (value === (result as unknown) && parsed === undefined ? `{"data":${raw}}` : JSON.stringify(value)),
  };
  return result as unknown as ExecutionResult;
}
