// The fields a selection asks of an object type, merged by response key, as graphql-js collects
// them (fragments by type condition, @skip/@include). graphql-js keeps its own collector internal
// (only a deep import, which would load a second copy of graphql beside the ESM one).
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  Kind,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';
import { NotCompilable } from './sql.ts';

export function collectFields(
  schema: GraphQLSchema,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  reservedKey: string,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const included = (node: FieldNode | InlineFragmentNode | { directives?: FieldNode['directives'] }) => {
    if (node.directives?.some((d) => d.name.value === 'defer' || d.name.value === 'stream')) throw new NotCompilable('@defer/@stream');
    const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, variables);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, variables);
    return include?.if !== false;
  };
  const matches = (condition: FragmentDefinitionNode['typeCondition'] | undefined) => {
    if (!condition) return true;
    const conditionType = typeFromAST(schema, condition);
    if (conditionType === type) return true;
    return conditionType !== undefined && isAbstractType(conditionType) && schema.isSubType(conditionType, type);
  };
  const walk = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (key === reservedKey) throw new NotCompilable('reserved alias');
        const list = fields.get(key);
        if (list) list.push(selection);
        else fields.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (matches(selection.typeCondition)) walk(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = fragments[name];
        if (fragment && matches(fragment.typeCondition)) walk(fragment.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) walk(selectionSet);
  return fields;
}
