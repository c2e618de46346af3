// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), driven through the
// same driver adapter as the client. The Prisma CLI would download a native engine binary first,
// which offline networks (these machines, many public-sector ones) cannot do.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaContainer, SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

// The wasm-bindgen glue module (schema_engine_bg.js) holds one WASM instance for the whole process.
// Instantiating it again (another copy of this module, as test runners make) would swap the
// instance under a running engine, so the instance and the queue below live on globalThis.
interface EngineState {
  loading?: Promise<typeof bindings>;
  queue: Promise<void>;
}
const state: EngineState = ((globalThis as Record<symbol, EngineState>)[Symbol.for('gea.schemaEngine')] ??= {
  queue: Promise.resolve(),
});

/**
 * The package's ESM entry imports the .wasm file directly, which Node 20 only allows behind
 * --experimental-wasm-modules; instantiating it here works on every Node version and in vitest.
 */
function loadBindings(): Promise<typeof bindings> {
  state.loading ??= (async () => {
    const jsPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(jsPath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bindings;
  })();
  return state.loading;
}

export type EngineLog = (message: string) => void;

export async function createSchemaEngine(
  schemaFiles: SchemaContainer[],
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: EngineLog = () => {},
): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadBindings();
  return SchemaEngine.new(
    { datamodels: schemaFiles.map((file) => [file.path, file.content]) },
    (message: string) => log(message),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}

/**
 * Runs fn with a fresh engine, then frees it and closes every connection it opened: the engine
 * does not dispose its adapters, and a PostgreSQL pool left open would keep the process alive and
 * block `CREATE DATABASE ... TEMPLATE` in tests.
 */
export function withSchemaEngine<T>(
  schemaFiles: SchemaContainer[],
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  // One WASM instance serves the whole process, and two engines interleaving their async calls
  // into it corrupt its memory (seen as invalid UTF-8 panics): run them one at a time.
  const run = state.queue.then(() => runEngine(schemaFiles, adapterFactory, fn));
  state.queue = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

async function runEngine<T>(
  schemaFiles: SchemaContainer[],
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const opened: SqlDriverAdapter[] = [];
  const track = async (adapter: Promise<SqlDriverAdapter>) => {
    const connected = await adapter;
    opened.push(connected);
    return sendsWholeScripts(connected);
  };
  const trackingFactory: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: () => track(adapterFactory.connect()),
    connectToShadowDb: () => track(adapterFactory.connectToShadowDb()),
  };
  const engine = await createSchemaEngine(schemaFiles, trackingFactory);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}

/**
 * @prisma/adapter-pg runs a script by splitting it on every ";", which breaks any migration with a
 * function or trigger body (and any string holding a semicolon). PostgreSQL's simple query protocol
 * takes the whole script in one round trip, as one implicit transaction: send it like that.
 */
function sendsWholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const driver = (adapter as { underlyingDriver?: () => unknown }).underlyingDriver?.();
  if (!(driver instanceof pg.Pool)) return adapter;
  const toDriverError = (error: unknown): never => (adapter as unknown as { onError(e: unknown): never }).onError(error);
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === 'executeScript') {
        return async (script: string) => {
          await driver.query(script).catch(toDriverError);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
