// npm run db:backup -- <file>
// Backs up DATABASE_URL (pg_dump, custom format) or the embedded database in GEA_DATA_DIR (a
// consistent snapshot, from the running server when one holds it).
import { BackupError, backupDatabase } from '../backup.ts';
import { DatabaseStartupError } from '../errors.ts';
import { describeTarget, resolveUserPath, targetFromEnv } from '../target.ts';

const [given, ...extra] = process.argv.slice(2);
if (!given || given.startsWith('-') || extra.length > 0) {
  console.error('usage: npm run db:backup -- <file>   (DATABASE_URL: PostgreSQL; unset: the embedded database in GEA_DATA_DIR)');
  process.exit(2);
}
try {
  const target = targetFromEnv();
  const outcome = await backupDatabase(target, resolveUserPath(given));
  console.log(`db:backup: ${describeTarget(target)} -> ${outcome.file} (${outcome.bytes} bytes, ${outcome.via})`);
} catch (error) {
  const known = error instanceof BackupError || error instanceof DatabaseStartupError;
  console.error(`db:backup: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}`);
  process.exit(1);
}
process.exit(0);
