import { enableSplices, type Splice } from '@gea/core';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql';

/**
 * Writes the values resolvers gave as JSON text (spliceJson in the core) into the response, in place
 * of the placeholder the executor completed. A splice whose place the response no longer holds (its
 * parent nulled by an error) is dropped with it.
 */
export function useSplicedJson(): Plugin {
  return {
    onExecute({ args }) {
      const splices = enableSplices(args.contextValue as object);
      if (!splices) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (splices.length === 0 || isAsyncIterable(result)) return;
          setResult(withSplices(result, splices));
        },
      };
    },
  };
}

function withSplices(result: ExecutionResult, splices: readonly Splice[]): ExecutionResult {
  const stringify = (value: ExecutionResult) => {
    // A marker no value can hold (a fresh random id inside control characters), replaced after
    // JSON.stringify by the spliced text; the data is put back as it was.
    const restore: (() => void)[] = [];
    const texts = new Map<string, string>();
    for (const splice of splices) {
      let parent: unknown = value.data;
      for (const key of splice.path.slice(0, -1)) parent = parent === null || typeof parent !== 'object' ? undefined : (parent as Record<string | number, unknown>)[key];
      const key = splice.path[splice.path.length - 1]!;
      if (parent === null || typeof parent !== 'object') continue;
      const holder = parent as Record<string | number, unknown>;
      const completed = holder[key];
      if (!samePlaceholder(completed, splice.placeholder)) continue;
      const marker = `\u0000splice:${randomUUID()}\u0000`;
      texts.set(JSON.stringify(marker), splice.json);
      holder[key] = marker;
      restore.push(() => {
        holder[key] = completed;
      });
    }
    try {
      let text = JSON.stringify(value);
      for (const [quoted, json] of texts) text = text.replace(quoted, () => json);
      return text;
    } finally {
      for (const undo of restore) undo();
    }
  };
  return Object.assign({}, result, { stringify }) as ExecutionResult;
}

// The executor completes a placeholder list into a new, equal list.
const samePlaceholder = (completed: unknown, placeholder: unknown) =>
  completed === placeholder || (Array.isArray(completed) && Array.isArray(placeholder) && completed.length === 0 && placeholder.length === 0);
