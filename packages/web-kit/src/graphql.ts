// Typed GraphQL documents. graphql-env.d.ts is generated from apps/api/schema.graphql
// (`npm run schema:print` regenerates both); a document that no longer matches the schema fails
// `npm test` (tsc in the typecheck task, tests/static/web-client-documents.test.ts).
import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env';

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: {
    /** `YYYY-MM-DD`, a calendar day with no time zone. */
    Date: string;
    /** ISO 8601 instant in UTC. */
    DateTime: string;
    /** Euro cents, a JSON number within ±(2^53 - 1): exact as a JavaScript number. */
    Cents: number;
    /** A JSON object (a CMS page's fields): its shape is the field's to describe. */
    JSONObject: Record<string, unknown>;
  };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
