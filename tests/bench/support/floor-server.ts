// The floor of tests/bench/read-path-vs-postgraphile.ts: a bare node:http server that answers each of
// the benchmark's operations with ONE hand-written SQL statement, which builds the whole GraphQL
// response (GEA's shape: global ids, field names, connections) in PostgreSQL with json_agg over
// records and LATERAL joins; the body is PostgreSQL's JSON text, untouched. No GraphQL parsing: the
// operation is picked by its operationName. Body scoping as GEA applies it for an ICT office head
// (every body, modules enabled) is kept as SQL predicates, so the floor does the work GEA must do.
//
//   tsx tests/bench/support/floor-server.ts   with DATABASE_URL, PORT, BENCH_PG_POOL_SIZE (10, like GEA_DB_POOL_SIZE)
// Prints "floor: http://127.0.0.1:<port>/graphql" when it listens.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';

/** A Relay global id as GEA writes it: base64 of "<Type>:<uuid>". */
const globalId = (type: string, column: string) => `encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64')`;

/**
 * A JSON object from a record, its columns' names as keys: `fields` is a select list ("a.model,
 * a.id as id"). PostgreSQL turns records into JSON several times faster than it runs json_build_object.
 */
const object = (fields: string) => `(select o from (select ${fields}) o)`;

/** Today as GEA's today() reads it: the UTC calendar day. */
const TODAY = `(now() at time zone 'utc')::date`;

/** The module switches of body `b` that GEA's scopes look at. */
const MODULES = `select
    exists(select 1 from "ModuleEnablement" m where m."entityId" = b.id and m."moduleKey" = 'inventory' and m.enabled) as inventory,
    exists(select 1 from "ModuleEnablement" m where m."entityId" = b.id and m."moduleKey" = 'procurement' and m.enabled) as procurement`;

/** The MAINTENANCE contract in force today covering asset `a`, the one ending last (Asset.maintenanceContract). */
const MAINTENANCE_CONTRACT = `select ${object(
  `${globalId('Contract', 'c.id')} as id, c.cig, c."endsOn", ${object(`${globalId('Supplier', 's.id')} as id, s.name`)} as supplier`,
)} as contract
    from "ContractAsset" ca
    join "Contract" c on c.id = ca."contractId"
    join "Supplier" s on s.id = c."supplierId"
    where ca."assetId" = a.id and c.kind = 'MAINTENANCE' and c."startsOn" <= ${TODAY} and c."endsOn" >= ${TODAY}
    order by c."endsOn" desc
    limit 1`;

/**
 * A page of bodies `b` (by name, then id) with a page of each one's assets `a` (by id) and their
 * contracts, as { data: { entities: { edges: [{ node }] } } }.
 */
function bodiesWithAssets(options: { bodies: string; bodyFields: string; assets: number; assetColumns: string; assetFields: string }): string {
  return `select json_build_object('data', json_build_object('entities', json_build_object('edges',
      coalesce(json_agg(edge order by b.name, b.id), '[]'::json))))::text
    from (${options.bodies}) b
    cross join lateral (${MODULES}) modules
    left join lateral (
      select json_agg(asset_edge order by a.id) as edges
      from (select ${options.assetColumns} from "Asset" where "entityId" = b.id order by id limit ${options.assets}) a
      left join lateral (${MAINTENANCE_CONTRACT}) mc on true
      cross join lateral (select ${object(
        `${globalId('Asset', 'a.id')} as id, ${options.assetFields}, case when modules.procurement then mc.contract end as "maintenanceContract"`,
      )} as node) asset_edge
    ) assets on modules.inventory
    cross join lateral (select ${object(
      `${globalId('Entity', 'b.id')} as id, ${options.bodyFields},
       case when modules.inventory then ${object(`coalesce(assets.edges, '[]'::json) as edges`)} end as assets`,
    )} as node) edge`;
}

interface Statement {
  text: string;
  values: (variables: Record<string, unknown>) => unknown[];
}

const statements: Record<string, Statement> = {
  // Q1: entities(first: 20) { ... assets(first: 50) { ... maintenanceContract { ... supplier } } }
  Q1: {
    text: bodiesWithAssets({
      bodies: `select id, name, "istatCode" from "Entity" order by name, id limit 20`,
      bodyFields: `b.name, b."istatCode"`,
      assets: 50,
      assetColumns: `id, kind, model, "serialNumber", "warrantyEnd"`,
      assetFields: `a.kind, a.model, a."serialNumber", a."warrantyEnd"`,
    }),
    values: () => [],
  },
  // Q2: entities(first: 5, after: <the body before>) with all (first: 1000) their assets. $1: that body's uuid.
  Q2: {
    text: bodiesWithAssets({
      bodies: `select id, name from "Entity"
        where $1::uuid is null or (name, id) > (select name, id from "Entity" where id = $1::uuid)
        order by name, id limit 5`,
      bodyFields: `b.name`,
      assets: 1000,
      assetColumns: `id, kind, model, "serialNumber", "inventoryTag", "purchaseDate", "priceCents", "warrantyEnd"`,
      assetFields: `a.kind, a.model, a."serialNumber", a."inventoryTag", a."purchaseDate", a."priceCents", a."warrantyEnd"`,
    }),
    values: (variables) => [variables.after ?? null],
  },
  // Q3: assets(first: 50, filter: { kind: [DESKTOP_PC], status: [IN_SERVICE] }, sort: { field: WARRANTY_END }) with the body's name.
  Q3: {
    text: `select json_build_object('data', json_build_object('assets', json_build_object('edges',
        coalesce(json_agg(edge order by a."warrantyEnd" asc nulls last, a.id), '[]'::json))))::text
      from (
        select a.id, a."entityId", a."inventoryTag", a.model, a."warrantyEnd" from "Asset" a
        where a.kind = 'DESKTOP_PC' and a.status = 'IN_SERVICE'
          and exists(select 1 from "ModuleEnablement" m where m."entityId" = a."entityId" and m."moduleKey" = 'inventory' and m.enabled)
        order by a."warrantyEnd" asc nulls last, a.id
        limit 50
      ) a
      join "Entity" e on e.id = a."entityId"
      cross join lateral (select ${object(
        `${globalId('Asset', 'a.id')} as id, a."inventoryTag", a.model, a."warrantyEnd", ${object('e.name')} as entity`,
      )} as node) edge`,
    values: () => [],
  },
  // Q4: personalComputersInService(at: $1) { entityId count }: from the per-body totals the status
  // history's triggers keep (past years, then the days of the date's year; on 31 December the
  // yearly totals alone, the same rule as GEA's), every readable body by name.
  Q4: {
    text: `select json_build_object('data', json_build_object('personalComputersInService',
        coalesce(json_agg(body_count order by e.name, e.id), '[]'::json)))::text
      from "Entity" e
      join "ModuleEnablement" m on m."entityId" = e.id and m."moduleKey" = 'inventory' and m.enabled
      left join (
        select "entityId", sum(n)::int as n from (
          select "entityId", delta as n from "PcServiceYear"
          where year < extract(year from $1::date)::int
            or (year = extract(year from $1::date)::int and to_char($1::date, 'MM-DD') = '12-31')
          union all
          select "entityId", delta from "PcServiceDelta"
          where to_char($1::date, 'MM-DD') <> '12-31' and day >= make_date(extract(year from $1::date)::int, 1, 1) and day <= $1::date
        ) changes group by "entityId"
      ) pcs on pcs."entityId" = e.id
      cross join lateral (select ${globalId('Entity', 'e.id')} as "entityId", coalesce(pcs.n, 0) as count) body_count`,
    values: (variables) => [variables.at],
  },
};

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  console.error('floor-server: set DATABASE_URL');
  process.exit(1);
}
// Connections kept open like the other servers' pools, so that no request pays for a new one.
const pool = new pg.Pool({ connectionString, max: Number(process.env.BENCH_PG_POOL_SIZE ?? 10), idleTimeoutMillis: 0 });

function reply(response: ServerResponse, status: number, body: string) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/graphql') return reply(response, 404, '{"errors":[{"message":"POST /graphql"}]}');
  void (async () => {
    try {
      const { operationName, variables } = JSON.parse(await readBody(request)) as { operationName?: string; variables?: Record<string, unknown> };
      const statement = operationName ? statements[operationName] : undefined;
      if (!statement) return reply(response, 400, JSON.stringify({ errors: [{ message: `unknown operation ${operationName}` }] }));
      // A named statement: planned once per connection, as a compiled read path would prepare it.
      const result = await pool.query<[string]>({ name: operationName, text: statement.text, values: statement.values(variables ?? {}), rowMode: 'array' });
      reply(response, 200, result.rows[0]![0]);
    } catch (error) {
      reply(response, 500, JSON.stringify({ errors: [{ message: (error as Error).message }] }));
    }
  })();
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`floor: http://127.0.0.1:${typeof address === 'object' && address ? address.port : process.env.PORT}/graphql`);
});

const stop = () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
