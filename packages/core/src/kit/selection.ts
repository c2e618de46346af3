import { Kind, type GraphQLResolveInfo } from 'graphql';

/**
 * True when the field being resolved asks its object for nothing but the given fields (no fragment,
 * no directive): a resolver may then answer with just those, e.g. a body's `{ id }` for
 * `entity { id }` instead of loading thousands of whole rows.
 */
export function selectsOnly(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every(
      (selection) => selection.kind === Kind.FIELD && !selection.directives?.length && fields.includes(selection.name.value),
    ),
  );
}
