// npm run db:restore -- <file> [--force]
// Restores a backup of npm run db:backup into DATABASE_URL (PostgreSQL) or GEA_DATA_DIR (embedded).
// Refuses a target that holds data unless --force, and a backup whose migrations this code does not
// have; the target ends up either unchanged or fully restored.
import { BackupError, restoreDatabase } from '../backup.ts';
import { DatabaseStartupError } from '../errors.ts';
import { describeTarget, resolveUserPath, targetFromEnv } from '../target.ts';

const args = process.argv.slice(2);
const force = args.includes('--force');
const files = args.filter((arg) => arg !== '--force');
if (files.length !== 1 || files[0]!.startsWith('-')) {
  console.error('usage: npm run db:restore -- <file> [--force]   (DATABASE_URL: PostgreSQL; unset: the embedded database in GEA_DATA_DIR)');
  process.exit(2);
}
try {
  const target = targetFromEnv();
  const file = resolveUserPath(files[0]!);
  const status = await restoreDatabase(target, file, { force, log: (line) => console.log(`db:restore: ${line}`) });
  console.log(`db:restore: ${file} -> ${describeTarget(target)} (${status.applied.length} migration(s) in the backup)`);
} catch (error) {
  const known = error instanceof BackupError || error instanceof DatabaseStartupError;
  console.error(`db:restore: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}`);
  process.exit(1);
}
process.exit(0);
