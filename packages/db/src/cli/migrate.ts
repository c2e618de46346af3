// npm run db:migrate
// Applies pending migrations to DATABASE_URL (PostgreSQL) or, when unset, to the embedded
// PGlite data folder (GEA_DATA_DIR, default ./.gea/data).
import { openDatabase } from '../client.ts';
import { DatabaseStartupError } from '../errors.ts';
import { applyMigrations } from '../migrations.ts';
import { targetFromEnv } from '../target.ts';

try {
  const db = await openDatabase(targetFromEnv());
  try {
    const applied = await applyMigrations(db);
    console.log(
      applied.length === 0
        ? `${db.describe()}: already up to date.`
        : `${db.describe()}: applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`,
    );
  } finally {
    await db.close();
  }
} catch (error) {
  console.error(`db:migrate: ${error instanceof DatabaseStartupError ? error.message : String(error)}`);
  process.exit(1);
}
// The WASM engine keeps a timer alive for a while after it is freed; nothing is left to do.
process.exit(0);
