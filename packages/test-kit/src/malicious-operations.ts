// Operations an attacker (or a careless client) sends to take the API down or map its schema. Each
// must be refused before any resolver or SQL statement runs, with its stable code and HTTP 400.
// Replayed by tests/integration/query-limits.test.ts and by the load bench: plain data, no imports,
// no side effects. Sizes assume the default limits (apps/api use-query-limits.ts, defaultQueryLimits).

/** Who sends it: nobody signed in, a referent of one body, an API token, or ICT staff (the largest ceiling). */
export type MaliciousCaller = 'anonymous' | 'member' | 'token' | 'staff';

export interface MaliciousOperation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  caller: MaliciousCaller;
  /** `extensions.code` of the (first) error. */
  expectedCode: string;
  /** Sent as a JSON array of this many copies of the operation (batching). */
  batch?: number;
}

const repeat = (count: number, make: (i: number) => string, separator = ' ') => Array.from({ length: count }, (_, i) => make(i)).join(separator);

/** entities > assets > entity > assets ... with `first` on every page: the referent's query that stopped PGlite. */
function entityAssetChain(levels: number, first: number): string {
  let inner = 'id';
  for (let level = levels; level > 0; level--) {
    inner = level % 2 === 1 ? `assets(first: ${first}) { edges { node { ${inner} } } }` : `entity { ${inner} }`;
  }
  return `{ entities(first: ${first}) { edges { node { ${inner} } } } }`;
}

/** Nested connections of `first` each, `levels` deep, staying within the depth limit. */
function nestedPages(first: number): string {
  return `{ entities(first: ${first}) { edges { node { assets(first: ${first}) { edges { node { id inventoryTag status } } } } } } }`;
}

function typeRefDepth(levels: number): string {
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = `ofType { ${inner} }`;
  return inner;
}

/** A fragment bomb: each fragment spreads the previous one twice, so `levels` fragments expand to 2^levels fields. */
function fragmentBomb(levels: number, withAliases: boolean): string {
  const fragments = [`fragment F0 on Query { ${withAliases ? 'a: __typename b: __typename' : '__typename'} }`];
  for (let i = 1; i <= levels; i++) {
    fragments.push(withAliases ? `fragment F${i} on Query { x${i}: installedPlugins { key } ...F${i - 1} ...F${i - 1} }` : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  }
  return `query Bomb { ...F${levels} } ${fragments.join(' ')}`;
}

export const maliciousOperations: readonly MaliciousOperation[] = [
  // Depth
  { name: 'depth-20 entities > assets > entity chain (finding 1)', query: entityAssetChain(20, 100), caller: 'member', expectedCode: 'QUERY_TOO_DEEP' },
  { name: 'depth-20 chain as ICT staff', query: entityAssetChain(20, 100), caller: 'staff', expectedCode: 'QUERY_TOO_DEEP' },
  { name: 'depth-20 chain as an API token', query: entityAssetChain(20, 100), caller: 'token', expectedCode: 'QUERY_TOO_DEEP' },
  { name: 'depth-20 chain anonymous', query: entityAssetChain(20, 100), caller: 'anonymous', expectedCode: 'QUERY_TOO_DEEP' },
  { name: 'depth-6 chain without first', query: entityAssetChain(6, 20).replace(/\(first: 20\)/g, ''), caller: 'member', expectedCode: 'QUERY_TOO_DEEP' },
  { name: 'depth through nested fragments', query: `query { ...A } fragment A on Query { entities(first: 1) { edges { node { ...B } } } } fragment B on Entity { assets(first: 1) { edges { node { ...C } } } } fragment C on Asset { entity { ...D } } fragment D on Entity { assets(first: 1) { edges { node { entity { name } } } } }`, caller: 'member', expectedCode: 'QUERY_TOO_DEEP' },
  { name: 'depth through inline fragments', query: `{ entities(first: 1) { edges { node { ... on Entity { assets(first: 1) { edges { node { ... on Asset { entity { ... on Entity { assets(first: 1) { edges { node { entity { assets(first: 1) { edges { node { id } } } } } } } } } } } } } } } } } }`, caller: 'staff', expectedCode: 'QUERY_TOO_DEEP' },
  { name: 'deep node(id:) chain', query: `{ node(id: "x") { ... on Asset { entity { assets(first: 5) { edges { node { entity { assets(first: 5) { edges { node { entity { name } } } } } } } } } } } }`, caller: 'member', expectedCode: 'QUERY_TOO_DEEP' },
  { name: 'deep chain through a contract', query: `{ contracts(first: 1) { edges { node { assets { entity { assets(first: 1) { edges { node { entity { assets(first: 1) { edges { node { id } } } } } } } } } } } } }`, caller: 'member', expectedCode: 'QUERY_TOO_DEEP' },

  // Aliases
  { name: '101 aliases of assetsCsv (finding 1)', query: `{ ${repeat(101, (i) => `a${i}: assetsCsv`)} }`, caller: 'member', expectedCode: 'TOO_MANY_ALIASES' },
  { name: '101 aliases of assetsCsv as ICT staff', query: `{ ${repeat(101, (i) => `a${i}: assetsCsv`)} }`, caller: 'staff', expectedCode: 'TOO_MANY_ALIASES' },
  { name: '101 aliases of assetsCsv as an API token', query: `{ ${repeat(101, (i) => `a${i}: assetsCsv`)} }`, caller: 'token', expectedCode: 'TOO_MANY_ALIASES' },
  { name: '30 aliases of a full entities page', query: `{ ${repeat(30, (i) => `e${i}: entities(first: 100) { edges { node { name } } }`)} }`, caller: 'member', expectedCode: 'TOO_MANY_ALIASES' },
  { name: '50 aliases of login (password guessing in one request)', query: `mutation { ${repeat(50, (i) => `l${i}: login(email: "admin@gea.local", password: "guess${i}") { token }`)} }`, caller: 'anonymous', expectedCode: 'TOO_MANY_ALIASES' },
  { name: 'aliases hidden in fragments', query: `query { ...A ...B } fragment A on Query { ${repeat(12, (i) => `a${i}: installedPlugins { key }`)} } fragment B on Query { ${repeat(12, (i) => `b${i}: installedPlugins { key }`)} }`, caller: 'member', expectedCode: 'TOO_MANY_ALIASES' },
  { name: 'aliases of __typename are counted past the allowed ones', query: `{ ${repeat(25, (i) => `t${i}: authMethods { __typename }`)} }`, caller: 'anonymous', expectedCode: 'TOO_MANY_ALIASES' },
  { name: 'aliased nested assets per body', query: `{ entities(first: 5) { edges { node { ${repeat(25, (i) => `a${i}: assets(first: 100) { edges { node { id } } }`)} } } } }`, caller: 'staff', expectedCode: 'TOO_MANY_ALIASES' },

  // Cost via first and nested lists
  { name: 'two nested pages of 100 (10,000 assets)', query: nestedPages(100), caller: 'member', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'two nested pages of 100 with every column as ICT staff', query: nestedPages(100).replace('id inventoryTag status', 'id inventoryTag serialNumber manufacturer model status kind floor assignedTo supplier warrantyEnd purchaseDate'), caller: 'staff', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'three nesting levels of 100 (finding 1)', query: `{ entities(first: 100) { edges { node { assets(first: 100) { edges { node { statusHistory { status effectiveOn } software { id } } } } } } } }`, caller: 'staff', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'first: 1000000 on a nested page', query: `{ entities(first: 1000000) { edges { node { assets(first: 1000000) { edges { node { id kind } } } } } } }`, caller: 'member', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'page size through a variable', query: `query ($n: Int) { entities(first: $n) { edges { node { assets(first: $n) { edges { node { id inventoryTag serialNumber } } } } } } }`, variables: { n: 100 }, caller: 'token', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'one page of 1001 (more than a page holds)', query: `{ assets(first: 1001) { edges { node { id } } } }`, caller: 'member', expectedCode: 'PAGE_TOO_LARGE' },
  { name: 'last: 1001 through a variable', query: `query ($n: Int) { entities(last: $n) { edges { node { id } } } }`, variables: { n: 1001 }, caller: 'staff', expectedCode: 'PAGE_TOO_LARGE' },
  { name: 'last instead of first', query: `{ entities(last: 100) { edges { node { assets(last: 100) { edges { node { id } } } } } } }`, caller: 'member', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'two CSV exports in one request', query: `{ a: assetsCsv b: assetsCsv }`, caller: 'member', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'twelve CSV exports as ICT staff', query: `{ ${repeat(12, (i) => `c${i}: assetsCsv`)} }`, caller: 'staff', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'anonymous asks for a page of bodies', query: `{ entities(first: 100) { edges { node { name istatCode } } } }`, caller: 'anonymous', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'nodes(ids:) with 20,000 ids', query: `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: Array.from({ length: 20_000 }, (_, i) => `id${i}`) }, caller: 'member', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'unpaged lists nested three times', query: `{ entities(first: 100) { edges { node { sites { id name } contracts { id assets { id statusHistory { status } } } } } } }`, caller: 'member', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'many sibling pages without aliases conflict', query: `{ entities(first: 100) { edges { node { assets(first: 100) { edges { node { id } } } } } } users(first: 100) { edges { node { id email } } } }`, caller: 'token', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'audit trail pages nested in bodies', query: `{ auditEvents(first: 100) { edges { node { id } } } entities(first: 100) { edges { node { assets(first: 100) { edges { node { id inventoryTag serialNumber manufacturer model status kind floor assignedTo supplier warrantyEnd purchaseDate } } } } } } }`, caller: 'staff', expectedCode: 'QUERY_TOO_COSTLY' },

  // Field duplication, tokens, length
  { name: '300 duplicated fields (no aliases)', query: `{ ${repeat(300, () => 'authMethods { password }')} }`, caller: 'anonymous', expectedCode: 'TOO_MANY_TOKENS' },
  { name: 'duplicated __typename flood', query: `{ ${repeat(1200, () => '__typename')} }`, caller: 'anonymous', expectedCode: 'TOO_MANY_TOKENS' },
  { name: 'duplicated CSV export without aliases', query: `{ ${repeat(1100, () => 'assetsCsv')} }`, caller: 'staff', expectedCode: 'TOO_MANY_TOKENS' },
  { name: 'huge token count of punctuation', query: `query (${repeat(400, (i) => `$v${i}: Int`, ', ')}) { __typename }`, caller: 'anonymous', expectedCode: 'TOO_MANY_TOKENS' },
  { name: 'one-megabyte string literal', query: `{ assets(filter: { search: "${'a'.repeat(1_000_000)}" }) { totalCount } }`, caller: 'member', expectedCode: 'QUERY_TOO_LONG' },
  { name: 'one-megabyte comment', query: `{ __typename # ${'x'.repeat(1_000_000)}\n}`, caller: 'anonymous', expectedCode: 'QUERY_TOO_LONG' },
  { name: 'long whitespace padding', query: `{${' '.repeat(100_000)}__typename }`, caller: 'anonymous', expectedCode: 'QUERY_TOO_LONG' },
  { name: 'many operations in one document', query: repeat(300, (i) => `query Q${i} { __typename }`), caller: 'member', expectedCode: 'TOO_MANY_TOKENS' },

  // Directives
  { name: 'directive flood on one field', query: `{ __typename ${repeat(50, () => '@include(if: true)')} }`, caller: 'anonymous', expectedCode: 'TOO_MANY_DIRECTIVES' },
  { name: 'directives spread over fields', query: `{ ${repeat(20, () => '__typename @skip(if: false)')} }`, caller: 'member', expectedCode: 'TOO_MANY_DIRECTIVES' },
  { name: 'unknown directives flood', query: `{ __typename ${repeat(40, (i) => `@d${i}`)} }`, caller: 'anonymous', expectedCode: 'TOO_MANY_DIRECTIVES' },
  { name: 'directives in fragments', query: `query { ...A } fragment A on Query { __typename ${repeat(30, () => '@include(if: true)')} }`, caller: 'member', expectedCode: 'TOO_MANY_DIRECTIVES' },

  // Fragments
  { name: 'fragment cycle', query: `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`, caller: 'anonymous', expectedCode: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'fragment spreading itself', query: `query { ...A } fragment A on Query { __typename ...A }`, caller: 'member', expectedCode: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'fragment bomb (2^30 fields)', query: fragmentBomb(30, false), caller: 'member', expectedCode: 'QUERY_TOO_COSTLY' },
  { name: 'fragment bomb with aliases', query: fragmentBomb(20, true), caller: 'staff', expectedCode: 'TOO_MANY_ALIASES' },
  { name: 'fragment bomb of nested pages', query: `query { ...F3 } fragment F0 on Query { entities(first: 100) { edges { node { assets(first: 100) { edges { node { id } } } } } } } fragment F1 on Query { ...F0 ...F0 } fragment F2 on Query { ...F1 ...F1 } fragment F3 on Query { ...F2 ...F2 }`, caller: 'staff', expectedCode: 'QUERY_TOO_COSTLY' },

  // Introspection abuse and schema probing
  { name: 'introspection by an anonymous caller', query: `{ __schema { types { name } } }`, caller: 'anonymous', expectedCode: 'INTROSPECTION_DISABLED' },
  { name: 'introspection by a referent', query: `{ __schema { queryType { name } } }`, caller: 'member', expectedCode: 'INTROSPECTION_DISABLED' },
  { name: '__type lookup by an API token', query: `{ __type(name: "Asset") { fields { name } } }`, caller: 'token', expectedCode: 'INTROSPECTION_DISABLED' },
  { name: 'deep __type nesting', query: `{ __type(name: "Query") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }`, caller: 'staff', expectedCode: 'INTROSPECTION_TOO_DEEP' },
  { name: 'deep __schema nesting', query: `{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }`, caller: 'staff', expectedCode: 'INTROSPECTION_TOO_DEEP' },
  { name: 'deep interfaces and possibleTypes', query: `{ __schema { types { interfaces { possibleTypes { interfaces { possibleTypes { interfaces { name } } } } } } } }`, caller: 'staff', expectedCode: 'INTROSPECTION_TOO_DEEP' },
  { name: 'ofType chain past the depth limit', query: `{ __type(name: "Asset") { ${typeRefDepth(3)} fields { type { fields { type { fields { name } } } } } } }`, caller: 'staff', expectedCode: 'INTROSPECTION_TOO_DEEP' },
  { name: 'unknown field probing for suggestions', query: `{ entitie { name } }`, caller: 'anonymous', expectedCode: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'unknown field probing on a type', query: `{ entities(first: 1) { edges { node { passwor } } } }`, caller: 'member', expectedCode: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'unknown argument probing', query: `{ entities(firs: 1) { totalCount } }`, caller: 'token', expectedCode: 'GRAPHQL_VALIDATION_FAILED' },

  // Batching
  { name: 'batch of 10 operations', query: `{ __typename }`, caller: 'anonymous', expectedCode: 'BATCHING_NOT_ALLOWED', batch: 10 },
  { name: 'batch of 100 logins', query: `mutation { login(email: "admin@gea.local", password: "guess") { token } }`, caller: 'anonymous', expectedCode: 'BATCHING_NOT_ALLOWED', batch: 100 },
  { name: 'batch of two CSV exports', query: `{ assetsCsv }`, caller: 'staff', expectedCode: 'BATCHING_NOT_ALLOWED', batch: 2 },
];
