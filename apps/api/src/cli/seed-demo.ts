// npm run demo:seed -- <plugin key>
// Adds one installed plugin's demo data to an existing development database (DATABASE_URL or the
// embedded one): for a plugin installed after the first start, when the full demo seed no longer
// runs because the database is not empty. Never in production.
import { parseArgs } from 'node:util';
import { DemoSeedError, orderPlugins, PluginGraphError, seedPluginDemoData } from '@gea/core';
import { DatabaseStartupError, openDatabase, targetFromEnv } from '@gea/db';
import { assertFullyMigrated } from '@gea/db/migrations';
import { ConfigError, loadInstalledPlugins } from '../config.ts';

const NAME = 'demo:seed';
const USAGE = 'usage: npm run demo:seed -- <plugin key>';

class CliError extends Error {}

async function run(): Promise<number> {
  let positionals: string[];
  try {
    positionals = parseArgs({ allowPositionals: true, options: {} }).positionals;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  if (positionals.length !== 1) throw new CliError(USAGE);
  const key = positionals[0]!;
  if (process.env.NODE_ENV === 'production') throw new CliError('NODE_ENV is production: demo data never goes into a production database');

  const installed = orderPlugins(await loadInstalledPlugins());
  const db = await openDatabase(targetFromEnv());
  try {
    await assertFullyMigrated(db);
    await seedPluginDemoData(db.prisma, installed, key, { log: (line) => console.log(`${NAME}: ${line}`) });
    console.log(`${NAME}: seeded the demo data of ${key} into ${db.describe()}`);
    return 0;
  } finally {
    await db.close();
  }
}

let code: number;
try {
  code = await run();
} catch (error) {
  const known = [CliError, DemoSeedError, DatabaseStartupError, ConfigError, PluginGraphError].some((kind) => error instanceof kind);
  if (known) console.error(`${NAME}: ${(error as Error).message}`);
  else console.error(`${NAME}:`, error);
  code = 1;
}
// Explicitly: the WASM engine and database drivers may keep timers alive, and nothing is left to do.
process.exit(code);
