import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Remembers that a document passed validation, per schema and per set of rules, so that the same
 * document sent again is not walked by every rule on every request (a third of the fixed cost of a
 * small compiled read).
 *
 * Yoga's own validation cache stays off: it runs after every other plugin and would keep their
 * caller-dependent verdicts (the cost ceiling, introspection) with the result. Here only graphql-js'
 * own verdict is kept, taken from the validation function itself, and only when it found nothing:
 * the checks that depend on the caller run after validation on every request as before, and the
 * rules added per caller (introspection) are part of the key. Must come after the plugins that add
 * validation rules, so that it sees them all.
 */
export function useValidationCache({ maxDocuments = 1_000 }: { maxDocuments?: number } = {}): Plugin {
  // GraphQL Armor adds a new closure of the same rule on every request, configured once per server:
  // a rule is known by its source text, so that the same checks give the same key.
  const ruleIds = new WeakMap<ValidationRule, number>();
  const sourceIds = new Map<string, number>();
  const keyOf = (rules: readonly ValidationRule[] | undefined) =>
    (rules ?? [])
      .map((rule) => {
        let id = ruleIds.get(rule);
        if (id === undefined) {
          const source = rule.toString();
          id = sourceIds.get(source);
          if (id === undefined) sourceIds.set(source, (id = sourceIds.size));
          ruleIds.set(rule, id);
        }
        return id;
      })
      .join(',');
  // Documents are the parse cache's own objects: the same text gives the same object while it is kept.
  const passed = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Set<string>>>();
  let documents = 0;
  return {
    onValidate({ params, setResult, setValidationFn, validateFn }) {
      const { schema, documentAST, rules } = params;
      const key = keyOf(rules);
      if (passed.get(schema)?.get(documentAST)?.has(key)) {
        setResult([]);
        return;
      }
      setValidationFn((...args: Parameters<typeof validateFn>) => {
        const errors = validateFn(...args);
        if (errors.length === 0) {
          let bySchema = passed.get(schema);
          if (!bySchema) passed.set(schema, (bySchema = new WeakMap()));
          let keys = bySchema.get(documentAST);
          if (!keys) {
            // A bound on what is held: past it, everything is forgotten at once and learnt again.
            if (++documents > maxDocuments) {
              passed.delete(schema);
              documents = 1;
              passed.set(schema, (bySchema = new WeakMap()));
            }
            bySchema.set(documentAST, (keys = new Set()));
          }
          keys.add(key);
        }
        return errors;
      });
    },
  };
}
