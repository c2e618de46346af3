import { GraphQLError, NoSchemaIntrospectionCustomRule, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { callerKindOf, type Callers } from './use-caller.ts';
import { refusal } from './refusals.ts';

/** Who may read the schema through introspection: everybody, signed-in ICT staff only, or nobody. */
export type IntrospectionPolicy = 'on' | 'staff' | 'off';

/** graphql-js' rule refusing __schema and __type, with our code and message. */
const noIntrospection: ValidationRule = (context) =>
  NoSchemaIntrospectionCustomRule(
    Object.create(context, {
      reportError: { value: (error: GraphQLError) => context.reportError(withNodes(error)) },
    }) as ValidationContext,
  );

function withNodes(error: GraphQLError): GraphQLError {
  const refused = refusal('INTROSPECTION_DISABLED');
  return new GraphQLError(refused.message, { nodes: error.nodes, extensions: refused.extensions });
}

/**
 * Introspection and field suggestions by caller. A caller who may not introspect gets no
 * "Did you mean ...?" either: suggestions reveal the schema one field at a time (GraphQL Armor's
 * block-field-suggestions does the same, for everybody).
 */
export function useIntrospectionPolicy(callers: Callers, policy: IntrospectionPolicy): Plugin {
  const mayIntrospect = (request: Request) =>
    policy === 'on' || (policy === 'staff' && callerKindOf(callers.settledActorOf(request)) === 'staff');
  return {
    onValidate({ context, addValidationRule }) {
      const { request } = context as unknown as { request: Request };
      if (mayIntrospect(request)) return;
      addValidationRule(noIntrospection);
      return ({ valid, result, setResult }) => {
        if (valid) return;
        setResult(
          result.map((error) =>
            /Did you mean /.test(error.message)
              ? new GraphQLError(error.message.replace(/ ?Did you mean .+\?/g, '').trim(), { nodes: error.nodes, extensions: error.extensions })
              : error,
          ),
        );
      };
    },
  };
}
